"""Biomass of one tree by the path its species row names, above and below ground (kg dry matter).

Three paths, as DOMAIN.md §3 sets them out for CCER-14-001-V01 / CCER-14-002-V01 (the CCER equations themselves
were not available; the chain is the CDM A/R tools' the methodologies derive from):

- ``allometric``: ``B_AG = a × D^b × H^c`` and ``B_BG = R × B_AG`` (AR-TOOL14 method (a), allometric equation;
  root-shoot ratio R);
- ``volume_bef``: the species-group path ``B = V × WD × BEF × (1 + R)`` with the stem volume from a two-entry volume
  equation ``V = v_a × D^v_b × H^v_c`` (m³), wood density WD (t d.m./m³), biomass expansion factor BEF and R (AR-TOOL14
  method (b), BEF method; the China national-inventory form of the earlier CCER forestry methodologies);
- ``komiyama``: the common mangrove equations of Komiyama, Poungparn & Kato (2005, J. Trop. Ecol. 21: 471–477)
  ``B_AG = 0.251 ρ D^2.46`` and ``B_BG = 0.199 ρ^0.899 D^2.22`` (kg, D in cm, ρ in g/cm³), used where no species
  equation applies (DOMAIN.md §3, CCER-14-002-V01; the constants as DOMAIN.md gives them, *confirm* against the
  methodology's appendix).

The carbon of a tree is its biomass × CF of its species row (``44/12 × CF × B`` in AR-TOOL14). Every function here is
a pure function of (species parameters, D, H) in float64 (CONTRACTS.md §6) and works alike on floats and numpy
arrays, so a per-tree loop and a vectorised one give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

METHODS = ("allometric", "volume_bef", "komiyama")
# columns each path needs; c (the height exponent) may be left empty for an equation of D alone
NEEDS = {"allometric": ("a", "b", "root_shoot"), "volume_bef": ("vol_a", "vol_b", "vol_c", "wood_density", "bef", "root_shoot"),
         "komiyama": ("wood_density",)}
NUMBERS = ("a", "b", "c", "vol_a", "vol_b", "vol_c", "wood_density", "bef", "root_shoot", "carbon_fraction", "dbh_min", "dbh_max",
           "growth_max")
# plausible bounds of each column, so a number in the wrong unit (WD in kg/m³, CF in %) is refused, not used
BOUNDS = {"wood_density": (0.1, 1.5, "t/m³ (g/cm³)"), "bef": (1.0, 5.0, "-"), "root_shoot": (0.0, 2.0, "-"),
          "carbon_fraction": (0.3, 0.6, "tC/t d.m."), "dbh_min": (0.0, 500.0, "cm"), "dbh_max": (0.0, 500.0, "cm"),
          "growth_max": (0.1, 100.0, "t d.m./ha/yr")}


def allometric_above_kg(a, b, c, dbh_cm, height_m):
    """``B_AG = a × D^b × H^c`` (kg d.m.), AR-TOOL14 method (a); c = 0 for an equation of D alone."""
    return a * dbh_cm ** b * height_m ** c


def stem_volume_m3(vol_a, vol_b, vol_c, dbh_cm, height_m):
    """Two-entry stem volume ``V = v_a × D^v_b × H^v_c`` (m³ over bark), the volume equation of a species group."""
    return vol_a * dbh_cm ** vol_b * height_m ** vol_c


def volume_bef_above_kg(vol_a, vol_b, vol_c, wood_density, bef, dbh_cm, height_m):
    """``B_AG = V × WD × BEF`` (kg d.m.; V in m³, WD in t/m³), AR-TOOL14 method (b); ``× (1 + R)`` adds the roots."""
    return stem_volume_m3(vol_a, vol_b, vol_c, dbh_cm, height_m) * wood_density * bef * 1000


def komiyama_above_kg(wood_density, dbh_cm):
    """``B_AG = 0.251 ρ D^2.46`` (kg d.m.), Komiyama et al. 2005, the common mangrove equation."""
    return 0.251 * wood_density * dbh_cm ** 2.46


def komiyama_below_kg(wood_density, dbh_cm):
    """``B_BG = 0.199 ρ^0.899 D^2.22`` (kg d.m.), Komiyama et al. 2005, the common mangrove root equation."""
    return 0.199 * wood_density ** 0.899 * dbh_cm ** 2.22


@dataclass(frozen=True)
class TreeEquation:
    """The equation of one species row: its path, its numbers (floats), its carbon fraction and the diameter range
    its source states (None where none is stated)."""

    species: str
    method: str
    numbers: dict[str, float]
    carbon_fraction: float
    dbh_min: float | None
    dbh_max: float | None
    growth_max: float | None = None  # the plausible biomass growth of the species group (t d.m./ha/yr), where its source gives one

    def biomass_kg(self, dbh_cm: Any, height_m: Any) -> tuple[Any, Any]:
        """(above-ground, below-ground) biomass in kg d.m. of trees of diameter ``dbh_cm`` (cm) and height ``height_m``
        (m); floats or numpy arrays."""
        n = self.numbers
        if self.method == "komiyama":
            return komiyama_above_kg(n["wood_density"], dbh_cm), komiyama_below_kg(n["wood_density"], dbh_cm)
        if self.method == "volume_bef":
            above = volume_bef_above_kg(n["vol_a"], n["vol_b"], n["vol_c"], n["wood_density"], n["bef"], dbh_cm, height_m)
        else:
            above = allometric_above_kg(n["a"], n["b"], n.get("c", 0.0), dbh_cm, height_m)
        return above, above * n["root_shoot"]

    def outside_range(self, dbh_cm: float) -> bool:
        """True when the diameter lies outside the range the equation was fitted on (never for an unstated range)."""
        return (self.dbh_min is not None and dbh_cm < self.dbh_min) or (self.dbh_max is not None and dbh_cm > self.dbh_max)

    def range_text(self) -> str:
        if self.dbh_min is None and self.dbh_max is None:
            return "not stated"
        return f"{'' if self.dbh_min is None else f'{self.dbh_min:g}'}–{'' if self.dbh_max is None else f'{self.dbh_max:g}'} cm"
