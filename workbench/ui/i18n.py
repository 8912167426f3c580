"""The GUI's fixed wording in both languages; switched at run time."""

from __future__ import annotations

from workbench.domain.text import Bilingual

MESSAGES: dict[str, Bilingual] = {
    "app.title": Bilingual("CCER / Belt-and-Road Workbench", "CCER/一带一路减排项目工作台"),
    "projects": Bilingual("Projects", "项目"),
    "search": Bilingual("Search projects…", "搜索项目…"),
    "col.id": Bilingual("ID", "编号"),
    "col.code": Bilingual("Code", "代码"),
    "col.title": Bilingual("Title", "名称"),
    "col.programme": Bilingual("Programme", "机制"),
    "col.host": Bilingual("Host", "东道国"),
    "col.stage": Bilingual("Stage", "阶段"),
    "lifecycle": Bilingual("Lifecycle", "项目周期"),
    "current": Bilingual("current stage", "当前阶段"),
    "next": Bilingual("Next steps", "下一步"),
    "allowed": Bilingual("ready", "可进行"),
    "blocked": Bilingual("blocked", "受阻"),
    "move": Bilingual("Move to this stage", "进入该阶段"),
    "no.project": Bilingual("Select a project on the left.", "请在左侧选择项目。"),
    "menu.file": Bilingual("&File", "文件(&F)"),
    "menu.open": Bilingual("&Open workspace…", "打开工作区(&O)…"),
    "menu.quit": Bilingual("&Quit", "退出(&Q)"),
    "menu.font": Bilingual("PDF &font (TrueType CJK)…", "PDF中文字体(&F)…"),
    "menu.team": Bilingual("Connect to &team database…", "连接团队数据库(&T)…"),
    "menu.recent": Bilingual("Open &recent", "最近打开(&R)"),
    "menu.demo": Bilingual("Add the &demo projects", "添加演示项目(&D)"),
    "menu.export_package": Bilingual("&Export project package…", "导出项目包(&E)…"),
    "menu.import_package": Bilingual("&Import project package…", "导入项目包(&I)…"),
    "menu.backups": Bilingual("&Backups…", "备份(&B)…"),
    "role.owner": Bilingual("owner", "所有者"),
    "role.consultant": Bilingual("consultant", "顾问"),
    "role.reviewer": Bilingual("reviewer, read only", "审阅者，只读"),
    "menu.view": Bilingual("&View", "视图(&V)"),
    "menu.edit": Bilingual("&Edit", "编辑(&E)"),
    "menu.undo": Bilingual("&Undo", "撤销(&U)"),
    "menu.redo": Bilingual("&Redo", "重做(&R)"),
    "menu.lang": Bilingual("中文 / English", "English / 中文"),
    "error": Bilingual("Cannot do that", "无法执行"),
    "reason.prompt": Bilingual("Reason for this move (recorded):", "变更原因(将记录在案):"),
    "since": Bilingual("since", "始于"),
    "workspace": Bilingual("Workspace", "工作区"),
}


class Language:
    """The current GUI language; widgets ask it for wording."""

    def __init__(self, code: str = "en") -> None:
        self.code = code

    def __call__(self, key: str) -> str:
        return MESSAGES[key].in_lang(self.code)

    def pick(self, text: Bilingual) -> str:
        return text.in_lang(self.code)

    def toggle(self) -> None:
        self.code = "en" if self.code == "zh" else "zh"
