"""Issuance split between registries, transfers and retirements, and the ledger invariants."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_helpers import file_digest
from workbench.domain.errors import UserError
from workbench.domain.serials import Block, violations
from workbench.services import accounting, ledger, meters, methodology, monitoring_import, periods, validation
from workbench.services.context import Actor
from workbench.services.demo import BRI_WIND
from workbench.services.demo import create_demo_projects
from workbench.store.models_ledger import BlockRow


def verified_wind_period(ws, tmp_path, kwh_per_hour: int = 100_000, hours: int = 10) -> Actor:
    """The demo wind farm with one verified accounting period, built through the services."""
    actor = Actor("tester", date(2026, 2, 1))
    create_demo_projects(ws, actor)
    methodology.set_parameter(ws, actor, "VN-OFW-01", "grid", "VN-National")
    meters.add_meter(ws, actor, "VN-OFW-01", {"serial": "EXP-1", "role": "export", "accuracy_class": "0.2",
                                              "calibrated_on": "2025-01-05", "calibration_error": "0"})
    csv = tmp_path / "readings.csv"
    csv.write_text("meter,start,minutes,kwh\n" + "".join(f"EXP-1,2025-03-01 {h:02d}:00,60,{kwh_per_hour}\n" for h in range(hours)))
    monitoring_import.import_readings(ws, actor, "VN-OFW-01", csv)
    periods.add_period(ws, actor, "VN-OFW-01", "2025-01-01", "2025-12-31")
    accounting.calculate_period(ws, actor, "VN-OFW-01", 1)
    one = validation.add_vvb(ws, actor, {"name_en": "VVB One"}).result["id"]
    two = validation.add_vvb(ws, actor, {"name_en": "VVB Two"}).result["id"]
    validation.engage(ws, actor, "VN-OFW-01", one, "validation", "A, B")
    engagement = validation.engage(ws, actor, "VN-OFW-01", two, "verification", "C, D", period=1).result["id"]
    validation.finalise_report(ws, actor, engagement)
    ledger.add_agreement(ws, actor, BRI_WIND["agreement"], "VN", "China–Viet Nam joint committee (demo)")
    ledger.add_allocation(ws, actor, BRI_WIND["agreement"], {"effective_from": "2024-01-01", "china_share": "0.5", "host_share": "0.5",
                                                            "third_party_share": "0.1", "third_party_registry": "china"})
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
    with pytest.raises(UserError, match="period 1 is issued; only verified periods are issued"):
        ledger.issue(ws, actor, "VN-OFW-01", 1)


def test_third_party_units_never_enter_the_other_registry_nor_an_ndc(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20")
    third = next(x for x in ledger.ledger(ws, "VN-OFW-01") if x.third_party)
    before = file_digest(ws.path)
    with pytest.raises(UserError, match="a third party's units enter only one of the two registries"):
        ledger.transfer(ws, actor, third.block, "Buyer", 10, registry="VN")
    with pytest.raises(UserError, match="never count toward an NDC"):
        ledger.retire(ws, actor, third.block, 5, "NDC claim", "Sweden", use="ndc")
    assert file_digest(ws.path) == before


def test_partial_moves_split_blocks_and_retired_units_never_move(ws, tmp_path):
    actor = verified_wind_period(ws, tmp_path)
    ledger.issue(ws, actor, "VN-OFW-01", 1, "2026-01-20")
    owner = next(x for x in ledger.ledger(ws, "VN-OFW-01") if x.holder.startswith("Huaxia"))
    moved = ledger.transfer(ws, actor, owner.block, "Shenzhen Energy Trading Co.", 100, price="85.50", currency="CNY").result["block"]
    retired = ledger.retire(ws, actor, moved, 40, "Offset 2025 emissions", "Shenzhen Energy Trading Co.", 2025).result["block"]
    with pytest.raises(UserError, match="is retired; its units never move again"):
        ledger.transfer(ws, actor, retired, "Someone", 1)
    with pytest.raises(UserError, match="a serial is active in one registry only"):
        ledger.transfer(ws, actor, owner.block, "Host buyer", 1, registry="VN")
    lines = ledger.ledger(ws, "VN-OFW-01")
    assert sum(x.quantity for x in lines) == 659
    with ws.reading() as s:
        blocks = [Block(b.id, "VN-OFW-01", b.vintage, b.first, b.last, b.registry_code, b.status) for b in s.query(BlockRow)]
    assert violations(blocks, {("VN-OFW-01", 2025): 659}) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.sampled_from(["transfer", "retire"]), st.integers(0, 10), st.integers(1, 120)), max_size=12))
def test_ledger_invariants_hold_over_random_moves(ws_factory, moves):
    ws, actor, issued = ws_factory()
    for kind, pick, quantity in moves:
        lines = [x for x in ledger.ledger(ws, "VN-OFW-01") if x.status != "retired"]
        if not lines:
            break
        line = lines[pick % len(lines)]
        try:
            if kind == "transfer":
                ledger.transfer(ws, actor, line.block, f"Holder {pick}", quantity)
            else:
                ledger.retire(ws, actor, line.block, quantity, "offset", "beneficiary")
        except UserError:
            pass  # a refused move must leave the ledger as it was; the invariants below prove it
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
    result = run_cli(capsys, "offset-check", host_block, "--market", "korea", "--compliance-year", "2025", "--base", "1500", "--db", ws.path, "--format", "json")
    assert result.code == 0, result.err
    out = result.json()
    assert out["answer"]["verdict"] == "eligible" and out["answer"]["max_quantity"] == 150 and out["confirm"] is True
    bad = run_cli(capsys, "offset-check", host_block, "--market", "mars", "--compliance-year", "2025", "--db", ws.path)
    assert bad.code == 2 and "unknown market 'mars'" in bad.err
