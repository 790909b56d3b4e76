"""Several receive stations counting one container at once (threads, one connection each), on both engines."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from app.stations import Tone
from tests.inbound.helpers import A2P, SWS, carton, station


def test_concurrent_stations_lose_and_double_nothing(declared):
    known = carton(A2P, "A2P43432", 1)
    new_batch = carton(SWS, "SWSNEW01", 1, expiry=date(2029, 6, 1))  # every station creates this tally row

    def tally_at(name: str) -> list[Tone]:
        st = station(declared, name=name)
        return [st.scan(raw).tone for raw in [known, new_batch] * 15]

    with ThreadPoolExecutor(max_workers=3) as pool:
        tones = [tone for result in pool.map(tally_at, ["dock-1", "dock-2", "dock-3"]) for tone in result]
    assert Tone.ERROR not in tones and len(tones) == 90
    rows = {(r.line_no, r.batch): r for r in station(declared).tally()}
    assert rows[(1, "A2P43432")].received == 45
    assert rows[(2, "SWSNEW01")].received == 45 and rows[(2, "SWSNEW01")].over == 45
