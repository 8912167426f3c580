"""The progress of long work, in the window's status bar: one bar per op running, saying what it does, with Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

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
        ctx.runner.ended.connect(self.remove)
        self.hide()

    def add(self, op: Op) -> None:
        row = QWidget()
        row.setObjectName("runningOp")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QProgressBar()
        bar.setObjectName("opProgress")
        bar.setRange(0, 0)  # busy: the services report no steps
        bar.setTextVisible(True)
        bar.setFormat(self.ctx.lang.pick(op.long or Text("ui.ops.working")))
        bar.setMaximumWidth(160)
        said = QLabel(bar.format())  # a busy bar draws no text in most styles: the words stand beside it
        said.setObjectName("opText")
        cancel = QPushButton(self.ctx.lang.pick(Text("common.cancel")))
        cancel.setObjectName("opCancel")
        cancel.clicked.connect(lambda: self.ctx.runner.cancel(op))
        layout.addWidget(said)
        layout.addWidget(bar)
        layout.addWidget(cancel)
        self.layout_.addWidget(row)
        self.rows[id(op)] = row
        self.show()

    def remove(self, op: Op) -> None:
        row = self.rows.pop(id(op), None)
        if row is not None:
            row.hide()
            row.deleteLater()
        self.setVisible(bool(self.rows))

    def bars(self) -> list[QProgressBar]:
        return [r.findChild(QProgressBar) for r in self.rows.values()]

    def cancel_buttons(self) -> list[QPushButton]:
        return [r.findChild(QPushButton) for r in self.rows.values()]
