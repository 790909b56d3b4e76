"""The sample container end to end through `bwms` (both engines), and the CLI's bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.inbound.conftest import DECLARATION
from tests.inbound.helpers import A2P, carton, expected_tally

RELEASED = {"GDS0001": 120, "GDS0002": 960, "GDS0003": 36, "GDS0004": 120, "GDS0005": 480, "GDS0006": 720,
            "GDS0007": 96, "GDS0008": 48}


def ok(cli, *args, user: str = "admin") -> dict | list:
    code, out, err = cli(*args, "--json", user=user)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def with_declaration(cli):
    for kind, name in (("warehouse", "warehouse.toml"), ("locations", "locations.csv"),
                       ("products", "products.csv"), ("declaration", "declaration.csv")):
        ok(cli, "import", kind, str(DEMO / name))
    return cli


def test_the_sample_container_end_to_end(with_declaration, tmp_path):
    cli = with_declaration
    scans = str(DEMO / "receive_scans.txt")
    report = ok(cli, "receive", DECLARATION, "--scans", scans, "--station", "dock-1", "--close", user="clerk")
    assert report["declaration"] == DECLARATION and report["lines"] == expected_tally()
    assert report["scans"] == {"accepted": 230, "rejected": []} and report["close"]["ok"] is True
    replay = ok(cli, "receive", DECLARATION, "--scans", scans, "--station", "dock-1", "--close", user="clerk")
    assert replay["lines"] == expected_tally()  # the same file again counts nothing
    assert ok(cli, "declarations")[0]["status"] == "tallied"

    for doc, out in (("tally-report", "tally.pdf"), ("carton-labels", "labels.zpl")):
        assert ok(cli, "print", doc, DECLARATION, "--out", str(tmp_path / out))["bytes"] > 1000

    release = ok(cli, "release", DECLARATION, user="customs")
    assert {e["account_book_item"]: e["quantity"] for e in release["ledger_entries"]} == RELEASED
    assert ok(cli, "print", "putaway-list", DECLARATION, "--out", str(tmp_path / "putaway.pdf"))["reprint"] is False
    run = ok(cli, "putaway", DECLARATION, "--all-suggested", user="supervisor")
    assert len(run["moved"]) == 11 and run["unplaced"] == []
    ledger = ok(cli, "ledger")
    assert {r["account_book_item"]: r["balance"] for r in ledger} == RELEASED
    assert all(r["entered"] == r["balance"] and r["decreased"] == r["pre_decreased"] == 0 for r in ledger)
    stock = ok(cli, "stock")
    assert sum(r["qty"] for r in stock) == sum(RELEASED.values())
    assert {r["location"][:1] for r in stock} <= {"A", "B"} and {r["status"] for r in stock} == {"available"}
    check = ok(cli, "check")
    assert check["ok"] is True
    assert ok(cli, "declarations")[0]["status"] == "put_away"


def test_receive_bad_input(with_declaration, tmp_path):
    cli = with_declaration
    scans = tmp_path / "scans.txt"
    scans.write_bytes("\n".join([carton(A2P, "A2P43432", 12), "]C10109300000010378", "garbage",
                                 carton("4006381333931", "X", 1), ""]).encode() + b"\n")
    code, out, _ = cli("receive", DECLARATION, "--scans", str(scans), "--json", user="clerk")
    report = json.loads(out)
    assert code == 1 and report["scans"]["accepted"] == 1
    assert [(r["line"], r["scan"]) for r in report["scans"]["rejected"]] == [
        (2, "]C10109300000010378"), (3, "garbage"), (4, carton("4006381333931", "X", 1))]
    assert "check digit" in report["scans"]["rejected"][0]["reason"]
    assert report["lines"][0]["received"] == 12
    code, _, err = cli("receive", "QD-NOPE", "--scans", str(scans), user="clerk")
    assert code == 1 and "no declaration QD-NOPE" in err
    code, _, err = cli("receive", DECLARATION, "--scans", str(tmp_path / "missing.txt"), user="clerk")
    assert code == 1 and "cannot read" in err


def test_closed_declaration_refuses_scans_and_release_twice(with_declaration, tmp_path):
    cli = with_declaration
    scans = tmp_path / "one.txt"
    scans.write_text(carton(A2P, "A2P43432", 12) + "\n")
    assert cli("receive", DECLARATION, "--scans", str(scans), "--close", user="clerk")[0] == 0
    more = tmp_path / "more.txt"
    more.write_text(carton(A2P, "A2P43432", 6) + "\n")
    code, out, _ = cli("receive", DECLARATION, "--scans", str(more), "--json", user="clerk")
    assert code == 1 and "tally of" in json.loads(out)["scans"]["rejected"][0]["reason"]
    assert cli("release", DECLARATION, user="clerk")[0] == 1
    assert cli("release", DECLARATION, user="customs")[0] == 0
    code, _, err = cli("release", DECLARATION, user="customs")
    assert code == 1 and "already released" in err


def test_putaway_by_scan_file_and_its_bad_input(with_declaration, tmp_path):
    cli = with_declaration
    ok(cli, "receive", DECLARATION, "--scans", str(DEMO / "receive_scans.txt"), "--close", user="clerk")
    held = tmp_path / "held.txt"
    held.write_text(carton(A2P, "A2P43432", 12) + "\nLOC:A-01-01\n")
    code, out, _ = cli("putaway", "--scans", str(held), "--json", user="clerk")
    report = json.loads(out)
    assert code == 1 and report["moved"] == [] and "inspection hold" in report["scans"]["rejected"][0]["reason"]
    ok(cli, "release", DECLARATION, user="customs")
    moves = tmp_path / "moves.txt"
    moves.write_text("\n".join([carton(A2P, "A2P43432", 12), "LOC:HOLD-01", "LOC:NOWHERE", "LOC:B-01-01",
                                carton(A2P, "A2P43432", 12)]) + "\n")
    code, out, _ = cli("putaway", "--scans", str(moves), "--json", user="clerk")
    report = json.loads(out)
    assert code == 1 and [m["to"] for m in report["moved"]] == ["B-01-01"]
    assert [r["line"] for r in report["scans"]["rejected"]] == [2, 3] and "unfinished" in report
    code, out, _ = cli("putaway", "--scans", str(moves), "--json", user="clerk")
    assert json.loads(out)["moved"][0]["to"] == "B-01-01"  # replayed: reported again, moved once
    stock = [r for r in ok(cli, "stock", "--batch", "A2P43432") if r["location"] == "B-01-01"]
    assert [r["qty"] for r in stock] == [12]


def test_usage_errors(with_declaration, tmp_path):
    cli = with_declaration
    assert cli("putaway", DECLARATION)[0] == 2
    assert cli("putaway", "--all-suggested")[0] == 2
    assert cli("print", "tally-report", DECLARATION, "--out", str(tmp_path / "t.zpl"))[0] == 2
    assert cli("print", "nonsense", DECLARATION, "--out", str(tmp_path / "t.pdf"))[0] == 2
    code, _, err = cli("print", "carton-labels", DECLARATION, "--out", str(tmp_path / "c.pdf"))
    assert code == 1 and "close its tally first" in err
    assert not Path(tmp_path / "c.pdf").exists()


def test_demo_declares_and_receives_the_sample_container(cli):
    code, out, err = cli("init", "--demo", "--json")
    assert code == 0, err
    demo = json.loads(out)["demo"]
    assert demo["declaration"] == f"{DECLARATION} expected (11 lines)"  # as imported, before the tally
    assert demo["inbound"].startswith(f"container of {DECLARATION}: 230 of 230 carton scans accepted")
    [declaration] = [d for d in ok(cli, "declarations") if d["declaration"] == DECLARATION]
    assert (declaration["status"], declaration["expected"]) == ("put_away", 2580)

def test_a_supervisor_closes_a_put_away_entry_and_nothing_else(cli):
    code, out, err = cli("init", "--demo", "--json")
    assert code == 0, err
    code, _, err = cli("declarations", "close", DECLARATION, user="clerk")
    assert code == 1 and "may not" in err
    code, out, _ = cli("declarations", "close", DECLARATION, "--json", user="supervisor")
    assert code == 0 and json.loads(out) == {"declaration": DECLARATION, "status": "closed"}
    [declaration] = [d for d in ok(cli, "declarations") if d["declaration"] == DECLARATION]
    assert declaration["status"] == "closed"
    code, _, err = cli("declarations", "close", DECLARATION, user="supervisor")
    assert code == 1 and "only an entry whose goods are all put away" in err
    code, _, err = cli("declarations", "close", user="supervisor")
    assert code == 2


def test_bwms_print_command_sheet_keeps_its_json_and_prints_the_key_map(with_declaration, tmp_path):
    import io

    from pypdf import PdfReader

    cli = with_declaration
    sheet = ok(cli, "print", "command-sheet", "-", "--out", str(tmp_path / "sheet.pdf"))
    report = ok(cli, "print", "tally-report", DECLARATION, "--out", str(tmp_path / "tally.pdf"))
    assert set(sheet) == set(report) and sheet["bytes"] > 1000  # the same JSON as every other document
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO((tmp_path / "sheet.pdf").read_bytes())).pages)
    assert "F4" in text and "Undo" in text and "F5" in text and "Esc" in text and "SHORT PICK" in text
