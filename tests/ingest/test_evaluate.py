"""``invoke ingest.eval``: the ingest measured against a set of pages with ground truth
(``layar_ingest.evaluate``), on small sets made here and, when it is at hand, on the
development set (``../shared/ingest-devset``, kept outside the repository: publishers'
pages), held to a floor just under what the ingest reaches."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layar_ingest import evaluate
from layar_ingest.evaluate import SetError

ROOT = Path(__file__).resolve().parents[2]
DEVSET = Path(os.environ.get("LAYAR_INGEST_DEVSET", ROOT.parent / "shared" / "ingest-devset"))

TITLE = "Studios and actors agree new rules for digital replicas"
PARAGRAPHS = [
    "The union representing film and television actors said on Wednesday that it had reached "
    "an agreement with the major studios on how digital replicas of performers may be made "
    "and used, ending months of negotiations that began during last year's strike.",
    "Under the agreement, a studio must obtain a performer's informed consent before creating "
    "a digital replica, and must describe in reasonable detail how the replica will be used "
    "in each production where it appears.",
    "Performers will be paid for the days on which their replica works in place of them, at "
    "the same rate they would have earned on set, the union said in a statement to members.",
    "The studios' negotiating group said the terms gave productions the certainty they needed "
    "while protecting the people whose faces and voices audiences know.",
    "Members of the union will vote on the agreement over the coming weeks, and the result is "
    "expected to be announced at the end of next month.",
]


def _page(folder: Path, page_id: str, title: str = TITLE, date: str = "2025-10-22") -> None:
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | The Daily Screen</title>
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="2025-10-22T09:30:00+00:00">
<link rel="canonical" href="https://daily-screen.example/news/replicas">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/film">Film</a></li>
<li><a href="/tv">Television</a></li><li><a href="/login">Sign in</a></li></ul></nav>
<main><article><h1>{TITLE}</h1>
<p class="byline">By Jane Doe</p><time datetime="2025-10-22T09:30:00+00:00">22 October 2025</time>
{body}</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Festival line-up announced</a></li>
<li><a href="/b">Box office weekend results</a></li></ul></aside></main>
<footer><p>© 2025 The Daily Screen. All rights reserved.</p></footer>
</body></html>"""
    text = "\n".join(["Home", "Film", "Television", "Sign in", "", TITLE, "", "By Jane Doe",
                      "22 October 2025", "", *[p + "\n" for p in PARAGRAPHS], "Most read",
                      "Festival line-up announced", "Box office weekend results", "",
                      "© 2025 The Daily Screen. All rights reserved."])
    (folder / f"{page_id}.html").write_text(html, encoding="utf-8")
    (folder / f"{page_id}.txt").write_text(text, encoding="utf-8")
    truth = {"title": title, "date": date, "main_text": "\n\n".join(PARAGRAPHS)}
    (folder / f"{page_id}.json").write_text(
        json.dumps({"id": page_id, "lang": "en", "ground_truth": truth}), encoding="utf-8")


def test_scores_follow_the_sets_rules():
    assert evaluate.tokens("Sora 2, Veo-3!") == ["sora", "2", "veo", "3"]
    assert evaluate.prf("a b c", "a b c") == (1.0, 1.0, 1.0)
    precision, recall, f1 = evaluate.prf("a b", "a b c d")
    assert (precision, recall) == (1.0, 0.5) and abs(f1 - 2 / 3) < 1e-9
    assert evaluate.prf(None, "a")[2] == 0.0
    assert evaluate.same_day("2025-10-22T23:30:00-05:00", "2025-10-23T04:30:00+00:00")
    assert evaluate.same_day("2025-10-22T09:30:00+00:00", "2025-10-22")
    assert not evaluate.same_day("2025-10-21", "2025-10-22")


def test_the_split_is_deterministic_and_puts_pages_on_both_sides():
    ids = [f"en_publisher_{i:04d}" for i in range(40)]
    parts = [evaluate.part(i) for i in ids]
    assert parts == [evaluate.part(i) for i in ids]
    assert set(parts) == {"tune", "measure"}


def test_a_page_the_ingest_gets_right_scores_full_marks_and_a_wrong_truth_less(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir(), bad.mkdir()
    _page(good, "en_screen_0001")
    _page(bad, "en_screen_0001", title="Box office weekend results", date="2024-01-01")
    right = evaluate.evaluate(evaluate.load_set(good), ["html", "trafilatura"])
    html = right["html"][0]
    assert html.f1 >= 0.95 and html.title is True and html.date is True and not html.failure
    assert right["trafilatura"][0].f1 >= 0.9
    wrong = evaluate.evaluate(evaluate.load_set(bad), ["html"])["html"][0]
    assert wrong.title is False and wrong.date is False
    text = evaluate.evaluate(evaluate.load_set(good), ["text"])["text"][0]
    assert text.f1 >= 0.9 and text.title is True and not text.failure


def test_a_bad_set_is_a_clear_error(tmp_path):
    with pytest.raises(SetError, match="no such folder"):
        evaluate.load_set(tmp_path / "missing")
    with pytest.raises(SetError, match="no page with ground truth"):
        evaluate.load_set(tmp_path)
    (tmp_path / "x.json").write_text('{"id": "x",\n "ground_truth": }', encoding="utf-8")
    with pytest.raises(SetError, match=r"x\.json:2: not valid JSON"):
        evaluate.load_set(tmp_path)


def test_the_task_prints_the_figures_and_a_bad_set_exits_2_without_a_traceback(tmp_path):
    _page(tmp_path, "en_screen_0001")
    invoke = [sys.executable, "-m", "invoke"]
    done = subprocess.run([*invoke, "ingest.eval", "--set", str(tmp_path), "--summary"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "== means ==" in done.stdout and "per page" not in done.stdout
    rows = [line.split() for line in done.stdout.splitlines()]
    assert {row[0] for row in rows if row[1:2] == ["all"]} >= {"text", "html", "trafilatura"}
    failed = subprocess.run([*invoke, "ingest.eval", "--set", str(tmp_path / "nope")],
                            cwd=ROOT, capture_output=True, text=True)
    assert failed.returncode == 2
    assert "error:" in failed.stderr and "no such folder" in failed.stderr
    assert "Traceback" not in failed.stderr + failed.stdout


#: Floors just under what the ingest reaches on the whole dev set (README, Ingest quality):
#: a change that makes either path worse fails here.
#: (body F1, titles right, dates right, refusals at most), of the 93 pages.
FLOORS = {"text": (0.90, 34, 40, 0), "html": (0.94, 40, 46, 0)}


@pytest.mark.slow
@pytest.mark.skipif(not DEVSET.is_dir(), reason="the ingest dev set is not at hand")
def test_the_dev_set_stays_above_its_floor():
    results = evaluate.evaluate(evaluate.load_set(DEVSET), ["text", "html"])
    for method, (f1, titles, dates, failures) in FLOORS.items():
        s = evaluate.summarise(results[method])
        assert s.f1 >= f1, (method, s.f1)
        assert s.titles[0] >= titles, (method, s.titles)
        assert s.dates[0] >= dates, (method, s.dates)
        assert s.failures <= failures, (method, s.failures)
