"""Species and fuel-default editions a user adds, lists and confirms: used by `estimate`, the PDD's ex-ante estimate
and period calculations by the stage rule, cited as user editions, confirmed by a named person against a named
source, and carried in project packages (docs/worked-examples.md, "Species and fuel editions")."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from workbench.domain.text import worded

EXAMPLES = Path(__file__).parents[2] / "docs/examples"
CAMPHOR = ["methodology=CCER-14-001", "species=Cinnamomum camphora", "name_zh=樟树", "method=allometric", "a=0.0533", "b=2.0", "c=0.8",
           "root_shoot=0.246", "dbh_min=5", "dbh_max=40", "source=test coefficients (not from a published table)", "published=2025-01-01"]


def cli(capsys, db, *args):
    result = run_cli(capsys, "--db", db, "--format", "json", *args)
    assert result.code == 0, result.err
    return result.json()


def sets(pairs):
    return [x for pair in pairs for x in ("--set", pair)]


def camphor_inventory(tmp_path) -> Path:
    example = json.loads((EXAMPLES / "afforestation.json").read_text(encoding="utf-8"))
    for plot in example["strata"][0]["plots"]:
        for tree in plot["trees"]:
            tree["species"] = "Cinnamomum camphora"
    path = tmp_path / "camphor.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    return path


def test_a_species_edition_is_used_by_estimate_by_the_stage_rule_and_cited_until_confirmed(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    db = tmp_path / "w.sqlite"
    inventory = camphor_inventory(tmp_path)
    assert run_cli(capsys, "--db", db, "estimate", "CCER-14-001", "--input", inventory).code == 2  # not known yet
    added = cli(capsys, db, "species", "add", *sets(CAMPHOR))
    out = cli(capsys, db, "estimate", "CCER-14-001", "--input", inventory)
    # the Chinese-fir example's coefficients as the user's edition: the example's 37.197903 tCO2 (docs/worked-examples.md)
    assert out["vintages"][0]["ER"].startswith("37.19790")
    cite = out["parameters_used"]["species"]["Cinnamomum camphora"]
    assert cite == (f"test coefficients (not from a published table) (user edition #{added['id']}, published 2025-01-01) (confirm); "
                    "allometric, diameter range 5–40 cm")
    # a later edition published after today is not in force yet (PDD rule: the latest published); once published, it is
    later = [p.replace("a=0.0533", "a=0.0600").replace("published=2025-01-01", "published=2026-06-01") for p in CAMPHOR]
    cli(capsys, db, "species", "add", *sets(later))
    assert cli(capsys, db, "estimate", "CCER-14-001", "--input", inventory)["vintages"][0]["ER"].startswith("37.19790")
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-07-01")
    # a = 0.0600 scales every tree by 0.06 / 0.0533: the stock 44/12 × 0.47 × 10 × 2.170515 × 0.06 / 0.0533 = 42.107 t
    newer = cli(capsys, db, "estimate", "CCER-14-001", "--input", inventory)
    assert D(newer["parameters_used"]["tree_stock_tCO2"]) == D("42.107")
    cli(capsys, db, "species", "confirm", str(added["id"]), "--source", "Provincial table 3, p. 12")
    listed = {r["id"]: r for r in cli(capsys, db, "species", "list", "--methodology", "CCER-14-001")}
    assert listed[added["id"]]["confirm"] is False
    assert re.fullmatch(r"tester on \d{4}-\d\d-\d\d against Provincial table 3, p\. 12", listed[added["id"]]["confirmed"])
    assert listed[None]["demo"] is True  # shipped rows are listed as DEMO, with no edition id
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    cite = cli(capsys, db, "estimate", "CCER-14-001", "--input", inventory)["parameters_used"]["species"]["Cinnamomum camphora"]
    assert "(confirmed by tester on " in cite and "against Provincial table 3, p. 12)" in cite and "(confirm)" not in cite


@pytest.mark.parametrize("change, message", [
    ("dbh_max=", "the allometric path is an equation fitted on a range of diameters"),
    ("root_shoot=24.6", "root_shoot = 24.6 is outside 0.0–2.0"),
    ("methodology=CCER-01-002", "'CCER-01-002' is not an installed forestry methodology"),
    ("published=", "missing: published"),
])
def test_a_species_edition_without_its_range_in_the_wrong_unit_or_incomplete_is_refused_and_nothing_stored(tmp_path, capsys, change, message):
    db = tmp_path / "w.sqlite"
    cli(capsys, db, "species", "add", *sets(CAMPHOR))
    name = change.split("=")[0]
    refused = run_cli(capsys, "--db", db, "species", "add", *sets([change if p.startswith(name + "=") else p for p in CAMPHOR]))
    assert refused.code == 2 and message in refused.err
    assert len([r for r in cli(capsys, db, "species", "list") if r["origin"] == "user"]) == 1
    zh = run_cli(capsys, "--db", db, "--lang", "zh", "species", "add", *sets([change if p.startswith(name + "=") else p for p in CAMPHOR]))
    assert zh.code == 2 and re.search(r"[\u4e00-\u9fff]", zh.err)


def test_the_pdd_estimate_uses_the_species_edition_and_the_package_carries_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    db, other = tmp_path / "w.sqlite", tmp_path / "other.sqlite"
    cli(capsys, db, "demo")
    fir = ["methodology=CCER-14-001-V01", "species=Cunninghamia lanceolata", "method=volume_bef", "vol_a=0.00006", "vol_b=2", "vol_c=1",
           "wood_density=0.307", "bef=1.6", "root_shoot=0.25", "dbh_min=5", "dbh_max=40", "source=test figures, not a published table",
           "published=2025-03-01"]
    added = cli(capsys, db, "species", "add", *sets(fir))
    cli(capsys, db, "species", "confirm", str(added["id"]), "--source", "test check, table 1, p. 1")
    from workbench.services.methodology.methodology import ex_ante
    from workbench.store.models import ProjectRow
    from workbench.store.workspace import open_workspace
    from sqlalchemy import select
    from datetime import date

    ws = open_workspace(db)
    try:
        with ws.reading() as s:
            row = s.scalar(select(ProjectRow).where(ProjectRow.code == "GX-AR-01"))
            (first, *_) = ex_ante(s, row, date(2026, 2, 1))
    finally:
        ws.close()
    assert first.used["species"]["Cunninghamia lanceolata"].en.startswith(f"test figures, not a published table (user edition #{added['id']}, "
                                                                       "published 2025-03-01) (confirmed by tester on ")
    assert "volume_bef, diameter range 5–40 cm" in first.used["species"]["Cunninghamia lanceolata"].en
    cli(capsys, db, "package", "export", "GX-AR-01", "--out", tmp_path / "gx.zip")
    cli(capsys, other, "package", "import", tmp_path / "gx.zip")
    (theirs,) = [r for r in cli(capsys, other, "species", "list") if r["origin"] == "user"]
    assert (theirs["species"], theirs["method"], theirs["numbers"]["bef"]) == ("Cunninghamia lanceolata", "volume_bef", "1.6")
    assert theirs["confirmed"].startswith("tester on ") and theirs["confirmed"].endswith("against test check, table 1, p. 1")
    cli(capsys, other, "package", "import", tmp_path / "gx.zip", "--take", "incoming")
    assert len([r for r in cli(capsys, other, "species", "list") if r["origin"] == "user"]) == 1  # not stored twice


def test_a_fuel_edition_gives_a_fuel_the_table_lacks_and_replaces_a_demo_default(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-02-01")
    db = tmp_path / "w.sqlite"
    oil = ["fuel=fuel_oil", "name_zh=燃料油", "fuel_unit=t", "ncv=40.19", "carbon_content=0.0211", "oxidation=98",
           "source=test figures, not the guideline", "published=2025-01-01"]
    values = {"EF_OM": "0.8042", "EF_BM": "0.2135", "vintages": [{"year": 2025, "EG_export": "1000", "EG_import": "0",
                                                                   "fuels": [{"fuel": "fuel_oil", "FC": "10"}]}]}
    path = tmp_path / "csp.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    unknown = run_cli(capsys, "estimate", "CCER-01-001", "--input", path)
    assert unknown.code == 2 and "unknown fuel 'fuel_oil'" in unknown.err and "workbench fuel-default add --set fuel=fuel_oil" in unknown.err
    added = cli(capsys, db, "fuel-default", "add", *sets(oil))
    out = cli(capsys, db, "estimate", "CCER-01-001", "--input", path)
    # COEF = 40.19 × 0.0211 × 98 × 44 / 1,200 = 3,656.614808 / 1,200 = 3.0471790067 tCO2/t; PE = 10 × that = 30.471790067 t
    assert D(out["vintages"][0]["PE"]).quantize(D("0.000001")) == D("30.471790")
    used = out["parameters_used"]["fuel.fuel_oil"]
    assert used["source"] == f"test figures, not the guideline (user edition #{added['id']}, published 2025-01-01) (confirm)"
    # a fuel edition of diesel replaces the DEMO default: 43.0 × 0.0200 × 98 × 44 / 1,200 = 3.0902666… tCO2/t
    diesel = [p.replace("fuel=fuel_oil", "fuel=diesel").replace("ncv=40.19", "ncv=43.0").replace("carbon_content=0.0211", "carbon_content=0.0200")
              for p in oil]
    cli(capsys, db, "fuel-default", "add", *sets(diesel))
    example = cli(capsys, db, "estimate", "CCER-01-001", "--input", EXAMPLES / "solar_thermal.json")
    assert example["parameters_used"]["fuel.diesel"]["NCV"] == "43.0" and "DEMO" not in example["parameters_used"]["fuel.diesel"]["source"]
    refused = run_cli(capsys, "--db", db, "fuel-default", "add", *sets([p.replace("carbon_content=0.0211", "carbon_content=21.1") for p in oil]))
    assert refused.code == 2 and "tC/GJ" in refused.err
    cli(capsys, db, "fuel-default", "confirm", str(added["id"]), "--source", "guideline table 2.1, p. 30")
    (mine,) = [r for r in cli(capsys, db, "fuel-default", "list") if r["id"] == added["id"]]
    assert mine["confirm"] is False and mine["confirmed"].endswith("against guideline table 2.1, p. 30")
    assert {r["demo"] for r in cli(capsys, db, "fuel-default", "list") if r["origin"] == "shipped"} == {True}


def test_a_period_calculation_and_its_documents_use_and_mark_the_species_edition(ws, tmp_path):
    """The stage rule at verification: the edition in force on the day the verification report is final, else today;
    the monitoring report and the PDD mark the user edition (read back from the PDFs)."""
    import subprocess
    from datetime import date

    from tests.unit.test_field_data import inventory, parcels_with_strata, write_csv
    from workbench.services.demo.projects import create_demo_projects
    from workbench.services.documents import documents
    from workbench.services.methodology import data_editions
    from workbench.services.monitoring import accounting, field_data, periods
    from workbench.services.support.context import Actor

    on = Actor("tester", date(2024, 2, 1))
    create_demo_projects(ws, on)
    parcels_with_strata(ws, tmp_path)
    write_csv(tmp_path / "2023.csv", inventory(3))
    field_data.import_file(ws, on, "GX-AR-01", tmp_path / "2023.csv")
    periods.add_period(ws, on, "GX-AR-01", "2021-03-01", "2023-12-31")
    pine = {"methodology": "CCER-14-001", "species": "Pinus massoniana", "method": "volume_bef", "vol_a": "0.00006", "vol_b": "2",
            "vol_c": "1", "wood_density": "0.38", "bef": "1.5", "root_shoot": "0.2", "carbon_fraction": "0.46", "dbh_min": "5",
            "dbh_max": "10", "source": "test figures, not a published table", "published": "2024-01-15"}
    added = data_editions.add_species_edition(ws, on, pine).result["id"]
    data_editions.add_species_edition(ws, on, {**pine, "bef": "1.9", "published": "2024-06-01"})  # not yet published on 2024-02-01
    change = accounting.calculate_period(ws, on, "GX-AR-01", 1)
    assert change.result["period"] == 1
    with ws.reading() as s:
        period = accounting.period_of(s, accounting.resolve(s, "GX-AR-01").id, 1)
        trace = json.loads(period.vintages[0].calculation)
    species = {k: worded(v, "en") for k, v in trace["species"].items()}  # stored as messages, worded when shown
    assert "（用户版本 #" in worded(trace["species"]["Pinus massoniana"], "zh")
    assert species["Pinus massoniana"].startswith(f"test figures, not a published table (user edition #{added}, published 2024-01-15) (confirm)")
    assert species["Pinus massoniana"].endswith("volume_bef, diameter range 5–10 cm, CF 0.46")
    (beyond,) = [worded(f, "en") for f in trace["flags"] if "Pinus massoniana" in worded(f, "en")]  # the inventory's pines of 6–18 cm: most beyond 10 cm
    assert beyond.startswith("stratum pine-2021: ") and "outside the equation's diameter range 5–10 cm" in beyond
    assert "DEMO" in species["Cunninghamia lanceolata"]  # no edition of fir: the shipped DEMO row, marked
    for kind, ref in (("pdd", None), ("monitoring-report", 1)):
        pdf = documents.render(ws, kind, "GX-AR-01", "en", tmp_path / f"{kind}.pdf", on.today, ref=ref)
        text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
        if kind == "pdd":  # the species box cites the edition in force; the project start; additionality only in a published case
            assert "vol_a=0.00006;testfigures,notapublishedtable(2024-01-15)" in text and "bef=1.5" in text  # no internal id
            assert "Projectstart1March2021" in text and "Additionalityisdeemedonlyinthepublishedcases" in text
        else:  # the edition the figures rest on, and the flag, reach the report in the report's language
            assert "Pinusmassoniana:" in text and f"(useredition#{added},published2024-01-15)" in text
            assert "outsidetheequation'sdiameterrange5–10cm" in text
            zh = documents.render(ws, kind, "GX-AR-01", "zh", tmp_path / "zh.pdf", on.today, ref=ref)
            zh_text = "".join(subprocess.run(["pdftotext", str(zh), "-"], capture_output=True, text=True, check=True).stdout.split())
            assert "超出方程的胸径适用范围5–10cm" in zh_text


def test_a_species_table_is_imported_from_a_gbk_csv_whole_or_not_at_all(tmp_path, capsys):
    db = tmp_path / "w.sqlite"
    header = "methodology,species,name_zh,method,vol_a,vol_b,vol_c,wood_density,bef,root_shoot,carbon_fraction,dbh_min,dbh_max,source,published\n"
    good = ("CCER-14-001,Quercus,栎类,volume_bef,0.00006,2,1,0.6,1.4,0.25,0.48,5,21,test table 1 p. 2,2025-01-01\n"
            "CCER-14-001,Schima superba,木荷,volume_bef,0.00005,2,1,0.55,1.5,0.26,,5,30,test table 1 p. 2,2025-01-01\n")
    bad = good + "CCER-14-001,Liquidambar,枫香,volume_bef,0.00005,2,1,550,1.5,0.26,,5,30,test table 1 p. 2,2025-01-01\n"
    path = tmp_path / "species.csv"
    path.write_bytes((header + bad).encode("gb18030"))  # as Excel/WPS on Chinese Windows saves it
    refused = run_cli(capsys, "--db", db, "species", "import", path)
    assert refused.code == 2 and f"{path} line 4: species Liquidambar" in refused.err and "wood_density = 550 is outside 0.1–1.5" in refused.err
    assert [r for r in cli(capsys, db, "species", "list") if r["origin"] == "user"] == []
    path.write_bytes((header + good).encode("gb18030"))
    assert cli(capsys, db, "species", "import", path)["rows"] == 2
    mine = {r["species"]: r for r in cli(capsys, db, "species", "list") if r["origin"] == "user"}
    assert mine["Quercus"]["name_zh"] == "栎类" and mine["Schima superba"]["numbers"]["wood_density"] == "0.55"
    again = run_cli(capsys, "--db", db, "species", "import", path)
    assert again.code == 2 and "is held already or given twice" in again.err
