"""File › Import project package, when the project is here already and differs: every difference, entity by entity and
field by field, with both sides' values and who changed them when; the user keeps theirs, takes the package's, or ticks
what to take from the package and merges."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from workbench.domain.text import Text
from workbench.services.sharing.package_merge import Difference
from workbench.ui.i18n import Language

STAMP, DAY_TIME = re.compile(r"(\d{4}-\d\d-\d\d)T"), r"\1 "  # "2026-11-23T10:02" shown as "2026-11-23 10:02"
SHOWN = 300  # differences listed per table; the rest follow the table's tick
TAKE = 3  # the column ticked to take the package's side


def _cell(lang: Language, d: Difference, value: object, change: str) -> str:
    if d.field is None:
        shown = lang.pick(Text("ui.package_dialog.holds_this_row")) if value is not None else lang.pick(Text("ui.package_dialog.does_not_hold_it"))
    else:
        shown = "—" if value in (None, "") else str(value)
    return f"{shown}  · {STAMP.sub(DAY_TIME, change)}" if change else shown


class PackageDialog(QDialog):
    """``choice`` after ``exec``/``accepted``: ("local" | "incoming" | "merge", {reference: side})."""

    def __init__(self, lang: Language, project: str, differences: list[Difference], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packageDiffers")
        self.setWindowTitle(lang.pick(Text("ui.package_dialog.project_differs_from_the_package", project=project)))
        self.resize(1120, 560)
        self.differences = differences
        self.choice: tuple[str, dict[str, str]] = ("local", {})
        intro = QLabel(lang.pick(Text("ui.package_dialog.difference_s_tick_what_to_take", count=len(differences))))
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("packageDifferences")
        self.tree.setHeaderLabels([lang.pick(Text("ui.package_dialog.what")), lang.pick(Text("ui.package_dialog.here")), lang.pick(Text("ui.package_dialog.in_the_package")),
                                   lang.pick(Text("ui.package_dialog.take_the_package_s"))])
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
            note = QTreeWidgetItem(self.tables[table], [lang.pick(Text("ui.package_dialog.more_they_follow_the_table_s", count=count))])
            note.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.expandAll()
        for column in range(4):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), 360))  # the tick column stays in view
        buttons = QDialogButtonBox()
        self.keep = buttons.addButton(lang.pick(Text("ui.package_dialog.keep_mine")), QDialogButtonBox.ButtonRole.RejectRole)
        self.theirs = buttons.addButton(lang.pick(Text("ui.package_dialog.take_the_package_s_version")), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge = buttons.addButton(lang.pick(Text("ui.package_dialog.merge_as_ticked")), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge.setObjectName("mergeAsTicked")
        self.merge.setDefault(True)
        cancel = QPushButton(lang.pick(Text("common.cancel")))
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
