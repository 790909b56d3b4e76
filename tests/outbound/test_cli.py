"""The whole outbound flow by the `bwms` command: the sample container in, the sample orders out by CLI."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.outbound.conftest import CONTAINER, DECLARATION, write_receipts
from tests.outbound.helpers import pick_scans


def _ok(result: tuple[int, str, str]) -> object:
    code, out, err = result
    assert code == 0, err or out
    return json.loads(out) if out.strip().startswith(("{", "[")) else out


def _gross() -> dict[str, tuple[str, Decimal]]:
    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        return {r["sku"]: (r["gtin"], Decimal(r["gross_weight_kg"])) for r in csv.DictReader(fh)}


def _orders() -> list[dict]:
    return [json.loads(line) for line in (DEMO / "orders.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def cli_released(cli, home, tmp_path):
    """The sample container received, released and put away, the sample orders declared and released, by CLI."""
    for kind, name in (("warehouse", "warehouse.toml"), ("locations", "locations.csv"), ("products", "products.csv"),
                       ("positive-list", "positive_list.csv"), ("carriers", "carriers.csv"),
                       ("declaration", "declaration.csv")):
        _ok(cli("import", kind, str(DEMO / name), "--json"))
    _ok(cli("settings", "set", "dxp_id", "DXPENT0000458763"))  # customs refuses a list without it
    _ok(cli("receive", DECLARATION, "--scans", str(DEMO / "receive_scans.txt"), "--close", "--json", user="clerk"))
    _ok(cli("release", DECLARATION, "--json", user="customs"))
    _ok(cli("putaway", DECLARATION, "--all-suggested", "--json", user="supervisor"))
    _ok(cli("import", "orders", str(DEMO / "orders.jsonl"), "--json", user="supervisor"))
    _ok(cli("customs", "export", "--outbox", str(tmp_path / "outbox"), "--json", user="supervisor"))
    receipts = write_receipts(tmp_path / "receipts.csv", {o["order_no"]: "800" for o in _orders()})
    _ok(cli("customs", "receipts", str(receipts), "--json", user="supervisor"))
    return cli


@pytest.mark.slow
def test_sample_orders_ship_by_cli(cli_released, tmp_path):
    cli = cli_released
    ledger_before = {r["account_book_item"]: r for r in _ok(cli("ledger", "--json"))}
    report = _ok(cli("allocate", "--json", user="supervisor"))
    assert report["allocated"] == 63 and report["waiting"] == []
    _pick_every_wave(cli, tmp_path, report["waves"])
    _pack_every_order(cli, tmp_path)
    first = _ship_every_carrier(cli, tmp_path)
    _ledger_follows(cli, ledger_before)
    traced = _ok(cli("trace", first, "--json", user="customs"))
    assert traced["declarations"][0]["container"] == CONTAINER
    assert traced["parcels"][0]["status"] == "shipped"
    by_lot = _ok(cli("trace", traced["lots"][0]["batch"], "--json", user="customs"))
    assert first in {p["waybill"] for p in by_lot["parcels"]}
    record = _ok(cli("batch-record", traced["lots"][0]["lot"], "--json", user="customs"))
    # the JSON keeps its keys and its bilingual document names (the movement's kind is for the screen)
    assert {tuple(sorted(c)) for c in record["chronology"]} == {("at", "balance", "doc_no", "doc_type", "location",
                                                                 "qty")}
    assert {"核注清单 entry", "申报清单 exit"} <= {c["doc_type"] for c in record["chronology"]}
    _print_documents(cli, tmp_path, first, traced)
    assert _ok(cli("check", "--json"))


def _print_documents(cli, tmp_path: Path, waybill: str, traced: dict) -> None:
    manifest, wave = traced["parcels"][0]["manifest"], _ok(cli("waves", "--json"))[0]["wave"]
    documents = [("waybill", waybill, "label.zpl"), ("waybill", traced["orders"][0]["order_no"], "label.pdf"),
                 ("packing-list", waybill, "packing.pdf"), ("manifest", manifest, "manifest.pdf"),
                 ("gate-pass", manifest, "gate-pass.pdf"), ("batch-record", traced["lots"][0]["lot"], "batch.pdf"),
                 ("pick-list", wave, "pick.pdf"), ("pull-list", "-", "pull.pdf")]
    for doc, key, name in documents:
        out = tmp_path / name
        printed = _ok(cli("print", doc, key, "--out", str(out), "--json", user="clerk"))
        assert printed["bytes"] == out.stat().st_size > 0
        assert out.read_bytes().startswith(b"^XA" if name.endswith(".zpl") else b"%PDF-")


def _pick_every_wave(cli, tmp_path: Path, wave_nos: list[str]) -> None:
    waves = _ok(cli("waves", "--json", user="clerk"))
    assert {w["wave"] for w in waves} == set(wave_nos)
    assert all({"location", "sku", "gtin", "batch", "qty", "order_no"} <= set(t) for w in waves for t in w["tasks"])
    for wave in waves:
        scans = tmp_path / f"pick-{wave['wave']}.txt"
        scans.write_text("\n".join(pick_scans(wave)) + "\n", encoding="utf-8")
        picked = _ok(cli("pick", wave["wave"], "--scans", str(scans), "--json", user="clerk"))
        assert picked["status"] == "picked" and picked["scans"]["rejected"] == []


def _pack_every_order(cli, tmp_path: Path) -> None:
    catalog, labels = _gross(), tmp_path / "labels"
    for order in _orders():
        scans = tmp_path / f"pack-{order['order_no']}.txt"
        units = [catalog[line["sku"]][0] for line in order["lines"] for _ in range(line["qty"])]
        scans.write_text("\n".join([order["logistics"]["waybill_no"], *units]) + "\n", encoding="utf-8")
        weight = sum(catalog[line["sku"]][1] * line["qty"] for line in order["lines"])
        packed = _ok(cli("pack", "--scans", str(scans), "--weight", str(weight), "--label-out", str(labels), "--json",
                         user="clerk"))
        assert packed["order_no"] == order["order_no"] and packed["waybill"] == order["logistics"]["waybill_no"]
        assert packed["scans"] == {"accepted": len(units) + 1, "rejected": []}
        assert [Path(p).name for p in packed["labels"]] == [f"{packed['waybill']}.zpl", f"{packed['waybill']}.pdf"]


def _ship_every_carrier(cli, tmp_path: Path) -> str:
    """Three manifests; one parcel is loaded at the gate station by scan (its vehicle does not pass: the others are
    not loaded), then each vehicle leaves by the supervisor's gate-out; returns that waybill."""
    manifests = [_ok(cli("manifest", "create", "--carrier", carrier, "--vehicle", "浙A12345", "--json",
                         user="supervisor")) for carrier in ("SF", "YTO", "ZTO")]
    assert sum(m["parcels"] for m in manifests) == 63
    assert set(manifests[0]) >= {"manifest", "parcels", "weight"}
    first = next(o for o in _orders() if o["logistics"]["carrier_code"] == "SF")["logistics"]["waybill_no"]
    gate = tmp_path / "gate.txt"
    gate.write_text(first + "\n", encoding="utf-8")
    code, out, err = cli("gate-out", manifests[0]["manifest"], "--scans", str(gate), "--json", user="clerk")
    scanned = json.loads(out)
    assert code == 1 and scanned["loaded"] == [first] and scanned["gated_out"] == [], err
    assert first not in scanned["to_load"] and scanned["left"] == manifests[0]["parcels"] - 1
    for m in manifests:
        assert _ok(cli("gate-out", m["gate_pass"], "--json", user="supervisor"))["manifest"] == m["manifest"]
    code, _, err = cli("gate-out", manifests[1]["manifest"], "--json", user="supervisor")
    assert code == 1 and "cannot gate out twice" in err
    return first


def _ledger_follows(cli, before: dict) -> None:
    """Per account-book item: decreased by exactly what shipped; balance = entered − decreased."""
    shipped: dict[str, int] = {}
    items = {sku: row["account_book_item"] for sku, row in _products().items()}
    for o in _orders():
        for line in o["lines"]:
            shipped[items[line["sku"]]] = shipped.get(items[line["sku"]], 0) + line["qty"]
    for item, row in {r["account_book_item"]: r for r in _ok(cli("ledger", "--json"))}.items():
        assert row["decreased"] - before[item]["decreased"] == shipped.get(item, 0)
        assert row["balance"] == row["entered"] - row["decreased"]


def _products() -> dict[str, dict[str, str]]:
    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        return {r["sku"]: r for r in csv.DictReader(fh)}
