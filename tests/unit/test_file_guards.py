"""Small files that would take the machine's memory are refused before any reader parses them, under bounds that
still let a year of 15-minute readings from ten meters (350,400 rows) through."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.cli_helpers import file_digest, run_cli
from workbench.domain.errors import UserError
from workbench.services.support.file_guards import MAX_JSON_DEPTH, guard_input, json_depth

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="readings" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>')


def workbook(path: Path, rows: list[tuple[str, str, int, int]], strings: list[str]) -> Path:
    """An XLSX as Excel writes one: text cells point into the shared-strings table."""
    index = {s: i for i, s in enumerate(strings)}
    cells = [f'<row r="{n}"><c r="A{n}" t="s"><v>{index[m]}</v></c><c r="B{n}" t="s"><v>{index[t]}</v></c>'
             f'<c r="C{n}"><v>{minutes}</v></c><c r="D{n}"><v>{wh}</v></c></row>' for n, (m, t, minutes, wh) in enumerate(rows, 1)]
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{"".join(cells)}</sheetData></worksheet>')
    shared = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              f'count="{len(strings)}" uniqueCount="{len(strings)}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/worksheets/sheet1.xml", sheet),
                           ("xl/sharedStrings.xml", shared)):
            z.writestr(name, body)
    return path


def test_a_year_of_15_minute_readings_from_ten_meters_passes_the_guard(tmp_path):
    start = datetime(2025, 1, 1)
    stamps = [(start + timedelta(minutes=15 * i)).strftime("%Y-%m-%d %H:%M") for i in range(35_040)]
    meters = [f"VN-EXP-{n:04d}" for n in range(10)]
    rows = [("meter", "start", 0, 0)] + [(m, t, 15, 38_000_000 + i) for m in meters for i, t in enumerate(stamps)]
    path = workbook(tmp_path / "readings.xlsx", rows, ["meter", "start", *meters, *stamps])
    assert guard_input(path) == path
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    first = next(book.worksheets[0].iter_rows(min_row=2, max_row=2, values_only=True))
    book.close()
    assert first == ("VN-EXP-0000", "2025-01-01 00:00", 15, 38_000_000)
    assert len(rows) - 1 == 350_400


def test_a_shared_strings_bomb_is_refused(tmp_path, capsys, demo_db):
    huge = ["x" * 1000 + str(i % 10) for i in range(70_000)]  # ~70 MiB of strings that compress to little
    bomb = workbook(tmp_path / "bomb.xlsx", [("meter", "start", 0, 0)], ["meter", "start", *huge])
    assert bomb.stat().st_size < 2 * 2**20
    before = file_digest(demo_db)
    result = run_cli(capsys, "monitoring", "import", "VN-OFW-01", bomb, "--db", demo_db)
    assert result.code == 2, result.err
    assert "shared-strings table would take" in result.err or "refused as a zip bomb" in result.err
    assert file_digest(demo_db) == before


def test_a_zipped_shapefile_that_expands_a_thousandfold_is_refused(tmp_path, capsys, demo_db):
    bomb = tmp_path / "parcels.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("parcels.shp", b"\0" * (300 * 2**20))
        z.writestr("parcels.dbf", b"\0" * 100)
    result = run_cli(capsys, "site", "import", "GX-AR-01", bomb, "--db", demo_db)
    assert result.code == 2 and "refused as a zip bomb" in result.err, result.err


def test_a_package_whose_data_would_take_gigabytes_to_parse_is_refused(tmp_path, capsys, demo_db):
    """Stored, not compressed: within any ratio; its data.json is over the JSON bound, so it is never parsed."""
    import hashlib

    row = b'{"id": 1, "meter_id": 1, "start": "2025-01-01T00:00:00", "minutes": 15, "wh": 38000000},'
    data = b'{"meter_reading": [' + row * (130 * 2**20 // len(row)) + b"{}]}"
    manifest = {"format": 1, "schema": [], "members": {"data.json": {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}}}
    package = tmp_path / "big.ccerpkg"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.writestr("data.json", data)
    del data
    result = run_cli(capsys, "package", "import", package, "--db", demo_db)
    package.unlink()
    assert result.code == 2 and "data.json: holds 130.0 MiB of JSON; at most 128.0 MiB are accepted" in result.err, result.err


def test_json_nested_a_hundred_thousand_deep_is_refused(tmp_path, capsys, demo_db):
    deep = tmp_path / "parcels.geojson"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run_cli(capsys, "site", "import", "GX-AR-01", deep, "--db", demo_db)
    assert result.code == 2 and "nests 100,000 levels deep" in result.err, result.err
    inputs = tmp_path / "estimate.json"
    inputs.write_text('{"a": ' * 5000 + "1" + "}" * 5000, encoding="utf-8")
    with pytest.raises(UserError, match="nests 5,000 levels deep"):
        from workbench.services.methodology.methodology import load_input

        load_input(inputs)


def test_json_depth_skips_brackets_inside_strings():
    assert json_depth(b'{"a": "[[[[{{{{", "b": [1, [2, {"c": "]]]"}]]}') == 4
    assert json_depth(json.dumps({"k": "\\\"[" * 100}).encode()) == 1
    assert json_depth(b"[" * (MAX_JSON_DEPTH + 1)) == MAX_JSON_DEPTH + 1


def test_a_package_manifest_with_wrong_types_is_a_clear_error(tmp_path):
    from workbench.services.sharing.packages import read_package

    for manifest in ({"format": 1, "members": {"data.json": "abc"}}, {"format": 1, "members": {}, "schema": "0016"},
                     {"format": 1, "members": {"data.json": {"size": "1", "sha256": 3}}}):
        package = tmp_path / "typed.ccerpkg"
        with zipfile.ZipFile(package, "w") as z:
            z.writestr("manifest.json", json.dumps(manifest))
            z.writestr("data.json", "{}")
        with pytest.raises(UserError, match="manifest.json is not a format-1 package manifest"):
            read_package(package)
