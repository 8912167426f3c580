"""The lifecycle navigator: the procedure's stages as a side list with their status, and for the current and the
next stage the tasks (blocking reasons) that stand before the move, each a link to the form that clears it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from workbench.domain.fixes import Fix
from workbench.services.projects.route import CURRENT, DONE, LATER, NEXT, StageStep, route
from workbench.ui.lifecycle_view import reason_link

MARKS = {DONE: "✓", CURRENT: "●", NEXT: "→", LATER: "○"}
STATUS = {DONE: "ui.navigator.done", CURRENT: "ui.navigator.current", NEXT: "ui.navigator.next", LATER: "ui.navigator.later"}


class Navigator(QWidget):
    """Stages of the selected project's procedure and what to do next; ``fix_requested`` carries a clicked fix key."""

    fix_requested = Signal(str)

    def __init__(self, ctx) -> None:
        super().__init__()
        self.setObjectName("navigator")
        self.ctx = ctx
        ctx.runner.changed.connect(lambda _changed: self.refresh())  # a task done (or undone) shows at once
        self.steps: list[StageStep] = []
        self.heading = QLabel()
        self.heading.setObjectName("navigatorHeading")
        self.heading.setWordWrap(True)
        self.new_project = QPushButton()  # where to start when the workspace holds no project yet (the window connects it)
        self.new_project.setObjectName("navigatorNewProject")
        self.new_project.hide()
        body = QWidget()
        self.tasks_layout = QVBoxLayout(body)
        self.tasks_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.new_project)
        layout.addWidget(scroll, 1)

    def refresh(self) -> None:
        """Show the selected project's route (read afresh from the workspace)."""
        lang = self.ctx.lang
        self._clear_tasks()
        self.new_project.setText(lang("ui.wizard.start_new_project"))
        self.new_project.setVisible(self.ctx.project is None)
        if self.ctx.project is None:
            self.steps = []
            self.heading.setText(lang("ui.navigator.no_project_yet"))
            return
        view, self.steps = route(self.ctx.workspace, self.ctx.project, self.ctx.actor().today)
        self.heading.setText(f"<b>{lang('ui.navigator.title')}</b><br>{view.snapshot.header.code}")
        for step in self.steps:
            self.tasks_layout.addWidget(self._stage_label(step))
            if step.status in (CURRENT, NEXT):
                self._show_moves(step)
            if step.status == CURRENT:
                for text, fix in step.prepare():
                    self._add(reason_link(lang.pick(text), fix, self.fix_requested))

    def _stage_label(self, step: StageStep) -> QLabel:
        lang = self.ctx.lang
        text = f"{MARKS[step.status]}  {escape(lang.pick(step.stage))}  ({lang(STATUS[step.status])})"
        label = QLabel(f"<b>{text}</b>" if step.status in (CURRENT, NEXT) else text)
        label.setObjectName("navigatorStage")
        label.setProperty("status", step.status)
        label.setWordWrap(True)
        if step.status == LATER:
            label.setStyleSheet("color:#6b6b6b")
        elif step.status == CURRENT:
            label.setStyleSheet("background:#e3ecf7; padding:2px")
        return label

    def _show_moves(self, step: StageStep) -> None:
        lang = self.ctx.lang
        for move in step.moves:
            target = lang.pick(move.transition.target)
            key = "ui.navigator.to_move" if step.status == CURRENT else "ui.navigator.then"
            head = QLabel(lang(key, stage=lang.pick(step.stage), target=target))
            head.setContentsMargins(12, 0, 0, 0)
            head.setWordWrap(True)
            self.tasks_layout.addWidget(head)
            if move.reasons:
                for reason in move.reasons:
                    self._add(reason_link(lang.pick(reason.text), reason.fix, self.fix_requested, reason.subject))
            elif step.status == CURRENT:
                self._add(reason_link(lang("ui.navigator.ready", target=target), Fix.PROCEDURE, self.fix_requested))
            else:
                self._add(QLabel("• " + lang("ui.navigator.nothing_blocks")))

    def _add(self, task: QLabel) -> None:
        task.setContentsMargins(12, 0, 0, 0)
        self.tasks_layout.addWidget(task)

    def _clear_tasks(self) -> None:
        while self.tasks_layout.count():
            widget = self.tasks_layout.takeAt(0).widget()
            widget.setParent(None)
            widget.deleteLater()

    def retranslate(self) -> None:
        self.refresh()
