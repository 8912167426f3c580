"""The user's language (界面语言) and the rule the CLI and the GUI share to choose it."""

from __future__ import annotations

from collections.abc import Mapping

from workbench.domain.labels import LabelledEnum

# Consulted in this order, as gettext does; the first one set decides.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class Language(LabelledEnum):
    """The two working languages."""

    ZH = "zh"
    EN = "en"


def language_from_locale(environ: Mapping[str, str]) -> Language:
    """Any ``zh*`` locale gives Chinese, anything else (or nothing) English."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            first = value.split(":")[0].strip().lower()  # LANGUAGE may list several
            return Language.ZH if first.startswith("zh") else Language.EN
    return Language.EN


def choose_language(flag: str | None, environ: Mapping[str, str]) -> Language:
    """``--lang zh|en``, else ``WORKBENCH_LANG``, else the locale.

    An unknown ``WORKBENCH_LANG`` is read like a locale name (``zh_CN.UTF-8`` → Chinese).
    """
    if flag:
        return Language(flag)
    chosen = environ.get("WORKBENCH_LANG", "").strip().lower()
    if chosen:
        return Language.ZH if chosen.startswith("zh") else Language.EN
    return language_from_locale(environ)
