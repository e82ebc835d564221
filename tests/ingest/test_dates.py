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


@pytest.mark.parametrize("line, value, rest", [
    ("By Kashmira Gander On 11/13/19 at 4:00 PM EST", "2019-11-13T16:00:00-05:00",
     "By Kashmira Gander"),
    ("11/13/2019", "2019-11-13", ""),
    ("23/10/2025", "2025-10-23", ""),
    ("2025-03-04", "2025-03-04", ""),
])
def test_numeric_dates_in_the_order_their_numbers_allow(line, value, rest):
    span = dates.find(line)
    resolved = dates.resolve(span, "en")
    assert resolved.value == value
    assert resolved.note is None
    assert dates.remainder(line, span) == rest


def test_an_ambiguous_numeric_date_is_read_day_first_and_flagged():
    resolved = dates.resolve(dates.find("03/04/2025"), "en")
    assert resolved.value == "2025-04-03"
    assert "day-first or month-first" in resolved.note


@pytest.mark.parametrize("line", ["a ratio of 1/2/19 in the study", "score 3/4/25", "11/13/19"])
def test_two_digit_years_only_with_a_time(line):
    assert dates.find(line) is None


@pytest.mark.parametrize("line, value, rest", [
    ("By Jane DoeMarch 7, 20242:15 PM GMT+8Updated 2 hours ago", "2024-03-07T14:15:00+08:00",
     "By Jane Doe 2 hours ago"),
    ("PublishedNovember 18, 2019", "2019-11-18", ""),
])
def test_dates_in_words_run_together_by_inline_markup(line, value, rest):
    span = dates.find(line)
    assert dates.resolve(span, "en").value == value
    assert dates.remainder(line, span) == rest


@pytest.mark.parametrize("line", ["Remember 7, 2024", "20 Oktober 20245 orang"])
def test_glued_forms_need_a_real_month_and_time(line):
    assert dates.find(line) is None
