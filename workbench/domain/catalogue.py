"""The one message catalogue (消息目录): every wording the workbench writes, by message id, in Chinese and English.

The texts live in gettext catalogues, ``workbench/locale/<zh_CN|en>/LC_MESSAGES/workbench.po``, compiled to
``.mo`` files (``python -m workbench.locale.build compile``; ``make run``, ``make test`` and ``make bench`` do it).
This module reads the compiled ``.mo`` with the standard library's :mod:`gettext` only.

Message ids are symbolic (``error.country.unknown``, ``stage.design``); texts use ``str.format`` placeholders
(``{value}``). A lookup never falls back silently: an id missing from a catalogue, or a catalogue missing or
older than its ``.po`` source, raises :class:`CatalogueError`.
"""

from __future__ import annotations

import gettext
from decimal import Decimal
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "workbench"
# The workbench's two working languages and the gettext locale directory each reads.
LOCALES = {"zh": "zh_CN", "en": "en"}


class CatalogueError(RuntimeError):
    """A message catalogue is missing, stale or lacks an id: a build fault, not something a user caused."""


class _Strict(gettext.NullTranslations):
    """The last fallback: an id no catalogue knows is an error, never shown as is."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def gettext(self, message: str) -> str:
        raise CatalogueError(f"message id {message!r} is not in {self.path}")


def catalogue_paths(lang: str) -> tuple[Path, Path]:
    """(.po source, compiled .mo) of one language."""
    folder = LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def qt_catalogue_path() -> Path:
    """The Qt translation (``.qm``) of the few Qt strings the PySide6 wheel's Chinese catalogue lacks, worded from
    this catalogue and compiled beside the Chinese ``.mo`` (``locale.build.QT_GAPS``); a Chinese window installs it."""
    return catalogue_paths("zh")[1].with_name("workbench_qt.qm")


def stale(lang: str) -> bool:
    """Whether ``lang``'s ``.mo`` is missing or older than its ``.po`` (a checkout; a wheel ships no ``.po``)."""
    po, mo = catalogue_paths(lang)
    return not mo.exists() or (po.exists() and po.stat().st_mtime > mo.stat().st_mtime)


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` ("zh" or "en"); raises CatalogueError if missing or stale."""
    if lang not in LOCALES:
        raise CatalogueError(f"no catalogue for language {lang!r}; known: {', '.join(LOCALES)}")
    _, mo = catalogue_paths(lang)
    if stale(lang):
        raise CatalogueError(f"{mo} is missing or older than its .po: run 'python -m workbench.locale.build compile' "
                             "(make run, make test and make bench do)")
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    compiled.add_fallback(_Strict(mo))
    return compiled


def reload() -> None:
    """Forget the loaded catalogues (after compiling them anew)."""
    translations.cache_clear()


def has(message_id: str, lang: str) -> bool:
    try:
        translations(lang).gettext(message_id)
    except CatalogueError:
        return False
    return True


def render(message_id: str, lang: str, **params: object) -> str:
    """The text of ``message_id`` in ``lang`` with ``params`` filled in.

    A parameter that knows its own wording (a labelled enum member, a :class:`~workbench.domain.text.Text`)
    is shown in the same language. Counts and amounts of five digits or more are grouped by thousands (500,000),
    numbers that name a thing (``IDENTIFIERS``: serials, rows, years) never are.
    """
    template = translations(lang).gettext(message_id)
    if not params:
        return template
    return template.format(**{k: _grouped(k, _in_lang(v, lang)) for k, v in params.items()})


# Parameters that name a thing by its number rather than count or measure it
# (a serial, a record, a file's row or line as a spreadsheet numbers it): never grouped — serial 1000001, row 30002
IDENTIFIERS = frozenset({"id", "first", "last", "block_first", "block_last", "serial", "serials", "number", "number2", "year", "vintage",
                         "code", "row", "row3", "line", "line_num", "plot", "tree", "page", "version", "edition", "block"})
GROUP_FROM = 10_000  # four-digit numbers stay whole (2026, 1331), as the SI Brochure (9th ed., §5.4.4) allows
GROUP_BELOW = 10**18  # beyond any real count or amount: a typed 1E+999999 is shown as typed, not as a million digits


class Grouped(int):
    """A whole number in a message, grouped by thousands (395,554 t) unless the message gives its own format."""

    def __format__(self, spec: str) -> str:
        return f"{int(self):,}" if spec == "" else int.__format__(self, spec)

    def __str__(self) -> str:
        return format(self)


class GroupedDecimal(Decimal):
    """A decimal amount in a message, its whole part grouped by thousands (1,331,520.5 MWh), its fraction as given."""

    def __format__(self, spec: str) -> str:
        return f"{Decimal(self):,f}" if spec == "" else Decimal.__format__(self, spec)

    def __str__(self) -> str:
        return format(self)


def _grouped(name: str, value: object) -> object:
    """Counts and amounts of five digits or more grouped, as the GUI's tables and forms show them (zh and en both
    group by a comma every three digits)."""
    if name in IDENTIFIERS or name.endswith("_id") or isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return value
    if isinstance(value, Decimal) and not value.is_finite():
        return value
    if not GROUP_FROM <= abs(value) < GROUP_BELOW:
        return value
    return Grouped(value) if isinstance(value, int) else GroupedDecimal(value)


def _in_lang(value: object, lang: str) -> object:
    shown = getattr(value, "in_lang", None)
    if callable(shown):
        return shown(lang)
    if isinstance(value, (list, tuple)):  # a list of labelled things, or of plain values
        shown = [str(_in_lang(v, lang)) for v in value]
        return ("、" if lang == "zh" else ", ").join(shown) if shown else "—"
    return value
