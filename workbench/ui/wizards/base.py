"""What every wizard (向导) shares: pages built from field-spec forms, each checked before the next is shown, and one
service call on Finish through the op runner — Cancel writes nothing, Finish writes everything as one action (one
audit entry, one step in Edit › Undo).

A page's form is a SpecForm without its own button: Next checks every field at once and shows each problem next to
its field; a service's refusal on Finish is shown next to the field it names on whichever page holds it (that page
is shown), else in a dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual, Text
from workbench.ui.fields import Field
from workbench.ui.forms import SpecForm
from workbench.ui.ops import Op


NOTHING = Bilingual("", "")


class FormPage(QWizardPage):
    """A wizard page around one SpecForm (``form``); ``check(values)`` may refuse the page's values with a UserError
    (shown next to its field, or under the form when the page has no such field)."""

    def __init__(self, wizard: Wizard, name: str, title: Text, fields: Sequence[Field], check: Callable[[dict], None] | None = None,
                 intro: Text | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.wizard_, self.title_text, self.intro = wizard, title, intro
        self.form = SpecForm(wizard.lang, f"{name}Form", NOTHING, NOTHING, fields)
        self.form.setFlat(True)
        self.form.button.hide()
        self.form.setVisible(bool(fields))  # a page that only shows what Finish will use has no form
        self.check = check
        self.problem = QLabel()
        self.problem.setObjectName(f"{name}-problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.form)
        self.layout_.addWidget(self.problem)

    def add(self, widget: QWidget, stretch: int = 0) -> None:
        self.layout_.addWidget(widget, stretch)

    def values(self) -> dict[str, str]:
        return self.form.values()

    def validatePage(self) -> bool:
        self.form.clear_problems()
        self.problem.clear()
        found = self.form.check()
        for key, problem in found.items():
            self.form.show_problem(key, problem)
        if found:
            return False
        if self.check is not None:
            try:
                self.check(self.values())
            except UserError as exc:
                self.show_refusal(exc)
                return False
        return True

    def show_refusal(self, error: UserError) -> None:
        """Show a refusal next to the field it names, else under the form."""
        if not (error.field and error.field not in self.form.hidden and self.form.show_problem(error.field, error)):
            self.problem.setText(self.wizard_.lang.error(error))

    def retranslate(self) -> None:
        lang = self.wizard_.lang
        self.setTitle(lang.pick(self.title_text))
        self.setSubTitle(lang.pick(self.intro) if self.intro else "")
        self.form.retranslate()
        self.form.setTitle("")


class Wizard(QWizard):
    """A wizard of a window (``ctx``: its PageContext) bound to the project selected when it opened."""

    title_text: Text | Bilingual = NOTHING
    long: Text | None = None  # the progress text, for an action run in a worker (a calculation)

    def __init__(self, ctx, name: str) -> None:
        super().__init__(ctx.window)
        self.setObjectName(name)
        self.ctx, self.lang, self.project = ctx, ctx.lang, ctx.project
        self.running = False  # Finish's action is running (``_busy``)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(820, 640)  # room for a form and a table of records without scrolling

    def form_pages(self) -> list[FormPage]:
        return [self.page(i) for i in self.pageIds() if isinstance(self.page(i), FormPage)]

    def retranslate(self) -> None:
        self.setWindowTitle(self.lang.pick(self.title_text))
        for button, key in ((QWizard.WizardButton.NextButton, "ui.wizard.next"), (QWizard.WizardButton.BackButton, "ui.wizard.back"),
                            (QWizard.WizardButton.FinishButton, "ui.wizard.finish"), (QWizard.WizardButton.CancelButton, "common.cancel")):
            self.setButtonText(button, self.lang(key))
        for i in self.pageIds():
            page = self.page(i)
            if hasattr(page, "retranslate"):
                page.retranslate()

    def work(self) -> Callable[..., Any]:
        """The one service call Finish runs: ``fn(ws, actor, project)``, or ``fn(ws, actor, project, steps)`` with
        ``long`` set (it runs in a worker, reports its steps and can be cancelled)."""
        raise NotImplementedError

    def finished_with(self, result: Any) -> None:
        """What the window shows once the action is done (the wizard has closed)."""

    def accept(self) -> None:
        """Finish (the last page checked): run the action; a refusal is shown on the page holding the field it names, and
        the wizard stays open."""
        self.ctx.runner.run(Op(self.work(), self, self.project, done=self._done, form=self, long=self.long, busy=self._busy))

    def _busy(self, on: bool) -> None:
        """While Finish's action runs, the wizard can neither finish again nor be closed: closing it would not stop the
        work (the progress strip's Cancel does, and writes nothing)."""
        self.running = on
        for which in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton, QWizard.WizardButton.BackButton):
            button = self.button(which)
            if shiboken6.isValid(button):
                button.setEnabled(not on)

    def reject(self) -> None:
        """Cancel, Escape or the close box: nothing was written, unless Finish's action is running — then the wizard
        stays open until it has ended (stopped from the progress strip, or done)."""
        if not self.running:
            super().reject()

    def _done(self, result: Any) -> None:
        super().accept()
        self.finished_with(result)

    # --- the op runner shows a service's refusal through these, as it does on a page's form -----------------------
    def clear_problems(self) -> None:
        for page in self.form_pages():
            page.form.clear_problems()
            page.problem.clear()

    def show_problem(self, key: str, error: UserError | Text) -> bool:
        """Go back to the page whose form holds ``key`` and show the refusal there; False when no page does."""
        page = next((p for p in self.form_pages() if key in p.form.inputs and key not in p.form.hidden), None)
        if page is None:
            return False
        while self.currentPage() is not page and self.visitedIds() and self.currentId() != self.startId():
            self.back()
        return page.form.show_problem(key, error)
