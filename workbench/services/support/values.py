"""Values a user or a package hands the ledger, checked against what they can be: a price, its currency, a
compliance year; and names shown on a terminal or a page with their control characters made visible."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from workbench.domain.errors import UserError
from workbench.services.support.fields import optional_decimal, optional_int

MAX_PRICE = Decimal("1e12")  # per tonne, in any currency: far above any traded carbon price
FIRST_COMPLIANCE_YEAR = 2005  # the EU ETS's first; China's pilot ETSs began 2013, the national ETS 2021
LAST_COMPLIANCE_YEAR = 2100


def price(value: Any, field: str = "price") -> Decimal | None:
    """A price per tonne: a finite decimal from 0 to 10¹² (None when not given)."""
    amount = optional_decimal(value, field)
    if amount is not None and not (0 <= amount < MAX_PRICE):
        raise UserError("error.values.is_not_a_price_give_a", field=field, value=str(value), MAX_PRICE=MAX_PRICE)
    return amount


def currency(value: Any, field: str = "currency") -> str:
    """An ISO 4217 currency code (CNY, USD, VND …), upper-cased; "" when not given."""
    import pycountry  # its tables load on first use only

    code = str(value or "").strip().upper()
    if code and (len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None):
        raise UserError("error.values.is_not_an_iso_4217_currency", field=field, value=value)
    return code


def compliance_year(value: Any, field: str = "compliance_year") -> int | None:
    """The compliance year a retirement counts for: a year from 2005 to 2100 (None when not given)."""
    year = optional_int(value, field)
    if year is not None and not FIRST_COMPLIANCE_YEAR <= year <= LAST_COMPLIANCE_YEAR:
        raise UserError("error.values.is_not_a_plausible_compliance_year", field=field, value=str(value), FIRST_COMPLIANCE_YEAR=FIRST_COMPLIANCE_YEAR, LAST_COMPLIANCE_YEAR=LAST_COMPLIANCE_YEAR)
    return year


def shown(name: str) -> str:
    """``name`` fit to print: control and format characters (newlines, terminal escape codes, bidi overrides)
    written as ``\\n``, ``\\x1b``, ``\\u202e`` so they cannot move the cursor, recolour a terminal or fake a line."""
    out = []
    for ch in name:
        if ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)
