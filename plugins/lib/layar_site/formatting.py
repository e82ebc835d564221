"""Locale-aware formatting with Babel: dates, times, numbers and language names."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from layar.languages import LANGUAGE_NAMES, LOCALES, NATIVE_NAMES
from layar.schema import When


def _locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


def date(value: When | dt.date | dt.datetime, lang: str, fmt: str = "long") -> str:
    """22 Oktober 2025 (id), 22 oktober 2025 (nl), October 22, 2025 (en)."""
    if isinstance(value, When):
        value = value.date
    elif isinstance(value, dt.datetime):
        value = value.date()
    return _format_date(value, fmt, lang)


# Babel parses the locale and the pattern on every call; pages show the same few dates,
# names and numbers again and again.  Keys are exact (a date, not an instant).
@lru_cache(maxsize=65536)
def _format_date(value: dt.date, fmt: str, lang: str) -> str:
    return format_date(value, fmt, locale=_locale(lang))


def time(value: When, lang: str) -> str:
    """The time of day in the article's own zone, with the offset: 14.00 (UTC+07:00)."""
    if not value.has_time:
        return ""
    moment = value.value
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{_format_time(moment.replace(tzinfo=None), moment.tzinfo, lang)} ({zone})"


@lru_cache(maxsize=65536)
def _format_time(wall: dt.datetime, tzinfo, lang: str) -> str:
    return format_time(wall.replace(tzinfo=tzinfo), "short", tzinfo=tzinfo, locale=_locale(lang))


def number(value, lang: str) -> str:
    if type(value) is int:
        return _format_int(value, lang)
    return format_decimal(value, locale=_locale(lang))


@lru_cache(maxsize=4096)
def _format_int(value: int, lang: str) -> str:
    return format_decimal(value, locale=_locale(lang))


@lru_cache(maxsize=1024)
def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` as written in a sentence of language ``in_lang``."""
    named = LANGUAGE_NAMES.get(in_lang, {}).get(code)
    if named:
        return named
    name = Locale.parse(_locale(in_lang)).languages.get(code, code)
    return name[:1].upper() + name[1:]



def native_language_name(code: str) -> str:
    return NATIVE_NAMES.get(code) or language_name(code, code)
