"""PDD editor: each section's completeness, and the texts the user writes in English and Chinese side by side (项目设计文件).

A text is saved a moment after typing stops, and when the field loses focus: there is no save button.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPlainTextEdit

from workbench.domain.language import Language
from workbench.domain.text import Text
from workbench.services.documents import pdd
from workbench.services.documents.pdd_context import PDD_TEXTS, TEXT_TITLES
from workbench.ui.forms import RecordTable
from workbench.ui.pages.base import Page

SAVE_AFTER_MS = 800
COMPLETE, INCOMPLETE = "✔", "✘"


class TextField(QPlainTextEdit):
    """One section's text in one language; tells the page when to save."""

    def __init__(self, page: PddPage, key: str, lang: str) -> None:
        super().__init__()
        self.page, self.key, self.lang_code = page, key, lang
        self.setObjectName(f"pddText-{key}-{lang}")
        self.setTabChangesFocus(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.save)
        self.textChanged.connect(self.edited)
        self.stored = ""
        self.project: int | None = None  # the project whose text this is: a save goes there, whatever is selected by then

    def edited(self) -> None:
        if self.toPlainText().strip() != self.stored:
            self.timer.start()

    def focusOutEvent(self, event) -> None:
        self.save()
        super().focusOutEvent(event)

    def save(self) -> None:
        self.timer.stop()
        text = self.toPlainText().strip()
        if text != self.stored and self.project is not None:
            self.stored = text  # before saving: the refresh the save triggers must not reload over the cursor
            self.page.op(lambda ws, actor, project: pdd.set_text(ws, actor, project, self.key, self.lang_code, text),
                         failed=self.refused, project=self.project)

    def refused(self) -> None:
        self.stored = ""  # refused: keep the text on screen and try again on the next edit

    def show_stored(self, project: int, text: str) -> None:
        """Show the stored text unless the user is in the middle of changing it."""
        if self.timer.isActive() and self.hasFocus() and project == self.project:
            return
        self.project, self.stored = project, text
        if self.toPlainText().strip() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)


class PddPage(Page):
    title = Text("ui.pdd.pdd")
    order = 35

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        L = self.lang
        self.sections = RecordTable(L, "pddSections", [Text("common.section"), Text("ui.pdd.complete"), Text("ui.pdd.still_missing")])
        self.layout_.addWidget(self.sections)
        self.fields: dict[tuple[str, str], TextField] = {}
        self.boxes: dict[str, QGroupBox] = {}
        self.states: dict[str, QLabel] = {}
        for key in PDD_TEXTS:
            box = QGroupBox()
            box.setObjectName(f"pddSection-{key}")
            grid = QGridLayout(box)
            for column, lang in enumerate(pdd.LANGS):
                field = TextField(self, key, lang)
                field.setPlaceholderText(Language(lang).label(lang))
                self.fields[(key, lang)] = field
                grid.addWidget(field, 0, column)
            state = QLabel()
            state.setObjectName(f"pddState-{key}")
            grid.addWidget(state, 1, 0, 1, 2)
            self.boxes[key], self.states[key] = box, state
            self.layout_.addWidget(box)

    def project_changed(self) -> None:
        """Text still being typed is saved to the project it was typed for, before the page shows another."""
        for field in self.fields.values():
            field.save()
        super().project_changed()

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        stored = pdd.texts(self.ctx.workspace, self.ctx.project)
        for (key, lang), field in self.fields.items():
            field.show_stored(self.ctx.project, stored[(key, lang)])
        states = pdd.completeness(self.ctx.workspace, self.ctx.project, self.ctx.actor().today)
        pick = self.lang.pick
        self.sections.show_rows([[pick(st.title), COMPLETE if st.complete else INCOMPLETE, "; ".join(pick(m) for m in st.missing)] for st in states])
        for key in PDD_TEXTS:
            title = TEXT_TITLES[key]
            en, zh = stored[(key, "en")], stored[(key, "zh")]
            done = [pick(Text("ui.pdd.english"))] * bool(en) + [pick(Text("ui.pdd.chinese"))] * bool(zh)
            self.boxes[key].setTitle(f"{pick(title)} {COMPLETE if en or zh else INCOMPLETE}")
            self.states[key].setText(pick(Text("ui.pdd.written_in")) + (", ".join(done) or pick(Text("ui.pdd.nothing_yet"))) +
                                     (pick(Text("ui.pdd.the_pdd_shows_one_language_where"))
                                      if len(done) == 1 else ""))


PAGE = PddPage
