"""Atom feeds: the one writer (``layar.atom``) and every feed of the golden fixture build.

The golden test proves the fixture build equals tests/golden byte for byte, so the feeds
checked here are the ones the build writes (per language and per topic).
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from layar.atom import Category, Entry, Feed, atom_document, atom_id, epoch, rfc3339
from layar.schema import When
from tests.helpers import ATOM, GOLDEN, XML_LANG, atom_problems


class Text(str):
    """A text with a language, as ``layar_site.catalogs.LText``."""

    def __new__(cls, value, lang):
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj


WIB = dt.timezone(dt.timedelta(hours=7))


def feed(**changes) -> Feed:
    entries = [
        Entry(id="urn:layar:article:b:nl", title=Text("Titel <b> & \"zo\"", "nl"),
              url="https://x.example/nl/articles/b/", updated=When(dt.date(2023, 6, 1)),
              published=When(dt.date(2023, 6, 1)), author="Krant",
              summary=Text("Ringkasan\x0b tanpa terjemahan", "id"),
              content_html='<p lang="id">Isi &amp; <a href="/nl/">link</a></p>',
              categories=[Category("wga", "https://x.example/nl/strikes/", Text("WGA", "en"))]),
        Entry(id="urn:layar:article:a:nl", title="Ouder", url="https://x.example/nl/articles/a/",
              updated=dt.datetime(2023, 6, 1, 5, 0, tzinfo=WIB)),
    ]
    values = dict(id="urn:layar:home:nl:feed", title="Layar", lang="nl", author="Layar",
                  self_url="https://x.example/nl/feed.xml", alternate_url="https://x.example/nl/",
                  base="https://x.example/", subtitle="Nieuws", entries=entries)
    values.update(changes)
    return Feed(**values)


def test_document_is_valid_escaped_and_marks_fallback_languages(tmp_path):
    data = atom_document(feed())
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    assert atom_problems(path) == []
    root = ET.fromstring(data)
    first = root.find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}title") == 'Titel <b> & "zo"'
    assert first.find(f"{ATOM}title").get(XML_LANG) is None  # the feed's language
    summary = first.find(f"{ATOM}summary")
    assert (summary.text, summary.get(XML_LANG)) == ("Ringkasan tanpa terjemahan", "id")
    assert first.findtext(f"{ATOM}content").startswith('<p lang="id">Isi &amp; <a href="/nl/">')
    category = first.find(f"{ATOM}category")
    assert (category.get("term"), category.get(XML_LANG)) == ("wga", "en")
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Krant"
    second = root.findall(f"{ATOM}entry")[1]
    assert second.find(f"{ATOM}author") is None and second.find(f"{ATOM}published") is None
    # The newest entry by instant, not by string: 05:00+07:00 is before midnight UTC.
    assert root.findtext(f"{ATOM}updated") == "2023-06-01T00:00:00Z"
    assert second.findtext(f"{ATOM}updated") == "2023-06-01T05:00:00+07:00"
    assert atom_document(feed()) == data  # deterministic


def test_empty_feed_is_dated_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert b"<updated>1970-01-01T00:00:00Z</updated>" in atom_document(feed(entries=[]))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert rfc3339(epoch()) == "2023-11-14T22:13:20Z"
    assert b"<updated>2023-11-14T22:13:20Z</updated>" in atom_document(feed(entries=[]))


def test_ids_are_urls_with_an_absolute_siteurl_else_urns():
    assert atom_id("https://x.example/", "en/feed.xml", "home:en:feed") == \
        "https://x.example/en/feed.xml"
    assert atom_id("https://x.example", "https://x.example/en/", "home:en") == \
        "https://x.example/en/"
    assert atom_id("", "/en/articles/a/", "article:a:en") == "urn:layar:article:a:en"
    assert atom_id("/sub", "/en/", "home:en") == "urn:layar:home:en"


def _entry(title="t", entry_id="urn:x:1", url="https://x.example/") -> Entry:
    return Entry(id=entry_id, title=title, url=url, updated=dt.date(2020, 1, 1))


@pytest.mark.parametrize("changes", [
    {"id": "/nl/feed.xml"}, {"self_url": "/nl/feed.xml"}, {"alternate_url": "nl/"},
    {"entries": [_entry(entry_id="article:a:nl")]}, {"entries": [_entry(url="/nl/a/")]},
    {"author": "", "entries": [_entry()]},  # no author anywhere
    {"entries": [_entry("t"), _entry("u")]},  # two entries, one id
])
def test_invalid_feeds_are_refused(changes):
    with pytest.raises(ValueError):
        atom_document(feed(**changes))


def test_every_feed_of_the_fixture_build_is_valid_atom():
    feeds = sorted(GOLDEN.rglob("feed.xml"))
    langs = ("en", "id", "nl")
    names = {f.relative_to(GOLDEN).as_posix() for f in feeds}
    assert {f"{lang}/feed.xml" for lang in langs} <= names
    assert len(feeds) > len(langs)  # and topic feeds
    assert [p for f in feeds for p in atom_problems(f, GOLDEN)] == []
