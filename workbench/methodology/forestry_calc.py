"""The afforestation and mangrove calculation from plot inventories, shared by CCER-14-001 and CCER-14-002."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from workbench.domain.errors import UserError
from workbench.domain.text import Text
from workbench.methodology import forestry as eq
from workbench.methodology.grid_power import number
from workbench.methodology.species_rows import equation_of
from workbench.methodology.tree_biomass import NUMBERS, TreeEquation
from workbench.methodology.protocol import VintageResult
from workbench.reference import ReferenceRow, ReferenceTable, load_table


@dataclass(frozen=True)
class ForestryTables:
    """A forestry methodology package's data files (species allometry, parameters, growth tables) and its
    calculations over them; CCER-14-001 and CCER-14-002 differ in their data and in mangrove soil carbon."""

    species: ReferenceTable
    parameters: ReferenceTable
    growth: ReferenceTable
    mangrove: bool
    methodology: str  # its id, named in the message that says how to add a species

    def calculate(self, values: Mapping[str, Any]) -> list[VintageResult]:
        return calculate(values, self.species, self.parameters, self.mangrove, self.methodology)

    def projection(self, values: Mapping[str, Any]) -> list[VintageResult]:
        return project(values, self.species, self.parameters, self.growth, self.mangrove, self.methodology)

    def species_names(self) -> dict[str, str]:
        """Species key → Chinese name, as the methodology's ``species`` declares them."""
        on = self.species.rows[0].valid_from
        return {k: self.species.on(k, on).columns["name_zh"] for k in self.species.keys()}


def load_tables(data: Path, mangrove: bool, methodology: str) -> ForestryTables:
    return ForestryTables(load_table("species", data),
                          load_table("parameters", data, decimal_columns=("value",)),
                          load_table("growth", data, decimal_columns=("dbh_cm", "height_m")), mangrove, methodology)


def _float(values: Mapping[str, Any], symbol: str, where: str, minimum: float = 0.0) -> float:
    value = float(number(values, symbol, where))
    if value < minimum:
        raise UserError("error.forestry_calc.must_be_at_least", where=where, symbol=symbol, value=value, minimum=minimum)
    return value


def unknown_species(kind: str, known, methodology: str) -> Text:
    """The message for a species the tables do not hold: what is known and how to add one with its source."""
    return Text("error.forestry_calc.unknown_species_how_to_add", kind=kind, known=", ".join(known) or "—", methodology=methodology)


def with_user_species(species: ReferenceTable, values: Mapping[str, Any], on: date) -> ReferenceTable:
    """The shipped species table plus the user's rows given in ``values["species_table"]`` — each a species row
    (``species_rows``: method, its numbers, diameter range) with its source; a user row wins over a shipped one.
    ``edition`` (how the workspace holds it) and ``confirmed`` (who checked it, when, against what) are cited."""
    given = values.get("species_table") or []
    if not isinstance(given, list):
        raise UserError("error.forestry_calc.species_table_must_be_a_list", field="species_table")
    rows = []
    for i, item in enumerate(given):
        where = f"species_table[{i}]"
        if not isinstance(item, Mapping) or not str(item.get("key", "")).strip():
            raise UserError("error.forestry_calc.each_species_row_is_an_object", where=where)
        if not str(item.get("source", "")).strip():
            raise UserError("error.forestry_calc.species_has_no_source_give_the", where=where, item=item['key'])
        columns = {"key": str(item["key"]).strip(), "name_zh": str(item.get("name_zh", "")), "method": str(item.get("method") or ""),
                   "edition": str(item.get("edition") or ""), "confirmed_by": str(item.get("confirmed_by") or ""),
                   **{c: str(item[c]) for c in NUMBERS if item.get(c) not in (None, "")}}
        confirmed = bool(columns["confirmed_by"]) or str(item.get("confirmed", "")).lower() in ("yes", "true")
        rows.append(ReferenceRow(species.name, columns["key"], columns, str(item["source"]).strip(), min(on, date(1900, 1, 1)), None,
                                 not confirmed, overridden=True))
    return species.with_overrides(rows) if rows else species


def species_cite(row: ReferenceRow, equation: TreeEquation) -> Text:
    """How a result cites the species row it used: source, path, range, and whether it is a user edition, confirmed
    or to be confirmed, or DEMO."""
    c = row.columns
    user = (Text("cite.user_species_edition", edition=c["edition"]) if c.get("edition") else Text("cite.user_species") if row.overridden
            else "")
    path = ("" if equation.method == "allometric" and equation.dbh_min is None and equation.dbh_max is None
            else Text("cite.species_path", method=equation.method, range=equation.range_text()))
    return Text("cite.species", source=row.source, user=user,
                confirmed=Text("cite.confirmed_by", who=c["confirmed_by"]) if c.get("confirmed_by") else "",
                confirm=Text("cite.confirm") if row.confirm else "", demo=Text("cite.species_demo") if c.get("demo") == "yes" else "",
                path=path, cf=Text("cite.species_cf", cf=c["carbon_fraction"]) if c.get("carbon_fraction") else "")


def outside_range_flag(stratum: str, kind: str, equation: TreeEquation, diameters: list[float]) -> Text:
    """A flag for trees measured outside the diameter range their equation was fitted on: the result keeps their
    extrapolated biomass, and says so (see ``calculate``)."""
    return Text("flag.forestry.outside_range", stratum=stratum, count=len(diameters), species=kind, range=equation.range_text(),
                low=f"{min(diameters):g}", high=f"{max(diameters):g}")


def growth_bound(species_kg: Mapping[str, float], equations: Mapping[str, TreeEquation], default: float,
                 source: str) -> tuple[float, str | Text]:
    """The plausible biomass growth of a stratum (t d.m./ha/yr): the species groups' own bounds (``growth_max`` of
    their rows; the methodology's bound for a group without one) weighted by each group's biomass in the stratum;
    the methodology's bound alone when no group gives one."""
    total = sum(species_kg.values())
    if total <= 0 or not any(equations[k].growth_max is not None for k in species_kg):
        return default, source
    bound = sum(kg * (equations[k].growth_max if equations[k].growth_max is not None else default) for k, kg in species_kg.items()) / total
    groups = ", ".join(f"{k} {equations[k].growth_max:g}" for k in sorted(species_kg) if equations[k].growth_max is not None)
    return bound, Text("flag.forestry.weighted_bounds", groups=groups)


def implausible_growth(stratum: str, mean_t_per_ha: float, values: Mapping[str, Any], bound: float, source: str | Text) -> Text | None:
    """A warning when a stratum's biomass per year since planting exceeds the plausibility bound (never changes the
    result: it asks for the inventory or the coefficients to be checked)."""
    try:
        years = float(str(values.get("years_since_planting", "")))
    except ValueError:
        return None
    if years <= 0 or mean_t_per_ha / years <= bound:
        return None
    return Text("flag.forestry.growth_beyond_bound", stratum=stratum, rate=f"{mean_t_per_ha / years:.1f}", bound=f"{round(bound, 1):g}",
                source=source)


def calculate(values: Mapping[str, Any], species: ReferenceTable, parameters: ReferenceTable, mangrove: bool,
              methodology: str) -> list[VintageResult]:
    """Stocks of every stratum from its plots, the change since the last verification with the uncertainty
    discount, dead wood and litter, mangrove soil carbon, and net removals for the vintage (DOMAIN.md §3)."""
    on = parameters.rows[0].valid_from
    p = lambda key: float(parameters.on(key, on).decimal("value"))  # noqa: E731
    strata = values.get("strata")
    if not isinstance(strata, list) or not strata:
        raise UserError("error.forestry_calc.missing_parameter_strata_a_list_of", field="parameters")
    try:
        vintage = int(str(values.get("vintage")))
    except ValueError:
        raise UserError("error.forestry_calc.vintage_is_not_a_year", field="parameters", value=values.get('vintage'))
    species = with_user_species(species, values, on)
    known = species.keys()
    equations: dict[str, TreeEquation] = {}
    used_species: dict[str, Text] = {}

    def equation(kind: str, where: str) -> TreeEquation:
        if kind not in equations:
            if kind not in known:
                raise UserError(unknown_species(kind, known, methodology), where=where)
            row = species.on(kind, on)
            equations[kind] = equation_of(row, p("CF"))
            used_species[kind] = species_cite(row, equations[kind])
        return equations[kind]

    def soil_years() -> float | None:
        return min(_float(values, "years_since_planting", "parameters"), p("mangrove_soc_years")) if mangrove else None

    import numpy as np  # only when a forestry calculation runs, not at every start-up

    from workbench.methodology import forestry_trees as ft

    inventory = ft.read_inventory(strata, lambda v, symbol, where, low: _float(v, symbol, where, low), equation, soil_years)
    years = soil_years()
    stratum_years = {str(x.get("name")): _float(x, "years_since_planting", "parameters") for x in strata
                     if isinstance(x, Mapping) and x.get("years_since_planting") not in (None, "")} if mangrove else {}
    biomass = ft.tree_biomass(inventory, equations)
    cf_of_kind = [equations[k].carbon_fraction for k in inventory.kinds]
    cf_values = sorted(set(cf_of_kind))
    plot_kg = ft.plot_sums(inventory, biomass, [cf_values.index(cf) for cf in cf_of_kind], max(len(cf_values), 1))  # plot × CF
    outside = ft.outside_range(inventory, [(equations[k].dbh_min, equations[k].dbh_max) for k in inventory.kinds])
    by_name = sorted(range(len(inventory.kinds)), key=inventory.kinds.__getitem__)
    tree_parts: list[tuple[Decimal, float]] = []
    used: dict[str, Any] = {"CF": p("CF"), "DW_fraction": p("DW_fraction"), "LI_fraction": p("LI_fraction"), "strata": {}}
    if mangrove:
        used.update({"SOC_rate": p("mangrove_soc_rate"), "SOC_years": p("mangrove_soc_years")})
    tree_total = Decimal(0)
    soil = Decimal(0)
    sampled: list[tuple[str, float, float, float, int]] = []  # stratum, area, mean t/ha, standard deviation, plots measured
    for s_index, (name, area) in enumerate(inventory.strata):
        plots, trees = inventory.stratum_plots(s_index), inventory.stratum_trees(s_index)  # slices: the stratum's own
        areas = inventory.plot_area[plots]
        present = ft.species_present(inventory, s_index)
        by_cf: dict[float, list[float]] = {}  # carbon fraction → each plot's biomass of the species with that CF (t/ha)
        totals = np.zeros(len(areas))
        for cf in sorted({cf_of_kind[k] for k in present}):  # a per-tree loop adds the CFs of a plot in any order alike up to two
            kg = plot_kg[plots, cf_values.index(cf)]
            totals = totals + kg
            by_cf[cf] = eq.density_t_per_ha(kg, areas).tolist()
        densities = eq.density_t_per_ha(totals, areas).tolist()
        if outside is not None and outside[trees].any():
            out_here, kinds_here, dbh_here = outside[trees], inventory.tree_kind[trees], inventory.dbh[trees]
            for k in (k for k in by_name if k in present):
                diameters = dbh_here[out_here & (kinds_here == k)].tolist()
                if diameters:
                    used.setdefault("flags", []).append(outside_range_flag(name, inventory.kinds[k], equations[inventory.kinds[k]], diameters))
        mean, variance = eq.mean_and_variance(densities)
        sampled.append((name, area, mean, variance ** 0.5, len(densities)))
        uncertainty = eq.uncertainty_90(densities, (mean, variance))
        stock = sum((eq.stock_tco2(cf, area, sum(d) / len(d)) for cf, d in sorted(by_cf.items())), Decimal(0))
        tree_parts.append((stock, uncertainty))
        tree_total += stock
        used["strata"][name] = {"area_ha": area, "plots": len(densities), "mean_t_per_ha": round(mean, 6), "variance": round(variance, 6),
                                "uncertainty_90": round(uncertainty, 6), "tree_stock_tCO2": str(stock)}
        if mangrove:  # ΔSOC_j = 44/12 × SOC_rate × A_j × years (CDM AR-AM0014 default rate, for at most SOC_years years)
            accrued = min(stratum_years.get(name, years), p("mangrove_soc_years"))
            stratum_soil = Decimal(repr(p("mangrove_soc_rate") * eq.C_TO_CO2 * area * accrued)).quantize(Decimal("0.001"))
            soil += stratum_soil
            used["strata"][name].update({"soil_years": accrued, "soil_tCO2": str(stratum_soil)})
        bound, bound_source = p("plausible_growth_max"), parameters.on("plausible_growth_max", on).source
        if any(equations[inventory.kinds[k]].growth_max is not None for k in present):  # the species' own bounds, by biomass
            species_kg = {inventory.kinds[k]: kg for k, kg in ft.species_sums(inventory, biomass, trees, present).items()}
            bound, bound_source = growth_bound(species_kg, equations, bound, bound_source)
        beyond = implausible_growth(name, mean, values, bound, bound_source)
        if beyond is not None:
            used.setdefault("flags", []).append(beyond)
    plot_areas = inventory.plot_area.tolist()
    used["species"] = used_species
    used["sampling"] = sampling_plan(sampled, sum(plot_areas) / len(plot_areas), p("target_precision"))
    dead = (tree_total * Decimal(repr(p("DW_fraction") + p("LI_fraction")))).quantize(Decimal("0.001"))
    uncertainty = eq.combined_uncertainty(tree_parts)
    previous = number(values, "previous_stock", "parameters", Decimal(0))
    change = eq.discounted_change(tree_total + dead - previous, uncertainty) + soil - number(values, "previous_soil", "parameters", Decimal(0))
    ghg_e = number(values, "GHG_E", "parameters", Decimal(0))
    baseline = number(values, "baseline", "parameters", Decimal(0))
    leakage = number(values, "leakage", "parameters", Decimal(0))
    removals = eq.net_removals(change, ghg_e, baseline, leakage)
    used.update({"reading": "BE holds the change in carbon stocks ΔC_stocks; PE holds GHG_E plus baseline removals ΔC_BSL","tree_stock_tCO2": str(tree_total), "dead_wood_litter_tCO2": str(dead), "soil_tCO2": str(soil),
                 "uncertainty_90": round(uncertainty, 6), "discount_share": eq.uncertainty_discount(uncertainty),
                 "previous_stock": str(previous)})
    return [VintageResult(vintage, change, ghg_e + baseline, leakage, removals, used)]


def sampling_plan(sampled: list[tuple[str, float, float, float, int]], plot_area_m2: float, precision: float) -> dict[str, Any]:
    """The plots AR-TOOL03 asks for at the measured means and spreads, beside the plots measured, per stratum."""
    names, areas, means, stdevs, measured = zip(*sampled)
    total, needed = eq.sample_plan(list(areas), plot_area_m2 / 10000, list(means), list(stdevs), precision)
    strata = {name: {"measured": m, "needed": n, "short": max(n - m, 0)} for name, m, n in zip(names, measured, needed)}
    return {"target_precision": precision, "confidence": 0.90, "plot_area_m2": round(plot_area_m2, 3), "needed": total,
            "strata": strata, "source": "AR-TOOL03 v2.1.0 (Neyman allocation, Student's t for n − strata df)"}


def project(values: Mapping[str, Any], species: ReferenceTable, parameters: ReferenceTable, growth: ReferenceTable,
            mangrove: bool, methodology: str) -> list[VintageResult]:
    """Ex-ante removals per year from growth tables (DOMAIN.md §3): for each stratum of the planting plan the mean
    tree (DBH, H) at its age at the end of each year, times the planting density, gives the stock; a year's removals
    are the stock at its end minus the stock a year earlier, with dead wood and litter, and soil carbon for mangroves."""
    on = parameters.rows[0].valid_from
    p = lambda key: float(parameters.on(key, on).decimal("value"))  # noqa: E731
    species = with_user_species(species, values, on)
    strata = values.get("strata")
    years = values.get("years")
    if not isinstance(strata, list) or not strata:
        raise UserError("error.forestry_calc.missing_parameter_strata_a_list_of_2", field="parameters")
    if not isinstance(years, list) or not years:
        raise UserError("error.forestry_calc.missing_parameter_years_the_calendar_years", field="parameters")
    tables: dict[str, list[tuple[float, float, float]]] = {}
    for row in growth.rows:
        name, _, age = row.key.rpartition("/")
        tables.setdefault(name, []).append((float(age), float(row.decimal("dbh_cm")), float(row.decimal("height_m"))))
    plan = []
    cites: dict[str, str] = {}
    for index, stratum in enumerate(strata):
        where = f"stratum {stratum.get('name') or index + 1}"
        kind = str(stratum.get("species", ""))
        if kind not in species.keys():
            raise UserError(unknown_species(kind, species.keys(), methodology), where=where)
        if kind not in tables:
            raise UserError("error.forestry_calc.no_growth_table_for_add_its", where=where, kind=kind)
        try:
            planted = int(str(stratum.get("planted")))
        except ValueError:
            raise UserError("error.forestry_calc.planted_is_not_a_year", where=where, value=stratum.get('planted'))
        row = species.on(kind, on)
        equation = equation_of(row, p("CF"))
        cites[kind] = species_cite(row, equation)
        plan.append((where, _float(stratum, "area_ha", where), _float(stratum, "density", where, 1.0), planted, kind, equation))
    growth_source = growth.rows[0].source + (" (confirm)" if growth.rows[0].confirm else "")

    def stock(year: int) -> tuple[Decimal, Decimal]:
        trees, soil = Decimal(0), Decimal(0)
        for _where, area, density, planted, kind, equation in plan:
            age = year - planted
            if age <= 0:
                continue
            dbh, height = eq.interpolate(tables[kind], age)
            tree_kg = sum(equation.biomass_kg(dbh, height)) if dbh > 0 else 0.0
            trees += eq.stock_tco2(equation.carbon_fraction, area, tree_kg * density / 1000)
            if mangrove:
                soil += Decimal(repr(p("mangrove_soc_rate") * eq.C_TO_CO2 * area * min(age, p("mangrove_soc_years")))).quantize(Decimal("0.001"))
        dead = (trees * Decimal(repr(p("DW_fraction") + p("LI_fraction")))).quantize(Decimal("0.001"))
        return trees + dead, soil

    results = []
    for year in sorted(int(str(y)) for y in years):
        (now_trees, now_soil), (then_trees, then_soil) = stock(year), stock(year - 1)
        removals = (now_trees - then_trees) + (now_soil - then_soil)
        results.append(VintageResult(year, removals, Decimal(0), Decimal(0), removals, {
            "reading": "ex-ante from growth tables: BE holds the year's change in carbon stocks",
            "stock_tCO2": str(now_trees), "soil_tCO2": str(now_soil), "growth_table": growth_source, "species": cites,
            "strata": {w: {"species": k, "planted": pl, "density": d, "area_ha": ar} for w, ar, d, pl, k, _ in plan}}))
    return results
