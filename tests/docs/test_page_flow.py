"""Where headings and figures land: a heading stays with the first lines of what follows without pushing a whole
table to the next page, and a figure that does not fit floats to the next page while the text fills this one —
read back page by page from the real PDF."""

from __future__ import annotations

import pytest

from tests.docs.test_every_document import pdftotext
from workbench.documents import fonts, model, pdf
from workbench.documents.maps import boundary_map


@pytest.fixture(scope="module")
def font():
    return fonts.register(fonts.find_cjk_font())


def para(text: str, style: str = "body") -> model.Para:
    return model.Para((model.Run(text),), style)


def filler(n: int) -> list[model.Para]:
    return [para(f"Paragraph {k}: " + "the project owner keeps the monitoring records for ten years. " * 4) for k in range(n)]


def pages(document: model.Document, font: str, tmp_path) -> list[str]:
    path = tmp_path / "flow.pdf"
    path.write_bytes(pdf.build(document, font))
    return pdftotext(path).split("\f")


def table(rows: int) -> model.Table:
    head = (model.Cell((model.Run("Year"),), header=True), model.Cell((model.Run("Reductions"),), header=True))
    return model.Table((head, *((model.Cell((model.Run(f"R{k}"),)), model.Cell((model.Run(f"{k},000"),), number=True)) for k in range(rows))))


def test_a_heading_before_a_long_table_stays_with_its_first_rows_on_the_same_page(font, tmp_path):
    document = model.Document("h", "{page}/{pages}", None, [*filler(9), model.Heading(2, "B.6.3 Ex-ante estimate"), table(40)], "en")
    first, second = pages(document, font, tmp_path)[:2]
    # ReportLab's keep-with-next would move heading and table to page 2 and leave page 1's bottom empty
    assert "B.6.3 Ex-ante estimate" in first and "R0" in first and "R1" in first
    assert "R39" in second and "Year" in second  # the table runs on, its heading row repeated


def test_a_heading_with_no_room_for_its_first_lines_moves_to_the_next_page(font, tmp_path):
    for n in range(8, 14):  # some of these leave only a line or two under the last filler paragraph
        document = model.Document("h", "{page}/{pages}", None, [*filler(n), model.Heading(2, "C.2 Crediting period"), *filler(2)], "en")
        for page in pages(document, font, tmp_path):
            lines = [line for line in page.splitlines() if line.strip()]
            if "C.2 Crediting period" in page:
                after = lines[[k for k, line in enumerate(lines) if "C.2 Crediting period" in line][0] + 1:]
                assert sum("Paragraph" in line or "owner keeps" in line or "records" in line for line in after) >= 1, n


def test_a_figure_that_does_not_fit_floats_to_the_next_page_and_the_text_after_it_fills_this_one(font, tmp_path):
    spec = boundary_map([("Site", 108.5, 10.7)], [("P-1", [(108.49, 10.69), (108.51, 10.69), (108.51, 10.71), (108.49, 10.71)])], "N", "km")
    after = [para("After the figure: " + "the text that follows the figure fills the page. " * 3)]
    blocks = [*filler(10), model.Map(spec), para("Figure 1: project sites and parcels", "note"), *after, *filler(6)]
    first, second = pages(model.Document("h", "{page}/{pages}", None, blocks, "en"), font, tmp_path)[:2]
    assert "After the figure" in first and "Figure 1" not in first  # the text moved up into the room the figure left
    assert "Figure 1: project sites and parcels" in second and "P-1" in second
    assert second.index("P-1") < second.index("Figure 1")  # the caption stays under its figure


def test_a_figure_waits_for_the_rest_of_a_split_table_and_never_passes_a_page_break(font, tmp_path):
    spec = boundary_map([("Site", 108.5, 10.7)], [], "N", "km")
    blocks = [*filler(10), model.Map(spec), para("Figure 1: the site", "note"), table(60), model.PageBreak(), para("Appendix")]
    found = pages(model.Document("h", "{page}/{pages}", None, blocks, "en"), font, tmp_path)
    on = [k for k, page in enumerate(found) if "Figure 1: the site" in page]
    appendix = [k for k, page in enumerate(found) if "Appendix" in page]
    assert on and appendix and on[0] < appendix[0]
    figure_page = found[on[0]]
    assert "R59" in figure_page or "R" not in figure_page.split("Figure 1")[0].split("Site")[0]  # not between a table's parts
