"""File › Import project package, when the project is here already and differs: every difference, entity by entity and
field by field, with both sides' values and who changed them when; the user keeps theirs, takes the package's, or ticks
what to take from the package and merges."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from workbench.domain.text import Bilingual as B
from workbench.services.sharing.package_merge import Difference
from workbench.ui.i18n import Language

STAMP, DAY_TIME = re.compile(r"(\d{4}-\d\d-\d\d)T"), r"\1 "  # "2026-11-23T10:02" shown as "2026-11-23 10:02"
SHOWN = 300  # differences listed per table; the rest follow the table's tick
TAKE = 3  # the column ticked to take the package's side


def _cell(lang: Language, d: Difference, value: object, change: str) -> str:
    if d.field is None:
        shown = lang.pick(B("holds this row", "有此行")) if value is not None else lang.pick(B("(does not hold it)", "(无此行)"))
    else:
        shown = "—" if value in (None, "") else str(value)
    return f"{shown}  · {STAMP.sub(DAY_TIME, change)}" if change else shown


class PackageDialog(QDialog):
    """``choice`` after ``exec``/``accepted``: ("local" | "incoming" | "merge", {reference: side})."""

    def __init__(self, lang: Language, project: str, differences: list[Difference], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packageDiffers")
        self.setWindowTitle(lang.pick(B(f"Project {project} differs from the package", f"项目{project}与项目包不同")))
        self.resize(1120, 560)
        self.differences = differences
        self.choice: tuple[str, dict[str, str]] = ("local", {})
        intro = QLabel(lang.pick(B(
            f"{len(differences)} difference(s). Tick what to take from the package; unticked items keep what is here. "
            "Rows only one side holds are kept by default, and a field changed on both sides takes the later change. "
            "A backup is made before anything is written.",
            f"共{len(differences)}处不同。勾选要采用项目包的项，未勾选的保留本地内容。默认保留任一方独有的行，"
            "双方都改过的字段取较晚的修改。写入前会自动备份。")))
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("packageDifferences")
        self.tree.setHeaderLabels([lang.pick(B("What", "内容")), lang.pick(B("Here", "本地")), lang.pick(B("In the package", "项目包")),
                                   lang.pick(B("Take the package's", "采用项目包"))])
        self.tree.setUniformRowHeights(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.tables: dict[str, QTreeWidgetItem] = {}
        self.hidden: dict[str, int] = {}
        for d in differences:
            parent_item = self.tables.get(d.table)
            if parent_item is None:
                parent_item = self.tables[d.table] = QTreeWidgetItem(self.tree, [d.table])
                parent_item.setFlags(parent_item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            if parent_item.childCount() >= SHOWN:
                self.hidden[d.table] = self.hidden.get(d.table, 0) + 1
                continue
            what = d.ref.split("/", 1)[-1] if d.field is None else f"{d.key or d.table} · {d.field}"
            item = QTreeWidgetItem(parent_item, [what, _cell(lang, d, d.local, d.local_change), _cell(lang, d, d.incoming, d.incoming_change)])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(TAKE, Qt.CheckState.Checked if d.default == "incoming" else Qt.CheckState.Unchecked)
            for column in range(3):
                item.setToolTip(column, item.text(column) if column else d.ref)
            self.items[d.ref] = item
        for table, count in self.hidden.items():
            note = QTreeWidgetItem(self.tables[table], [lang.pick(B(f"… {count} more: they follow the table's tick when it is "
                                                                  "all or nothing, else their default", f"……另有{count}项：表格全选或全不选时随之，否则取默认"))])
            note.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.expandAll()
        for column in range(4):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), 360))  # the tick column stays in view
        buttons = QDialogButtonBox()
        self.keep = buttons.addButton(lang.pick(B("Keep mine", "保留本地版本")), QDialogButtonBox.ButtonRole.RejectRole)
        self.theirs = buttons.addButton(lang.pick(B("Take the package's version", "采用项目包版本")), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge = buttons.addButton(lang.pick(B("Merge as ticked", "按勾选合并")), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge.setObjectName("mergeAsTicked")
        self.merge.setDefault(True)
        cancel = QPushButton(lang.pick(B("Cancel", "取消")))
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.keep.clicked.connect(lambda: self._done("local"))
        self.theirs.clicked.connect(lambda: self._done("incoming"))
        self.merge.clicked.connect(lambda: self._done("merge"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)

    def ticked(self, ref: str, take: bool) -> None:
        self.items[ref].setCheckState(TAKE, Qt.CheckState.Checked if take else Qt.CheckState.Unchecked)

    def choices(self) -> dict[str, str]:
        """Every listed item's side, and for tables with unlisted items the table's side when its tick is whole."""
        out = {ref: "incoming" if item.checkState(TAKE) == Qt.CheckState.Checked else "local" for ref, item in self.items.items()}
        for table in self.hidden:
            state = self.tables[table].checkState(TAKE)
            if state != Qt.CheckState.PartiallyChecked:
                out[table] = "incoming" if state == Qt.CheckState.Checked else "local"
        return out

    def _done(self, take: str) -> None:
        self.choice = (take, self.choices() if take == "merge" else {})
        self.accept()
