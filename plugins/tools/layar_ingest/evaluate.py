"""Measure the ingest against a set of pages with ground truth (``invoke ingest.eval``).

A set is a folder laid out like the development set: for each page ``<id>.html`` (the saved
page), ``<id>.txt`` (its whole visible text) and ``<id>.json`` (``{"id", "lang",
"ground_truth": {"title", "date", "main_text"}}``).  Each page goes through

* the **text path**: the ``.txt`` as a copied seed (:func:`.pipeline.build_article`);
* the **HTML path**: the ``.html`` as a saved page;
* two baselines: **trafilatura alone** on the HTML (its text, title and date) and **jusText
  alone** on the text (each line a paragraph, classified with the page language's stop list).

Scoring is the set's own (its README and ``score.py``): body token F1 on lower-cased ``\\w+``
tokens (multiset overlap), a title is right at token F1 >= 0.9, a date when the calendar day
matches (after moving the result to the ground truth's offset when both carry one).  A page
the path refuses scores 0 and counts as a failure.

The set is split deterministically into a part to tune on and a part only to measure on, by
the SHA-256 of the page id (:func:`part`), so a new page never moves another one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from layar.errors import IngestError

#: A title counts as right at this token F1 (the set's threshold).
TITLE_THRESHOLD = 0.9
#: The paths and baselines, in the order they are printed.
METHODS = ("text", "html", "trafilatura", "justext")
PARTS = ("tune", "measure")
_TOKEN = re.compile(r"\w+")


class SetError(IngestError):
    """The folder is not a set of pages with ground truth."""


# --- scoring ------------------------------------------------------------------------------


def tokens(text: str | list[str] | None) -> list[str]:
    if isinstance(text, list):
        text = "\n".join(map(str, text))
    return _TOKEN.findall((text or "").lower())


def prf(pred: str | None, gold: str | None) -> tuple[float, float, float]:
    """Token precision, recall and F1 of ``pred`` against ``gold`` (bags of words)."""
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    if not p and not g:
        return 1.0, 1.0, 1.0
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def _when(value: str | None) -> dt.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text[-1:] in "Zz":
        text = text[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        return dt.datetime(*map(int, match.groups())) if match else None


def same_day(pred: str | None, gold: str | None) -> bool:
    g, p = _when(gold), _when(pred)
    if g is None or p is None:
        return False
    if g.tzinfo is not None and p.tzinfo is not None:
        p = p.astimezone(g.tzinfo)
    return p.date() == g.date()


# --- the set ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    id: str
    lang: str
    folder: Path
    truth: dict

    @property
    def part(self) -> str:
        return part(self.id)

    def read(self, suffix: str) -> bytes | None:
        path = self.folder / f"{self.id}{suffix}"
        return path.read_bytes() if path.is_file() else None


def part(page_id: str) -> str:
    """"tune" for about half of the ids, "measure" for the others (SHA-256 of the id)."""
    return "tune" if hashlib.sha256(page_id.encode("utf-8")).digest()[0] % 2 == 0 else "measure"


def load_set(folder: str | Path) -> list[Page]:
    """The pages of a set, by id; SetError (``path:line: message``) when it has none."""
    root = Path(folder)
    if not root.is_dir():
        raise SetError(f"{root}: no such folder (hint: --set DIR names a folder of "
                       "<id>.html, <id>.txt and <id>.json files, like the dev set)")
    pages = []
    for path in sorted(root.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SetError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SetError(f"{path}:1: cannot be read: {exc}") from None
        if not isinstance(record, dict) or not isinstance(record.get("ground_truth"), dict):
            continue  # not a page (e.g. a results file): ignored, as score.py does
        truth = record["ground_truth"]
        if not isinstance(truth.get("main_text"), str):
            raise SetError(f"{path}:1: ground_truth.main_text must be a string "
                           "(hint: the body of the article as a human extracted it)")
        page_id = str(record.get("id") or path.stem)
        pages.append(Page(page_id, str(record.get("lang") or ""), root, truth))
    if not pages:
        raise SetError(f"{root}: no page with ground truth (<id>.json with a \"ground_truth\" "
                       "object) in this folder (hint: --set DIR)")
    return pages


# --- running ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """What one method made of one page ("failure" is the refusal's message)."""

    title: str = ""
    date: str = ""
    body: str = ""
    failure: str = ""


@dataclass(frozen=True)
class Score:
    page: str
    lang: str
    part: str
    precision: float
    recall: float
    f1: float
    title: bool | None  # None: the ground truth has no title
    date: bool | None
    failure: str = ""


def _ingest(raw: bytes | None, page: Page, html: bool) -> Output:
    from . import document, pipeline

    if raw is None:
        return Output(failure="file missing")
    try:
        article = pipeline.build_article(raw, f"{page.id}.{'html' if html else 'txt'}", html=html)
    except IngestError as exc:
        return Output(failure=str(exc))
    return Output(article.title, article.date, document.body(article.blocks))


def run_text(page: Page) -> Output:
    return _ingest(page.read(".txt"), page, html=False)


def run_html(page: Page) -> Output:
    return _ingest(page.read(".html"), page, html=True)


def run_trafilatura(page: Page) -> Output:
    """trafilatura's own text, title and date, with its defaults."""
    import trafilatura

    raw = page.read(".html")
    if raw is None:
        return Output(failure="file missing")
    html = raw.decode("utf-8", errors="replace")
    text = trafilatura.extract(html) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "") if meta else ""
    date = (meta.date or "") if meta else ""
    return Output(title, date, text, "" if text else "no text extracted")


def run_justext(page: Page) -> Output:
    """jusText on the page text, one paragraph per line, the page language's stop list."""
    from . import textclass

    raw = page.read(".txt")
    if raw is None:
        return Output(failure="file missing")
    lines = raw.decode("utf-8", errors="replace").splitlines()
    kept = textclass.justext_good(lines, page.lang or "en")
    return Output(body="\n".join(kept), failure="" if kept else "no paragraph kept")


RUNNERS: dict[str, Callable[[Page], Output]] = {
    "text": run_text, "html": run_html, "trafilatura": run_trafilatura, "justext": run_justext,
}


def score(page: Page, out: Output) -> Score:
    truth = page.truth
    precision, recall, f1 = prf(out.body, truth["main_text"])
    title = prf(out.title, truth["title"])[2] >= TITLE_THRESHOLD if truth.get("title") else None
    date = same_day(out.date, truth["date"]) if truth.get("date") else None
    return Score(page.id, page.lang, page.part, precision, recall, f1, title, date, out.failure)


@dataclass
class Summary:
    pages: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    titles: tuple[int, int] = (0, 0)  # right, counted
    dates: tuple[int, int] = (0, 0)
    failures: int = 0
    rows: list[Score] = field(default_factory=list)


def summarise(rows: Iterable[Score]) -> Summary:
    rows = list(rows)
    n = len(rows) or 1
    titles = [r.title for r in rows if r.title is not None]
    dates = [r.date for r in rows if r.date is not None]
    return Summary(
        pages=len(rows),
        precision=sum(r.precision for r in rows) / n,
        recall=sum(r.recall for r in rows) / n,
        f1=sum(r.f1 for r in rows) / n,
        titles=(sum(titles), len(titles)),
        dates=(sum(dates), len(dates)),
        failures=sum(1 for r in rows if r.failure),
        rows=rows,
    )


def evaluate(pages: list[Page], methods: Iterable[str] = METHODS) -> dict[str, list[Score]]:
    """Every method's score on every page."""
    return {m: [score(page, RUNNERS[m](page)) for page in pages] for m in methods}


# --- report -------------------------------------------------------------------------------


def _mark(ok: bool | None) -> str:
    return "-" if ok is None else ("ok" if ok else "WRONG")


def report(results: dict[str, list[Score]], per_page: bool = True) -> str:
    """Per-page lines (text and HTML path) and the means of every method, by part."""
    out: list[str] = []
    if per_page:
        for method in ("text", "html"):
            if method not in results:
                continue
            out.append(f"== {method} path: per page ==")
            out.append(f"{'page':40} {'part':7} {'P':>5} {'R':>5} {'F1':>5} {'title':>5} "
                       f"{'date':>5}  failure")
            for r in results[method]:
                out.append(f"{r.page:40} {r.part:7} {r.precision:5.3f} {r.recall:5.3f} "
                           f"{r.f1:5.3f} {_mark(r.title):>5} {_mark(r.date):>5}  {r.failure}")
            out.append("")
    out.append("== means ==")
    out.append(f"{'method':12} {'part':8} {'pages':>5} {'P':>5} {'R':>5} {'F1':>5} "
               f"{'titles':>7} {'dates':>7} {'failed':>6}")
    for method, rows in results.items():
        for label, subset in (("all", rows), *((p, [r for r in rows if r.part == p])
                                                for p in PARTS)):
            s = summarise(subset)
            out.append(f"{method:12} {label:8} {s.pages:5d} {s.precision:5.3f} {s.recall:5.3f} "
                       f"{s.f1:5.3f} {s.titles[0]:>3}/{s.titles[1]:<3} "
                       f"{s.dates[0]:>3}/{s.dates[1]:<3} {s.failures:6d}")
    langs = sorted({r.lang for rows in results.values() for r in rows})
    if len(langs) > 1:
        out.append("")
        out.append("== body F1 by language ==")
        for method, rows in results.items():
            cells = []
            for lang in langs:
                s = summarise(r for r in rows if r.lang == lang)
                cells.append(f"{lang} {s.f1:.3f} ({s.pages})")
            out.append(f"{method:12} " + "  ".join(cells))
    return "\n".join(out)


def main(folder: str | Path, methods: Iterable[str] = METHODS, per_page: bool = True) -> str:
    methods = list(methods)
    unknown = [m for m in methods if m not in RUNNERS]
    if unknown:
        raise SetError(f"unknown method {unknown[0]!r} (hint: one of {', '.join(METHODS)})")
    return report(evaluate(load_set(folder), methods), per_page)
