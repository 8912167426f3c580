"""The one write helper (CONTRACTS.md §10, issue 21): every service writes through ``support.write_action``, which
hands back the ``Change`` with values before and after and a human label for the Edit menu."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from workbench.domain.change import Change
from workbench.domain.text import Text
from workbench.services.history.undo import describe
from workbench.services.projects import parties, projects
from workbench.services.support.write_action import label_of, write_action
from workbench.store.models import AuditRow, PartyRow

SERVICES = Path(__file__).resolve().parents[2] / "workbench" / "services"
HELPER = {SERVICES / "support" / "write_action.py", SERVICES / "support" / "records.py"}
PROJECT = {"code": "WA-1", "title_en": "Helper wind farm", "programme": "ccer", "host_country": "CN", "sector": "energy"}
OWNER = {"name_en": "Huaxia Offshore Energy", "name_zh": "华夏海上能源", "role": "project_owner", "nationality": "chinese", "country": "CN"}


def hand_written(tree: ast.AST) -> list[tuple[int, str]]:
    """Calls that open a transaction, write an audit entry or build a ``Change`` outside the helper."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in ("transaction", "record", "Change"):
            found.append((node.lineno, name))
    return found


def test_no_service_opens_a_transaction_or_records_a_change_by_hand():
    offenders = [f"{path.relative_to(SERVICES)}:{line} {name}(…)"
                 for path in sorted(SERVICES.rglob("*.py")) if path not in HELPER
                 for line, name in hand_written(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == []


def test_the_scan_finds_a_transaction_opened_by_hand():
    source = "def add(ws, actor):\n    with ws.transaction() as s:\n        return record(s, Change('x.add', actor.name, actor.now()))\n"
    assert [name for _, name in hand_written(ast.parse(source))] == ["transaction", "record", "Change"]


def entries(ws) -> int:
    with ws.reading() as s:
        return s.scalar(select(func.count()).select_from(AuditRow))


def test_the_change_carries_values_before_and_after_and_a_human_label(ws, actor):
    projects.create_project(ws, actor, PROJECT)
    added = parties.add_party(ws, actor, "WA-1", OWNER)
    assert added.label.zh == "添加参与方 华夏海上能源" and added.label.en.endswith("Huaxia Offshore Energy")
    assert describe(added) == added.label

    renamed = parties.update_party(ws, actor, "WA-1", added.result["id"], {"name_en": "Huaxia Offshore Wind"})
    assert renamed.entities[0].changed_fields() == {"name_en": ("Huaxia Offshore Energy", "Huaxia Offshore Wind")}
    assert renamed.label.en.endswith("Huaxia Offshore Wind")


def test_a_label_given_by_the_action_is_kept_and_an_error_writes_nothing(ws, actor):
    projects.create_project(ws, actor, PROJECT)
    before = entries(ws)
    try:
        with write_action(ws, actor, "party.add") as act:
            act.session.add(PartyRow(project_id=1, name_en="Half written", name_zh="", role="project_owner", nationality="chinese",
                                     country="CN", contact=""))
            act.session.flush()
            raise RuntimeError("stopped half way")
    except RuntimeError:
        pass
    assert entries(ws) == before
    with ws.reading() as s:
        assert s.scalar(select(func.count()).select_from(PartyRow)) == 0

    with write_action(ws, actor, "party.add", label=Text("change.party.add", subject="SPV")) as act:
        row = PartyRow(project_id=1, name_en="Nanhai SPV", name_zh="", role="project_owner", nationality="chinese", country="CN", contact="")
        act.session.add(row)
        act.session.flush()
        act.created("party", row)
    assert act.change.label.en.endswith("SPV") and not act.change.label.en.endswith("Nanhai SPV")
    assert entries(ws) == before + 1


def test_work_already_done_hands_its_result_back_without_an_audit_entry(ws, actor):
    projects.create_project(ws, actor, PROJECT)
    before = entries(ws)
    with write_action(ws, actor, "decision.add") as act:
        act.unchanged(id=7)
    assert act.change.result == {"id": 7} and act.change.empty and entries(ws) == before


def test_an_action_without_wording_is_named_by_its_action():
    change = Change("reference.import", "li", datetime(2026, 1, 1))
    assert label_of(change).id == "change.other" and label_of(change).params == {"action": "reference.import"}
