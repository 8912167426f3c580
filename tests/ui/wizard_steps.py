"""Driving a wizard as a user does: fill a page's fields, press Next (or Finish), add records to a page's list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard


def press(qtbot, wizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def next_page(qtbot, wizard) -> None:
    press(qtbot, wizard, QWizard.WizardButton.NextButton)


def finish(qtbot, wizard) -> None:
    press(qtbot, wizard, QWizard.WizardButton.FinishButton)


def add_to_list(qtbot, page, values: dict) -> None:
    page.form.set(**values)
    qtbot.mouseClick(page.form.button, Qt.MouseButton.LeftButton)


def problems(form) -> dict[str, str]:
    return {k: label.text() for k, label in form.problems.items() if label.isVisibleTo(form)}


def new_project(qtbot, window, project: dict, parties=(), sites=()):
    """New project › every page filled from ``project`` (its fields by key), ``parties`` and ``sites`` added to their
    lists, then Finish; hands back the wizard (closed unless the service refused)."""
    wizard = window.start_new_project()
    qtbot.waitExposed(wizard)
    basics = {k: v for k, v in project.items() if k in wizard.basics.form.inputs}
    wizard.basics.form.set(**{k: basics.pop(k) for k in ("programme",) if k in basics})  # the host-country choices follow it
    wizard.basics.form.set(**basics)
    next_page(qtbot, wizard)
    for party in parties:
        add_to_list(qtbot, wizard.parties, party)
    next_page(qtbot, wizard)
    wizard.dates.form.set(**{k: v for k, v in project.items() if k in wizard.dates.form.inputs})
    next_page(qtbot, wizard)
    for site in sites:
        add_to_list(qtbot, wizard.sites, site)
    finish(qtbot, wizard)
    return wizard


def press_button(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_from(qtbot, window, project: str, page: str, button: str):
    """Select ``project``, press the wizard's button on ``page``; hand back the wizard shown."""
    window.select_project(project)
    press_button(qtbot, getattr(window.page(page), button))
    qtbot.waitExposed(window.wizard)
    return window.wizard
