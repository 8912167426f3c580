"""The demo workspace: a solar thermal plant taken through the whole path with every document complete, the wind farm
and the forest left at the design stage, the mangrove project with its first period calculated, and the forestry
projects' sites, parcels and strata agreeing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from shapely.geometry import Point, Polygon
from sqlalchemy import select

from workbench.domain.stages import Stage
from workbench.services.demo.demo import create_demo
from workbench.services.demo.projects import BRI_CSP_PARTIES, CCER_FOREST_SITES, CCER_MANGROVE_SITES
from workbench.services.demo.whole_path import BUYER, CODE
from workbench.services.documents import documents
from workbench.services.issuance import ledger
from workbench.services.methodology.methodology import ex_ante
from workbench.services.monitoring import periods
from workbench.services.monitoring.site_import import parcels_of, stratum_areas
from workbench.services.projects import decisions, lifecycle
from workbench.services.projects.projects import resolve
from workbench.services.support.context import Actor
from workbench.services.validation import validation
from workbench.store.models import SiteRow
from workbench.store.workspace import open_workspace

TODAY = date(2026, 5, 4)
OWNER, HOST, INVESTOR = (p["name_en"] for p in BRI_CSP_PARTIES[:3])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = open_workspace(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    create_demo(ws, Actor("tester", date(2025, 1, 6)))
    yield ws
    ws.close()


def test_the_solar_thermal_plant_went_through_every_stage_on_dated_working_days(demo):
    view = lifecycle.view_project(demo, CODE, TODAY)
    assert view.snapshot.stage == Stage.ISSUED
    moves = [(r.target.value, str(r.on)) for r in view.snapshot.history if r.source is not None]
    assert moves == [("pdd_publicity", "2025-01-17"), ("validation", "2025-02-26"), ("registration_requested", "2025-03-10"),
                     ("registered", "2025-03-28"), ("verification", "2026-02-02"), ("issuance_requested", "2026-03-03"),
                     ("issued", "2026-03-20")]
    assert all(r.reason for r in view.snapshot.history if r.source is not None)
    assert all(r.on.weekday() < 5 for r in view.snapshot.history)
    assert [(d.kind, str(d.decided_on), d.reference) for d in decisions.decisions_of(demo, CODE)] == [
        ("registration", "2025-03-28", "JC-2025-011 (demo)"), ("issuance", "2026-03-20", "JC-2026-014 (demo)")]
    for project in ("VN-OFW-01", "GX-AR-01"):  # the GUI still has projects to show at the design stage
        assert lifecycle.view_project(demo, project, TODAY).snapshot.stage == Stage.DESIGN


def test_validation_closed_its_car_and_a_different_vvb_verified(demo):
    validating, verifying = validation.engagements_of(demo, CODE)
    assert (validating.kind, verifying.kind) == ("validation", "verification")
    assert validating.vvb_id != verifying.vvb_id and validating.report_status == verifying.report_status == "final"
    # the FAR carried forward from validation is answered in the monitoring report and closed by the verifier
    assert [(f.type, f.status) for f in validating.findings] == [("CAR", "closed"), ("FAR", "closed")]
    assert "PVGas-2025-01 to PVGas-2025-12" in validating.findings[1].response
    assert validating.sampled_sites and verifying.sampled_sites
    (period,) = periods.list_periods(demo, CODE)
    assert period.status == "issued" and [v.vintage for v in period.vintages] == [2025]
    assert abs(periods.deviation_percent(period.vintages[0])) < 10  # no explanation owed against the PDD estimate


@pytest.mark.parametrize("kind, ref", [("pdd", None), ("validation-package", None), ("registration-application", None),
                                       ("monitoring-report", 1), ("verification-package", 1), ("issuance-application", 1),
                                       ("allocation-statement", None), ("risk-register", None)])
def test_every_document_of_the_whole_path_is_complete(demo, kind, ref):
    missing = documents.check(demo, kind, CODE, TODAY, ref)
    if kind in ("pdd", "monitoring-report", "issuance-application"):  # the owner submits these: the demo's reference values
        # (grid edition, fuel table) are not confirmed published values (services/documents/confirm_rule.py)
        assert missing and {m.section.en for m in missing} == {"Values to confirm"}
    else:
        assert missing == []


def test_issued_into_both_registries_then_sold_and_retired(demo):
    (period,) = periods.list_periods(demo, CODE)
    assert period.vintages[0].credited == 95519
    lines = ledger.ledger(demo, CODE)
    assert sum(line.quantity for line in lines) == 95519 and {line.registry for line in lines} == {"CN", "VN"}
    retired = [line for line in lines if line.status == "retired"]
    assert [(line.holder, line.quantity, line.registry) for line in retired] == [(BUYER, 5000, "CN")]
    assert sum(line.quantity for line in lines if line.holder == BUYER) == 20000
    # The project's allocation: the investor's 10 % = 9,551.9 and the rest 85,967.1 → floors 9,551 + 85,967, the
    # spare tonne to the larger remainder (.9): investor 9,552; the rest 60 % in the China registry = 51,580.2 and 40 %
    # = 34,386.8 in Viet Nam's → floors 51,580 + 34,386, the spare tonne to .8: 34,387 in Viet Nam's, where the
    # investor's units are held too. The statement shows that, not the 31,580 the owner has left after the sale.
    with demo.reading() as s:
        statement, _ = documents.context_for(s, resolve(s, CODE), "allocation-statement", TODAY)
        certificate, _ = documents.context_for(s, resolve(s, CODE), "retirement-certificate", TODAY, retired[0].block)
    holders = {(x["registry"], x["holder"]): x["quantity"] for x in statement["issuance"]["holders"]}
    assert holders == {("CN", OWNER): 51580, ("VN", HOST): 34387, ("VN", INVESTOR): 9552}
    assert statement["issuance"]["total"] == 95519
    assert sum(line.quantity for line in lines if line.holder == OWNER) == 31580
    assert (certificate["retirement"]["quantity"], certificate["retirement"]["beneficiary"]) == (5000, BUYER)


@pytest.mark.parametrize("code, stated_sites", [("GX-AR-01", CCER_FOREST_SITES), ("GD-MG-01", CCER_MANGROVE_SITES)])
def test_the_forestry_sites_parcels_and_strata_agree(demo, code, stated_sites):
    parcels = parcels_of(demo, code)
    with demo.reading() as s:
        project = resolve(s, code)
        sites = list(s.scalars(select(SiteRow).where(SiteRow.project_id == project.id)))
        strata = stratum_areas(s, project.id)
        estimate_strata = ex_ante(s, project, TODAY)
    assert estimate_strata, "the planting plan and the parcels give an ex-ante estimate"
    # every parcel lies in the compartment of the nearest site; each compartment's parcels add up to its stated area
    by_site: dict[str, Decimal] = {site.name: Decimal(0) for site in sites}
    for parcel in parcels:
        outline = Polygon(parcel.outlines[0])
        site = min(sites, key=lambda x: outline.centroid.distance(Point(float(x.longitude), float(x.latitude))))
        by_site[site.name] += parcel.area_ha
    stated = {x["name"]: Decimal(x["area_ha"]) for x in stated_sites}
    assert {name: total.quantize(Decimal("0.01")) for name, total in by_site.items()} == stated
    assert {site.name: site.area_ha for site in sites} == stated
    # the strata the estimate uses cover exactly the parcels: every parcel in one stratum, nothing left out
    assert all(parcel.stratum in strata for parcel in parcels)
    assert sum(strata.values()) == sum(parcel.area_ha for parcel in parcels)
    assert sum(strata.values()).quantize(Decimal("0.01")) == sum(stated.values())


def test_the_mangrove_demo_shows_mangrove_content_in_its_pdd_and_monitoring_report(demo, tmp_path):
    from tests.docs.test_every_document import pdftotext

    pdd = "".join(pdftotext(documents.render(demo, "pdd", "GD-MG-01", "zh", tmp_path / "mg.pdf", TODAY), layout=False).split())
    for words in ("CCER-14-002-V01", "红树林营造", "潮滩", "退养池塘", "秋茄", "土壤有机碳", "SOC_rate", "17.29", "19.05", "低潮时测量",
                  "GQ-01", "DH-03", "图1项目场址与地块"):
        assert words in pdd, words
    assert not [w for w in ("电网排放因子", "离岸距离", "电能表") if w in pdd]
    report = "".join(pdftotext(documents.render(demo, "monitoring-report", "GD-MG-01", "zh", tmp_path / "mr.pdf", TODAY, ref=1),
                               layout=False).split())
    # eight 25 m² plots measured at low tide in November 2025, stocks per stratum with soil carbon, the deviation explained
    assert "2021年4月1日–2025年12月31日" in report and "2025年11月18日" in report and "各碳层碳储量" in report
    assert "flat-2021" in report and "pond-2022" in report and "土壤有机碳累积量" in report and "不确定性扣减比例" in report
    assert "实测碳储量高于设计文件同期估算" in report  # the deviation as the demo's user wrote it, in Chinese
    assert "[缺失" not in report.split("附录")[0]
