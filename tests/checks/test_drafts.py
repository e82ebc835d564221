"""Drafts and scheduled articles: validated and listed by `invoke check`, never in a build's
output (pages, lists, feeds, sitemap, search, graph, topic pages)."""
from __future__ import annotations

import datetime as dt

import pytest

from layar.errors import BuildError
from layar_build.pipeline import build_time

from .conftest import ARTICLE

TOPIC = """\
---
id: sora-2
kind: tools
name: Sora 2
summary: A video model.
---
Sora 2 is a video model.
"""


def _article(slug, title, date="2025-10-22", extra=""):
    return (ARTICLE.replace("slug: sebuah-artikel", f"slug: {slug}")
            .replace("title: Sebuah artikel", f"title: {title}")
            .replace("date: 2025-10-22", f"date: {date}\n{extra}topics: {{tools: [sora-2]}}"))


def _everything(site) -> str:
    """Every text file of the output, concatenated (pages, lists, feeds, sitemap, graph,
    search data)."""
    out = []
    for path in sorted(site.output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            out.append(f"== {path.relative_to(site.output)}\n"
                       + path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(out)


def test_drafts_and_scheduled_articles_are_left_out_of_every_output(tiny_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).timestamp())))
    site = tiny_site({
        "content/topics/tools/sora-2.md": TOPIC,
        "content/articles/shown.md": _article("shown", "Artikel terbit"),
        "content/articles/draft.md": _article("draft-one", "Artikel draf", extra="status: draft\n"),
        "content/articles/later.md": _article("later-one", "Artikel terjadwal", date="2030-01-01"),
        "content/pages/wip.md": "---\ntitle: Work in progress\nslug: wip\nstatus: draft\n---\nText.\n",
    }, settings={"LAYAR_SEARCH_INDEX": True})
    assert site.build(keep=False).drafts == [  # what `invoke check` lists
        "content/articles/draft.md: draft",
        "content/articles/later.md: scheduled for 2030-01-01",
        "content/pages/wip.md: draft"]
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    text = _everything(site)
    assert "Artikel terbit" in text and "/articles/shown/" in text
    for name in ("draft-one", "Artikel draf", "later-one", "Artikel terjadwal",
                 "Work in progress", "/wip/"):
        assert name not in text, name
    assert not (site.output / "en" / "articles" / "later-one").exists()
    # the search index (Pagefind's fragments are compressed): no page of a held article
    assert not list(site.output.rglob("*later-one*")) and not list(site.output.rglob("*draft-one*"))
    # the build's time passes the scheduled date: the article and its mentions appear
    # (an incremental build: the held set is an input of every page)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 1, 2, tzinfo=dt.timezone.utc).timestamp())))
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    text = _everything(site)
    assert (site.output / "en" / "articles" / "later-one" / "index.html").exists()
    assert "Artikel terjadwal" in (site.output / "en" / "tools" / "sora-2" / "index.html").read_text() \
        or "Artikel terjadwal" in text
    sitemap = "\n".join(p.read_text() for p in site.output.rglob("sitemap*.xml"))
    assert "later-one" in sitemap
    assert "later-one" in "\n".join(p.read_text() for p in site.output.rglob("*.xml") if "sitemap" not in p.name)
    assert "draft-one" not in _everything(site)


def test_a_draft_topic_has_no_page_and_its_mentions_are_not_an_error(tiny_site):
    site = tiny_site({
        "content/topics/tools/sora-2.md": TOPIC.replace("---\n", "---\nstatus: draft\n", 1)
        .replace("status: draft\n---", "---", 0),
        "content/articles/shown.md": _article("shown", "Artikel terbit"),
    })
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    assert not (site.output / "en" / "tools" / "sora-2").exists()
    assert "not published" not in " ".join(outcome.lines)


def test_status_must_be_draft_or_published(tiny_site):
    site = tiny_site({"content/articles/x.md": _article("x", "X", extra="status: drfat\n")})
    outcome = site.run("check")
    assert outcome.code == 1
    assert ("content/articles/x.md:6: error: 'status' must be one of draft, published, "
            "got 'drfat' (did you mean 'draft'?)") in outcome.errors


def test_build_time_is_source_date_epoch_when_set():
    assert build_time({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    assert abs(build_time({}) - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH must be a whole number"):
        build_time({"SOURCE_DATE_EPOCH": "soon"})


def test_a_link_from_a_published_page_to_a_draft_is_an_error(tiny_site):
    site = tiny_site({
        "content/topics/tools/sora-2.md": TOPIC,
        "content/articles/draft.md": _article("draft-one", "Artikel draf", extra="status: draft\n"),
        "content/articles/shown.md": _article("shown", "Artikel terbit")
        + "\nLihat [draf]({filename}draft.md).\n",
    })
    outcome = site.run("check")
    assert outcome.code == 1
    assert any(line.startswith("content/articles/shown.md:")
               and "content/articles/draft.md is not published (draft); a published page "
                   "must not link to it" in line for line in outcome.errors), outcome.lines
