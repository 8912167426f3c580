"""A new energy project before its methodology is chosen (newcomer trial, VN-WND-02): its PDD lists what an energy
project needs, worded for the GUI without parameter keys, and no section written from the methodology is complete."""

from __future__ import annotations

from datetime import date

from workbench.services.documents import documents
from workbench.services.projects.projects import create_project
from workbench.services.support.context import Actor
from workbench.ui.i18n import Language

TODAY = date(2026, 12, 1)


def test_an_energy_project_without_methodology_lacks_energy_items_and_its_methodology_sections(ws):
    create_project(ws, Actor("tester", TODAY), {"code": "VN-WND-02", "title_en": "Ninh Thuan 200 MW Onshore Wind", "programme": "bri",
                                                 "host_country": "VN", "sector": "energy", "agreement": "China–Viet Nam MoU"})
    missing = documents.check(ws, "pdd", "VN-WND-02", TODAY)
    by_section: dict[str, list[str]] = {}
    for m in missing:
        by_section.setdefault(m.section.en, []).append(m.item.en)
    for section in ("Project boundary", "Additionality", "Application of the methodology", "Monitoring plan"):
        assert section in by_section, section  # not ticked complete while nothing decides what they say
    shown = {lang: [Language(lang).pick(m.item) for m in missing] for lang in ("en", "zh")}
    assert not [i for i in shown["en"] if "planting plan" in i]
    assert "expected annual net generation (Methodology page › The project's inputs to the estimate)" in shown["en"]
    assert "预计年上网电量（方法学页 › 预估所需的项目参数）" in shown["zh"]
    assert not [i for i in shown["en"] + shown["zh"] if "ex_ante_EG_MWh" in i or "plan.STRATUM" in i or "plan.碳层" in i]
