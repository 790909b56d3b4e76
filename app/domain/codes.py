"""Check digits and code formats a customs officer checks: HS code, GTIN, unit, country, ID number."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def hs_code_problem(value: str) -> str | None:
    """None if `value` is a 10-digit HS code (the customs commodity code), else why not."""
    if not re.fullmatch(r"\d{10}", value):
        return f"HS code must be 10 digits, got {value!r}"
    return None


def gs1_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for the digits in `body` (GTIN-8/12/13/14, SSCC, GLN)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def gtin_problem(value: str) -> str | None:
    """None if `value` is a GTIN-8, -12, -13 or -14 with a correct check digit, else why not."""
    if not re.fullmatch(r"\d{8}|\d{12,14}", value):
        return f"GTIN must be 8, 12, 13 or 14 digits, got {value!r}"
    if gs1_check_digit(value[:-1]) != int(value[-1]):
        return f"GTIN {value} has a wrong check digit (expected {gs1_check_digit(value[:-1])})"
    return None


def gtin14(value: str) -> str:
    """A GTIN padded to the 14 digits carried in AI (01)/(02)."""
    return value.zfill(14)


@cache
def customs_units() -> dict[str, str]:
    """Customs unit codes (JGS-20 style, e.g. 142 bottle) → Chinese name; configuration data."""
    with open(_RESOURCES / "customs_units.csv", encoding="utf-8") as fh:
        return {row["code"]: row["name_cn"] for row in csv.DictReader(fh)}


def unit_problem(value: str) -> str | None:
    if value not in customs_units():
        return f"unknown customs unit code {value!r}"
    return None


@cache
def _countries() -> frozenset[str]:
    import pycountry  # a data package, no I/O beyond its own files

    return frozenset(c.alpha_2 for c in pycountry.countries)


@cache
def _chinese_country_names() -> Callable[[str], str]:
    import gettext

    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True).gettext


def country_name(code: str, language: str = "en") -> str:
    """An ISO 3166 alpha-2 code's country in `language` ("en" or "zh"): AU → Australia, 澳大利亚; an unknown code as
    it is (never lost)."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return code
    return _chinese_country_names()(country.name) if language == "zh" else getattr(country, "common_name", country.name)


def country_problem(value: str) -> str | None:
    if value not in _countries():
        return f"unknown country code {value!r} (ISO 3166 alpha-2 expected)"
    return None


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_valid(value: str) -> bool:
    """GB 11643-1999: an 18-character resident ID whose last character is the ISO 7064 MOD 11-2 check."""
    if not re.fullmatch(r"\d{17}[\dXx]", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == value[17].upper()


def sscc_problem(value: str) -> str | None:
    if not re.fullmatch(r"\d{18}", value):
        return f"SSCC must be 18 digits, got {value!r}"
    if gs1_check_digit(value[:-1]) != int(value[-1]):
        return f"SSCC {value} has a wrong check digit"
    return None
