"""The crediting period as the methodologies say (CCER-01-002-V01 / CCER-01-001-V01 §5.2): at most 10 years, inside
the lifetime that starts at grid connection; forestry bounds from the methodology's data. Refused at creation and
edit; a stored project that breaks the rule opens and shows a blocking reason."""

from __future__ import annotations

from datetime import date

import pytest

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.methodology.loader import get
from workbench.services.projects import lifecycle, projects
from workbench.services.support.context import Actor
from workbench.store.models import ProjectRow

ON = Actor("tester", date(2025, 3, 3))
WIND = {"code": "W-1", "title_en": "Wind", "programme": "ccer", "host_country": "CN", "sector": "energy",
        "methodology_id": "CCER-01-002", "methodology_version": "V01", "construction_start": "2023-06-01",
        "operation_start": "2025-01-01", "lifetime_years": "25", "crediting_start": "2025-01-01"}


def test_ten_years_is_the_longest_and_the_rule_is_data_with_its_clause():
    rule = get("CCER-01-002").crediting
    assert (rule.max_years, rule.min_years, rule.inside_lifetime_from_grid_connection) == (10, None, True)
    assert "§5.2.2" in rule.source.in_lang("en") and "第5.2.2条" in rule.source.in_lang("zh") and rule.last_day(date(2025, 1, 1), 10) == date(2034, 12, 31)
    assert get("CCER-14-002").crediting.max_years == 40 and "Xiapu" in get("CCER-14-002").crediting.source.in_lang("en")
    assert (get("CCER-14-001").crediting.min_years, get("CCER-14-001").crediting.max_years) == (20, 40)


def test_an_eleven_year_crediting_period_is_refused_at_creation_and_ten_accepted(ws):
    before = file_digest(ws)
    with pytest.raises(UserError, match=r"longer than 10 years: starting 2025-01-01 it ends 2034-12-31 at the latest \(CCER-01-002-V01 §5.2.2"):
        projects.create_project(ws, ON, {**WIND, "crediting_end": "2035-12-31"})
    assert file_digest(ws) == before
    projects.create_project(ws, ON, {**WIND, "crediting_end": "2034-12-31"})


def test_an_edit_that_leaves_the_lifetime_is_refused(ws):
    projects.create_project(ws, ON, {**WIND, "crediting_start": "2030-01-01", "crediting_end": "2039-12-31"})
    # a lifetime of 8 years from grid connection on 2025-01-01 ends 2032-12-31: it cannot hold 2030..2039
    with pytest.raises(UserError, match="ends 2039-12-31, after the lifetime \\(8 years from grid connection on 2025-01-01\\) ends 2032-12-31"):
        projects.update_project(ws, ON, "W-1", {"lifetime_years": "8"})
    with pytest.raises(UserError, match="crediting period starts 2024-06-01 before operation start 2025-01-01"):
        projects.update_project(ws, ON, "W-1", {"crediting_start": "2024-06-01", "crediting_end": "2030-12-31"})


def test_choosing_a_methodology_checks_the_period_against_its_rule(ws):
    projects.create_project(ws, ON, {**WIND, "methodology_id": "", "methodology_version": "", "crediting_end": "2044-12-31"})
    with pytest.raises(UserError, match="longer than 10 years"):
        projects.update_project(ws, ON, "W-1", {"methodology_id": "CCER-01-002"})


def test_forestry_lengths_come_from_the_data(ws):
    forest = {**WIND, "code": "F-1", "sector": "forestry", "methodology_id": "CCER-14-001", "crediting_start": "2025-01-01"}
    with pytest.raises(UserError, match="shorter than 20 years"):
        projects.create_project(ws, ON, {**forest, "crediting_end": "2035-12-31"})
    with pytest.raises(UserError, match="longer than 40 years"):
        projects.create_project(ws, ON, {**forest, "methodology_id": "CCER-14-002", "code": "M-1", "crediting_end": "2065-01-01"})
    projects.create_project(ws, ON, {**forest, "methodology_id": "CCER-14-002", "code": "M-1", "crediting_end": "2064-12-31"})


@pytest.mark.parametrize("ws", ["sqlite"], indirect=True)  # the CLI opens the workspace file
def test_a_stored_project_breaking_the_rule_opens_and_shows_a_blocking_reason(ws, capsys, db_path):
    projects.create_project(ws, ON, {**WIND, "crediting_end": "2034-12-31"})
    with ws.transaction() as s:  # stored before the rule was enforced
        s.query(ProjectRow).filter_by(code="W-1").one().crediting_end = date(2035, 12, 31)
    view = lifecycle.view_project(ws, "W-1", ON.today)
    (publicity,) = [m for m in view.next_moves if m.transition.target == "pdd_publicity"]
    assert "crediting-too-long" in [r.code for r in publicity.reasons]
    shown = run_cli(capsys, "--db", db_path, "project", "show", "W-1")
    assert shown.code == 0 and "longer than 10 years" in shown.out
    refused = run_cli(capsys, "--db", db_path, "stage", "advance", "W-1", "pdd_publicity")
    assert refused.code == 2 and "longer than 10 years" in refused.err


def test_the_crediting_period_starts_with_the_first_reductions_applied_for(ws):
    from workbench.services.monitoring import periods

    projects.create_project(ws, ON, {**WIND, "crediting_end": "2034-12-31"})
    periods.add_period(ws, ON, "W-1", "2025-07-01", "2025-12-31")
    view = lifecycle.view_project(ws, "W-1", ON.today)
    (publicity,) = [m for m in view.next_moves if m.transition.target == "pdd_publicity"]
    (reason,) = [r for r in publicity.reasons if r.code == "crediting-start-not-first-reductions"]
    assert "starts 2025-01-01, but the first accounting period applied for starts 2025-07-01" in reason.text.en
    projects.update_project(ws, ON, "W-1", {"crediting_start": "2025-07-01", "crediting_end": "2035-06-30"})
    view = lifecycle.view_project(ws, "W-1", ON.today)
    (publicity,) = [m for m in view.next_moves if m.transition.target == "pdd_publicity"]
    assert not [r for r in publicity.reasons if r.code.startswith("crediting")]
