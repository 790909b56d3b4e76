"""`bwms import orders`, `bwms orders …` and `bwms customs …` end to end, with no clear buyer data in output."""

from __future__ import annotations

import json

from tests.conftest import DEMO
from tests.orders.helpers import ceb622

CLEAR = ("330106199408148190", "15821605483", "310104199207123329", "13836778633")


def no_clear_pii(*texts: str) -> bool:
    return not any(value in text for value in CLEAR for text in texts)


def test_import_export_receipts_list_and_cancel_from_the_command_line(warehouse, cli, tmp_path):
    code, out, err = cli("import", "orders", str(DEMO / "orders.jsonl"), "--json", user="supervisor")
    assert (code, json.loads(out)) == (0, {"accepted": 63, "rejected": []})
    code, out, err = cli("import", "orders", str(DEMO / "orders_invalid.jsonl"), user="supervisor")
    assert code == 0 and "0 orders accepted, 10 rejected" in out
    assert "line 10: TG-BROKEN: malformed: not valid JSON" in out
    assert "line 6: TG20261121800005: tax_mismatch: declared tax 30.69" in out and no_clear_pii(out, err)
    outbox = tmp_path / "outbox"
    code, out, err = cli("customs", "export", "--outbox", str(outbox), "--json", user="supervisor")
    report = json.loads(out)
    assert code == 0 and report["exported"] == 63 and len(list(outbox.glob("CEB621_*.xml"))) == 63
    code, out, _ = cli("orders", "--status", "declared", "--json", user="clerk")
    rows = json.loads(out)
    assert len(rows) == 63 and set(rows[0]) == {"order_no", "owner", "status", "customs_status", "copNo",
                                                  "rejection_code"}
    cop = next(r["copNo"] for r in rows if r["order_no"] == "TG20261121000000")
    receipt = tmp_path / "r.xml"
    receipt.write_bytes(ceb622(cop, "800", "20261126103015123", invt_no="29212026I000000001"))
    code, out, _ = cli("customs", "receipts", str(receipt), "--json", user="supervisor")
    assert code == 0 and json.loads(out)["applied"] == 1
    code, out, _ = cli("orders", "--status", "released", "--json", user="clerk")
    assert json.loads(out) == [{"order_no": "TG20261121000000", "owner": "DEFAULT", "status": "released",
                                "customs_status": "released", "copNo": cop, "rejection_code": ""}]
    code, out, _ = cli("orders", "--status", "rejected", "--json", user="clerk")
    assert len(json.loads(out)) == 10
    code, out, err = cli("orders", "cancel", "TG20261121000000", "--outbox", str(outbox), "--json", user="supervisor")
    assert code == 0 and json.loads(out)["cancellation_request"].startswith(f"CEB623_{cop}")
    assert len(list(outbox.glob("CEB623_*.xml"))) == 1
    code, out, err = cli("orders", "show", "TG20261121000000", user="clerk")
    assert code == 0 and "330106********8190" in out and no_clear_pii(out, err)
    code, out, err = cli("orders", "--search", "8190", user="clerk")
    assert code == 0 and "TG20261121000000" in out and no_clear_pii(out, err)


def test_reveal_print_and_refusals_from_the_command_line(warehouse, cli, tmp_path):
    cli("import", "orders", str(DEMO / "orders.jsonl"), user="supervisor")
    code, out, err = cli("orders", "reveal", "TG20261121000000", "buyer_id_number", user="clerk")
    assert code == 1 and "may not reveal pii" in err and no_clear_pii(out, err)
    code, out, _ = cli("orders", "reveal", "TG20261121000000", "buyer_id_number", user="customs")
    assert (code, out.strip()) == (0, "330106199408148190")
    code, out, err = cli("customs", "export", "--outbox", str(tmp_path / "o"), user="clerk")
    assert code == 1 and "may not customs exchange" in err
    cli("customs", "export", "--outbox", str(tmp_path / "o"), user="supervisor")
    pdf = tmp_path / "list.pdf"
    code, out, _ = cli("customs", "print", "TG20261121000001", "--out", str(pdf), user="clerk")
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    code, out, err = cli("orders", "cancel", "NO-SUCH", user="supervisor")
    assert code == 1 and "no order 'NO-SUCH'" in err
    code, out, err = cli("customs", "receipts", str(tmp_path / "missing"), user="supervisor")
    assert code == 1 and "no such file or folder" in err
    code, out, err = cli("orders", "rejections", "--json", user="clerk")
    assert code == 0 and json.loads(out) == []
