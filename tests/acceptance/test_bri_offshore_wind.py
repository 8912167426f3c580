"""The one end-to-end acceptance path (CONTRACTS.md §7), through the CLI and through the GUI.

A BRI offshore-wind project in Viet Nam with a Chinese owner, a Vietnamese co-developer and a Swedish
third-party investor, from set-up to retirement. Every capability grows its step here.
"""

from __future__ import annotations

import pytest

from datetime import date, timedelta

from pypdf import PdfReader

from tests.cli_helpers import file_digest, run_cli
from tests.ui import wizard_steps
from tests.ui.progress_gate import held_at

CODE = "VN-ACC-01"


class Path:
    """Runs the scenario's commands against one workspace with the date pinned per step."""

    def __init__(self, capsys, monkeypatch, db):
        self.capsys, self.monkeypatch, self.db = capsys, monkeypatch, db

    def on(self, day: str) -> Path:
        self.monkeypatch.setenv("WORKBENCH_TODAY", day)
        return self

    def ok(self, *args):
        result = run_cli(self.capsys, *args, "--db", self.db, "--format", "json")
        assert result.code == 0, result.err
        return result.json()

    def refused(self, *args) -> str:
        result = run_cli(self.capsys, *args, "--db", self.db)
        assert result.code == 2, result.out
        assert "Traceback" not in result.err and result.err.count("\n") == 1
        return result.err


def set_up_project(path: Path) -> None:
    path.on("2025-01-06").ok(
        "project", "create", "--code", CODE, "--programme", "bri", "--host-country", "VN", "--sector", "energy",
        "--title-en", "Ke Ga Offshore Wind Farm Phase I", "--title-zh", "嘉嘎海上风电一期项目",
        "--methodology", "CCER-01-002", "--methodology-version", "V01",
        "--agreement", "China–Viet Nam BRI voluntary emission reduction cooperation agreement",
        "--construction-start", "2023-06-01", "--operation-start", "2025-01-01", "--lifetime", "25",
        "--crediting-start", "2025-01-01", "--crediting-end", "2034-12-31",
    )
    parties = [
        ("name_en=Huaxia Offshore Energy Co., Ltd.", "name_zh=华夏海上能源有限公司", "role=project_owner",
         "nationality=chinese", "country=CN", "participation_form=greenfield"),
        ("name_en=Ke Ga Wind Power JSC", "role=co_developer", "nationality=host", "country=VN"),
        ("name_en=Nordic Climate Investment AB", "role=investor", "nationality=third_party", "country=SE"),
    ]
    for fields in parties:
        path.ok("party", "add", CODE, *[a for f in fields for a in ("--set", f)])
    path.ok("site", "add", CODE, "--set", "name=WTG array", "--set", "latitude=10.712345", "--set", "longitude=108.521234",
            "--set", "distance_to_shore_km=35.2", "--set", "water_depth_m=31.5")


@pytest.fixture
def scenario(capsys, monkeypatch, tmp_path):
    return Path(capsys, monkeypatch, tmp_path / "acceptance.sqlite")


def readings(path, days: int = 365, bad_row: int | None = None):
    """Daily revenue-meter readings for 2025: 3,648 MWh exported and 0.3 MWh imported per day."""
    lines = ["meter,start,minutes,kwh"]
    for d in range(days):
        day = date(2025, 1, 1) + timedelta(days=d)
        lines.append(f"EXP-01,{day} 00:00,1440,{'3648000' if 2 + 2 * d != bad_row else 'n/a'}")
        lines.append(f"IMP-01,{day} 00:00,1440,300")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bri_offshore_wind_path_through_the_cli(scenario, tmp_path):
    set_up_project(scenario)
    shown = scenario.ok("project", "show", CODE)
    assert {p["nationality"] for p in shown["parties"]} == {"chinese", "host", "third_party"}
    for key, value in (("grid", "VN-National"), ("ex_ante_EG_MWh", "1331520"), ("decl.no_other_programme", "yes"),
                       ("decl.no_green_certificate", "yes"), ("evidence.grid_connection", "PPA EVN-2024-117"), ("text.description.en", "64 turbines of 6.25 MW, 35 km offshore"),
                       ("text.description.zh", "64台6.25兆瓦风机,离岸35公里"), ("text.environment.en", "EIA approved 2022"),
                       ("text.environment.zh", "2022年环评批复"), ("text.stakeholders.en", "No objections received"),
                       ("text.stakeholders.zh", "未收到反对意见")):
        scenario.ok("parameter", "set", CODE, key, value)

    # applicability: the chosen offshore-wind methodology passes the offshore condition
    (check,) = scenario.ok("methodology", "check", CODE, "--methodology", "CCER-01-002")
    assert check["chosen"] and [c["verdict"] for c in check["conditions"]] == ["pass", "pass", "pass"]

    # PDD in Chinese and English (drafts: the VVB is not engaged yet, so the draft marks it missing)
    for lang in ("zh", "en"):
        scenario.ok("document", "render", "pdd", CODE, "--lang", lang, "--out", tmp_path / f"pdd-{lang}.pdf")
    zh_text = "".join(p.extract_text() for p in PdfReader(tmp_path / "pdd-zh.pdf").pages)
    assert "嘉嘎海上风电一期项目" in zh_text and "\x00" not in zh_text

    # PDD published on Friday 2025-01-17. A BRI period counts days that are working days in both China and
    # Viet Nam: Jan 20-24 (5); Jan 26 is a Chinese make-up Sunday but a Vietnamese weekend; Jan 27 - Feb 4 is
    # Tet or Spring Festival in one country or the other; Feb 5-7 (8); Feb 8 is a Chinese make-up Saturday
    # only; Feb 10-14 (13), Feb 17-21 (18), Feb 24-25 (20): the period ends 2025-02-25.
    scenario.on("2025-01-17").ok("stage", "advance", CODE, "pdd_publicity", "--reason", "PDD v1.0 published")
    err = scenario.on("2025-02-25").refused("stage", "advance", CODE, "validation")
    assert "ends 2025-02-25" in err
    reasons = scenario.ok("project", "show", CODE)["next"]
    assert any("2025-02-25" in r["message"] and r["id"] for m in reasons for r in m["reasons"])

    # validation with a CAR raised and closed
    validator = scenario.ok("vvb", "add", "--set", "name_en=China Quality Certification Centre (demo)", "--set", "scopes=energy")["id"]
    verifier = scenario.ok("vvb", "add", "--set", "name_en=China Environmental United Certification Center (demo)")["id"]
    engagement = scenario.on("2025-02-20").ok("vvb", "engage", CODE, "--vvb", validator, "--kind", "validation", "--team", "Li Wei, Zhang Min")["id"]
    scenario.on("2025-02-26").ok("stage", "advance", CODE, "validation")
    car = scenario.ok("finding", "raise", engagement, "--type", "CAR", "--text", "Calibration certificate of the export meter missing")["id"]
    assert "CAR-1" in scenario.refused("vvb", "report-final", engagement)
    assert "CAR-1" in scenario.refused("stage", "advance", CODE, "registration_requested")
    scenario.on("2025-03-05").ok("finding", "respond", car, "--response", "Certificate JL-2025-0113 attached")
    scenario.ok("finding", "close", car)
    scenario.ok("vvb", "report-final", engagement)
    scenario.on("2025-03-10").ok("stage", "advance", CODE, "registration_requested")
    assert "registration decision is not recorded" in scenario.on("2025-03-28").refused("stage", "advance", CODE, "registered")
    agreement = "China–Viet Nam BRI voluntary emission reduction cooperation agreement"  # the joint body that registers it
    scenario.ok("agreement", "add", agreement, "--host-country", "VN", "--joint-body", "China–Viet Nam joint committee")
    scenario.ok("decision", "add", CODE, "--kind", "registration", "--on", "2025-03-28", "--ref", "JC decision 2025-07")
    scenario.ok("stage", "advance", CODE, "registered", "--evidence", "JC decision 2025-07")

    # monitoring data: one bad file refused whole, then the good file
    scenario.ok("meter", "add", CODE, "--set", "serial=EXP-01", "--set", "role=export", "--set", "accuracy_class=0.2",
                "--set", "calibrated_on=2025-01-03", "--set", "calibration_error=0.1")
    scenario.ok("meter", "add", CODE, "--set", "serial=IMP-01", "--set", "role=import", "--set", "accuracy_class=0.5")
    bad = readings(tmp_path / "bad.csv", bad_row=100)
    before = file_digest(scenario.db)
    assert "row 100, column kwh: 'n/a' is not a number" in scenario.refused("monitoring", "import", CODE, bad)
    assert file_digest(scenario.db) == before
    imported = scenario.on("2026-01-15").ok("monitoring", "import", CODE, readings(tmp_path / "good.csv"))
    assert imported["new"] == 730

    # accounting report for 2025 (§7.3.4 by span): export 365 × 3,648 MWh = 1,331,520 MWh; 2025-01-01..02 before its first
    # calibration (2025-01-03) → 2 × 3,648 × (1 − 0.002, class 0.2) loses 14.592 MWh; from 2025-01-03 on time and
    # within class (0.1 %) → no correction: 1,331,505.408 MWh; import 365 × 0.3 = 109.5 MWh, never calibrated → class
    # 0.5 → 110.0475; EG_PJ = 1,331,395.3605 MWh × 0.6592 (Viet Nam example factor) = 877,655.8216416 t → 877,655
    scenario.ok("period", "add", CODE, "--start", "2025-01-01", "--end", "2025-12-31")
    calculated = scenario.ok("period", "calculate", CODE, "1")
    assert (calculated["vintages"]["2025"]["reductions"], calculated["vintages"]["2025"]["credited"]) == ("877655.821641600", 877655)
    scenario.ok("document", "render", "monitoring-report", CODE, "--period", "1", "--lang", "en", "--out", tmp_path / "mr.pdf")
    report = "".join(p.extract_text() for p in PdfReader(tmp_path / "mr.pdf").pages)
    assert "877,655" in report

    # verification by a different VVB
    assert "verification must be done by a different VVB" in scenario.refused(
        "vvb", "engage", CODE, "--vvb", validator, "--kind", "verification", "--team", "A, B", "--period", "1")
    verification = scenario.on("2026-02-02").ok("vvb", "engage", CODE, "--vvb", verifier, "--kind", "verification",
                                                "--team", "Wang Fang, Chen Jie", "--period", "1")["id"]
    scenario.ok("stage", "advance", CODE, "verification")
    scenario.ok("vvb", "sample", verification)
    scenario.ok("document", "render", "verification-package", CODE, "--period", "1", "--lang", "bilingual", "--final", "--out", tmp_path / "vp.pdf")
    package = "".join(p.extract_text() for p in PdfReader(tmp_path / "vp.pdf").pages)
    assert "核查委托材料" in package and "Wang Fang, Chen Jie" in package and "Meter calibration certificates" in package
    scenario.on("2026-03-02").ok("vvb", "report-final", verification)
    # the owner's application rests on the Viet Nam example grid factor, not a published value: final only once confirmed
    assert "Not final yet: Values to confirm" in scenario.refused("document", "render", "issuance-application", CODE, "--period", "1",
                                                                   "--lang", "en", "--final", "--out", tmp_path / "ia.pdf")
    scenario.ok("document", "render", "issuance-application", CODE, "--period", "1", "--lang", "en", "--out", tmp_path / "ia.pdf")
    application = "".join(p.extract_text() for p in PdfReader(tmp_path / "ia.pdf").pages)
    assert "Issuance" in application and "877,655" in application
    scenario.ok("stage", "advance", CODE, "issuance_requested")

    # issuance split between the two registries under the agreement (50/50, investor 10 % in the China registry)
    scenario.ok("allocation", "add", agreement, "--set", "effective_from=2024-01-01", "--set", "china_share=0.5",
                "--set", "host_share=0.5", "--set", "third_party_share=0.1", "--set", "third_party_registry=china")
    issued = scenario.on("2026-03-20").ok("issue", CODE, "--period", "1", "--decision-date", "2026-03-20", "--decision-ref", "JC-2026-011")
    # 877,655 t: investor 10 % = 87,765.5 and rest 789,889.5 tie at .5 → the first listed, the investor: 87,766;
    # rest 789,889 → 394,944.5 each, tie → China first: 394,945 and 394,944
    by_holder = {(b["registry"], b["holder"]): b["quantity"] for b in issued["blocks"]}
    assert by_holder == {("CN", "Huaxia Offshore Energy Co., Ltd."): 394945, ("VN", "Ke Ga Wind Power JSC"): 394944,
                         ("CN", "Nordic Climate Investment AB"): 87766}
    scenario.ok("stage", "advance", CODE, "issued")
    scenario.ok("document", "render", "allocation-statement", CODE, "--lang", "bilingual", "--out", tmp_path / "alloc.pdf", "--final")

    # a transfer and a retirement with its certificate
    owner_block = next(b["block"] for b in issued["blocks"] if b["holder"].startswith("Huaxia"))
    scenario.on("2026-04-01")
    assert "open it first: workbench account open" in scenario.refused("transfer", owner_block, "--to", "Guangzhou Green Energy Trading Co.",
                                                                       "--quantity", "50000")
    scenario.ok("account", "open", "Guangzhou Green Energy Trading Co.", "--registry", "CN")
    assert "did you mean account" in scenario.refused("transfer", owner_block, "--to", "GUANGZHOU Green Energy Trading Co.", "--quantity", "1")
    moved = scenario.ok("transfer", owner_block, "--to", "Guangzhou Green Energy Trading Co.", "--quantity", "50000",
                                         "--price", "82.00", "--currency", "CNY")["block"]
    retired = scenario.ok("retire", moved, "--quantity", "20000", "--purpose", "Voluntary neutrality claim 2025",
                          "--beneficiary", "Guangzhou Green Energy Trading Co.")
    scenario.ok("document", "render", "retirement-certificate", CODE, "--retirement", retired["block"], "--lang", "zh",
                "--out", tmp_path / "cert.pdf", "--final")  # a record of what the registry did: final on the DEMO grid factor too
    cert = "".join(p.extract_text() for p in PdfReader(tmp_path / "cert.pdf").pages)
    assert "减排量注销证明" in cert and "20,000" in cert
    assert "never move again" in scenario.refused("transfer", retired["block"], "--to", "Anyone", "--quantity", "1")
    ledger = scenario.ok("ledger", CODE)
    assert sum(b["quantity"] for b in ledger) == 877655


def test_bri_offshore_wind_path_through_the_gui(qtbot, monkeypatch, tmp_path):
    """The same path driven through the desktop window's forms and buttons (offscreen)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

    from workbench.store.workspace import open_workspace
    from workbench.ui.i18n import Language
    from workbench.ui.main_window import MainWindow

    def on(day: str) -> None:
        monkeypatch.setenv("WORKBENCH_TODAY", day)

    window = MainWindow(open_workspace(tmp_path / "gui.sqlite"), Language("en"))
    qtbot.addWidget(window)
    window.show()
    window.resize(1600, 1000)  # a desktop's window: the PDD preview is scaled to the room its page has

    def submit(form, **values) -> None:
        page = form.parent()
        while page is not None and page not in window.pages:
            page = page.parent()
        if page is not None:  # the user is on the form's page (it shows the current data only while in view)
            window.tabs.setCurrentWidget(page)
        form.set(**{k: str(v) for k, v in values.items()})
        qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)

    def refused(form=None) -> str:
        """The refusal, next to the field it is about (or in a dialog when it is about no field of the form)."""
        if form is not None:
            shown = [label.text() for label in form.problems.values() if label.text()]
            if shown:
                return " ".join(shown)
        dialog = window.findChild(QMessageBox, "userErrorDialog")
        assert dialog is not None and dialog.isVisible(), "expected an error dialog"
        text = dialog.text()
        dialog.close()
        dialog.setObjectName("seenErrorDialog")
        return text

    def no_error(form=None) -> None:
        dialog = window.findChild(QMessageBox, "userErrorDialog")
        assert dialog is None or not dialog.isVisible(), dialog.text()
        if form is not None:
            assert not any(label.text() for label in form.problems.values()), {k: v.text() for k, v in form.problems.items()}

    def move(stage: str) -> None:
        button = window.lifecycle.findChild(QPushButton, f"moveButton-{stage}")
        assert button is not None, [b.objectName() for b in window.lifecycle.findChildren(QPushButton)]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        no_error()

    def idle() -> None:
        qtbot.waitUntil(lambda: not window.progress.rows, timeout=60000)

    on("2025-01-06")
    ledger = window.page("LedgerPage")
    submit(ledger.agreement, name="China–Viet Nam BRI agreement", host="VN", joint_body="Joint committee")
    no_error(ledger.agreement)
    from workbench.ui.pickers import agreement_choices

    ((agreement, _name),) = agreement_choices(window.workspace)  # the agreement just recorded, as the wizard offers it
    wizard = wizard_steps.new_project(qtbot, window, {
        "code": CODE, "title_en": "Ke Ga Offshore Wind Farm Phase I", "title_zh": "嘉嘎海上风电一期项目", "programme": "bri", "host_country": "VN",
        "sector": "energy", "methodology_id": "CCER-01-002-V01", "agreement": agreement, "construction_start": "2023-06-01",
        "operation_start": "2025-01-01", "crediting_start": "2025-01-01", "crediting_end": "2034-12-31"})
    no_error()
    assert not wizard.isVisible()
    assert CODE in window.lifecycle.title.text()
    parties = window.page("PartiesPage")
    submit(parties.add_party, name_en="Huaxia Offshore Energy Co., Ltd.", name_zh="华夏海上能源有限公司", role="project_owner",
           nationality="chinese", country="CN", participation_form="greenfield")
    submit(parties.add_party, name_en="Ke Ga Wind Power JSC", name_zh="", role="co_developer", nationality="host", country="VN", participation_form="")
    submit(parties.add_party, name_en="Nordic Climate Investment AB", role="investor", nationality="third_party", country="SE")
    submit(parties.add_site, name="WTG array", latitude="10.7123", longitude="108.521234", distance_to_shore_km="35.2", water_depth_m="31.5")
    assert "fewer than 6 decimals" in refused(parties.add_site)
    submit(parties.add_site, latitude="10.712345")
    no_error(parties.add_site)
    assert parties.parties.rowCount() == 3 and parties.sites.rowCount() == 1

    method = window.page("MethodologyPage")
    submit(method.inputs, grid="VN-National", ex_ante_EG_MWh="1331520")
    for tick in method.ticks.values():
        tick.click()
    no_error(method.inputs)
    verdicts = {method.checks.cell_text(r, 0): method.checks.cell_text(r, 1) for r in range(method.checks.rowCount())}
    assert verdicts["Offshore wind farm more than 30 km from shore or in water deeper than 30 m"] == "Met"

    docs = window.page("DocumentsPage")
    submit(docs.form, kind="pdd", lang="zh", out=tmp_path / "pdd-zh.pdf")
    qtbot.waitUntil(lambda: docs.form.button.isEnabled() and (tmp_path / "pdd-zh.pdf").exists(), timeout=20000)
    assert "pdd-zh.pdf" in docs.status.text()
    from pypdf import PdfReader

    shown = docs.preview.findChildren(QLabel)  # previewed in the program, every page
    assert len(shown) == len(PdfReader(tmp_path / "pdd-zh.pdf").pages) and shown[0].pixmap().width() > 500
    assert docs.folder_button.isEnabled() and docs.last == tmp_path / "pdd-zh.pdf"
    composing, pressed = held_at(monkeypatch, "progress.document.composing")
    submit(docs.form, kind="pdd", lang="en", out=tmp_path / "pdd-en.pdf")
    qtbot.waitUntil(composing.is_set, timeout=20000)
    assert not docs.form.button.isEnabled() and window.progress.bars()[0].parent().findChild(QLabel, "opText").text() == "Writing the Project design document (PDD)…"
    qtbot.mouseClick(window.progress.cancel_buttons()[0], Qt.MouseButton.LeftButton)  # the render stops at its next page
    pressed.set()
    qtbot.waitUntil(lambda: docs.form.button.isEnabled(), timeout=20000)
    assert window.statusBar().currentMessage() == "Cancelled: nothing was written." and docs.last == tmp_path / "pdd-zh.pdf"
    assert not (tmp_path / "pdd-en.pdf").exists()
    qtbot.mouseClick(docs.docx_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: docs.docx_button.isEnabled() and (tmp_path / "pdd-en.docx").exists(), timeout=20000)

    on("2025-01-17")
    move("pdd_publicity")
    blocked = [lbl.text() for lbl in window.lifecycle.findChildren(QLabel, "blockReason")]
    assert any("ends 2025-02-25" in text for text in blocked)

    val = window.page("ValidationPage")
    submit(val.add_vvb, name_en="China Quality Certification Centre (demo)", scopes="energy")
    submit(val.add_vvb, name_en="China Environmental United Certification Center (demo)")
    on("2025-02-26")
    submit(val.engage, vvb="1", kind="validation", team="Li Wei, Zhang Min")
    move("validation")
    submit(val.raise_finding, engagement="1", type="CAR", text="Calibration certificate of the export meter missing")
    no_error(val.raise_finding)
    submit(val.final, engagement="1")
    assert "CAR-1" in refused(val.final)
    val.findings.run_action(2, 0)  # the finding's row: Attach evidence, on the Evidence page
    evidence_page = window.page("EvidencePage")
    certificate = tmp_path / "calibration-JL-2025-0113.pdf"
    certificate.write_bytes(b"%PDF-1.4 calibration certificate")
    assert evidence_page.add.values()["to"] == "finding:1"
    submit(evidence_page.add, path=certificate)
    no_error(evidence_page.add)
    assert evidence_page.files.cell_text(0, 1).startswith("Finding · CAR-1")
    window.tabs.setCurrentWidget(val)
    val.findings.run_action(0, 0)  # the finding's row: Respond
    submit(val.respond, response="Certificate JL-2025-0113 attached")
    val.findings.run_action(1, 0)  # and Close
    submit(val.final, engagement="1")
    no_error(val.final)
    move("registration_requested")
    submit(window.page("LedgerPage").decision, kind="registration", on="2025-02-26", ref="JC decision 2025-07")  # the joint body's decision first
    no_error(window.page("LedgerPage").decision)
    move("registered")

    mon = window.page("MonitoringPage")
    submit(mon.add_meter, serial="EXP-01", role="export", accuracy_class="0.2", calibrated_on="2025-01-03", calibration_error="0.1")
    submit(mon.add_meter, serial="IMP-01", role="import", accuracy_class="0.5")
    no_error(mon.add_meter)
    panel = mon.importer
    panel.path.setText(str(readings(tmp_path / "bad.csv", bad_row=100)))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.import_button.isEnabled(), timeout=20000)
    assert "row 100, column kwh" in refused() and mon.totals.rowCount() == 0 and not panel.confirm.isEnabled()
    on("2026-01-15")
    panel.path.setText(str(readings(tmp_path / "good.csv")))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm.isEnabled(), timeout=20000)
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.import_button.isEnabled() and mon.totals.rowCount() == 2, timeout=20000)
    submit(mon.add_period, start="2025-01-01", end="2025-12-31")
    submit(mon.calculate, period="1")
    idle()
    no_error(mon.calculate)
    assert mon.periods.cell_text(0, 6) == "877,655" and mon.periods.item(0, 5).toolTip().startswith("877655.")  # ER rounded, exact in the tip

    on("2026-02-02")
    submit(val.engage, vvb="1", kind="verification", team="A, B", period="1")
    assert "different VVB" in refused(val.engage)
    submit(val.engage, vvb="2", kind="verification", team="Wang Fang, Chen Jie", period="1")
    no_error(val.engage)
    move("verification")
    on("2026-03-02")
    submit(val.final, engagement="2")
    no_error(val.final)
    move("issuance_requested")

    submit(ledger.allocation, agreement=agreement, effective_from="2024-01-01", china_share="0.5", host_share="0.5",
           third_party_share="0.1", third_party_registry="china")
    no_error(ledger.allocation)
    on("2026-03-20")
    submit(ledger.issue, period="1", decision_on="2026-03-20", decision_ref="JC-2026-011")
    no_error(ledger.issue)
    move("issued")
    window.tabs.setCurrentWidget(ledger)
    holdings = {(ledger.blocks.cell_text(r, 0), ledger.blocks.cell_text(r, 1)): ledger.blocks.cell_text(r, 3) for r in range(ledger.blocks.rowCount())}
    assert holdings == {("CN", "Huaxia Offshore Energy Co., Ltd."): "394,945", ("VN", "Ke Ga Wind Power JSC"): "394,944",
                        ("CN", "Nordic Climate Investment AB"): "87,766"}
    owner_block = next(ledger.blocks.key_at(r) for r in range(ledger.blocks.rowCount()) if ledger.blocks.cell_text(r, 1).startswith("Huaxia"))
    on("2026-04-01")
    submit(ledger.account, holder="Guangzhou Green Energy Trading Co.", registry="CN")
    no_error(ledger.account)
    submit(ledger.transfer, block=owner_block, to="Guangzhou Green Energy Trading Co.", quantity="50000", price="82.00", currency="CNY")
    no_error(ledger.transfer)
    moved = next(ledger.blocks.key_at(r) for r in range(ledger.blocks.rowCount()) if ledger.blocks.cell_text(r, 1).startswith("Guangzhou"))
    submit(ledger.retire, block=moved, quantity="20000", purpose="Voluntary neutrality claim 2025", beneficiary="Guangzhou Green Energy Trading Co.")
    (ask,) = [b for b in ledger.findChildren(QMessageBox, "confirmRetire") if b.isVisible()]  # retirement is final: asked first
    assert "Retirement of 20,000 t from serial block" in ask.text() and "cannot be undone" in ask.text()
    qtbot.mouseClick(ask.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    no_error(ledger.retire)
    retired = next(ledger.blocks.key_at(r) for r in range(ledger.blocks.rowCount()) if ledger.blocks.cell_text(r, 4) == "Retired")
    submit(docs.form, kind="retirement-certificate", lang="zh", ref=retired, out=tmp_path / "cert.pdf")
    qtbot.waitUntil(lambda: docs.form.button.isEnabled() and (tmp_path / "cert.pdf").exists(), timeout=20000)
    cert = "".join(p.extract_text() for p in PdfReader(tmp_path / "cert.pdf").pages)
    assert "减排量注销证明" in cert and "20,000" in cert
    window.workspace.close()
