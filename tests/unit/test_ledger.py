"""Issuance split between registries, transfers and retirements, and the ledger invariants."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.domain.serials import Block, violations
from workbench.services.monitoring import accounting, meters, monitoring_import, periods
from workbench.services.projects import decisions
from workbench.services.issuance import accounts, ledger, ledger_controls, ledger_exports
from workbench.services.methodology import methodology
from workbench.services.validation import validation
from workbench.services.support.context import Actor
from workbench.services.demo.projects import BRI_WIND
from workbench.services.demo.projects import create_demo_projects
from workbench.store.models_ledger import BlockRow


def measured_wind_period(ws, tmp_path, kwh_per_hour: int = 100_000, hours: int = 10) -> Actor:
    """The demo wind farm with its readings and one accounting period, not yet calculated."""
    actor = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    methodology.set_parameter(ws, actor, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2",
                                              "calibrated_on": "2025-01-05", "calibration_error": "0"})
    csv = tmp_path / "readings.csv"
    csv.write_text("meter,start,minutes,kwh\n" + "".join(f"EXP-1,2025-03-01 {h:02d}:00,60,{kwh_per_hour}\n" for h in range(hours)))
    monitoring_import.import_readings(ws, actor, "VN-OFW-01", csv)
    periods.add_period(ws, actor, "VN-OFW-01", "2025-01-01", "2025-12-31")
    return actor


def verified_wind_period(ws, tmp_path, kwh_per_hour: int = 100_000, hours: int = 10) -> Actor:
    """The demo wind farm with one verified accounting period, built through the services."""
    actor = measured_wind_period(ws, tmp_path, kwh_per_hour, hours)
    accounting.calculate_period(ws, actor, "VN-OFW-01", 1)
    one = validation.add_vvb(ws, actor, {"name_en": "VVB One"}).result["id"]
    two = validation.add_vvb(ws, actor, {"name_en": "VVB Two"}).result["id"]
    validation.engage(ws, actor, "VN-OFW-01", one, "validation", "A, B")
    engagement = validation.engage(ws, actor, "VN-OFW-01", two, "verification", "C, D", period=1).result["id"]
    validation.finalise_report(ws, Actor("tester", date(2026, 1, 15)), engagement)  # before the issuance decisions of 2026-01-20
    ledger.add_agreement(ws, actor, BRI_WIND["agreement"], "VN", "China–Viet Nam joint committee (demo)")
    ledger.add_allocation(ws, actor, BRI_WIND["agreement"], {"effective_from": "2024-01-01", "china_share": "0.5", "host_share": "0.5",
                                                            "third_party_share": "0.1", "third_party_registry": "china"})
    for holder, registry in (("Shenzhen Energy Trading Co.", "CN"), ("Buyer", "CN"), ("Korea South-East Power Co.", "VN"),
                             *((f"Holder {n}", "CN") for n in range(11))):  # a registry opens an account before units move into it
        accounts.open_account(ws, actor, holder, registry)
    return actor


def test_a_verified_bri_period_is_split_between_the_registries(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    # 1,000 MWh × 0.6592 = 659.2 t → 659 credited. Third party 10 %: 65.9 vs rest 593.1 → floors 65 + 593,
    # the spare tonne to the larger remainder (.9): third party 66, rest 593. 593 × 0.5 = 296.5 each → the tie
    # goes to the China registry: owner 297, host co-developer 296; the investor's 66 sit in the China registry.
    change = ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    lines = {(x.registry, x.holder): x.quantity for x in ledger.ledger(ws, "VN-OFW-01")}
    assert lines == {("CN", "Huaxia Offshore Energy Co., Ltd."): 297, ("VN", "Binh Thuan Renewable Energy JSC"): 296,
                     ("CN", "Nordic Climate Investment AB"): 66}
    serials = sorted(x.serials for x in ledger.ledger(ws, "VN-OFW-01"))
    assert serials[0].startswith("BRI-VN-VN-OFW-01-2025-000000001-")
    assert len(change.result["blocks"]) == 3
    with pytest.raises(UserError, match="period 1 is Issued; only verified periods are issued"):
        ledger.issue(ws, actor, "VN-OFW-01", 1)


def test_third_party_units_never_enter_the_other_registry_nor_an_ndc(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20")
    third = next(x for x in ledger.ledger(ws, "VN-OFW-01") if x.third_party)
    before = file_digest(ws)
    with pytest.raises(UserError, match="a third party's units enter only one of the two registries"):
        ledger.transfer(ws, actor, third.block, "Buyer", 10, registry="VN")
    with pytest.raises(UserError, match="never count toward an NDC"):
        ledger.retire(ws, actor, third.block, 5, "NDC claim", "Sweden", use="ndc")
    assert file_digest(ws) == before


def test_partial_moves_split_blocks_and_retired_units_never_move(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20")
    owner = next(x for x in ledger.ledger(ws, "VN-OFW-01") if x.holder.startswith("Huaxia"))
    moved = ledger.transfer(ws, actor, owner.block, "Shenzhen Energy Trading Co.", 100, price="85.50", currency="CNY").result["block"]
    retired = ledger.retire(ws, actor, moved, 40, "Offset 2025 emissions", "Shenzhen Energy Trading Co.", 2025).result["block"]
    with pytest.raises(UserError, match="is Retired; its units never move again"):
        ledger.transfer(ws, actor, retired, "Someone", 1)
    with pytest.raises(UserError, match="a serial is active in one registry only"):
        ledger.transfer(ws, actor, owner.block, "Host buyer", 1, registry="VN")
    lines = ledger.ledger(ws, "VN-OFW-01")
    assert sum(x.quantity for x in lines) == 659
    with ws.reading() as s:
        blocks = [Block(b.id, "VN-OFW-01", b.vintage, b.first, b.last, b.registry_code, b.status) for b in s.query(BlockRow)]
    assert violations(blocks, {("VN-OFW-01", 2025): 659}) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.sampled_from(["transfer", "retire", "cancel", "pledge", "freeze", "release"]), st.integers(0, 10),
                                st.integers(1, 120)), max_size=12))
def test_ledger_invariants_hold_over_random_moves(ws_factory, moves):
    ws, actor, issued = ws_factory()
    ended = 0  # retired and cancelled tonnes only ever grow: those units never move again
    for kind, pick, quantity in moves:
        lines = ledger_exports.ledger_rows(ws, "VN-OFW-01")
        line = lines[pick % len(lines)]
        held = line["pledged"] or line["frozen"]
        try:
            if kind == "transfer":
                ledger.transfer(ws, actor, line["block"], f"Holder {pick}", quantity)
            elif kind in ("retire", "cancel"):
                getattr(ledger, kind)(ws, actor, line["block"], quantity, "offset", "beneficiary")
            elif kind in ("pledge", "freeze"):
                ledger_controls.hold(ws, actor, kind, line["block"], quantity, "contract 7", "Bank of Guangxi")
            else:
                ledger_controls.release(ws, actor, line["block"], "deed 9")
            assert not (held and kind in ("transfer", "retire", "cancel", "pledge", "freeze")), f"{kind} of a held block went through"
            assert line["status"] not in ("retired", "cancelled") or kind == "release", f"{kind} moved {line['status']} units"
        except UserError:
            pass  # a refused move must leave the ledger as it was; the invariants below prove it
        now = sum(x["quantity"] for x in ledger_exports.ledger_rows(ws, "VN-OFW-01") if x["status"] in ("retired", "cancelled"))
        assert now >= ended
        ended = now
    with ws.reading() as s:
        blocks = [Block(b.id, "VN-OFW-01", b.vintage, b.first, b.last, b.registry_code, b.status) for b in s.query(BlockRow)]
    assert violations(blocks, {("VN-OFW-01", 2025): issued}) == []
    ws.close()


@pytest.fixture
def ws_factory(tmp_path_factory):
    from workbench.store.workspace import open_workspace

    template = tmp_path_factory.mktemp("ledger-template")
    ws = open_workspace(template / "w.sqlite")
    actor = verified_wind_period(ws, template)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20")
    ws.close()
    counter = iter(range(10**6))

    def fresh():
        import shutil

        target = tmp_path_factory.mktemp(f"ledger-{next(counter)}") / "w.sqlite"
        shutil.copy(template / "w.sqlite", target)
        return open_workspace(target), actor, 659

    return fresh


def test_offset_check_of_an_issued_block_through_the_cli(ws, tmp_path, capsys):
    from tests.cli_helpers import run_cli

    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20")
    host_block = next(x.block for x in ledger.ledger(ws, "VN-OFW-01") if x.registry == "VN")
    ws.close()
    result = run_cli(capsys, "offset-check", host_block, "--market", "korea", "--compliance-year", "2025", "--base", "1500", "--db", ws.address, "--format", "json")
    assert result.code == 0, result.err
    out = result.json()
    assert out["answer"]["verdict"] == "eligible" and out["answer"]["max_quantity"] == 150 and out["confirm"] is True
    bad = run_cli(capsys, "offset-check", host_block, "--market", "mars", "--compliance-year", "2025", "--db", ws.address)
    assert bad.code == 2 and "unknown market 'mars'" in bad.err


def test_pledged_and_frozen_units_stay_put_until_released(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    owner = next(x for x in ledger.ledger(ws, "VN-OFW-01") if x.holder.startswith("Huaxia"))
    pledged = ledger_controls.hold(ws, actor, "pledge", owner.block, 200, "loan contract GX-2026-17", "Bank of Guangxi").result["block"]
    before = file_digest(ws)
    with pytest.raises(UserError, match=f"block {pledged} is pledged; release it first"):
        ledger.transfer(ws, actor, pledged, "Buyer", 10)
    with pytest.raises(UserError, match="name the pledgee"):
        ledger_controls.hold(ws, actor, "pledge", owner.block, 10, "contract")
    assert file_digest(ws) == before
    ledger.transfer(ws, actor, owner.block, "Buyer", 97)  # the unpledged rest still moves
    ledger_controls.release(ws, actor, pledged, "release deed 2026-04")
    frozen = ledger_controls.hold(ws, actor, "freeze", pledged, 50, "court order (2026) Gui 01 No. 5").result["block"]
    with pytest.raises(UserError, match="is frozen"):
        ledger.cancel(ws, actor, frozen, 50, "surrender")
    ledger.cancel(ws, actor, pledged, 150, "national ETS surrender 2025", "Huaxia Offshore Energy Co., Ltd.", 2025)
    statuses = sorted((x.status, x.quantity) for x in ledger.ledger(ws, "VN-OFW-01") if x.holder.startswith(("Huaxia", "Buyer")))
    assert statuses == [("cancelled", 150), ("issued", 50), ("transferred", 97)]


def test_article6_state_per_country_and_the_article_6_2_table(ws, tmp_path, capsys):
    from tests.cli_helpers import run_cli

    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    lines = ledger.ledger(ws, "VN-OFW-01")
    host = next(x for x in lines if x.registry == "VN")
    third = next(x for x in lines if x.third_party)
    before = file_digest(ws)
    with pytest.raises(UserError, match="need its corresponding adjustment"):
        ledger_controls.set_article6(ws, actor, host.block, "VN", "international", True)
    with pytest.raises(UserError, match="SE is not a party to this cooperation"):
        ledger_controls.set_article6(ws, actor, third.block, "SE", "ndc", True, "required")
    with pytest.raises(UserError, match="never counted toward an NDC"):
        ledger_controls.set_article6(ws, actor, third.block, "CN", "ndc", True, "required")
    assert file_digest(ws) == before
    ledger_controls.set_article6(ws, actor, host.block, "VN", "international", True, "required")
    later = Actor("tester", date(2026, 5, 4))
    moved = ledger.transfer(ws, later, host.block, "Korea South-East Power Co.", 100, price="12.5", currency="USD").result["block"]
    ledger_controls.set_article6(ws, later, moved, "VN", "international", True, "applied")
    rows = {r["serials"]: r for r in ledger_exports.article6_rows(ws, "VN-OFW-01")}
    assert len(rows) == 2  # the moved 100 t and the 196 t left with the host co-developer, both authorised by VN
    first = next(r for r in rows.values() if r["quantity"] == 100)
    assert (first["authorising_party"], first["first_transfer"], first["first_transfer_on"], first["acquiring_holder"],
            first["corresponding_adjustment"]) == ("VN", "transfer", date(2026, 5, 4), "Korea South-East Power Co.", "applied")
    rest = next(r for r in rows.values() if r["quantity"] == 196)
    assert (rest["first_transfer"], rest["corresponding_adjustment"]) == ("", "required")
    ws.close()
    out = tmp_path / "a62.csv"
    assert run_cli(capsys, "ledger", "VN-OFW-01", "--db", ws.address, "--csv", tmp_path / "l.csv", "--article6-csv", out).code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("authorising_party,first_transfer,") and "Korea South-East Power Co.,international,True,applied" in text
    ledger_csv = (tmp_path / "l.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(ledger_csv) == 1 + 4 and ",VN,Korea South-East Power Co.,transferred,False,international,False,False,False,none,True,applied" in "\n".join(ledger_csv)


def test_joint_body_decisions_are_recorded_and_issuance_links_its_decision(ws, tmp_path, capsys):
    from tests.cli_helpers import run_cli

    actor = verified_wind_period(ws, tmp_path)
    decisions.add_decision(ws, actor, "VN-OFW-01", "registration", "2025-03-28", "JC-2025-007", note="registered under the agreement")
    with pytest.raises(UserError, match="names the accounting period"):
        decisions.add_decision(ws, actor, "VN-OFW-01", "issuance", "2026-01-20", "JC-2026-003")
    with pytest.raises(UserError, match="joint-body decisions belong to BRI projects"):
        decisions.add_decision(ws, actor, "GX-AR-01", "registration", "2025-03-28", "X")
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20", "JC-2026-003")
    kinds = [(d.kind, str(d.decided_on), d.reference) for d in decisions.decisions_of(ws, "VN-OFW-01")]
    assert kinds == [("registration", "2025-03-28", "JC-2025-007"), ("issuance", "2026-01-20", "JC-2026-003")]
    ws.close()
    listed = run_cli(capsys, "decision", "list", "VN-OFW-01", "--db", ws.address, "--format", "json").json()
    assert [d["reference"] for d in listed] == ["JC-2025-007", "JC-2026-003"]


def test_an_issuance_decision_keeps_the_procedure_s_order(ws, tmp_path):
    """Measures arts. 17, 21–22: not before the period's end, the registration or the final verification report, and not
    after today; the refusal names the field by its label, both dates and the rule, in both languages; nothing is written."""
    actor = verified_wind_period(ws, tmp_path)  # period 2025, verification report final on 2026-01-15
    decisions.add_decision(ws, Actor("tester", date(2025, 3, 28)), "VN-OFW-01", "registration", "2025-03-28", "JC-2025-007")
    before = file_digest(ws)
    with pytest.raises(UserError) as refused:
        ledger.issue(ws, actor, "VN-OFW-01", 1, "2024-01-01", "JMB-ISS-2026-001")
    assert refused.value.in_lang("en").startswith("Decision date: 2024-01-01 is before the end of accounting period 1 on 2025-12-31.")
    assert "arts. 17, 21 and 22" in refused.value.in_lang("en")
    assert refused.value.in_lang("zh").startswith("决定日期：2024-01-01早于第1核算期结束（2025-12-31）。")
    assert "第二十一条" in refused.value.in_lang("zh")
    with pytest.raises(UserError, match="2026-01-10 is before the final verification report of period 1 on 2026-01-15"):
        ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-10")
    with pytest.raises(UserError, match=r"the decision date 2026-02-02 is after today \(2026-02-01\)"):
        ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-02-02")
    assert file_digest(ws) == before
    ledger.check_decision_date(ws, actor.today, "VN-OFW-01", 1, "2026-01-15")
    assert ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-15").result["blocks"]


def test_an_issuance_decision_is_not_dated_before_the_registration(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    decisions.add_decision(ws, actor, "VN-OFW-01", "registration", "2026-01-18", "JC-2026-001")
    with pytest.raises(UserError, match="2026-01-16 is before the project's registration on 2026-01-18"):
        ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-16")


def test_a_bri_project_is_registered_on_the_joint_body_s_recorded_decision(ws):
    """The move to Registered waits for the joint body's decision, dated no earlier than the application and the final
    validation report (Measures arts. 14–15, the BRI procedure following the same order)."""
    from workbench.services.projects.lifecycle import context_for, snapshot_of
    from workbench.services.projects.projects import resolve
    from workbench.domain.registration_guards import registration_decided

    actor = Actor("tester", date(2025, 3, 28))
    create_demo_projects(ws, actor)
    with ws.reading() as s:
        row = resolve(s, "VN-OFW-01")
        (reason,) = registration_decided(snapshot_of(s, row, actor.today), context_for(row, actor.today))
    assert (reason.code, reason.fix.value) == ("no-registration-decision", "record-registration-decision")
    assert reason.text.zh == "联合管理机构的登记决定（日期和文号）尚未记录"
    vvb = validation.add_vvb(ws, actor, {"name_en": "VVB One"}).result["id"]
    engagement = validation.engage(ws, actor, "VN-OFW-01", vvb, "validation", "A, B").result["id"]
    validation.finalise_report(ws, Actor("tester", date(2025, 3, 6)), engagement)
    ledger.add_agreement(ws, actor, BRI_WIND["agreement"], "VN", "China–Viet Nam joint committee (demo)")
    with pytest.raises(UserError) as refused:
        decisions.add_decision(ws, actor, "VN-OFW-01", "registration", "2025-03-01", "JC-2025-007")
    assert refused.value.in_lang("en").startswith("Decision date: 2025-03-01 is before the final validation report on 2025-03-06.")
    assert "arts. 14 and 15" in refused.value.in_lang("en") and "第十四条" in refused.value.in_lang("zh")
    decisions.add_decision(ws, actor, "VN-OFW-01", "registration", "2025-03-28", "JC-2025-007")
    with ws.reading() as s:
        row = resolve(s, "VN-OFW-01")
        assert registration_decided(snapshot_of(s, row, actor.today), context_for(row, actor.today)) == []
