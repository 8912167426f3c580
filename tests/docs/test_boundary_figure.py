"""The project-boundary figure as a reader of a real project needs it: far-apart groups of parcels in lettered
insets at their own scale, every parcel named (inside it, or by a number the key resolves), no label over another,
in Chinese as in English — checked on the drawing itself and on the PDF read back."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from reportlab.graphics.shapes import Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.docs.test_every_document import pdftotext
from workbench.documents import fonts, maps, model, pdf
from workbench.services.demo.forest import PARCELS as FOREST
from workbench.services.demo.mangrove import PARCELS as MANGROVE
from workbench.services.demo.projects import CCER_FOREST_SITES, CCER_MANGROVE_SITES


@pytest.fixture(scope="module")
def font():
    return fonts.register(fonts.find_cjk_font())


def strings(node) -> list[String]:
    out = []
    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            out.append(child)
        elif isinstance(child, Group):
            out += strings(child)
    return out


def box(s: String, font: str) -> tuple[float, float, float, float]:
    w = stringWidth(s.text, font, s.fontSize)
    x0 = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
    return x0, s.y - s.fontSize * 0.2, x0 + w, s.y + s.fontSize * 0.8


def named(spec: dict, font: str) -> tuple[dict[str, str], list[String]]:
    """How the drawing names each feature: 'inside' (its name is written) or the key's number; and every text."""
    texts = strings(maps.drawing(spec, font))
    # a key entry: the number ending 4 points before its name, on the same line
    key = {b.text: a.text for a, b in zip(texts, texts[1:]) if a.text.isdigit() and a.textAnchor == "end" and a.y == b.y and b.x - a.x == 4}
    words = {t.text for t in texts}
    return {name: key.get(name) or ("inside" if name in words else "")
            for name in [p[0] for p in spec["polygons"]] + [p[0] for p in spec["points"]]}, texts


def demo_spec(sites, parcels, north="北", km="公里"):
    return maps.boundary_map([(s["name"], float(s["longitude"]), float(s["latitude"])) for s in sites],
                             [(n, list(ring)) for n, _, ring in parcels], north, km)


@pytest.mark.parametrize("sites, parcels", [(CCER_FOREST_SITES, FOREST), (CCER_MANGROVE_SITES, MANGROVE)])
def test_two_far_apart_compartments_get_lettered_insets_and_every_parcel_is_named(font, sites, parcels):
    spec = demo_spec(sites, parcels)
    groups = maps.groups(maps.Figure(spec, font, maps.WIDTH).features())
    assert len(groups) == 2  # 60 km (forest) and 85 km (mangrove) apart: one group around each site
    assert groups[0][0].box[3] > groups[1][0].box[3]  # lettered north to south
    names, texts = named(spec, font)
    assert all(names.values()), names
    assert [t.text for t in texts].count("A") == 2 and [t.text for t in texts].count("B") == 2  # on the overview and the inset
    assert sum(t.text == "0.5 公里" or t.text == "0.2 公里" for t in texts) == 2  # each inset has its own scale bar


def test_thirty_small_parcels_in_one_village_are_numbered_with_a_key_and_no_label_overlaps_another(font):
    rng = random.Random(3)
    parcels = []
    for k in range(30):
        x, y = 110.0 + (k % 6) * 0.004, 21.0 + (k // 6) * 0.003
        w, h = rng.uniform(0.0008, 0.0035), rng.uniform(0.0008, 0.0025)
        parcels.append((f"小班{k + 1:02d}", [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]))
    spec = maps.boundary_map([("雷州湾站点", 110.01, 21.02)], parcels, "北", "公里")
    names, texts = named(spec, font)
    assert all(names.values()), [n for n, how in names.items() if not how]
    numbers = sorted(int(how) for how in names.values() if how != "inside")
    assert numbers and numbers == list(range(1, len(numbers) + 1))  # the key counts 1, 2, 3 … without gaps
    labels = [box(t, font) for t in texts if t.fontSize >= 7 and t.text not in ("北",)]
    overlapping = [(a, b) for a, b in combinations(labels, 2) if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]
    assert not overlapping


def test_a_lone_site_is_drawn_with_its_name_and_a_scale_bar(font):
    names, texts = named(maps.boundary_map([("Solar field", 108.90217, 11.41235)], [], "N", "km"), font)
    assert names == {"Solar field": "inside"} and any(t.text.endswith(" km") for t in texts)


@pytest.mark.parametrize("lang, north, caption", [("zh", "北", "图：项目场址与地块"), ("en", "N", "Figure: project sites and parcels")])
def test_the_figure_in_a_pdf_reads_back_with_its_parcel_names_and_caption(font, tmp_path, lang, north, caption):
    spec = demo_spec(CCER_MANGROVE_SITES, MANGROVE, north, "公里" if lang == "zh" else "km")
    document = model.Document("header", "{page}/{pages}", None, [model.Map(spec), model.Para((model.Run(caption),), "note")], lang)
    path = tmp_path / "figure.pdf"
    path.write_bytes(pdf.build(document, font))
    text = pdftotext(path)
    for word in ("GQ-01", "GQ-04", "DH-01", "DH-03", "廉江高桥无植被潮滩", "东海岛退养池塘", north, caption):
        assert word in text, word


@pytest.mark.parametrize("count", [400, 1900])
def test_hundreds_of_turbines_keep_the_figure_on_one_page_the_key_ending_with_how_many_it_left_out(font, tmp_path, count):
    """A wind farm's turbines packed in one sea area: the key numbers what its room under the panels holds, the
    rest are drawn unnumbered and counted in the key's last entry; the figure fits a page and the PDF builds."""
    rng = random.Random(11)
    points = [(f"WTG-{i + 1:04d}", 108.3 + rng.random() / 2, 10.5 + rng.random() / 2) for i in range(count)]
    spec = maps.boundary_map(points, [], "N", "km")
    drawing = maps.drawing(spec, font)
    assert drawing.height <= maps.HEIGHT_MAX
    names, texts = named(spec, font)
    numbers = sorted(int(how) for how in names.values() if how not in ("", "inside"))
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 50
    unnamed = sum(1 for how in names.values() if not how)
    (last,) = [b.text for a, b in zip(texts, texts[1:]) if a.text == "…"]
    assert unnamed > 0 and last == f"+{unnamed:,}"
    path = tmp_path / "turbines.pdf"
    path.write_bytes(pdf.build(model.Document("header", "{page}/{pages}", None, [model.Map(spec)], "en"), font))
    assert f"+{unnamed:,}" in pdftotext(path)
