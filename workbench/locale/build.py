"""Compile and check the message catalogues with Babel: ``python -m workbench.locale.build compile|check|add``.

``compile`` writes each ``workbench.po`` to ``workbench.mo`` beside it (git-ignored, shipped as package data), and the
Chinese texts of Qt's own strings that Qt's catalogue lacks (``QT_GAPS``) to ``workbench_qt.qm`` with PySide6's
``lrelease``, for a plain QTranslator (no Python asked for every Qt string);
``check`` lists ids missing a Chinese or English text and ids the code uses that no catalogue has;
``add ID EN ZH`` adds or replaces one message in both catalogues.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from workbench.domain import catalogue

ROOT = Path(__file__).resolve().parents[2]
# Calls whose first argument is a message id (Babel keyword specs).
KEYWORDS = {"Text": (1,), "UserError": (1,), "NotFound": (1,), "render": (1,), "lang": (1,), "L": (1,), "t": (1,), "Reason": (2,)}
SOURCES = ("workbench", "methodologies")
# Qt's own strings that the PySide6 wheel's qtbase_zh_CN.qm lacks (the file dialog's labels gained a shortcut since
# it was translated): (Qt's context, Qt's source text) → our message id.
QT_GAPS = {("QFileDialog", "&Look in:"): "qt.file_dialog.look_in",
           ("QFileDialog", "Files of &type:"): "qt.file_dialog.files_of_type"}


def read(lang: str) -> Catalog:
    po, _ = catalogue.catalogue_paths(lang)
    with po.open("rb") as handle:
        return read_po(handle, locale=catalogue.LOCALES[lang], domain=catalogue.DOMAIN)


def write(lang: str, messages: Catalog) -> None:
    po, _ = catalogue.catalogue_paths(lang)
    with po.open("wb") as handle:
        write_po(handle, messages, width=0, sort_output=True, omit_header=False)


def compile_catalogues(force: bool = False) -> list[Path]:
    """Write every stale or missing ``.mo``; returns the files written."""
    written = []
    for lang in catalogue.LOCALES:
        po, mo = catalogue.catalogue_paths(lang)
        if force or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            messages = read(lang)
            with mo.open("wb") as handle:
                write_mo(handle, messages, use_fuzzy=False)
            written.append(mo)
    catalogue.reload()
    qm = catalogue.qt_catalogue_path()
    if force or not qm.exists() or qm.stat().st_mtime < catalogue.catalogue_paths("zh")[0].stat().st_mtime:
        compile_qt_gaps(qm)
        written.append(qm)
    return written


def compile_qt_gaps(qm: Path) -> None:
    """Write ``QT_GAPS`` in Chinese as Qt Linguist source and compile it to ``qm`` with PySide6's lrelease."""
    by_context: dict[str, list[str]] = {}
    for (context, source), message_id in sorted(QT_GAPS.items()):
        by_context.setdefault(context, []).append(
            f"<message><source>{escape(source)}</source><translation>{escape(catalogue.render(message_id, 'zh'))}</translation></message>")
    body = "".join(f"<context><name>{escape(c)}</name>{''.join(m)}</context>" for c, m in by_context.items())
    with tempfile.TemporaryDirectory() as folder:
        ts = Path(folder) / "gaps.ts"
        ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">{body}</TS>\n',
                      encoding="utf-8")
        # the wheel's lrelease through PySide6's own launcher: found wherever PySide6 is installed, on any platform
        lrelease = "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())"
        subprocess.run([sys.executable, "-c", lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)


def used_ids() -> set[str]:
    """Message ids written as literals in the code (first argument of the catalogue calls)."""
    with contextlib.redirect_stderr(io.StringIO()):  # Babel notes every f-string it meets; ours are not for gettext
        return _extract()


def _extract() -> set[str]:
    ids: set[str] = set()
    for source in SOURCES:
        for _, _, message, _, _ in extract_from_dir(ROOT / source, method_map=[("**.py", "python")], keywords=KEYWORDS,
                                                     comment_tags=(), strip_comment_tags=True):
            if isinstance(message, str):
                ids.add(message)
    return ids


def problems() -> list[str]:
    """Everything wrong with the catalogues: texts missing in a language, fuzzy texts, unknown ids in the code, and an
    entry holding two texts (what git's union merge of two branches that changed one entry leaves; Babel keeps the
    last silently)."""
    found = doubled_texts()
    catalogues = {lang: read(lang) for lang in catalogue.LOCALES}
    texts = {lang: {m.id: m for m in c if m.id} for lang, c in catalogues.items()}
    every = set().union(*texts.values())
    for message_id in sorted(every):
        for lang, known in texts.items():
            entry = known.get(message_id)
            if entry is None or not entry.string:
                found.append(f"{message_id}: no {lang} text")
            elif entry.fuzzy:
                found.append(f"{message_id}: {lang} text is fuzzy")
    for message_id in sorted(used_ids() - every):
        if "." in message_id and " " not in message_id:
            found.append(f"{message_id}: used in the code, in no catalogue")
    return found


def doubled_texts() -> list[str]:
    """Entries of a ``.po`` file with more than one ``msgstr`` line after their ``msgid``."""
    found = []
    for lang in catalogue.LOCALES:
        po, _ = catalogue.catalogue_paths(lang)
        message_id, texts = None, 0
        for line in po.read_text(encoding="utf-8").splitlines():
            if line.startswith("msgid "):
                message_id, texts = line[7:-1], 0
            elif line.startswith("msgstr "):
                texts += 1
                if texts == 2:
                    found.append(f"{message_id}: two {lang} texts (a merge kept both; keep one)")
    return found


def add(entries: dict[str, tuple[str, str]]) -> None:
    """Add or replace messages: ``{id: (english, chinese)}``."""
    for index, lang in enumerate(("en", "zh")):
        messages = read(lang)
        for message_id, texts in entries.items():
            messages.delete(message_id)
            messages.add(message_id, texts[index])
        write(lang, messages)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "compile"
    if command == "compile":
        for mo in compile_catalogues(force="--force" in argv):
            print(f"compiled {mo.relative_to(ROOT)}")
        return 0
    if command == "check":
        found = problems()
        print("\n".join(found) or "catalogues complete")
        return 1 if found else 0
    if command == "add" and len(argv) == 4:
        add({argv[1]: (argv[2], argv[3])})
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
