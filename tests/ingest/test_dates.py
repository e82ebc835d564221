"""Datelines in Indonesian, Dutch and English forms, zones, and what is not a date."""
from __future__ import annotations

import pytest

from layar_ingest import dates


@pytest.mark.parametrize("line, lang, value, rest", [
    ("Rabu, 22 Oktober 2025 14:00", "id", "2025-10-22T14:00:00+07:00", ""),
    ("Jumat, 2 Februari 2024 | 10:00 WIB", "id", "2024-02-02T10:00:00+07:00", ""),
    ("Senin 31 Juli 2023, 14:29 WIB", "id", "2023-07-31T14:29:00+07:00", ""),
    ("Jum'at, 16 Januari 2026 | 12:07 WIB", "id", "2026-01-16T12:07:00+07:00", ""),
    ("Jum’at, 16 Januari 2026 | 12:07 WITA", "id", "2026-01-16T12:07:00+08:00", ""),
    ("Kamis, 23/10/2025 pukul 08.30 WIT", "id", "2025-10-23T08:30:00+09:00", ""),
    ("donderdag 2 januari 2025, 09:15", "nl", "2025-01-02T09:15:00+01:00", ""),
    ("Gepubliceerd op woensdag 2 juli 2025 om 09.15 uur", "nl", "2025-07-02T09:15:00+02:00", ""),
    ("Thursday, January 2, 2025 9:15 AM EST", "en", "2025-01-02T09:15:00-05:00", ""),
    ("Published Jan 5 2024, 10:00 (UTC+2)", "en", "2024-01-05T10:00:00+02:00", ""),
    ("Diperbarui: Rabu, 22 Oktober 2025", "id", "2025-10-22", ""),
    ("Oleh: Tek ID - Rabu, 22 Oktober 2025 14:00", "id", "2025-10-22T14:00:00+07:00", "Oleh: Tek ID"),
    ("By Adam Rizal, Jumat, 2 Februari 2024 | 10:00 WIB", "id", "2024-02-02T10:00:00+07:00",
     "By Adam Rizal"),
    ("2025-10-21T14:00:00+07:00", "en", "2025-10-21T14:00:00+07:00", ""),
])
def test_datelines(line, lang, value, rest):
    span = dates.find(line)
    assert span is not None
    assert dates.resolve(span, lang).value == value
    assert dates.remainder(line, span) == rest


def test_english_time_without_zone_keeps_only_the_day():
    resolved = dates.resolve(dates.find("October 22, 2025 2:00 PM"), "en")
    assert resolved.value == "2025-10-22"
    assert "without a time zone" in resolved.note


def test_machine_zone_does_not_matter(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert dates.resolve(dates.find("Rabu, 22 Oktober 2025 14:00"), "id").value == \
            "2025-10-22T14:00:00+07:00"
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


@pytest.mark.parametrize("line", [
    "dalam 6 Bulan Terakhir", "sejak November 2022", "2 Foo 2024", "Baca 10 detik",
    "US$11,5 miliar pada 2025", "31 Februari 2024",
])
def test_not_a_date(line):
    assert dates.find(line) is None
