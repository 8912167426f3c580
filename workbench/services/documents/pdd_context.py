"""The PDD's context (项目设计文件): sections A–F after the CDM PDD form the CCER guideline follows (DOMAIN.md §6),
filled from the project and from what its methodology contributes (``Methodology.pdd``, its data/pdd.toml).

Every value a section needs is either there or a gap (services/documents/gaps.py), so the completeness check and
the render read the same context; reference values not yet confirmed go to the "values to confirm" appendix.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.documents.charts import bar_chart
from workbench.documents.maps import boundary_map
from workbench.domain.estimate_table import EstimateRow, Length, estimate_table
from workbench.domain.parties import PartyRole
from workbench.domain.sourced import SourcedValue
from workbench.domain.text import Bilingual, Text
from workbench.methodology.loader import get
from workbench.methodology.pdd_content import FixedParameter, Passage, PddContent
from workbench.methodology.protocol import Methodology, Verdict
from workbench.services.documents.context_parts import parties, project_facts
from workbench.services.documents.gaps import Gaps, both
from workbench.services.documents.plot_annex import plot_annex
from workbench.methodology import additionality, editions
from workbench.services.methodology import data_editions
from workbench.services.methodology.methodology import applicability_input, ex_ante, grid_overrides, parameters_of, user_species
from workbench.services.methodology.project_inputs import DECLARATIONS, declarations_of, pdd_texts_of
from workbench.store.models import ProjectRow
from workbench.store.models_boundaries import ParcelRow
from workbench.store.models_inventory import FuelDeliveryRow
from workbench.store.models_monitoring import MeterRow
from workbench.store.models_validation import EngagementRow, VvbRow
from workbench.domain.errors import UserError

PDD_TEXTS = ("description", "environment", "stakeholders")  # written by the user in both languages (PDD editor)
TEXT_TITLES = {"description": Text("documents.project_description"), "environment": Text("documents.environmental_impact"),
               "stakeholders": Text("documents.stakeholder_comments")}
APPLICABILITY = Text("documents.methodology_and_applicability")
BOUNDARY = Text("documents.project_boundary")
APPLICATION = Text("documents.application_of_the_methodology")
EX_ANTE = Text("documents.ex_ante_estimate")
MONITORING = Text("documents.monitoring_plan")
CREDITING = Text("documents.crediting_period")
UNIQUENESS = Text("documents.uniqueness_statement")
VALIDATOR = Text("common.validation_and_verification_body")
CONFIRM = Text("documents.values_to_confirm")
ADDITIONALITY = Text("documents.additionality")
PDD_SECTIONS = (TEXT_TITLES["description"], APPLICABILITY, BOUNDARY, ADDITIONALITY, APPLICATION, EX_ANTE, MONITORING, CREDITING, TEXT_TITLES["environment"],
                TEXT_TITLES["stakeholders"], UNIQUENESS, VALIDATOR, CONFIRM)
PARCEL_POINTS_MAX = 400  # a figure of thousands of parcels is drawn from simplified outlines


def installed(methodology_id: str) -> Methodology | None:
    """The methodology package, or None when the id is empty or this workbench does not have it."""
    if not methodology_id:
        return None
    try:
        return get(methodology_id)
    except UserError:
        return None


def grid_factor_for_row(s: Session, row: ProjectRow, today):
    from workbench.methodology import grid_factors

    return grid_factors.pick(parameters_of(s, row.id)["grid"], "pdd", today, None, grid_overrides(s))


def _estimate_row(r: EstimateRow) -> dict[str, Any]:
    """One row of the ex-ante table in whole tonnes; ``days`` counted: 365 (366) for a whole year, 59/365 for a part."""
    return {"year": r.year, "days": f"{r.days}/{r.year_days}" if r.days != r.year_days else str(r.days), "be": r.baseline,
            "pe": r.project_emissions, "le": r.leakage, "er": r.reductions}


def _passage(x: Passage) -> dict[str, Any]:
    return {**both(x.text), "source": both(x.source)}


def _length(length: Length) -> dict[str, int]:
    return {"years": length.years, "months": length.months, "days": length.days}


def _sites(s: Session, row: ProjectRow, content: PddContent | None, gaps: Gaps) -> list[dict[str, Any]]:
    """Site rows with the columns the sector shows; a column the sector shows but the site lacks is a gap."""
    columns = content.site_columns if content else ()
    labels = {"distance": Text("documents.distance_to_shore_of_site"), "depth": Text("documents.water_depth_of_site"),
              "area": Text("documents.area_of_site")}
    offshore = [c for c in columns if c in OFFSHORE]
    def at_sea(x) -> bool:
        return any(_site_values(x)[c] is not None for c in offshore)
    some_at_sea = any(at_sea(x) for x in row.sites)
    out = []
    for x in row.sites:
        values = _site_values(x)
        onshore = bool(offshore) and some_at_sea and not at_sea(x)  # a facility ashore (a substation, a control centre)
        out.append({"name": x.name, "latitude": f"{x.latitude:.6f}", "longitude": f"{x.longitude:.6f}",
                    **{c: "—" if onshore and c in offshore else
                       gaps.need(None if values[c] is None else f"{values[c]:,}", BOUNDARY, Text(labels[c].id, site=x.name))
                       for c in columns}})
    return out


OFFSHORE = ("distance", "depth")
"""Columns that describe a site at sea: a site with neither, beside sites that have them, is a facility ashore and
shows "—" there instead of a gap (the distance and depth conditions of CCER-01-002-V01 apply to the turbines)."""


def _site_values(x) -> dict[str, Any]:
    return {"distance": x.distance_to_shore_km, "depth": x.water_depth_m, "area": x.area_ha}


def _figure(s: Session, row: ProjectRow) -> dict[str, Any] | None:
    """The boundary figure from the parcels' outlines (simplified when there are many) and the sites' points; the
    template writes the words on it (north, km) in the document's language."""
    from shapely import wkt

    parcels = s.scalars(select(ParcelRow).where(ParcelRow.project_id == row.id).order_by(ParcelRow.name)).all()
    polygons = []
    for parcel in parcels:
        shape = wkt.loads(parcel.geometry_wkt)
        if len(parcels) > 20:
            shape = shape.simplify(max(shape.bounds[2] - shape.bounds[0], shape.bounds[3] - shape.bounds[1]) / 8)
        for part in getattr(shape, "geoms", [shape]):
            polygons.append((parcel.name if len(parcels) <= 20 else "", list(part.exterior.coords)))
    points = [(x.name, x.longitude, x.latitude) for x in row.sites]
    if not polygons and not points:
        return None
    return boundary_map(points[:PARCEL_POINTS_MAX], polygons, "N", "km")


def _strata(s: Session, row: ProjectRow, params: dict[str, str], m: Methodology) -> list[dict[str, Any]]:
    """Forestry: each carbon stratum with its parcels, area and planting plan (species, year, density)."""
    rows: dict[str, dict[str, Any]] = {}
    for parcel in s.scalars(select(ParcelRow).where(ParcelRow.project_id == row.id)):
        r = rows.setdefault(parcel.stratum, {"name": parcel.stratum, "parcels": 0, "area": Decimal(0)})
        r["parcels"] += 1
        r["area"] += parcel.area_m2 / 10000
    out = []
    for name, r in sorted(rows.items()):
        species = params.get(f"plan.{name}.species", "")
        out.append({"name": name, "parcels": r["parcels"], "area": f"{r['area']:,.2f}",
                    "species": {"en": species, "zh": m.species.get(species, species)},
                    "planted": params.get(f"plan.{name}.planted", ""), "density": params.get(f"plan.{name}.density", "")})
    return out


def _editions(s: Session, m: Methodology, today) -> dict[str, dict]:
    """The user's species and fuel editions in force for the PDD (``editions``, the stage rule), by table then key."""
    out: dict[str, dict] = {}
    if m.species:
        out["species"] = editions.in_force(data_editions.user_rows(s, editions.species_table_name(m.id)), today)
    if m.fuels:
        out["fuel_defaults"] = editions.in_force(data_editions.user_rows(s, editions.FUEL_TABLE), today)
    return out


def _edited(values: list[tuple[str, list[tuple[str, SourcedValue]]]], p: FixedParameter, in_force: dict[str, dict]):
    """The methodology's rows with a user edition in force in their place: its numbers, its source and whether it
    was confirmed (an edition not yet confirmed stays a value to confirm)."""
    table = p.value.split(":", 1)[0]
    out = []
    for key, columns in values:
        r = in_force.get(table, {}).get(key)
        if r is None:
            out.append((key, columns))
            continue
        cite = f"{r.source} ({r.valid_from})"
        # the edition's own numbers, whichever path it takes (an allometric row may be replaced by volume × WD × BEF)
        out.append((key, [(c, SourcedValue(table, key, Decimal(r.columns[c]), p.unit, cite, r.valid_from, confirm=r.confirm, overridden=True,
                                           source_zh=f"{r.source_zh} ({r.valid_from})"))
                          for c in p.columns if (r.columns.get(c) or "").strip()]))
    return out


def _own(key: str, columns: list[tuple[str, SourcedValue]], own: dict[str, dict[str, str]]) -> list[tuple[str, SourcedValue]]:
    """A species row the project recorded itself (parameters ``species.KEY.COLUMN``, as the calculation uses them)
    in place of the methodology's row, with the source the project gave."""
    row = own.get(key, {})
    return [(c, replace(v, value=Decimal(row[c]), source=row.get("source", ""), source_zh="", confirm=False, overridden=True) if c in row else v)
            for c, v in columns]


def _fixed_box(p: FixedParameter, content: PddContent, grid, used: dict[str, list[str]], names: dict[str, dict[str, str]],
               own: dict[str, dict[str, str]], editions_in_force: dict[str, dict], gaps: Gaps) -> dict[str, Any]:
    """A "data and parameter fixed ex ante" box: the value(s) with unit and source, or the gap / confirm mark;
    ``names`` are the species' and fuels' names in both languages (row labels)."""
    box = {"symbol": p.symbol, "description": both(p.description), "justification": both(p.justification), "purpose": both(p.purpose)}
    if p.from_grid:
        if grid is None:
            return {**box, "rows": [{"label": "", "value": gaps.gap(APPLICATION, Text("documents.grid_emission_factor_project_grid")),
                                     "unit": "", "source": ""}]}
        value = f"{getattr(grid, p.grid_column)}"
        source = Bilingual(grid.cited("en"), grid.cited("zh"))
        row = {"label": "", "value": value, "unit": "tCO2/MWh", "source": both(source)}
        if grid.confirm and not grid.confirmed:
            row["source"] = gaps.to_confirm(p.description, p.symbol, value, "tCO2/MWh", source)
        return {**box, "rows": [row]}
    keys = used.get(p.value.split(":", 1)[0]) or None  # the species the project plants, the fuels it uses
    values = [(key, _own(key, columns, own)) for key, columns in _edited(content.values(p, keys), p, editions_in_force)]
    def symbol(key: str) -> str | Text:  # a box of several species or fuels names the row's in the document's language
        named = names.get(key, {"en": key, "zh": key})
        return Text("documents.symbol_of", symbol=p.symbol, name=Bilingual(named["en"], named["zh"])) if len(values) > 1 else p.symbol

    return {**box, "rows": [{"label": names.get(key, {"en": key.replace("_", " "), "zh": key}) if p.value.split(":")[1] == "*" else "",
                             **gaps.sourced(p.description, symbol(key), columns, p.unit)}
                            for key, columns in values]}


def names_of(m: Methodology) -> dict[str, dict[str, str]]:
    """Species (Latin name → Chinese) and fuels (key → Chinese) of the methodology, as row labels in both languages."""
    return {**{k: {"en": k, "zh": zh} for k, zh in m.species.items()},
            **{k: {"en": k.replace("_", " "), "zh": zh} for k, (_, zh) in m.fuels.items()}}


def _deemed(m: Methodology, claimed: str, gaps: Gaps) -> dict[str, Any] | None:
    """The project's deemed-additionality case (the methodology's additionality data): the case it claims, a gap
    while none applies, nothing more where the methodology deems every project; a case still to confirm is listed."""
    outcome = additionality.assess(m.additionality, claimed)
    if outcome.verdict is not Verdict.PASS:
        return gaps.gap(ADDITIONALITY, Text("documents.deemed_case_to_name", cases=[c.text for c in m.additionality]))
    case = next(c for c in m.additionality if c.key in (additionality.ALL, claimed))
    if case.confirm:
        gaps.to_confirm(Text("documents.additionality"), case.text, "", "", case.source)
    return None if case.key == additionality.ALL else both(case.text)


def _monitored_box(p, params: dict[str, str], names: dict[str, dict[str, str]], gaps: Gaps) -> dict[str, Any]:
    responsible = names.get(p.responsible) or gaps.gap(MONITORING, Text("documents.party_with_role", role=PartyRole(p.responsible)))
    ex_ante_value = params.get(p.ex_ante, "") if p.ex_ante else ""
    return {"symbol": p.symbol, "unit": p.unit, "description": both(p.description), "data_source": both(p.data_source),
            "equipment": both(p.equipment), "accuracy": both(p.accuracy), "frequency": both(p.frequency), "qaqc": both(p.qa_qc),
            "responsible": responsible, "ex_ante": f"{Decimal(ex_ante_value):,}" if ex_ante_value else ""}


def _conditions(s: Session, row: ProjectRow, m: Methodology, gaps: Gaps) -> list[dict[str, Any]]:
    facts = applicability_input(s, row)
    out = []
    for c in m.conditions:
        o = c.evaluate(facts)
        verdict = both(Verdict(o.verdict))
        if o.verdict != Verdict.PASS:
            verdict = gaps.gap(APPLICABILITY, Text("documents.condition_explained", condition=c.text, explanation=o.explanation),
                               Verdict(o.verdict))
        out.append({"text": both(c.text), "verdict": verdict, "explanation": both(o.explanation)})
    return out


def _dates(row: ProjectRow, m: Methodology | None, gaps: Gaps) -> dict[str, Any]:
    """Section C's dates in the sector's terms: a forestry project has a project start date (项目开始日期, the start of
    planting, which CCER-14-001-V01 §2 and CCER-14-002-V01 tie the land's history to) and a crediting period, never a
    power plant's construction start, commissioning (投产) or operational lifetime."""
    if m is not None and m.sector == "forestry":
        return {"forestry": True, "project_start": gaps.need(str(row.project_start or ""), CREDITING, Text("documents.project_start"))}
    return {"forestry": False,
            "construction_start": gaps.need(str(row.construction_start or ""), CREDITING, Text("documents.construction_start")),
            "operation_start": gaps.need(str(row.operation_start or ""), CREDITING, Text("documents.operation_start")),
            "lifetime_years": gaps.need(row.lifetime_years, CREDITING, Text("documents.operational_lifetime"))}


def pdd_context(s: Session, row: ProjectRow, today) -> tuple[dict[str, Any], list]:
    params = parameters_of(s, row.id)
    gaps = Gaps()
    texts = {}
    written = pdd_texts_of(s, row.id)
    for k in PDD_TEXTS:
        en, zh = written.get((k, "en"), ""), written.get((k, "zh"), "")
        texts[k] = {"en": en, "zh": zh} if en or zh else gaps.gap(TEXT_TITLES[k], Text("documents.section_text", section=TEXT_TITLES[k]))
    m = installed(row.methodology_id)
    content = m.pdd if m else None
    owner_names = {}
    for p in row.parties:
        owner_names.setdefault(p.role, both(Bilingual.either(p.name_en, p.name_zh)))
    context: dict[str, Any] = {"project": project_facts(row), "parties": parties(row), "texts": texts, "content": None,
                               "owner": gaps.need(owner_names.get(PartyRole.PROJECT_OWNER.value), TEXT_TITLES["description"],
                                                  Text("documents.party_with_role", role=PartyRole.PROJECT_OWNER))}
    if row.methodology_id and m is None:
        gaps.gap(APPLICABILITY, Text("documents.methodology_is_not_installed_in_this", methodology_id=row.methodology_id))
    elif m is None:
        gaps.gap(APPLICABILITY, Text("documents.methodology"))
    if m is None:  # these sections are written from the methodology: none chosen, none of them is complete
        for section in (BOUNDARY, ADDITIONALITY, APPLICATION, MONITORING):
            gaps.gap(section, Text("documents.written_from_the_methodology"))
    context["methodology"] = {"full_id": m.full_id if m else row.methodology_id, "title": both(m.title) if m else {"en": "", "zh": ""},
                              "conditions": _conditions(s, row, m, gaps) if m else []}
    context["sites"] = _sites(s, row, content, gaps)
    context["site_columns"] = list(content.site_columns) if content else []
    grid = None
    if content is not None and content.grid:
        grid = grid_factor_for_row(s, row, today) if params.get("grid") else None
        context["grid"] = gaps.need(grid.grid if grid else None, APPLICATION, Text("documents.grid_emission_factor_project_grid"))
    if content is not None:
        used = {"species": sorted({v for k, v in params.items() if k.startswith("plan.") and k.endswith(".species")}),
                "fuel_defaults": sorted({x.fuel for x in s.scalars(select(MeterRow).where(MeterRow.project_id == row.id)) if x.fuel}
                                        | set(s.scalars(select(FuelDeliveryRow.fuel).where(FuelDeliveryRow.project_id == row.id))))}
        context["content"] = {
            "boundary": _passage(content.boundary),
            "baseline": _passage(content.baseline),
            "additionality": _passage(content.additionality),
            "sources": [{"scenario": x.scenario, "source": both(x.source), "gas": x.gas, "included": x.included,
                         "justification": both(x.justification)} for x in content.sources],
            "equations": [{"number": e.number, "formula": e.formula, "meaning": both(e.meaning), "source": both(e.source)} for e in content.equations],
            "fixed": [_fixed_box(p, content, grid, used, names_of(m), {r["key"]: r for r in user_species(params)},
                                 _editions(s, m, today), gaps) for p in content.fixed],
            "monitored": [_monitored_box(p, params, owner_names, gaps) for p in content.monitored],
            "data_management": [_passage(x) for x in content.data_management],
            "qa_qc": [_passage(x) for x in content.qa_qc],
            "sampling": [_passage(x) for x in content.sampling],
            "crediting_type": content.crediting_type, "crediting": _passage(content.crediting),
        }
        context["strata"] = _strata(s, row, params, m) if m.species else []
        context["annex"] = plot_annex(s, row) if m.species else None
        context["deemed"] = _deemed(m, params.get(additionality.PARAMETER, "").strip(), gaps)
    context["figure"] = gaps.need(_figure(s, row), BOUNDARY, Text("documents.sites_or_parcels"))
    ex = ex_ante(s, row, today)
    table = estimate_table(ex, row.crediting_start, row.crediting_end) if ex else None
    if table is None:
        energy = (m.sector if m is not None else row.sector) == "energy"  # before a methodology is chosen: the project's sector
        gaps.gap(EX_ANTE, Text("documents.expected_annual_generation_ex_ante_eg") if energy else Text("documents.planting_plan_per_stratum_parameters_plan"))
    context["estimate"] = [_estimate_row(r) for r in table.rows] if table else []
    context["estimate_total"] = _estimate_row(table.total) if table else None
    context["annual_average"] = gaps.need(table.annual_average if table else None, EX_ANTE, Text("documents.ex_ante_estimate"))
    context["estimate_chart"] = bar_chart([str(r.year) for r in table.rows], [("chart.er", [r.reductions for r in table.rows])]) if table else None
    crediting = (row.crediting_start, row.crediting_end) if row.crediting_start and row.crediting_end else None
    context["crediting"] = gaps.need({"start": str(crediting[0]), "end": str(crediting[1]), **_length(Length.between(*crediting))}
                                     if crediting else None, CREDITING, Text("documents.crediting_period"))
    context["dates"] = _dates(row, m, gaps)
    answered = declarations_of(s, row.id)
    declared = all(answered.get(d) is True for d in DECLARATIONS)
    context["uniqueness"] = True if declared else gaps.gap(UNIQUENESS, Text("documents.uniqueness_declarations"))
    validator = s.scalars(select(VvbRow).join(EngagementRow, EngagementRow.vvb_id == VvbRow.id)
                          .where(EngagementRow.project_id == row.id, EngagementRow.kind == "validation")).first()
    context["vvb"] = gaps.need(both(Bilingual.either(validator.name_en, validator.name_zh))
                               if validator else None, VALIDATOR, Text("documents.vvb_engaged_for_validation"))
    context["confirm"] = gaps.confirm
    return context, gaps.items
