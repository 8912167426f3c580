"""The forestry chain behind CCER-14-001-V01 and CCER-14-002-V01, built on the CDM A/R tools (DOMAIN.md §3).

Allometry and statistics are float64 (as CONTRACTS.md §6 allows); stratum totals are quantised to Decimal.
"""

from __future__ import annotations

import math
from decimal import Decimal

C_TO_CO2 = 44 / 12

# Student's t for a two-sided 90 % interval (t_0.95) by degrees of freedom; AR-TOOL03 / AR-TOOL14
T90 = {1: 6.314, 2: 2.920, 3: 2.353, 4: 2.132, 5: 2.015, 6: 1.943, 7: 1.895, 8: 1.860, 9: 1.833, 10: 1.812, 11: 1.796,
       12: 1.782, 13: 1.771, 14: 1.761, 15: 1.753, 16: 1.746, 17: 1.740, 18: 1.734, 19: 1.729, 20: 1.725, 21: 1.721,
       22: 1.717, 23: 1.714, 24: 1.711, 25: 1.708, 26: 1.706, 27: 1.703, 28: 1.701, 29: 1.699, 30: 1.697, 40: 1.684,
       60: 1.671, 120: 1.658}


def t90(df: int) -> float:
    """t value for 90 % confidence; between table rows the next smaller df is taken (conservative), ∞ → 1.645."""
    if df < 1:
        raise ValueError("at least two plots are needed for a variance")
    keys = [k for k in T90 if k <= df]
    return 1.645 if df > 120 else T90[max(keys)]


def root_shoot_ratio(above_t_per_ha: float) -> float:
    """``R = exp(−1.085 + 0.9256 × ln b) / b`` with b the above-ground biomass in t/ha (AR-TOOL14, Cairns et al.)."""
    if above_t_per_ha <= 0:
        return 0.0
    return math.exp(-1.085 + 0.9256 * math.log(above_t_per_ha)) / above_t_per_ha


def density_t_per_ha(tree_kg: float, plot_area_m2: float) -> float:
    """Tree biomass density of a plot from the biomass of its trees, above and below ground: ``Σ B_i / A_plot`` —
    kg d.m. on m² to t d.m./ha (AR-TOOL14)."""
    return tree_kg / 1000 / (plot_area_m2 / 10000)


def mean_and_variance(values: list[float]) -> tuple[float, float]:
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
    return mean, variance


def uncertainty_90(values: list[float], mean_variance: tuple[float, float] | None = None) -> float:
    """Half-width of the 90 % interval as a fraction of the mean: ``t × s / √n / mean`` (AR-TOOL14);
    ``mean_variance``: ``mean_and_variance(values)`` when already known."""
    mean, variance = mean_variance or mean_and_variance(values)
    if mean <= 0:
        return 1.0
    return t90(len(values) - 1) * math.sqrt(variance / len(values)) / mean


def uncertainty_discount(uncertainty: float) -> float:
    """Share of the uncertainty deducted from the stock change (DOMAIN.md §3): ≤10 %: 0; ≤15 %: 25 %; ≤20 %: 50 %;
    ≤30 %: 75 %; above: 100 %."""
    for limit, share in ((0.10, 0.0), (0.15, 0.25), (0.20, 0.50), (0.30, 0.75)):
        if uncertainty <= limit:
            return share
    return 1.0


def discounted_change(delta: Decimal, uncertainty: float) -> Decimal:
    """A stock increase is lowered by ``discount × uncertainty × ΔC``; a decrease is raised by the same (conservative)."""
    deduction = Decimal(repr(uncertainty_discount(uncertainty) * uncertainty)) * abs(delta)
    return delta - deduction


def stock_tco2(cf: float, area_ha: float, mean_t_per_ha: float) -> Decimal:
    """``C_TREE = 44/12 × CF × A × b`` (tCO2) for one stratum, quantised to 0.001 t (AR-TOOL14)."""
    return Decimal(repr(C_TO_CO2 * cf * area_ha * mean_t_per_ha)).quantize(Decimal("0.001"))


def sample_size(total_units: float, weights: list[float], stdevs: list[float], precision: float, t: float = 1.645) -> int:
    """AR-TOOL03: ``n = N t² (Σ w_h s_h)² / (N E² + t² Σ w_h s_h²)``, rounded up; E as an absolute error."""
    s1 = sum(w * s for w, s in zip(weights, stdevs))
    s2 = sum(w * s * s for w, s in zip(weights, stdevs))
    n = total_units * t * t * s1 * s1 / (total_units * precision * precision + t * t * s2)
    return math.ceil(n - 1e-9)


def sample_plan(areas_ha: list[float], plot_area_ha: float, means: list[float], stdevs: list[float],
                precision: float) -> tuple[int, list[int]]:
    """Sample plots needed for ``precision`` (a fraction of the mean) at 90 % confidence, in all and per stratum
    (AR-TOOL03 v2.1.0, plots of one size, no costs): N = A / A_plot possible plots, w_h = A_h / A, the allowable
    error E = precision × Σ w_h × mean_h; n is the fewest plots for which ``sample_size`` with Student's t for
    n − (number of strata) degrees of freedom asks no more than n; each stratum gets ``n × w_h s_h / Σ w_h s_h``
    (Neyman allocation), rounded up."""
    total = sum(areas_ha)
    weights = [a / total for a in areas_ha]
    error = precision * sum(w * m for w, m in zip(weights, means))
    spread = sum(w * s for w, s in zip(weights, stdevs))
    if error <= 0 or spread <= 0:
        return len(areas_ha) * 2, [2] * len(areas_ha)  # no variance measured yet: the two plots a variance needs
    units, strata = total / plot_area_ha, len(areas_ha)
    n = max(sample_size(units, weights, stdevs, error, 1.645), strata + 1)  # t only grows as df shrinks: a lower bound
    while sample_size(units, weights, stdevs, error, t90(n - strata)) > n:
        n += 1
    per_stratum = [max(math.ceil(n * w * s / spread - 1e-9), 2) for w, s in zip(weights, stdevs)]
    return n, per_stratum


def net_removals(delta_stocks: Decimal, ghg_e: Decimal, baseline: Decimal, leakage: Decimal) -> Decimal:
    """``ΔC_ACTUAL = ΔC_stocks − GHG_E``; ``ΔC_NET = ΔC_ACTUAL − ΔC_BSL − LK`` (CDM A/R methodologies)."""
    return delta_stocks - ghg_e - baseline - leakage


def combined_uncertainty(parts: list[tuple[Decimal, float]]) -> float:
    """Uncertainty of a sum of strata: ``√Σ (U_i C_i)² / Σ C_i`` (propagation for independent strata)."""
    total = sum(float(c) for c, _ in parts)
    if total <= 0:
        return 1.0
    return math.sqrt(sum((float(c) * u) ** 2 for c, u in parts)) / total


def interpolate(table: list[tuple[float, float, float]], age: float) -> tuple[float, float]:
    """(DBH, H) at ``age`` from a growth table of (age, DBH, H) rows, linear between tabulated ages and held at the
    last row beyond it (a stand is not projected to grow past its table)."""
    rows = sorted(table)
    if age <= rows[0][0]:
        return rows[0][1], rows[0][2]
    for (a0, d0, h0), (a1, d1, h1) in zip(rows, rows[1:]):
        if age <= a1:
            share = (age - a0) / (a1 - a0)
            return d0 + share * (d1 - d0), h0 + share * (h1 - h0)
    return rows[-1][1], rows[-1][2]
