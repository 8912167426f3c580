"""Calendar: every deadline of the project, overdue first, provisional dates marked (日程)."""

from __future__ import annotations

from workbench.domain.text import Text
from workbench.services.projects import deadlines
from workbench.ui.forms import RecordTable
from workbench.ui.pages.base import Page

STATUS = {"overdue": Text("ui.calendar.overdue"), "due-soon": Text("ui.calendar.due_soon"), "upcoming": Text("ui.calendar.upcoming"), "done": Text("ui.calendar.done")}


class CalendarPage(Page):
    title = Text("ui.calendar.calendar")
    order = 15
    shows = None  # deadlines follow from stages, engagements, periods and decisions alike

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.table = RecordTable(self.lang, "deadlineTable", [Text("ui.calendar.due"), Text("common.status"), Text("ui.calendar.what"), Text("ui.calendar.rule"), Text("ui.calendar.from")])
        self.layout_.addWidget(self.table)

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        items = deadlines.deadlines(self.ctx.workspace, self.ctx.project, self.ctx.actor().today)
        provisional = self.lang.pick(Text("ui.calendar.provisional"))
        self.table.show_rows([[str(i.due) + (provisional if i.provisional else ""), self.lang.pick(STATUS[i.status]), self.lang.pick(i.title),
                               self.lang.pick(i.rule), i.starts] for i in items])


PAGE = CalendarPage
