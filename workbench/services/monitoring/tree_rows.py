"""What one row of a plot sheet says about a tree: units from the header, status, plausibility, stems.

- Units: a diameter column titled ``胸径(mm)`` / ``dbh_mm`` is in millimetres, ``树高(cm)`` / ``height_cm`` in
  centimetres; without a unit, cm and m. A diameter implausible for the tree's height in the declared unit is
  refused naming the likely unit: more than 10 × the height in m and over 20 cm looks like millimetres (99 cm
  on a 6.6 m fir), and so is a file whose diameters (cm) are a median of more than 6 times the heights (m)
  (plantation trees are about 1–2); less than a quarter of the height looks like a diameter in cm under a mm header.
- Height: a tree shorter than the height its diameter is measured at is refused — the methodology's ``H_D``
  (``diameter_height_m``: breast height, 1.3 m, for afforestation by AR-TOOL14; 0.3 m, the stem base, for mangroves,
  whose low trees are measured there — **confirm** against CCER-14-002-V01, whose clause was not read), or the
  value set for the project (``parameter set P diameter_height_m V``), named with its source in the refusal.
- Status (状态): live (活, 活立木, 正常, live) trees are live biomass; dead ones (枯死, 枯立木, 死亡, dead) are not
  stored as trees — the report counts them (dead wood is a pool this workbench does not account).
- Stems: a tree measured as several stems (a ``stem`` / 茎号 column; one tree tag on several rows) is one tree of
  equivalent diameter √ΣD² and the tallest stem's height (the basal-area-preserving convention of multi-stem
  inventories; **confirm** with the VVB that the methodology's allometry is applied so rather than per stem
  with the stems' biomass summed — no published clause was found for either).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from workbench.domain.text import Bilingual, Text

LIVE = frozenset({"", "活", "活立木", "生", "正常", "健康", "live", "alive", "living"})
DEAD = frozenset({"枯死", "枯立木", "死", "死亡", "枯倒木", "dead", "standing dead"})
DBH_UNITS = {"dbh_cm": ("cm", Decimal(1)), "dbh_mm": ("mm", Decimal("0.1"))}  # → cm
HEIGHT_UNITS = {"height_m": ("m", Decimal(1)), "height_cm": ("cm", Decimal("0.01"))}  # → m
CENT = Decimal("0.01")
MEDIAN_RATIO_MM = 6  # DBH in cm over height in m, at the file's median


def is_dead(status: str) -> bool | None:
    """True for a dead tree, False for a live one, None for a status not understood."""
    text = status.strip().lower()
    return True if text in DEAD else False if text in LIVE else None


@dataclass(frozen=True)
class MeasuringHeight:
    """Where the diameters of a plot sheet were measured (m above the ground) and where that value comes from."""

    height_m: Decimal
    source: Text | Bilingual


def implausible(dbh_cm: Decimal, height_m: Decimal, dbh_unit: str, measured_at: MeasuringHeight) -> Text | None:
    """Why a diameter does not fit the height in the declared unit (naming the likely unit), or None."""
    if height_m < measured_at.height_m:
        return Text("import.tree.below_measuring_height", height=height_m, at=measured_at.height_m, source=measured_at.source)
    if dbh_cm > 10 * height_m and dbh_cm > 20:
        return Text("import.tree.looks_like_mm", dbh=dbh_cm, height=height_m)
    if dbh_unit == "mm" and dbh_cm < height_m / 4:
        return Text("import.tree.looks_like_cm", dbh=dbh_cm * 10, height=height_m)
    return None


def equivalent_diameter(stems: list[Decimal]) -> Decimal:
    """√ΣD² of the stems' diameters (cm), to 0.01 cm: one stem of the same basal area."""
    return sum((d * d for d in stems), Decimal(0)).sqrt().quantize(CENT)
