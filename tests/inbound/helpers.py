"""Test helpers: the tally expected from the sample files (computed here independently of the app) and scans."""

from __future__ import annotations

import csv
import re
import uuid
from collections import Counter
from datetime import date

from app.domain.codes import gs1_check_digit
from app.inbound.receive_station import ReceiveStation
from app.persistence.db import Database
from app.persistence.uow import UnitsOfWork
from app.stations import Feedback
from tests.conftest import DEMO, actor
from tests.inbound.conftest import DECLARATION, sample_scans

GS = "\x1d"
_CARTON = re.compile(r"\]C101(\d{14})(?:17\d{6})?10([^\x1d]+)\x1d37(\d+)")


def expected_tally() -> list[dict]:
    """The JSON tally rows the sample scans must give: cartons summed per (GTIN, batch), matched to the lines."""
    counted: Counter[tuple[str, str]] = Counter()
    for raw in sample_scans():
        gtin, batch, count = _CARTON.fullmatch(raw).groups()
        counted[(gtin, batch)] += int(count)
    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        gtin_of = {p["sku"]: p["gtin"].zfill(14) for p in csv.DictReader(fh)}
    rows = []
    with open(DEMO / "declaration.csv", encoding="utf-8") as fh:
        for line in csv.DictReader(fh):
            expected, received = int(line["declared_qty"]), counted[(gtin_of[line["sku"]], line["batch_no"])]
            rows.append({"line_no": int(line["line_no"]), "sku": line["sku"], "batch": line["batch_no"],
                         "expected": expected, "received": received, "damaged": 0,
                         "short": max(0, expected - received), "over": max(0, received - expected)})
    return rows


def carton(gtin13: str, batch: str, count: int, expiry: date | None = None, sscc: str = "") -> str:
    """A GS1-128 carton label as the scanner sends it."""
    head = f"]C1{'00' + sscc if sscc else ''}01{gtin13.zfill(14)}"
    return head + (f"17{expiry:%y%m%d}" if expiry else "") + f"10{batch}{GS}37{count}"


def sscc(serial: int) -> str:
    body = f"0690999{serial:010d}"
    return body + str(gs1_check_digit(body))


A2P = "9300000010377"       # line 1, batch A2P43432, 120 declared, shelf life 730 days
SWS = "9300000010742"       # lines 2 and 3 (SWS37519, SWS66723), 480 each
UNDECLARED_GTIN = "4006381333931"  # a valid GTIN no product carries


def station(db: Database, role: str = "clerk", name: str = "dock-1") -> ReceiveStation:
    return ReceiveStation(UnitsOfWork(db, actor(role, name)), DECLARATION)


def feed(st: ReceiveStation, *raws: str) -> list[Feedback]:
    return [st.scan(raw, uuid.uuid4().hex) for raw in raws]
