"""Where the GUI resolves each fix key: the page, the form on it and the field to start in, with values to pre-fill.

``go_to_fix`` takes the user there: the page is shown, the form scrolled into view, pre-filled and focused — on the
record the reason is about when it names one (``close-finding#12``: the finding picked in the form). A reason that only
time clears (a public comment period running) leads to the Calendar, where its end date is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.domain.fixes import Fix
from workbench.domain.parties import PartyRole


@dataclass(frozen=True)
class FixTarget:
    """A page (its class name), the form on it (its object name; "" for the page itself), the field to focus and
    what to pre-fill; or a wizard (its name in ``ui.wizards.WIZARDS``) opened over the page, with its options. The
    record a reason is about (its ``subject``) goes into the ``focus`` field."""

    page: str
    form: str = ""
    focus: str = ""
    prefill: dict[str, str] = field(default_factory=dict)
    wizard: str = ""


FIX_TARGETS: dict[Fix, FixTarget] = {
    Fix.METHODOLOGY: FixTarget("MethodologyPage", "chooseMethodology", "methodology"),
    Fix.OWNER: FixTarget("PartiesPage", "addParty", "name_en", {"role": PartyRole.PROJECT_OWNER.value}),
    Fix.SITE: FixTarget("PartiesPage", "addSite", "name"),
    Fix.CREDITING_PERIOD: FixTarget("OverviewPage", "projectDetails", "crediting_start"),
    Fix.CONSTRUCTION_START: FixTarget("OverviewPage", "projectDetails", "construction_start"),
    Fix.REGISTRY_ACCOUNT: FixTarget("OverviewPage", "projectDetails", "registry_account"),
    Fix.WAIT_PUBLICITY: FixTarget("CalendarPage", "deadlineTable"),
    Fix.WAIT_CREDITING_END: FixTarget("CalendarPage", "deadlineTable"),
    Fix.ENGAGE_VALIDATION_VVB: FixTarget("ValidationPage", prefill={"kind": "validation"}, wizard="engagement"),
    Fix.ENGAGE_VERIFICATION_VVB: FixTarget("ValidationPage", prefill={"kind": "verification"}, wizard="engagement"),
    Fix.CLOSE_FINDING: FixTarget("ValidationPage", "respondFinding", "finding"),
    Fix.FINAL_REPORT: FixTarget("ValidationPage", "finalReport", "engagement"),
    Fix.ISSUE_UNITS: FixTarget("LedgerPage", wizard="issuance"),
    Fix.ACCOUNTING_PERIOD: FixTarget("MonitoringPage", "periodTable"),
    Fix.PROCEDURE: FixTarget("OverviewPage"),
    Fix.NEW_PERIOD: FixTarget("MonitoringPage", wizard="period"),
    Fix.RENDER_PDD: FixTarget("DocumentsPage", "renderDocument", "out", {"kind": "pdd"}),
    Fix.REGISTRATION_DECISION: FixTarget("LedgerPage", "jointDecision", "on", {"kind": "registration"}),
}


def go_to_fix(window, fix: str):
    """Show the page and form (or open the wizard) that resolve ``fix`` in ``window`` (a MainWindow); hand back the
    form, wizard or page. ``fix`` is a fix key, with the record the reason is about after a ``#``.

    Raises KeyError for a key with no target (a test keeps every key mapped)."""
    fix, _, subject = fix.partition("#")
    target = FIX_TARGETS[Fix(fix)]
    page = window.page(target.page)
    if target.wizard:
        from workbench.ui.wizards import open_wizard

        return open_wizard(window.ctx, target.wizard, **target.prefill)
    if not target.form:
        return page
    from PySide6.QtWidgets import QWidget

    form = page.findChild(QWidget, target.form)
    page.ensureWidgetVisible(form)
    inputs = getattr(form, "inputs", {})
    if target.prefill:
        form.set(**target.prefill)
    widget = inputs.get(target.focus) if target.focus else None
    if subject and widget is not None:  # the record is chosen: the user goes on with what the form asks next
        form.set(**{target.focus: subject})
        keys = list(inputs)
        widget = inputs[keys[keys.index(target.focus) + 1]] if keys[-1] != target.focus else getattr(form, "button", widget)
    (widget or form).setFocus()
    return form
