"""GUI forms of records take each field's spec from the domain (domain/field_specs), as the CLI and package checks
do, never one of their own: a bound, unit or kind changed there changes every form (issue 20)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from workbench.domain.field_specs import FieldKind, fields_of, flat
from workbench.ui.pages.monitoring import METER_FIELDS

PAGES = Path(__file__).resolve().parents[2] / "workbench" / "ui" / "pages"
# Form keys that are not the record field of the same name: the kind of data to import, retire-or-cancel and
# pledge-or-freeze (the action's kind), and a VVB's scopes ticked one by one (stored comma-separated).
NOT_THE_RECORDS = {("monitoring.py", "kind"), ("ledger.py", "kind"), ("validation.py", "scopes")}


@pytest.mark.parametrize("page", ["monitoring.py", "validation.py", "ledger.py"])
def test_record_forms_declare_no_spec_of_their_own_for_a_records_field(page):
    """A ``Field(key, FieldSpec(...))`` whose key is a field of a record described in the domain is a second
    description of it; ``record_field`` takes the domain's."""
    record_keys = {key for record in ("meter", "calibration", "engagement", "finding", "period", "agreement", "allocation", "decision",
                                      "account", "transfer", "retirement", "article6", "vvb") for key in flat(fields_of(record))}
    found = []
    for node in ast.walk(ast.parse((PAGES / page).read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Field" and node.args and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in record_keys and len(node.args) > 1
                and isinstance(node.args[1], ast.Call) and getattr(node.args[1].func, "id", "") == "FieldSpec"
                and (page, node.args[0].value) not in NOT_THE_RECORDS):
            found.append(f"{page}:{node.lineno} {node.args[0].value}")
    assert found == []


def test_the_meter_form_is_the_meters_spec():
    spec = fields_of("meter")
    assert {f.key: f.spec for f in METER_FIELDS} == {k: spec[k] for k in (f.key for f in METER_FIELDS)}
    assert spec["accuracy_class"].kind is FieldKind.ACCURACY_CLASS and spec["calibration_error"].unit == "%"
