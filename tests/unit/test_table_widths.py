"""Column widths from content (CSS 2.1 §17.5.2.2 automatic layout), each character 5 pt wide, 3 pt padding."""

from __future__ import annotations

from pytest import approx

from workbench.documents.model import Cell, Run
from workbench.documents.tables import column_widths


def cell(text: str, header: bool = False, width: float | None = None) -> Cell:
    return Cell((Run(text),), header=header, width=width)


def measure(text: str) -> float:
    return 5.0 * len(text)


def test_columns_that_fit_are_stretched_in_proportion_to_their_widest_line():
    rows = [[cell("WTG-001"), cell("10.5")], [cell("WTG-002"), cell("10.51")]]
    # wants: 35 + 6 = 41 and 25 + 6 = 31; 28 pt spare shared 41:31
    assert column_widths(rows, 100, measure) == approx([41 + 28 * 41 / 72, 31 + 28 * 31 / 72])


def test_headings_wrap_between_words_but_do_not_widen_a_column_of_short_data():
    rows = [[cell("Likelihood (1-5)", header=True), cell("Mitigation", header=True)], [cell("3"), cell("escrow " * 30)]]
    widths = column_widths(rows, 300, measure, heads=1)
    assert widths[0] == approx(5 * len("Likelihood") + 6) and sum(widths) == approx(300)


def test_a_fixed_width_narrower_than_a_word_of_its_column_is_widened_to_it():
    rows = [[cell("Result", width=0.05), cell("explanation " * 20)], [cell("needs_evidence"), cell("x")]]
    widths = column_widths(rows, 400, measure)
    assert widths[0] == approx(5 * len("needs_evidence") + 6) and sum(widths) == approx(400)


def test_when_even_the_unbreakable_pieces_do_not_fit_they_share_the_width():
    rows = [[cell("A" * 40), cell("B" * 60)]]
    assert column_widths(rows, 250, measure) == approx([206 * 250 / 512, 306 * 250 / 512])


def test_headings_that_fit_stay_on_one_line():
    rows = [[cell("Latitude", header=True), cell("Site", header=True)], [cell("10.5"), cell("WTG-001")]]
    # wants with the headings: 40 + 6 = 46 and 35 + 6 = 41; 13 pt spare shared 46:41
    assert column_widths(rows, 100, measure, heads=1) == approx([46 + 13 * 46 / 87, 41 + 13 * 41 / 87])
