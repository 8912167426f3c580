"""The pages' tabs in two rows, so that thirteen fit a 1280-pixel window beside the project list and the navigator:
the groups of the project's life (project, design and validation, monitoring, issuance and documents, reference
data), and below them the pages of the group chosen.

The window's ``QTabWidget`` still holds every page (its own tab bar hidden): going to a page in any way — a click
here, a navigator task, ``MainWindow.page`` — shows its group and its tab here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabBar, QTabWidget, QVBoxLayout, QWidget

from workbench.domain.text import Text
from workbench.ui.i18n import Language

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ui.page_group.project", ("OverviewPage", "CalendarPage", "PartiesPage", "BoundaryPage", "RisksPage")),
    ("ui.page_group.design", ("MethodologyPage", "PddPage", "ValidationPage")),
    ("ui.page_group.monitoring", ("MonitoringPage", "EvidencePage")),
    ("ui.page_group.issuance", ("LedgerPage", "DocumentsPage")),
    ("ui.page_group.reference", ("ReferencePage",)),
)
"""Each group's title and its pages by class name, in the order shown; every page is in exactly one (a test checks)."""


class PageBar(QWidget):
    """Two rows of tabs over ``tabs`` (whose pages are named by ``names``, the page classes' names in tab order)."""

    def __init__(self, tabs: QTabWidget, lang: Language) -> None:
        super().__init__()
        self.setObjectName("pageBar")
        self.tabs, self.lang = tabs, lang
        self.names: list[str] = []
        self.titles: list[str] = []
        self.last: dict[int, int] = {}  # the page last shown in each group, shown again when the group is chosen
        self.groups = QTabBar()
        self.groups.setObjectName("pageGroups")
        self.groups.setExpanding(False)
        self.groups.setDrawBase(False)
        self.pages = QTabBar()
        self.pages.setObjectName("groupPages")
        self.pages.setExpanding(False)
        self.pages.setDocumentMode(True)
        for _group in GROUPS:
            self.groups.addTab("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.groups)
        layout.addWidget(self.pages)
        tabs.tabBar().hide()
        tabs.setDocumentMode(True)
        self.groups.currentChanged.connect(self._group_chosen)
        self.pages.currentChanged.connect(self._page_chosen)
        tabs.currentChanged.connect(self.follow)

    def set_pages(self, names: list[str], titles: list[str]) -> None:
        """The window's pages, by class name and title (as tab text: a single ``&`` doubled), in tab order; set again
        when the language changes."""
        self.names, self.titles = names, titles
        self.retranslate()
        self.follow(self.tabs.currentIndex())

    def retranslate(self) -> None:
        for i, (key, _names) in enumerate(GROUPS):
            self.groups.setTabText(i, self.lang.pick(Text(key)).replace("&", "&&"))

    def group_of(self, index: int) -> int:
        name = self.names[index]
        return next(g for g, (_key, names) in enumerate(GROUPS) if name in names)

    def members(self, group: int) -> list[int]:
        """The tab indices of ``group``'s pages, in the group's order."""
        return [self.names.index(name) for name in GROUPS[group][1] if name in self.names]

    def follow(self, index: int) -> None:
        """The page at ``index`` is shown: its group chosen above, the group's pages listed below with it chosen."""
        if not self.names or index < 0:
            return
        group = self.group_of(index)
        self.last[group] = index
        members = self.members(group)
        blocked = self.groups.blockSignals(True), self.pages.blockSignals(True)
        self.groups.setCurrentIndex(group)
        while self.pages.count():
            self.pages.removeTab(0)
        for member in members:
            self.pages.addTab(self.titles[member])
        self.pages.setCurrentIndex(members.index(index))
        self.groups.blockSignals(blocked[0])
        self.pages.blockSignals(blocked[1])

    def _group_chosen(self, group: int) -> None:
        self.tabs.setCurrentIndex(self.last.get(group, self.members(group)[0]))

    def _page_chosen(self, position: int) -> None:
        self.tabs.setCurrentIndex(self.members(self.groups.currentIndex())[position])
