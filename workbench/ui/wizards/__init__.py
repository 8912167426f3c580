"""The wizards for the multi-step acts, opened by name (from a page's button, a navigator task or Ctrl+N) and loaded
when first opened, not at start-up."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtWidgets import QPushButton

from workbench.domain.text import Text

WIZARDS = {"new_project": ("new_project", "NewProjectWizard"), "engagement": ("engagement", "EngagementWizard"),
           "period": ("period", "PeriodWizard"), "issuance": ("issuance", "IssuanceWizard")}


def open_wizard(ctx, name: str, **options):
    """Open the wizard ``name`` over the window of ``ctx`` (window-modal), for the project selected now; hand it back."""
    module, cls = WIZARDS[name]
    wizard = getattr(import_module(f"workbench.ui.wizards.{module}"), cls)(ctx, **options)
    ctx.window.wizard = wizard
    wizard.open()
    return wizard


class WizardButton(QPushButton):
    """A page's button that opens one of the wizards (``Engage a VVB…``), worded in the GUI's language."""

    def __init__(self, ctx, name: str, text: Text, **options) -> None:
        super().__init__()
        self.setObjectName(f"start-{name}")
        self.ctx, self.text_ = ctx, text
        self.clicked.connect(lambda: open_wizard(ctx, name, **options))
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.ctx.lang.pick(self.text_))
