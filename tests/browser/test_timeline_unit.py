"""The timeline's data, without building a site: order, periods, and life without topics."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from layar.schema import When
from layar_site.services import Services
from layar_timeline.timeline import build_timeline, period_kinds

KINDS = {"strikes": {"one": "Strike", "facts": {"start": {"type": "date"}, "end": {"type": "date"}}},
         "tools": {"one": "Tool", "facts": {"released": {"type": "date"}}}}


class FakeRoutes:
    def __init__(self, keys):
        self.keys = set(keys)

    def __contains__(self, key):
        return key in self.keys


def fake_site(dates, topics=None):
    articles = [SimpleNamespace(key=f"article:a{i}", slug=f"a{i}", lang="id",
                                meta={"date": When(d)}) for i, d in enumerate(dates)]

    def view(article, lang):
        return {"date": article.meta["date"], "title": article.slug, "url": f"/{lang}/{article.slug}/",
                "publisher": "P", "lang": article.lang, "translated": article.lang != lang}

    site = SimpleNamespace(articles=articles, article=view, services=Services(),
                           settings=SimpleNamespace(kinds=KINDS),
                           url=lambda key, lang: f"/{lang}/{key}/",
                           t=lambda text, src, lang: text,
                           routes=FakeRoutes(["topic:strikes:s1", "topic:strikes:s2"]))
    if topics is not None:
        site.services.topics = SimpleNamespace(
            topics=lambda kind=None: [t for t in topics if kind in (None, t.kind)])
    return site


def events(timeline):
    """The events as the page lists them: year by year, in order."""
    return [e for year in timeline.years for e in year.events]


def topic(id_, start, end=None):
    return SimpleNamespace(id=id_, key=f"topic:strikes:{id_}", kind="strikes", name=id_, lang="en",
                           facts={"start": start, **({"end": end} if end else {})})


def test_without_the_topics_plugin_the_timeline_shows_articles_only():
    site = fake_site([dt.date(2024, 2, 2), dt.date(2023, 7, 31)])
    timeline = build_timeline(site, "en")
    assert not timeline.periods
    assert [e.key for e in events(timeline)] == ["article:a1", "article:a0"]  # oldest first
    assert [y.year for y in timeline.years] == [2023, 2024]
    assert timeline.chart and len(timeline.chart.ticks) == 2 and not timeline.chart.bars


def test_periods_start_and_end_on_the_same_axis_as_articles():
    site = fake_site([dt.date(2023, 7, 31), dt.date(2023, 11, 9)],
                     [topic("s1", "2023-05-02", "2023-09-27"), topic("s2", "2023-07-14", "2023-11-09")])
    timeline = build_timeline(site, "en")
    order = [(e.type, e.key) for e in events(timeline)]
    assert order == [("start", "topic:strikes:s1"), ("start", "topic:strikes:s2"),
                     ("article", "article:a0"), ("end", "topic:strikes:s1"),
                     ("article", "article:a1"), ("end", "topic:strikes:s2")]
    during = {e.key: e.during for e in events(timeline) if e.type == "article"}
    assert during == {"article:a0": [0, 1], "article:a1": [1]}
    # Overlapping strikes get separate rows in the chart.
    (p0, x0, y0, w0), (p1, x1, y1, w1) = timeline.chart.bars
    assert y0 != y1 and x0 < x1 and w0 > 0 and w1 > 0


def test_bad_or_missing_dates_are_left_out_and_open_periods_run_to_the_end():
    site = fake_site([dt.date(2025, 1, 1)], [topic("s1", "not a date"), topic("s2", "2024-06-01")])
    timeline = build_timeline(site, "en")
    assert [p.key for p in timeline.periods] == ["topic:strikes:s2"]
    assert timeline.periods[0].end is None
    assert [e.type for e in events(timeline)] == ["start", "article"]


def test_empty_site():
    timeline = build_timeline(fake_site([]), "en")
    assert timeline.chart is None and timeline.years == [] and timeline.first is None


def test_period_kinds_are_kinds_with_a_start_date():
    assert period_kinds(KINDS) == ["strikes"]
