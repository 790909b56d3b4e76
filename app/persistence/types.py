"""Column types that behave the same on SQLite and PostgreSQL (UTC times, exact decimals)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from app import clock


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC; always returned timezone-aware in UTC (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class ScaledDecimal(TypeDecorator[Decimal]):
    """An exact Decimal stored as a scaled integer (money in fen, rates in millionths, weights in grams).

    SQLite has no decimal type; integers are exact on both engines and still sum in SQL.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, places: int) -> None:
        super().__init__()
        self.places = places
        self._quantum = Decimal(1).scaleb(-places)
        self._factor = 10**places

    def process_bind_param(self, value: Decimal | int | str | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        scaled = (value if value.__class__ is Decimal else Decimal(value)).scaleb(self.places)  # type: ignore[union-attr]
        whole = int(scaled)
        if whole != scaled:
            raise ValueError(f"{value} has more than {self.places} decimal places")
        return whole

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else (Decimal(value) / self._factor).quantize(self._quantum)


def Money() -> ScaledDecimal:  # noqa: N802 - reads like a type
    return ScaledDecimal(2)


def Rate() -> ScaledDecimal:  # noqa: N802 - reads like a type
    return ScaledDecimal(6)


def Weight() -> ScaledDecimal:  # noqa: N802 - kilograms to the gram
    return ScaledDecimal(3)


def utcnow() -> datetime:
    """Now, UTC-aware: what every stored time is (the product's one clock, `app.clock`)."""
    return clock.now()
