"""The one key map: stations and office screens share it; a key never means two different things."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from app.domain.station_keys import KEY_OF, OFFICE_KEYS, STATION_KEYS


def test_each_key_has_one_action_in_each_map_and_reads_as_qt_writes_it():
    for keys in (STATION_KEYS, OFFICE_KEYS):
        written = [k.key for k in keys]
        assert len(written) == len(set(written))
        assert len({k.action for k in keys}) == len(keys)
        assert all(QKeySequence(key).toString() == key for key in written)  # what the screens' test compares


def test_a_key_of_both_maps_does_the_same_kind_of_thing_on_an_office_screen_as_at_a_station():
    station = {k.key: k.action for k in STATION_KEYS}
    for k in OFFICE_KEYS:
        if k.key in station:
            assert k.like == station[k.key], f"{k.key} is {station[k.key]} at a station but {k.action} ({k.like})"
        else:
            assert not k.like or KEY_OF[k.like] == k.key, k.key
    shared = {k.key for k in OFFICE_KEYS} & set(station)
    assert {"F2", "F5", "F8", "F9", "Esc"} <= shared  # choose, again, document, finish, clear: everywhere
