"""The Reference data page: grid factors, species tables and fuel defaults side by side, each with its source and
status; a dated, sourced species and fuel edition added by typing, and confirmed against a published table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from tests.ui.test_main_window import open_window
from tests.ui.test_morocco_csp import User
from workbench.services.methodology import data_editions

WORDS = {"zh": {"demo": "演示数据", "to_confirm": "待核实", "checked": "已核实", "user": "用户添加", "komiyama": "Komiyama 公式（红树林）",
                "required": "必填"},
         "en": {"demo": "demo figures", "to_confirm": "to confirm", "checked": "checked", "user": "added by a user",
                "komiyama": "Komiyama (mangroves)", "required": "Required"}}


def rows(table) -> list[list[str]]:
    return [[table.cell_text(r, c) for c in range(table.columnCount())] for r in range(table.rowCount())]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_species_and_fuel_editions_are_listed_added_and_confirmed_on_the_page(qtbot, ws, tmp_path, monkeypatch, lang):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-03-02")
    window = open_window(qtbot, ws, lang)
    user, w = User(qtbot, window), WORDS[lang]
    page = window.page("ReferencePage")
    shipped = rows(page.species)
    assert shipped and all(r[-3] != w["user"] for r in shipped)  # the shipped species rows, each with its source and status
    assert {r[-2] for r in rows(page.fuels)} <= {w["demo"], w["to_confirm"], w["checked"]}

    # --- a species edition: the biomass path decides which numbers are asked for ------------------------------------
    form = page.add_species
    user.pick(form, "method", w["komiyama"])
    assert not form.labels["a"].isVisibleTo(form) and form.labels["wood_density"].isVisibleTo(form)
    user.pick(form, "method", "Allometric" if lang == "en" else "异速生长方程")
    assert form.labels["a"].isVisibleTo(form) and form.labels["dbh_max"].isVisibleTo(form)
    user.type(form, "species", "Eucalyptus urophylla")
    user.keys(form.inputs["name_zh"], "尾叶桉")
    for key, value in (("a", "0.0724"), ("b", "2.4325"), ("root_shoot", "0.22"), ("dbh_min", "5"), ("dbh_max", "30")):
        user.type(form, key, value)
    user.type(form, "source", "Guangxi eucalyptus biomass study, table 3, p. 41")
    user.submit(form)
    assert user.problems(form) == {"published": w["required"]}  # no date: nothing stored
    assert not any(r["origin"] == "user" for r in data_editions.list_species(ws))
    user.date(form, "published", "2024-05-20")
    user.submit(form)
    user.no_error()
    added = next(r for r in rows(page.species) if r[1] == "Eucalyptus urophylla")
    assert added[2:] == ["尾叶桉", "Allometric equation" if lang == "en" else "异速生长方程", "2024-05-20", w["user"], w["to_confirm"],
                         "Guangxi eucalyptus biomass study, table 3, p. 41"]

    # --- a fuel edition in the published units; a CC in kgC/GJ is refused next to its field -----------------------
    fuel = page.add_fuel
    user.type(fuel, "fuel", "diesel")
    user.keys(fuel.inputs["name_zh"], "柴油")
    user.type(fuel, "ncv", "43.33")
    user.type(fuel, "carbon_content", "20.2")
    user.type(fuel, "oxidation", "98")
    user.type(fuel, "source", "GB/T 32151.1-2015 table B.1")
    fuel.inputs["published"].edit.setDate(QDate(2015, 12, 10))
    user.submit(fuel)
    assert "carbon_content" in user.problems(fuel)
    user.type(fuel, "carbon_content", "0.0202")
    user.submit(fuel)
    user.no_error()
    row = next(r for r in rows(page.fuels) if r[0] == "diesel" and r[-3] == w["user"])  # beside the shipped DEMO diesel
    assert row[1:] == ["柴油", "43.33 GJ/t", "0.0202 tC/GJ", "98 %", "2015-12-10", w["user"], w["to_confirm"], "GB/T 32151.1-2015 table B.1"]

    # --- confirmed from the row's action, recording the document it was checked against ------------------------------
    index = next(i for i in range(page.fuels.rowCount()) if page.fuels.key_at(i) is not None)
    page.fuels.run_action(0, index)
    assert page.confirm.values()["edition"].startswith("fuel:")
    user.type(page.confirm, "source", "GB/T 32151.1-2015 table B.1, p. 22")
    user.submit(page.confirm)
    user.no_error()
    assert rows(page.fuels)[index][-2] == w["checked"]
    stored = next(r for r in data_editions.list_fuels(ws) if r["origin"] == "user")
    assert stored["confirmed"].endswith("against GB/T 32151.1-2015 table B.1, p. 22")
    offered = [page.confirm.input("edition").itemData(i) for i in range(page.confirm.input("edition").count())]
    assert any(str(v).startswith("species:") for v in offered) and not any(str(v).startswith("fuel:") for v in offered)

    picture = page.body.grab()  # the whole page, as a reviewer looks at it
    assert not picture.isNull() and picture.save(str(tmp_path / f"reference-{lang}.png"))
