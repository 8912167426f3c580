"""Countries (国家和地区) by ISO 3166-1, with English and Chinese names from maintained data.

Codes and English names come from pycountry (the iso-codes database); Chinese names from the Unicode CLDR via
Babel. A user may give a country by its alpha-2 or alpha-3 code or by a name in either language; a name that
fits several countries is refused with the candidates listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from workbench.domain.errors import UserError
from workbench.domain.text import Bilingual

# A BRI project's host country is a partner country: not China, nor its Hong Kong, Macao and Taiwan regions.
NOT_HOST = frozenset({"CN", "HK", "MO", "TW"})


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    alpha3: str
    name_en: str
    name_zh: str
    other_names: tuple[str, ...] = ()  # official and common English names

    @property
    def name(self) -> Bilingual:
        return Bilingual(self.name_en, self.name_zh)

    def in_lang(self, lang: str) -> str:
        return self.name.in_lang(lang)


@cache
def countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country, in code order."""
    import pycountry
    from babel import Locale

    chinese = Locale.parse("zh_Hans_CN").territories
    found = []
    for c in pycountry.countries:
        others = tuple(n for n in (getattr(c, "official_name", None), getattr(c, "common_name", None)) if n)
        found.append(Country(c.alpha_2, c.alpha_3, c.name, chinese.get(c.alpha_2, c.name), others))
    return tuple(sorted(found, key=lambda c: c.code))


def host_countries() -> tuple[Country, ...]:
    """The countries a BRI project may be hosted by (every one but CN, HK, MO, TW)."""
    return tuple(c for c in countries() if c.code not in NOT_HOST)


def by_code(code: str) -> Country | None:
    return next((c for c in countries() if c.code == code), None)


def _names(c: Country) -> tuple[str, ...]:
    return tuple(n.casefold() for n in (c.code, c.alpha3, c.name_en, c.name_zh, *c.other_names))


def find_country(value: object, *, field: str = "country", host: bool = False) -> str:
    """The alpha-2 code of the country ``value`` names: a code, or an English or Chinese name (whole or part).

    Raises UserError for an unknown or ambiguous name (listing the candidates), and with ``host=True`` for CN, HK,
    MO and TW.
    """
    text = str(value or "").strip()
    wanted = text.casefold()
    exact = [c for c in countries() if wanted and wanted in _names(c)]
    matches = exact or [c for c in countries() if wanted and any(wanted in n for n in _names(c)[2:])]
    if not matches:
        raise UserError("error.countries.unknown", field=field, value=text)
    if len(matches) > 1:
        listed = Bilingual(", ".join(f"{c.code} {c.name_en}" for c in matches), "、".join(f"{c.code} {c.name_zh}" for c in matches))
        raise UserError("error.countries.ambiguous", field=field, value=text, candidates=listed)
    found = matches[0]
    if host and found.code in NOT_HOST:
        raise UserError("error.countries.not_a_host", field=field, country=found.name)
    return found.code
