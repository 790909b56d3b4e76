"""Pure rules of returns and disposal: the reason code lists (Chinese and English) and the customs clocks.

A consumer return must be requested (CEB625) within `apply_days` (30) of the list's release and the goods
must be back in the zone within `arrive_days` (45) of it (GACC Ann. 2020 No.45, DOMAIN.md §1.3 row 18).
Days count in the warehouse's time zone: the release day is day 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

# a return's statuses while its parcel may still come back: customs' arrival clock runs for these
ARRIVAL_CLOCK_RUNS = ("requested", "declared", "accepted", "approved")


@dataclass(frozen=True)
class Reason:
    code: str
    name_cn: str
    name_en: str


RETURN_REASONS = {r.code: r for r in [
    Reason("no_reason", "七天无理由退货", "seven-day no-reason return"),
    Reason("quality", "质量问题", "quality problem"),
    Reason("damaged_in_transit", "运输途中破损", "damaged in transit"),
    Reason("wrong_goods", "错发商品", "wrong goods sent"),
    Reason("not_as_described", "与描述不符", "not as described"),
]}

# The destruction and return-abroad cases of the 2025 GACC announcement (DOMAIN.md §1.3 row 19).
DISPOSAL_REASONS = {r.code: r for r in [
    Reason("expired", "超过保质期", "past its shelf life"),
    Reason("damaged", "包装破损或残次", "damaged or defective"),
    Reason("recalled", "禁止销售或召回", "banned or recalled"),
    Reason("quality", "品牌或质量问题", "brand or quality problem"),
    Reason("unsellable", "无法销售", "unsellable"),
    Reason("force_majeure", "不可抗力", "force majeure"),
    Reason("other", "其他", "other"),
]}

DISPOSAL_METHODS = {"destroy": Reason("destroy", "销毁", "destruction"),
                    "return_abroad": Reason("return_abroad", "退运出境", "return abroad")}


@dataclass(frozen=True)
class Clocks:
    """The two dates of a return: request by, and back in the zone by (inclusive, warehouse local dates)."""

    released_on: date
    apply_by: date
    arrive_by: date

    def may_apply(self, on: date) -> bool:
        return on <= self.apply_by

    def may_arrive(self, on: date) -> bool:
        return on <= self.arrive_by

    def days_left(self, on: date) -> tuple[int, int]:
        """(days left to request, days left to arrive) on `on` (negative once passed)."""
        return (self.apply_by - on).days, (self.arrive_by - on).days


def clocks(released_at: datetime, zone: ZoneInfo, apply_days: int = 30, arrive_days: int = 45) -> Clocks:
    released_on = released_at.astimezone(zone).date()
    return Clocks(released_on, released_on + timedelta(days=apply_days), released_on + timedelta(days=arrive_days))


def split_value(dutiable_total: Decimal, lines: list[tuple[Decimal, int, int]]) -> Decimal:
    """The share of an order's dutiable total that returned units carry: the value of the (unit price, returned,
    ordered) lines back over the order's goods value; the whole order returns the whole total."""
    goods = sum((price * ordered for price, _, ordered in lines), start=Decimal(0))
    back = sum((price * returned for price, returned, _ in lines), start=Decimal(0))
    if goods == 0 or back >= goods:
        return dutiable_total
    return (dutiable_total * back / goods).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
