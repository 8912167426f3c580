"""Charts read back from the PDF: every label in the embedded TrueType font, year labels that never overlap
however many years there are, and the same drawing as a picture for Word."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader
from workbench.documents import model
from workbench.documents.charts import nice_step, png
from workbench.documents.fonts import find_cjk_font, register
from workbench.documents.pdf import build

FONT = register(find_cjk_font())
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\d{4})</word>')


def year_boxes(path) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), year) for a, b, c, d, year in WORD.findall(out)]


@pytest.mark.parametrize("years", [1, 10, 30, 60, 120])
def test_year_labels_never_overlap_and_use_the_embedded_font(tmp_path, years):
    categories = [str(2025 + i) for i in range(years)]
    chart = model.Chart(tuple(categories), (("actual ER", tuple(800000.0 + i for i in range(years))), ("PDD estimate", (900000.0,) * years)))
    path = tmp_path / "chart.pdf"
    path.write_bytes(build(model.Document("", "{page}", None, [chart]), FONT))
    boxes = sorted(year_boxes(path))
    assert "2025" in {b[4] for b in boxes} and len(boxes) >= min(years, 20)
    for (a0, b0, a1, b1, _), (c0, d0, c1, d1, _) in zip(boxes, boxes[1:]):
        assert a1 <= c0 or c1 <= a0 or b1 <= d0 or d1 <= b0  # disjoint boxes
    fonts = {str(f.get_object()["/BaseFont"]) for f in PdfReader(path).pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all("Helvetica" not in f for f in fonts)


def test_value_axis_steps_are_round_numbers():
    assert [nice_step(x) for x in (0, 0.7, 3, 19, 240, 175_555)] == [1, 1, 5, 20, 250, 200_000]


def test_the_word_picture_is_the_same_drawing():
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png(["2025", "2026"], [("ER", [1.0, 2.0])], FONT)))
    assert image.format == "PNG" and image.width > 900 and len(image.convert("RGB").getcolors(1 << 20)) > 3
