"""Countries (国家和地区) by ISO 3166-1, with English and Chinese names from maintained data.

Codes and English names come from pycountry (the iso-codes database); Chinese names from the Unicode CLDR via
Babel. A user may give a country by its alpha-2 or alpha-3 code or by a name in either language; a name that
fits several countries is refused with the candidates listed.
"""

from __future__ import annotations

import json
import os
from dataclasses import astuple, dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

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
    """Every ISO 3166-1 country, in code order.

    Built from pycountry and Babel once, then read from a cache file while their data files and this module are
    unchanged: importing pycountry and loading Babel's Chinese locale take ~0.4 s, which the window's first paint
    (its project list names host countries) cannot wait for.
    """
    key = _sources_key()
    cached = _read_cache(key)
    if cached is not None:
        return cached
    built = _build()
    _write_cache(key, built)
    return built


def _build() -> tuple[Country, ...]:
    import pycountry
    from babel import Locale

    chinese = Locale.parse("zh_Hans_CN").territories
    found = []
    for c in pycountry.countries:
        others = tuple(n for n in (getattr(c, "official_name", None), getattr(c, "common_name", None)) if n)
        found.append(Country(c.alpha_2, c.alpha_3, c.name, chinese.get(c.alpha_2, c.name), others))
    return tuple(sorted(found, key=lambda c: c.code))


def _sources_key() -> list[list[object]]:
    """The files the table is built from, by path, size and modification time (a library upgrade changes them)."""
    files = [Path(__file__)]
    for package, names in (("pycountry", ("databases/iso3166-1.json",)),
                           ("babel", ("locale-data/root.dat", "locale-data/zh.dat", "locale-data/zh_Hans.dat", "locale-data/zh_Hans_CN.dat"))):
        spec = find_spec(package)
        folder = Path(next(iter(spec.submodule_search_locations))) if spec and spec.submodule_search_locations else None
        files += [folder / name for name in names] if folder else []
    key = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            return []  # a library without its data file: no cache
        key.append([str(file), stat.st_size, stat.st_mtime_ns])
    return key


def _cache_file() -> Path:
    from workbench.paths import cache_dir

    return cache_dir() / "countries.json"


def _read_cache(key: list[list[object]]) -> tuple[Country, ...] | None:
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
        if not key or data["key"] != key:
            return None
        return tuple(Country(code, alpha3, en, zh, tuple(others)) for code, alpha3, en, zh, others in data["countries"])
    except (OSError, ValueError, KeyError, TypeError):  # none yet, or unreadable: built again
        return None


def _write_cache(key: list[list[object]], built: tuple[Country, ...]) -> None:
    if not key:
        return
    file = _cache_file()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        part = file.with_name(f"{file.name}.{os.getpid()}")
        part.write_text(json.dumps({"key": key, "countries": [astuple(c) for c in built]}, ensure_ascii=False), encoding="utf-8")
        os.replace(part, file)  # whole or not at all, whichever program writes it last
    except OSError:  # a cache that cannot be written only costs the next start the build
        pass


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
