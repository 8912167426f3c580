"""Additionality deemed only in the published cases, as data (DOMAIN.md §3), and the project start as its own field."""

from __future__ import annotations

import pytest

from tests.cli_helpers import run_cli
from workbench.methodology.loader import get
from workbench.methodology.protocol import ApplicabilityInput, Verdict


def facts(case: str = "") -> ApplicabilityInput:
    return ApplicabilityInput("ccer", "CN", "forestry", None, None, (), additionality_case=case)


def test_every_methodology_carries_its_deemed_cases_as_sourced_data():
    for full in ("CCER-01-002", "CCER-01-001", "CCER-14-002"):
        (case,) = get(full).additionality
        assert case.key == "all" and not case.confirm and full in case.source.en and full in case.source.zh
        assert "免予论证" in case.source.zh  # a Chinese document cites the Chinese wording
    cases = get("CCER-14-001").additionality
    assert [c.key for c in cases] == ["rainfall_under_400mm", "key_ecological_function_zone", "public_welfare_forest"]
    assert all(c.confirm and "secondary source" in c.source.en and "二手资料" in c.source.zh for c in cases)  # not read in the methodology: confirm


def test_afforestation_deems_additionality_only_in_a_claimed_published_case():
    (condition,) = [c for c in get("CCER-14-001").conditions if c.key == "additionality"]
    unclaimed = condition.evaluate(facts())
    assert unclaimed.verdict is Verdict.NEEDS_EVIDENCE
    # the explanation (a PDD prints it) names the cases in words; the action names the values to set
    assert "annual rainfall below 400 mm; in a national" in unclaimed.explanation.en and "_" not in unclaimed.explanation.en
    assert "rainfall_under_400mm (annual rainfall below 400 mm)" in unclaimed.evidence.en
    assert "parameter set PROJECT additionality_case" in unclaimed.evidence.en and "额外性" in unclaimed.evidence.zh
    claimed = condition.evaluate(facts("public_welfare_forest"))
    assert claimed.verdict is Verdict.PASS and claimed.explanation.en.startswith("Additionality is deemed: ecological public-welfare forest")
    assert not [c for c in get("CCER-01-002").conditions if c.key == "additionality"]  # deemed for every project: no check


def test_a_claimed_case_is_checked_against_the_methodology_and_the_project_start_is_its_own_field(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    created = run_cli(capsys, "--db", db, "project", "create", "--code", "AR-1", "--title-en", "Hill afforestation (test)",
                      "--programme", "ccer", "--host-country", "CN", "--sector", "forestry", "--methodology", "CCER-14-001",
                      "--methodology-version", "V01", "--construction-start", "2019-06-01", "--project-start", "2020-02-01")
    assert created.code == 0, created.err
    refused = run_cli(capsys, "--db", db, "parameter", "set", "AR-1", "additionality_case", "coastal")
    assert refused.code == 2 and "'coastal' is not a case in which this methodology deems additionality" in refused.err
    assert "rainfall_under_400mm" in refused.err
    assert run_cli(capsys, "--db", db, "parameter", "set", "AR-1", "additionality_case", "rainfall_under_400mm").code == 0
    checked = run_cli(capsys, "--db", db, "--format", "json", "methodology", "check", "AR-1", "--methodology", "CCER-14-001")
    assert checked.code == 0, checked.err
    (additional,) = [c for c in checked.json()[0]["conditions"] if c["key"] == "additionality"]
    assert additional["verdict"] == "pass"
    from workbench.services.projects.projects import resolve
    from workbench.store.workspace import open_workspace

    ws = open_workspace(db)
    try:
        with ws.reading() as s:
            row = resolve(s, "AR-1")
            assert (str(row.project_start), str(row.construction_start)) == ("2020-02-01", "2019-06-01")
    finally:
        ws.close()
    bad = run_cli(capsys, "--db", db, "project", "update", "AR-1", "--set", "project_start=2020-13-01")
    assert bad.code == 2 and "Project start" in bad.err


@pytest.mark.parametrize("lang, words", [("en", "Additionality is deemed for every project"), ("zh", "额外性免予论证")])
def test_the_pdd_states_deemed_additionality_from_the_data(lang, words):
    from workbench.methodology import additionality

    outcome = additionality.assess(get("CCER-01-002").additionality, "")
    assert outcome.verdict is Verdict.PASS and words in outcome.explanation.in_lang(lang)
