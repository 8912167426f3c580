"""Calendar: every deadline of the project, overdue first, provisional dates marked (日程)."""

from __future__ import annotations

from workbench.domain.text import Bilingual as B
from workbench.services.projects import deadlines
from workbench.ui.forms import RecordTable
from workbench.ui.pages.base import Page

STATUS = {"overdue": B("overdue", "已逾期"), "due-soon": B("due soon", "即将到期"), "upcoming": B("upcoming", "未到期"), "done": B("done", "已完成")}


class CalendarPage(Page):
    title = B("Calendar", "日程")
    order = 15

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.table = RecordTable(self.lang, "deadlineTable", [B("Due", "到期日"), B("Status", "状态"), B("What", "事项"), B("Rule", "规则"), B("From", "起算日")])
        self.layout_.addWidget(self.table)

    def refresh(self) -> None:
        if self.ctx.project is None:
            return
        items = deadlines.deadlines(self.ctx.workspace, self.ctx.project, self.ctx.actor().today)
        provisional = self.lang.pick(B(" (provisional)", "(暂定)"))
        self.table.show_rows([[str(i.due) + (provisional if i.provisional else ""), self.lang.pick(STATUS[i.status]), self.lang.pick(i.title),
                               i.rule, i.starts] for i in items])


PAGE = CalendarPage
