"""A topic named in an article but not listed in its front-matter is a warning at the
first mention (the article is missing from the topic's page)."""
from __future__ import annotations

from .conftest import ARTICLE

TOPIC = """\
---
id: sora-2
kind: tools
name: Sora 2
summary: A video model.
aliases:
  id: [Sora versi kedua]
---
Sora 2 is a video model.
"""

BODY = ARTICLE.replace("Paragraf kedua.",
                       "Paragraf kedua tentang SORA 2 dan lagi Sora 2.\n\n"
                       "```\nSora 2 in code is not a mention\n```")


def test_an_unlisted_mention_is_a_warning_at_its_first_line(tiny_site):
    site = tiny_site({"content/topics/tools/sora-2.md": TOPIC,
                      "content/articles/ok.md": BODY})
    outcome = site.run("check")
    assert outcome.code == 0, outcome.lines
    warned = [l for l in outcome.problems if "warning: mentions" in l]
    # one warning per topic, at the paragraph (file line 12; the code block is no mention)
    assert warned == ["content/articles/ok.md:12: warning: mentions 'SORA 2' (topic sora-2) "
                      "but does not list it under topics.tools; add 'sora-2' to topics.tools "
                      "so the article is on the topic's page"], outcome.lines


def test_a_mention_in_the_title_by_a_language_alias_and_a_listed_topic(tiny_site):
    titled = ARTICLE.replace("title: Sebuah artikel", "title: Sora versi kedua tiba")
    listed = titled.replace("date: 2025-10-22", "date: 2025-10-22\ntopics: {tools: [sora-2]}")
    site = tiny_site({"content/topics/tools/sora-2.md": TOPIC,
                      "content/articles/ok.md": titled})
    assert any(l.startswith("content/articles/ok.md:2: warning: mentions 'Sora versi kedua'")
               for l in site.run("check").problems)
    site.write({"content/articles/ok.md": listed})
    assert not [l for l in site.run("check").problems if "warning: mentions" in l]


def test_the_forked_scan_warns_as_the_serial_one(tiny_site, monkeypatch):
    """A cold build scans many articles in LAYAR_WORKERS forked processes: the same
    warnings, at the same lines, as one process scanning them."""
    from layar_topics import checks

    files = {"content/topics/tools/sora-2.md": TOPIC}
    for i in range(7):  # odd: the workers' shares differ; every other one lists the topic
        body = BODY.replace("slug: sebuah-artikel", f"slug: artikel-{i}")
        if i % 2:
            body = body.replace("date: 2025-10-22", "date: 2025-10-22\ntopics: {tools: [sora-2]}")
        files[f"content/articles/a{i}.md"] = body.replace("Paragraf pertama.",
                                                          "Paragraf pertama.\n" * (i + 1))
    warned = {}
    for workers in (1, 2):
        monkeypatch.setattr(checks, "FORK_AT", 1 if workers > 1 else 10_000)
        site = tiny_site(files, {"LAYAR_WORKERS": workers})
        outcome = site.run("check")
        assert outcome.code == 0, outcome.lines
        warned[workers] = [l for l in outcome.problems if "warning: mentions" in l]
    assert warned[2] == warned[1]
    assert [l.split(":")[:2] for l in warned[1]] == [
        [f"content/articles/a{i}.md", str(13 + i)] for i in (0, 2, 4, 6)]
