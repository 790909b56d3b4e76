"""`bwms returns …`, `bwms disposal …` and `bwms ledger --json` as a supervisor, a clerk and customs use them."""

from __future__ import annotations

import json
import os
import shutil

import pypdf
import pytest

from tests.returns.conftest import shipped_orders


@pytest.mark.pg
def test_return_and_disposal_commands(shipped, cli, tmp_path):
    order = shipped_orders(shipped)[0]
    code, out, err = cli("returns", "request", order.order_no, "--reason", "wrong_goods", "--json", user="supervisor")
    assert code == 0, err
    requested = json.loads(out)
    assert set(requested) == {"return", "status", "apply_by", "arrive_by"} and requested["status"] == "requested"
    code, out, _ = cli("returns", "--status", "requested", "--json")
    rows = json.loads(out)
    assert [r["return"] for r in rows] == [requested["return"]] and rows[0]["days_left"] >= 40
    code, out, err = cli("customs", "export", "--outbox", str(tmp_path / "out"), "--json", user="supervisor")
    assert code == 0 and json.loads(out)["returns"] == 1, err
    receipt = tmp_path / "r.csv"
    receipt.write_text(f"return_no,status,time,info\n{requested['return']},800,{_now()},ok\n", encoding="utf-8")
    code, out, err = cli("customs", "receipts", str(receipt), "--json", user="supervisor")
    assert code == 0 and json.loads(out)["applied"] == 1, err
    sku = order.lines[0].product.sku
    gtin = order.lines[0].product.gtin
    scans = tmp_path / "scans.txt"
    scans.write_text(f"{order.waybill_no}\n{gtin}\nCMD:CLOSE\n", encoding="utf-8")
    code, out, err = cli("returns", "receive", "--scans", str(scans), "--json", user="clerk")
    assert code == 0, out + err
    assert json.loads(out)["feedback"][-1]["code"] == "parcel_closed"
    code, out, _ = cli("returns", "receive", "--scans", str(scans), "--json", user="clerk")  # replay: nothing twice
    assert code == 0 and all(f["text"].startswith("already scanned") for f in json.loads(out)["feedback"])
    code, out, _ = cli("ledger", "--json")
    assert sum(r["returned"] for r in json.loads(out)) == 1
    code, out, _ = cli("returns", "show", requested["return"], "--json")
    detail = json.loads(out)
    assert detail["status"] == "returned" and detail["lines"][0]["sku"] == sku and detail["lines"][0]["good"] == 1

    batch = detail["lines"][0]["batch"]
    code, out, err = cli("disposal", "request", "--lot", batch, "--qty", "1", "--reason", "expired", "--method",
                         "destroy", "--json", user="supervisor")
    assert code == 0, err
    disposal = json.loads(out)
    assert disposal == {"disposal": disposal["disposal"], "status": "requested"}
    assert cli("disposal", "approve", str(disposal["disposal"]), user="clerk")[0] == 1
    assert cli("disposal", "execute", str(disposal["disposal"]), "--witness", "王伟", user="supervisor")[0] == 1
    assert cli("disposal", "approve", str(disposal["disposal"]), user="customs")[0] == 0
    code, out, err = cli("disposal", "execute", str(disposal["disposal"]), "--witness", "王伟", "--json",
                         user="supervisor")
    assert code == 0 and json.loads(out)["status"] == "executed", err
    code, out, _ = cli("disposal", "--json")
    assert json.loads(out)[0]["witnesses"] == ["王伟"]
    code, out, _ = cli("ledger", "--json")
    assert sum(r["disposed"] for r in json.loads(out)) == 1
    code, out, _ = cli("check", "--json")
    assert code == 0, out

    # the destruction declaration form and the execution record with the witnesses' signature lines
    for document in ("disposal-form", "disposal-record"):
        target = tmp_path / f"{document}.pdf"
        code, out, err = cli("print", document, str(disposal["disposal"]), "--out", str(target), user="supervisor")
        assert code == 0, err
        text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
        assert "跨境电商网购保税进口商品销毁处置申报表" in text if document == "disposal-form" else "王伟" in text
        assert batch in text and "销毁" in text
        if os.environ.get("BWMS_KEEP_PDF"):
            shutil.copy(target, os.environ["BWMS_KEEP_PDF"])


def _now() -> str:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d%H%M%S000")
