"""How documents word things: fixed wording, labels, country names, numbers — in the document's language.

Fixed wording is the catalogue entry ``doc.<key>``. In a bilingual document every label is stacked: the Chinese,
then the English smaller beneath it (``<small>`` in the document vocabulary). Numbers are written with thousands
separators (Babel, CLDR number patterns); tonnes of CO2e as whole tonnes rounded down, as issued units are counted
(温室气体自愿减排项目设计与实施指南: 减排量以吨二氧化碳当量计, 取整数).

Template filters (``FILTERS``): ``label(value, "RiskStatus")`` a stored enum value by its label, ``country(code)``
a country's name, ``registry(code)`` a registry by its country, ``num(value, places)`` a number, ``tonnes(value)`` whole tonnes, ``quantity(value, unit)`` a
number with its unit, ``percent(value)`` a percentage, ``chart(spec)`` a chart with its legend in the document's
language.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import pass_context
from markupsafe import Markup, escape

from workbench.domain import catalogue
from workbench.domain.article6 import Article6Adjustment, UnitUse
from workbench.domain.parties import Nationality, ParticipationForm, PartyRole
from workbench.domain.project import Programme, Sector
from workbench.domain.stages import Stage
from workbench.domain.vocabulary import (DecisionKind, EngagementKind, FindingStatus, FindingType, MeterRole, PeriodStatus,
                                         Registry, ReportStatus, RiskStatus, TransactionKind)
from workbench.methodology.protocol import Verdict
from workbench.reference.countries import by_code

# The closed sets a document may print, by class name for templates: ``{{ r.status|label("RiskStatus") }}``.
ENUMS = {cls.__name__: cls for cls in (Programme, Sector, PartyRole, Nationality, ParticipationForm, Stage, Verdict, EngagementKind,
                                       ReportStatus, FindingType, FindingStatus, MeterRole, Registry, PeriodStatus, RiskStatus,
                                       DecisionKind, TransactionKind, UnitUse, Article6Adjustment)}
NUMBER_LOCALE = {"zh": "zh_Hans_CN", "en": "en", "bilingual": "zh_Hans_CN"}
REMOVALS = "removals"  # the variant a forestry document words with: net removals (碳汇量) where others say reductions (减排量)


def worded(key: str, removals: bool) -> str:
    """The wording key a document uses: ``<key>.removals`` in a forestry document where the catalogue has it (a
    forestry project's quantities are net anthropogenic removals, 碳汇量, CCER-14-001-V01 / CCER-14-002-V01)."""
    variant = f"{key}.{REMOVALS}"
    return variant if removals and catalogue.has(f"doc.{variant}", "en") else key


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_day(value: Any) -> date | None:
    """``value`` as a calendar day when it is one: a date, or a whole ISO date string as records and traces keep them."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def day(value: date, lang: str) -> str:
    """A day as documents write it: ``2025年3月6日`` in Chinese and bilingual documents (GB/T 7408 reading order with
    年月日, as Chinese official documents date), ``6 March 2025`` in English (CLDR, day before month)."""
    if lang == "en":
        return format_date(value, "d MMMM y", locale="en")
    return f"{value.year}年{value.month}月{value.day}日"


def stacked(zh: str, en: str, inline: bool = False) -> Markup:
    """A bilingual label: the Chinese, then the English smaller on the line beneath — or after it on the same line
    (``inline``, in running text) — one of them when they agree."""
    if not en or zh == en:
        return Markup(escape(zh or en))
    return Markup(f"{escape(zh)}{' ' if inline else chr(10)}<small>{escape(en)}</small>")


def shown(value: Any, lang: str) -> str | Markup:
    """Anything with its own wording (``in_lang``: labelled enum, catalogue Text, Country, Bilingual) in ``lang``."""
    if lang == "bilingual":
        return stacked(value.in_lang("zh"), value.in_lang("en"))
    return value.in_lang(lang)


def fixed(key: str, lang: str, inline: bool = False, **params: Any) -> str | Markup:
    """The fixed wording ``doc.<key>`` (a :class:`~workbench.domain.catalogue.CatalogueError` if either language lacks it)."""
    def worded(in_lang: str) -> dict[str, Any]:  # a day among the parameters written as the document writes days
        return {k: day(d, in_lang) if (d := as_day(v)) else v for k, v in params.items()}

    if lang == "bilingual":
        return stacked(catalogue.render(f"doc.{key}", "zh", **worded("zh")), catalogue.render(f"doc.{key}", "en", **worded("en")), inline)
    return catalogue.render(f"doc.{key}", lang, **worded(lang))


@pass_context
def label(context, value: Any, enum: str) -> str | Markup:
    """A stored value of a closed set by its label; empty stays a dash."""
    if value in (None, ""):
        return "—"
    return shown(ENUMS[enum](value), context["lang"])


@pass_context
def country(context, code: str | None) -> str | Markup:
    """The country with ISO 3166-1 code ``code`` by its name (CLDR Chinese, iso-codes English); an unknown code as is."""
    found = by_code(code or "")
    if found is None:
        return code or "—"
    return shown(found, context["lang"])


@pass_context
def registry(context, code: str | None) -> str | Markup:
    """The registry a serial block is held in, by its country (``CN`` → 中国登记系统 / China registry)."""
    found = by_code(code or "")
    if found is None:
        return code or "—"
    return fixed("registry_of", context["lang"], country=found)


@pass_context
def num(context, value: Any, places: int | None = None) -> str:
    """``value`` with thousands separators; ``places`` fixes the decimals (half-up), else the value's own are kept."""
    if value in (None, ""):
        return ""
    exact = Decimal(str(value))
    if places is not None:
        exact = exact.quantize(Decimal(1).scaleb(-places))
    decimals = max(-exact.as_tuple().exponent, 0) if isinstance(exact.as_tuple().exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(exact, format=pattern, locale=NUMBER_LOCALE[context["lang"]], decimal_quantization=False)


@pass_context
def tonnes(context, value: Any) -> str:
    """Tonnes of CO2e as whole tonnes, rounded down, with thousands separators: ``877737.984`` → ``877,737``."""
    if value in (None, ""):
        return ""
    return num(context, Decimal(str(value)).to_integral_value(ROUND_DOWN))


@pass_context
def quantity(context, value: Any, unit: str, places: int | None = None) -> str:
    """A number and its unit, the unit's wording ``doc.unit.<unit>`` in the document's language (``12,345 tCO2e``)."""
    if value in (None, ""):
        return ""
    written = tonnes(context, value) if unit == "tco2e" and places is None else num(context, value, places)
    lang = "en" if context["lang"] == "en" else "zh"
    return f"{written} {catalogue.render(f'doc.unit.{unit}', lang)}"


@pass_context
def percent(context, value: Any, places: int = 1, signed: bool = False) -> str:
    """A percentage given in per cent (``12.34`` → ``12.3 %``); ``signed`` writes + and −."""
    if value in (None, ""):
        return ""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    sign = ("+" if exact > 0 else "−" if exact < 0 else "") if signed else ("−" if exact < 0 else "")
    return f"{sign}{num(context, abs(exact), places)} %"


@pass_context
def chart(context, spec: dict[str, Any]) -> str:
    """A chart spec as JSON for ``<chart>``, each series' name (a ``doc.`` key) worded in the document's language."""
    lang = context["lang"]
    keys = [worded(k, context.get("removals", False)) for k, _ in spec["series"]]
    names = [f"{catalogue.render(f'doc.{k}', 'zh')} {catalogue.render(f'doc.{k}', 'en')}" if lang == "bilingual"
             else catalogue.render(f"doc.{k}", lang) for k in keys]
    return json.dumps({**spec, "series": [[n, values] for n, (_, values) in zip(names, spec["series"])]}, ensure_ascii=False)


FILTERS = {"label": label, "country": country, "registry": registry, "num": num, "tonnes": tonnes, "quantity": quantity, "percent": percent, "chart": chart}
