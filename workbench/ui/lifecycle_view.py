"""The lifecycle of the selected project: every stage of its procedure, the current one, and why the next
moves are blocked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from html import escape

from workbench.domain.stages import procedure_label
from workbench.services.projects.lifecycle import ProjectView
from workbench.ui.i18n import Language


class LifecycleView(QWidget):
    """Stages on the left, next moves with their reasons on the right."""

    move_requested = Signal(str, str)  # target stage, reason
    fix_requested = Signal(str)  # the fix key of a blocking reason the user clicked

    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.lang = lang
        self.view: ProjectView | None = None
        self.title = QLabel()
        self.title.setObjectName("projectTitle")
        self.title.setWordWrap(True)
        self.procedure = QLabel()
        self.stages = QListWidget()
        self.stages.setObjectName("stageList")
        self.stages.setWordWrap(True)  # the current stage's "since" wraps rather than hiding behind a scroll bar
        self.stages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.moves_box = QGroupBox()
        self.moves_layout = QVBoxLayout(self.moves_box)
        self.reason = QLineEdit()
        self.reason.setObjectName("moveReason")
        # no scroll area of its own inside the page, which scrolls already: one hid the second next step and the
        # stages' ends until the user found that small scroll bar
        holder = QWidget()
        right = QVBoxLayout(holder)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.moves_box)
        right.addWidget(self.reason)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.stages, 2)
        body.addWidget(holder, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.procedure)
        self.tasks_layout = QVBoxLayout()
        layout.addLayout(self.tasks_layout)
        layout.addLayout(body, 1)
        self.show_view(None)

    def show_view(self, view: ProjectView | None) -> None:
        self.view = view
        self.stages.clear()
        while self.moves_layout.count():
            item = self.moves_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone from the layout now, not at the next event loop turn
                widget.deleteLater()
        self.moves_box.setTitle(self.lang("ui.next"))
        self.reason.setPlaceholderText(self.lang("ui.reason.prompt"))
        self._show_tasks(view.tasks if view is not None else ())
        if view is None:
            self.title.setText(self.lang("ui.no.project"))
            self.procedure.clear()
            self.reason.setEnabled(False)
            return
        snap = view.snapshot
        h = snap.header
        title = (h.title_zh or h.title_en) if self.lang.code == "zh" else (h.title_en or h.title_zh)
        self.title.setText(f"<b>{h.code}</b> — {title}")
        self.procedure.setText(self.lang.pick(procedure_label(h.programme)))
        passed = True
        for stage in view.stages:
            current = stage == snap.stage
            mark = "●" if current else ("✓" if passed else "○")
            text = f"{mark}  {self.lang.pick(stage)}"
            if current:
                text += f"  ({self.lang('ui.current')}, {self.lang('ui.since')} {snap.stage_since})"
                passed = False
            item = QListWidgetItem(text)
            font = item.font()
            font.setBold(current)
            item.setFont(font)
            self.stages.addItem(item)
        self.reason.setEnabled(True)
        for move in view.next_moves:
            self.moves_layout.addWidget(self._move_widget(move))

    def _show_tasks(self, tasks) -> None:
        """References still to settle, above the stages: they never block a move but must not be missed."""
        while self.tasks_layout.count():
            widget = self.tasks_layout.takeAt(0).widget()
            widget.setParent(None)
            widget.deleteLater()
        for task in tasks:
            label = QLabel("⚠ " + self.lang.pick(task.text))
            label.setWordWrap(True)
            label.setObjectName("projectTask")
            label.setStyleSheet("color:#8a5300")
            self.tasks_layout.addWidget(label)

    def _move_widget(self, move) -> QWidget:
        t = move.transition
        box = QWidget()
        box.setObjectName(f"move-{t.target.value}")
        layout = QVBoxLayout(box)
        status = self.lang("ui.allowed") if move.allowed else self.lang("ui.blocked")
        colour = "#1b7f3b" if move.allowed else "#b3261e"
        head = QLabel(f"<b>{self.lang.pick(t.label)}</b> → {self.lang.pick(t.target)} "
                      f"<span style='color:{colour}'>[{status}]</span>")
        head.setWordWrap(True)
        layout.addWidget(head)
        for r in move.reasons:
            layout.addWidget(reason_link(self.lang.pick(r.text), r.fix, self.fix_requested, r.subject))
        button = QPushButton(self.lang("ui.move"))
        button.setObjectName(f"moveButton-{t.target.value}")
        button.setEnabled(move.allowed)
        button.clicked.connect(lambda _=False, target=t.target.value: self.move_requested.emit(target, self.reason.text()))
        layout.addWidget(button)
        return box


def reason_link(text: str, fix: str, signal, subject: str = "") -> QLabel:
    """A blocking reason as a link: clicking it emits ``signal`` with the reason's fix key, and the record it is about
    after a ``#`` (``close-finding#12``: the form opens on finding 12)."""
    label = QLabel(f"• <a href='{escape(fix + ('#' + subject if subject else ''))}'>{escape(text)}</a>")
    label.setWordWrap(True)
    label.setObjectName("blockReason")
    label.setProperty("fix", fix)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    label.linkActivated.connect(signal.emit)
    return label
