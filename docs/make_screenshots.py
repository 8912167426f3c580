"""Regenerate the README's screenshots and PDF page images from a fresh demo workspace.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py   (pdftoppm from poppler-utils for pages)
     add ``pages`` to regenerate only the PDD and monitoring-report page images,
     ``forms`` only the page images of the solar thermal plant's forms and records (zh, en),
     ``wizards`` only the wizards' pages (zh, en); WORKBENCH_SCREENSHOTS=folder writes the screenshots there instead
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKBENCH_TODAY", "2026-02-01")
HERE = Path(__file__).parent
SHOTS = Path(os.environ.get("WORKBENCH_SCREENSHOTS", HERE / "screenshots"))  # elsewhere to look before replacing them

from PySide6.QtWidgets import QApplication  # noqa: E402

from workbench.services.documents import documents  # noqa: E402
from workbench.services.support.context import Actor  # noqa: E402
from workbench.services.demo.demo import create_demo  # noqa: E402
from workbench.store.workspace import open_workspace  # noqa: E402
from workbench.ui.i18n import Language  # noqa: E402
from workbench.ui.main_window import MainWindow  # noqa: E402

PAGES = {"OverviewPage": "overview", "PartiesPage": "parties", "MethodologyPage": "methodology", "PddPage": "pdd", "MonitoringPage": "monitoring",
         "ValidationPage": "validation", "LedgerPage": "ledger", "DocumentsPage": "documents", "EvidencePage": "evidence", "RisksPage": "risks",
         "CalendarPage": "calendar", "BoundaryPage": "boundary", "ReferencePage": "reference"}
PROJECT = {"BoundaryPage": "GX-AR-01", "MonitoringPage": "VN-CSP-01", "ValidationPage": "VN-CSP-01", "LedgerPage": "VN-CSP-01",
           "EvidencePage": "VN-CSP-01"}
"""Pages shown on the afforestation demo or the solar thermal plant taken through the whole path; the others on the
offshore wind farm at design."""


def settle(app) -> None:
    """Let the window lay itself out before it is grabbed: wrapped text takes its height over several turns of the
    event loop, and a grab after one turn showed lines drawn over each other that no user sees."""
    end = time.monotonic() + 0.1
    while time.monotonic() < end:
        app.processEvents()


def main() -> int:
    if sys.argv[1:] in (["pages"], ["forms"]):
        with tempfile.TemporaryDirectory() as tmp:
            ws = open_workspace(Path(tmp) / "demo.sqlite")
            create_demo(ws, Actor("demo", date(2026, 2, 1)))
            (pdd_pages if sys.argv[1] == "pages" else form_pages)(ws, Path(tmp))
            ws.close()
        return 0
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "demo.sqlite")
        create_demo(ws, Actor("demo", date(2026, 2, 1)))
        if sys.argv[1:] == ["wizards"]:
            wizard_shots(app, ws, Path(tmp))
            ws.close()
            return 0
        for lang in ("en", "zh"):
            window = MainWindow(ws, Language(lang))
            window.resize(1440, 900)
            window.show()
            for cls, name in PAGES.items():
                window.select_project(PROJECT.get(cls, "VN-OFW-01"))
                window.tabs.setCurrentWidget(window.page(cls))
                settle(app)
                if cls == "BoundaryPage":  # the two compartments lie 60 km apart: show the first up close
                    window.page(cls).parcels.selectRow(0)
                    settle(app)
                window.grab().save(str(SHOTS / f"{name}-{lang}.png"))
            window.close()
        wizard_shots(app, ws, Path(tmp))
        merge_dialog(app, ws, Path(tmp))
        pdd_pages(ws, Path(tmp))
        form_pages(ws, Path(tmp))
        ws.close()
    return 0


def wizard_shots(app, ws, folder: Path) -> None:
    """Each wizard's pages, filled as a user would, in both languages: wizard-<name>-<page>-<lang>.png."""
    from workbench.ui.wizards import open_wizard

    awaiting_issuance = verified_not_issued(folder)
    for lang in ("en", "zh"):
        window = MainWindow(ws, Language(lang))
        window.resize(1440, 900)
        window.show()

        def shoot(wizard, name: str, fill) -> None:
            for number, page_id in enumerate(wizard.pageIds(), 1):
                fill(wizard, number)
                settle(app)
                wizard.grab().save(str(SHOTS / f"wizard-{name}-{number}-{lang}.png"))
                if number < len(wizard.pageIds()):
                    wizard.next()
            wizard.reject()

        def new_project(w, number: int) -> None:
            if number == 1:
                w.basics.form.set(code="MA-CSP-01", title_en="Midelt 100 MW CSP plant", title_zh="摩洛哥米德勒特100兆瓦光热电站", programme="bri")
                w.basics.form.set(host_country="MA", sector="energy", agreement_name="中摩一带一路自愿减排合作协议")
            elif number == 2:
                w.parties.form.set(name_en="Huaxia Solar Thermal Energy Co., Ltd.", name_zh="华夏光热能源有限公司", role="project_owner",
                                   nationality="chinese", country="CN")
                w.parties.form.submit()
            elif number == 3:
                w.dates.form.set(methodology_id="CCER-01-001-V01", construction_start="2024-03-01", operation_start="2026-01-01",
                                 crediting_start="2026-01-01", crediting_end="2035-12-31")
            else:
                w.sites.form.set(name="米德勒特集热场", latitude="32.680412", longitude="-4.739820", area_ha="1400")
                w.sites.form.submit()

        def engagement(w, number: int) -> None:
            if number == 1:
                w.vvb.form.set(vvb="new", name_en="China Quality Certification Centre", name_zh="中国质量认证中心", scopes="energy")
            else:
                w.terms.form.set(team="王芳, 李强")

        window.select_project("VN-OFW-01")
        shoot(open_wizard(window.ctx, "new_project"), "new-project", new_project)
        shoot(open_wizard(window.ctx, "engagement"), "engagement", engagement)
        window.select_project("VN-CSP-01")
        shoot(open_wizard(window.ctx, "period"), "period", lambda w, n: None)
        window.close()
        # the issuance wizard where it is opened for real: a period verified and its issuance not yet decided
        verified = MainWindow(awaiting_issuance, Language(lang))
        verified.resize(1440, 900)
        verified.show()
        verified.select_project("VN-CSP-01")
        shoot(open_wizard(verified.ctx, "issuance"), "issuance", issuance)
        verified.close()
    awaiting_issuance.close()


def verified_not_issued(folder: Path):
    """A workspace whose solar thermal plant has its 2025 period verified and its issuance applied for, not decided."""
    from workbench.services.demo import whole_path
    from workbench.services.demo.projects import create_demo_projects

    ws = open_workspace(folder / "awaiting-issuance.sqlite")
    actor = Actor("demo", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    for step in (whole_path.set_up, whole_path.validate_and_register, whole_path.monitor, whole_path.verify):
        step(ws, actor)
    return ws


def issuance(wizard, number: int) -> None:
    if number == 1:
        wizard.period.form.set(period="1")
    else:
        wizard.decision.form.set(decision_on="2026-03-20", decision_ref="JC-2026-014")


def pdd_pages(ws, tmp: Path) -> None:
    """The wind farm's PDD in each language (with a description a consultant would write), the forest's PDD in Chinese,
    the solar thermal plant's monitoring report in Chinese and English, and the mangrove project's PDD and monitoring
    report in Chinese and English, every page as PNG."""
    from workbench.services.methodology import methodology

    actor = Actor("demo", date(2026, 2, 1))
    for key, value in (("text.description.zh", DESCRIPTION_ZH), ("text.description.en", DESCRIPTION_EN)):
        methodology.set_parameter(ws, actor, "VN-OFW-01", key, value)
    (HERE / "images").mkdir(exist_ok=True)
    for old in [*(HERE / "images").glob("pdd-*.png"), *(HERE / "images").glob("monitoring-report-*.png")]:
        old.unlink()  # page counts change: no stale page stays behind
    for kind, code, lang, name in [*(("pdd", "VN-OFW-01", lang, f"pdd-{lang}") for lang in ("zh", "en", "bilingual")),
                                   ("pdd", "GX-AR-01", "zh", "pdd-forest-zh"), ("monitoring-report", "VN-CSP-01", "zh", "monitoring-report-zh"),
                                   ("monitoring-report", "VN-CSP-01", "en", "monitoring-report-en"),
                                   *(("pdd", "GD-MG-01", lang, f"pdd-mangrove-{lang}") for lang in ("zh", "en")),
                                   *(("monitoring-report", "GD-MG-01", lang, f"monitoring-report-mangrove-{lang}") for lang in ("zh", "en"))]:
        pdf = tmp / f"{name}.pdf"
        documents.render(ws, kind, code, lang, pdf, date(2026, 2, 1), ref=1 if kind == "monitoring-report" else None)
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(HERE / "images" / name)], check=True)


FORMS = ("validation-package", "registration-application", "verification-package", "issuance-application", "allocation-statement",
         "retirement-certificate", "risk-register")


def form_pages(ws, tmp: Path) -> None:
    """Every form and record of the solar thermal plant taken through the whole path (VN-CSP-01), in zh and en."""
    from workbench.services.issuance import ledger

    retired = next(line.block for line in ledger.ledger(ws, "VN-CSP-01") if line.status == "retired")
    refs = {"verification-package": 1, "issuance-application": 1, "retirement-certificate": retired}
    for kind in FORMS:
        for lang in ("zh", "en"):
            for old in (HERE / "images").glob(f"{kind}-{lang}-*.png"):
                old.unlink()
            pdf = tmp / f"{kind}-{lang}.pdf"
            complete = not documents.check(ws, kind, "VN-CSP-01", date(2026, 5, 4), refs.get(kind))
            documents.render(ws, kind, "VN-CSP-01", lang, pdf, date(2026, 5, 4), ref=refs.get(kind), final=complete)
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(HERE / "images" / f"{kind}-{lang}")], check=True)


DESCRIPTION_ZH = ("越南平顺400兆瓦海上风电项目位于平顺省以东海域，场址中心离岸约35公里，水深31.5至33.0米，共安装64台单机容量6.25兆瓦的"
                  "风电机组，总装机容量400兆瓦，配套建设一座220千伏海上升压站和一座陆上集控中心（含运维码头）。机组序列号为"
                  "VN-OFW-01-WTG-2025-000001至VN-OFW-01-WTG-2025-000064。\n\n项目预计年上网电量1,331,520兆瓦时，替代越南国家电网中以燃煤为主的"
                  "发电，年均减排量约877,737吨二氧化碳当量（tCO2e）。项目业主为华夏海上能源有限公司（Huaxia Offshore Energy Co., Ltd.），"
                  "技术咨询方为「中国电建华东勘测设计研究院」。")
DESCRIPTION_EN = ("The Binh Thuan offshore wind farm lies east of Binh Thuan province, about 35 km from the shore in 31.5 to 33.0 m of "
                  "water. Sixty-four 6.25 MW turbines (serial numbers VN-OFW-01-WTG-2025-000001 to VN-OFW-01-WTG-2025-000064), 400 MW "
                  "in all, feed a 220 kV offshore substation and an onshore control centre.\n\nThe farm is expected to deliver "
                  "1,331,520 MWh a year to the Viet Nam national grid, displacing mostly coal-fired generation: about 877,737 tCO2e "
                  "a year. The project owner is Huaxia Offshore Energy Co., Ltd.")


def merge_dialog(app: QApplication, ws, tmp: Path) -> None:
    """The package import dialog after the owner and a consultant both edited the wind farm."""
    from workbench.services.monitoring import meters
    from workbench.services.sharing import packages
    from workbench.services.projects import parties, projects
    from workbench.ui.package_dialog import PackageDialog

    owner, consultant = Actor("wang.owner", date(2026, 2, 1)), Actor("li.consultant", date(2026, 2, 1))
    sent = packages.export_package(ws, owner, "VN-OFW-01", tmp / "sent.ccerpkg")
    other = open_workspace(tmp / "consultant.sqlite")
    packages.import_package(other, consultant, sent)
    projects.update_project(ws, owner, "VN-OFW-01", {"title_zh": "越南平顺400兆瓦海上风电项目"})
    parties.add_site(ws, owner, "VN-OFW-01", {"name": "Onshore substation", "latitude": "11.012345", "longitude": "108.512345"})
    projects.update_project(other, consultant, "VN-OFW-01", {"title_en": "Binh Thuan 400 MW Offshore Wind Farm"})
    meters.add_meter(other, consultant, "VN-OFW-01", {"serial": "CHK-9", "role": "export", "accuracy_class": "0.5"})
    back = packages.export_package(other, consultant, "VN-OFW-01", tmp / "back.ccerpkg")
    other.close()
    _, report = packages.import_package(ws, owner, back, dry_run=True)
    for lang in ("en", "zh"):
        dialog = PackageDialog(Language(lang), report.project, report.differences)
        dialog.show()
        settle(app)
        dialog.grab().save(str(SHOTS / f"package-merge-{lang}.png"))
        dialog.close()


if __name__ == "__main__":
    sys.exit(main())
