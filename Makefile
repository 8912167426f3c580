# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench fonts qtlibs postgres catalogue clean-venv

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# The message catalogues: workbench/locale/*/LC_MESSAGES/workbench.po compiled to .mo, and a .qm for Qt (git-ignored).
catalogue: $(STAMP)
	$(PY) -m workbench.locale.build compile

# A TrueType CJK font for PDFs and the GUI (ReportLab embeds TrueType outlines only); poppler-utils to read PDFs back.
fonts:
	@if [ "$$(uname -s)" = "Linux" ] && ! ls /usr/share/fonts/truetype/wqy/wqy-microhei.ttc >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
			echo "installing fonts-wqy-microhei (TrueType CJK font for PDFs)"; \
			(apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 || \
			 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1)) || \
			echo "could not install fonts-wqy-microhei; set a CJK TrueType font in Settings or WORKBENCH_CJK_FONT"; \
		elif command -v apt-get >/dev/null 2>&1; then \
			echo "no CJK TrueType font found: run 'sudo apt-get install fonts-wqy-microhei' or set WORKBENCH_CJK_FONT"; \
		fi; \
	fi
	@if [ "$$(uname -s)" = "Linux" ] && ! command -v pdftotext >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
			echo "installing poppler-utils (pdftotext/pdftoppm: the document tests read PDFs back, docs/images)"; \
			(apt-get install -y -qq poppler-utils >/dev/null 2>&1 || \
			 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq poppler-utils >/dev/null 2>&1)) || \
			echo "could not install poppler-utils: the document tests that read lines back with pdftotext will fail"; \
		elif command -v apt-get >/dev/null 2>&1; then \
			echo "no pdftotext found: run 'sudo apt-get install poppler-utils'"; \
		fi; \
	fi

# The system libraries Qt's window plugin (xcb) loads on an X11 desktop; the tests run offscreen without them.
qtlibs: $(STAMP)
	@sh tools/qt_system_libs.sh $(PY)

# The PostgreSQL server the team-mode tests start a throw-away cluster of (loopback only, deleted afterwards).
postgres:
	@if [ "$$(uname -s)" = "Linux" ] && ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
			echo "installing postgresql (server for the team-mode tests)"; \
			(apt-get install -y -qq postgresql >/dev/null 2>&1 || \
			 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql >/dev/null 2>&1)) || \
			echo "could not install postgresql: the team-mode tests will be SKIPPED"; \
		else \
			echo "no PostgreSQL server found: the team-mode tests will be SKIPPED ('sudo apt-get install postgresql')"; \
		fi; \
	fi

run: $(STAMP) fonts qtlibs catalogue
	$(VENV)/bin/workbench-gui --demo

test: $(STAMP) fonts postgres catalogue
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

bench: $(STAMP) fonts catalogue
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

clean-venv:
	rm -rf $(VENV)
