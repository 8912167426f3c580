"""The progress of long work, in the window's status bar: one bar per op running, saying what it does and how far
it has got (the steps its services report), with Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from workbench.domain.progress import Step
from workbench.domain.text import Text
from workbench.ui.ops import Op


class ProgressStrip(QWidget):
    def __init__(self, ctx) -> None:
        super().__init__()
        self.setObjectName("progressStrip")
        self.ctx = ctx
        self.rows: dict[int, QWidget] = {}
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        ctx.runner.started.connect(self.add)
        ctx.runner.progressed.connect(self.show_step)
        ctx.runner.stopping.connect(self.stopping)
        ctx.runner.ended.connect(self.remove)
        self.hide()

    def add(self, op: Op) -> None:
        row = QWidget()
        row.setObjectName("runningOp")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QProgressBar()
        bar.setObjectName("opProgress")
        bar.setRange(0, 0)  # busy until the work reports its first step
        bar.setTextVisible(True)
        bar.setFormat("%p%")  # once the work reports how much there is; its words stand beside the bar
        bar.setMaximumWidth(160)
        said = QLabel(self.ctx.lang.pick(op.long or Text("ui.ops.working")))
        said.setObjectName("opText")
        step = QLabel()
        step.setObjectName("opStep")
        cancel = QPushButton(self.ctx.lang.pick(Text("common.cancel")))
        cancel.setObjectName("opCancel")
        cancel.setVisible(op.cancellable)
        cancel.clicked.connect(lambda: self.ctx.runner.cancel(op))
        for widget in (said, step, bar, cancel):
            layout.addWidget(widget)
        self.layout_.addWidget(row)
        self.rows[id(op)] = row
        self.show()

    def show_step(self, op: Op, step: Step) -> None:
        """Where the work is: its words beside the bar; the bar filled to ``done`` of ``total`` (busy when the total
        is not known); Cancel only while the work can still stop."""
        row = self.rows.get(id(op))
        if row is None or op.stopping:
            return
        row.findChild(QLabel, "opStep").setText(self.ctx.lang.pick(step.what))
        row.findChild(QPushButton).setEnabled(step.stoppable)  # past its point of no return the work cannot stop
        bar = row.findChild(QProgressBar)
        if step.total > 0:
            bar.setRange(0, step.total)
            bar.setValue(min(step.done, step.total))
        else:
            bar.setRange(0, 0)

    def stopping(self, op: Op) -> None:
        row = self.rows.get(id(op))
        if row is None:
            return
        button = row.findChild(QPushButton)
        button.setEnabled(False)
        row.findChild(QLabel, "opStep").setText(self.ctx.lang.pick(Text("ui.ops.stopping")))

    def remove(self, op: Op) -> None:
        row = self.rows.pop(id(op), None)
        if row is not None:
            row.hide()
            row.deleteLater()
        self.setVisible(bool(self.rows))

    def bars(self) -> list[QProgressBar]:
        return [r.findChild(QProgressBar) for r in self.rows.values()]

    def steps(self) -> list[str]:
        """The words of each running op's latest step."""
        return [r.findChild(QLabel, "opStep").text() for r in self.rows.values()]

    def cancel_buttons(self) -> list[QPushButton]:
        return [r.findChild(QPushButton) for r in self.rows.values()]
