"""The timeline: every article and every period topic (strikes) on one time axis.

Built at build time as data for ``timeline.html``: a chronological list of events grouped
by year (the accessible, complete timeline) and the geometry of a static SVG overview
(bars for periods, ticks for articles, one label per year).  Without the topics plugin the
timeline shows the articles only.

A "period" is any topic whose kind declares ``start`` (and optionally ``end``) facts of
type ``date``: today the strikes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Event:
    date: dt.date
    when: Any  # what the template formats: a When (articles) or a date (periods)
    type: str  # "article", "start" or "end"
    title: Any  # LText or str
    url: str
    key: str
    publisher: str = ""
    lang: str = ""  # original language of an article
    translated: bool = False
    period: int | None = None  # index of the period (starts and ends)
    #: indexes of the periods that are under way on this date
    during: list[int] = field(default_factory=list)

    @property
    def iso(self) -> str:
        return self.when.isoformat()


@dataclass
class Period:
    index: int
    key: str
    title: Any
    url: str
    start: dt.date
    end: dt.date | None
    kind: str
    kind_label: str  # msgid of the kind's singular label


@dataclass
class Year:
    year: int
    events: list[Event]


@dataclass
class Chart:
    """SVG geometry in user units (``width`` x ``height``), computed once per language."""

    width: int
    height: int
    axis_y: int
    years: list[tuple[int, float]]  # (year, x of 1 January)
    bars: list[tuple[Period, float, float, float]]  # period, x, y, width
    ticks: list[tuple[Event, float]]  # articles: (event, x)
    bar_height: int = 12


@dataclass
class Timeline:
    years: list[Year]
    periods: list[Period]
    chart: Chart | None
    first: dt.date | None
    last: dt.date | None


def _fact_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def period_kinds(kinds) -> list[str]:
    """Kinds whose topics are periods: a ``start`` fact of type ``date``."""
    return [kind for kind, spec in kinds.items()
            if (spec.get("facts") or {}).get("start", {}).get("type") == "date"]


def periods(site, lang: str) -> list[Period]:
    index = site.services.topics
    if index is None:
        return []
    kinds = site.settings.kinds
    found = []
    for kind in period_kinds(kinds):
        for topic in index.topics(kind):
            start = _fact_date(topic.facts.get("start"))
            if start is None:
                continue
            end = _fact_date(topic.facts.get("end"))
            url = site.url(topic.key, lang) if topic.key in site.routes else ""
            found.append(Period(0, topic.key, site.t(topic.name, topic.lang, lang), url, start,
                                end if end and end >= start else None, kind,
                                kinds[kind].get("one", "")))
    found.sort(key=lambda p: (p.start, p.key))
    for i, p in enumerate(found):
        p.index = i
    return found


_ORDER = {"start": 0, "article": 1, "end": 2}


def build_timeline(site, lang: str, width: int = 440) -> Timeline:
    spans = periods(site, lang)
    events: list[Event] = []
    for article in site.articles:
        view = site.article(article, lang)
        when = view["date"]
        events.append(Event(when.date, when, "article", view["title"], view["url"], article.key,
                            publisher=view["publisher"], lang=view["lang"],
                            translated=view["translated"]))
    for p in spans:
        events.append(Event(p.start, p.start, "start", p.title, p.url, p.key, period=p.index))
        if p.end:
            events.append(Event(p.end, p.end, "end", p.title, p.url, p.key, period=p.index))
    # Same day: a period starts before and ends after the day's articles (its dates are
    # inclusive, as ``during`` says).
    events.sort(key=lambda e: (e.date, _ORDER[e.type], e.key))
    for e in events:
        e.during = [p.index for p in spans
                    if p.start <= e.date and (p.end is None or e.date <= p.end)]
    years: list[Year] = []
    for e in events:
        if not years or years[-1].year != e.date.year:
            years.append(Year(e.date.year, []))
        years[-1].events.append(e)
    first = events[0].date if events else None
    last = events[-1].date if events else None
    return Timeline(years, spans, _chart(events, spans, first, last, width), first, last)


def _chart(events, spans, first, last, width) -> Chart | None:
    if first is None:
        return None
    start = dt.date(first.year, 1, 1)
    end = dt.date(last.year + 1, 1, 1)
    margin = 10
    usable = width - 2 * margin
    days = (end - start).days or 1

    def x(day: dt.date) -> float:
        return round(margin + usable * (day - start).days / days, 1)

    bar_h, gap, top = 12, 5, 6
    rows: list[dt.date] = []  # end of the last bar in each row
    bars = []
    for p in spans:
        stop = p.end or last
        row = next((i for i, used in enumerate(rows) if used < p.start), None)
        if row is None:
            rows.append(stop)
            row = len(rows) - 1
        else:
            rows[row] = stop
        x0 = x(p.start)
        bars.append((p, x0, top + row * (bar_h + gap), max(round(x(stop) - x0, 1), 3.0)))
    axis_y = top + max(len(rows), 1) * (bar_h + gap) + 14
    ticks = [(e, x(e.date)) for e in events if e.type == "article"]
    years = [(y, x(dt.date(y, 1, 1))) for y in range(first.year, last.year + 2)]
    return Chart(width, axis_y + 26, axis_y, years, bars, ticks, bar_h)
