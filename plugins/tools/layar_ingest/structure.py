"""Find an article's parts in normalised page text: title, byline, dateline, body, summary.

Copied page text is a sequence of lines.  The article is found by general signals, so that
publishers never seen before work too:

* **Running text.** A "strong" paragraph is a line of at least 8 words ending like a sentence
  (or any line of 25+ words), unless it is a separator menu ("Fashion · Photos · Beauty · …")
  or a Title Case headline.  Menus, link lists, captions and badges are short and rarely end
  with a full stop.  A page without a strong paragraph is not an article.
* **Header.** The dateline is the first line before the second strong paragraph whose date
  (see :mod:`.dates`) leaves at most a byline when removed.  The title is the nearest
  title-shaped line above it (3-30 words, not a sentence, not furniture), skipping bylines,
  captions and one name-shaped line (the author, as "Rahmat Jiwandono" above
  "Senin 31 Juli 2023, 14:29 WIB").  Without a dateline the byline ("Oleh:", "By", "Door"…)
  or the first strong paragraph is the anchor.  Everything above the title is page furniture
  (menus, partner lists, social links) and is dropped by position.
  Title candidates are also scored (:meth:`_Header.title_score`): a byline, dateline, dated
  byline, relative time ("1 day ago") or author name right below, or a dateline right above,
  counts for a line; lines between it and the text count against it; so do being one of a
  run of headlines, standing under a related marker ("Berita Terkait"), "|" and capitals.  A
  Title Case line is a headline even when it ends with a full stop, and an upper-case rubric
  ("FOTO: …") does not make a headline a caption.  A dateline far above the title (an
  edition's or the day's date) gives way to one just under it.
* **Body.** From the first content line after the header (a strong paragraph or a list of
  sentence bullets) to the first cut marker ("Berita Terkait", "REKOMENDASI", a footer) or to
  a dated teaser line ("Techno17 Desember 2025, 19:17 WIB") once a paragraph has been seen.
  Inside it, furniture from :mod:`.noise` is dropped wherever it sits, and so is a short line
  that repeats the title or occurs more than once on the page.
* **Blocks.** A sentence-shaped line is a paragraph; bullets that are sentences form a list
  (bullets that are links are dropped); a short line without final punctuation, or a short
  question standing alone ("Wat willen de bonden?"), is a subheading only if a paragraph or
  list follows it (otherwise it is a stray caption, headline or label).  A run of two or more "headline + one short paragraph" pairs at the end is a
  teaser list and is dropped.
* **Summary.** The key points (a list before the first paragraph); else a standfirst (a
  paragraph between title and byline, or a first paragraph followed by the image caption);
  else the first sentences of the body.

Everything here is a pure function of the text: no I/O, no language-specific code (phrases
are data, see :mod:`.noise`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from layar.errors import IngestError

from . import data, dates, noise, sentences, textclass

#: Words of a line that counts as running text on its own (see module docstring).
STRONG_MIN_WORDS = 8
STRONG_ANY_WORDS = 25
#: A title is between these numbers of words.
TITLE_WORDS = (3, 30)
#: A subheading has at most this many words and characters.
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
#: A list item that is a sentence (key point) has at least this many words.
ITEM_MIN_WORDS = 5
#: A name line (byline without "By") has at most this many words.
NAME_MAX_WORDS = 6
#: Lines above the article's first paragraph where its header (title, dateline) is looked for.
HEADER_LINES = 25
#: A headline this many lines under a cut marker, with only headlines between, is a teaser.
RELATED_LIST_LINES = 8
#: A dateline at most this many lines above the title belongs to it; one further up gives
#: way to a date at most DATE_BELOW_TITLE_LINES lines under the title.
DATE_ABOVE_TITLE_LINES = 3
DATE_BELOW_TITLE_LINES = 6
#: A Title Case headline has at least this many words of four letters or more.
TITLE_CASE_MIN_WORDS = 4
#: Without a dateline in the header, a dateline this many lines under the title gives the date.
DATE_LATE_LINES = 12
#: A title-shaped line of this many words under a shorter headline is
#: its standfirst.
STANDFIRST_MIN_WORDS = 16
#: A headline found by score replaces the nearest title-shaped line from this margin on.
TITLE_MARGIN = 0.0
#: A cut marker or dated teaser followed by running text within this many lines is an
#: inline box inside the article, not its end.
RESUME_LINES = 3
#: A line split by separators ("·", "|", "•") into this many short parts is a menu.
MENU_MIN_PARTS = 5
#: Teaser paragraphs (related-news lists) are shorter than this.
TEASER_MAX_WORDS = 30

_DOMAIN = re.compile(r"^[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,6}$")
_EXPLICIT_HEADING = re.compile(r"^#{1,6}\s+(?P<text>\S.*)$")
#: A byline glued to the headline by the page's markup: "… businesses bySauli Giliard".
_GLUED_BYLINE = re.compile(r"\s+by(?=[A-Z][a-z])\S+(?:\s+[A-Z]\S*){0,3}$")
_YEARISH = re.compile(r"(?:19|20)\d{2}|\d/\d{2}\s")


@dataclass(frozen=True)
class Block:
    """A body block: a paragraph ('p'), a subheading ('h') or a bullet list ('ul')."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hints:
    """Metadata found outside the text (a saved page's tags); used where the text is silent."""

    title: str = ""
    author: str = ""
    date: str = ""
    publisher: str = ""
    #: The page's own address (its canonical link, else its og:url): https only.
    url: str = ""


@dataclass(frozen=True)
class Parsed:
    """What the structure pass found; empty strings where the text does not say."""

    title: str
    author: str
    dateline: dates.DateSpan | None
    blocks: tuple[Block, ...]
    summary: str
    summary_kind: str  # "key points" | "standfirst" | "first sentences"
    #: Outlet names seen around the article, as (where, name): "lead" (the first paragraph's
    #: dateline, "Suara.com - …"), "byline-domain" ("Dinda Rachmawati Suara.Com") and
    #: "byline-author" (the byline's name, which may be the outlet itself: "Oleh: Tek ID").
    outlet_hints: tuple[tuple[str, str], ...] = ()
    hints: Hints = field(default_factory=Hints)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _prepare(text: str) -> list[str]:
    """Non-blank lines, with hard-wrapped continuation lines joined to their paragraph."""
    lines: list[str] = []
    previous_blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        if (lines and not previous_blank and line[0].islower()
                and noise.bullet_item(line) is None and noise.bullet_item(lines[-1]) is None
                and len(lines[-1].split()) >= 6 and not re.search(r"[.!?…:;]$", lines[-1])
                and not _date_line(lines[-1]) and _continues_text(line)):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        previous_blank = False
    return lines


def _continues_text(line: str) -> bool:
    """A lower-case line that can be the rest of a hard-wrapped paragraph: it ends a sentence
    or is itself a long piece of running text (a wrapped middle line).  Short labels after a
    headline ("komentar", "copy link") and lists of tags are not."""
    if sentences.ends_sentence(line):
        return True
    parts = [part for part in line.split(",") if part.strip()]
    tags = len(parts) >= 4 and all(len(part.split()) <= 3 for part in parts)
    return len(line.split()) >= STRONG_MIN_WORDS and not tags  # not "batal, abu vulkanik, …"


def _date_line(line: str) -> bool:
    """A line that is a date with at most a few words around it ("January 28, 2025 11:30 am
    (Updated 11:54 am)"): never a hard-wrapped paragraph, so nothing is joined to it."""
    if not _YEARISH.search(line):
        return False
    span = dates.find(line)
    return span is not None and len(dates.remainder(line, span).split()) <= NAME_MAX_WORDS


_MENU_SEPARATOR = re.compile(r"\s+[·|•]\s+|\s*[·•]\s*")


def menu_line(line: str) -> bool:
    """A line of links joined by separators ("Wolipop · Fashion · Photos · Beauty · …",
    "REGISTER | SIGN IN | NEWSLETTERS"): five or more parts, nearly all of them of at most
    four words, and no sentence at its end."""
    parts = [p for p in _MENU_SEPARATOR.split(line) if p.strip()]
    if len(parts) < MENU_MIN_PARTS or sentences.ends_sentence(line):
        return False
    short = sum(1 for p in parts if len(p.split()) <= 4)
    return short >= 0.8 * len(parts)


class _Page:
    """Per-line facts for one page, computed once."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.counts = Counter(_fold(line) for line in lines)
        self._dates: dict[int, dates.DateSpan | None] = {}

    def text(self, i: int) -> str:
        return self.lines[i]

    def words(self, i: int) -> int:
        return len(self.lines[i].split())

    def furniture(self, i: int) -> bool:
        line = self.lines[i]
        return not noise.has_letters(line) or noise.kind(line) is not None

    def strong(self, i: int) -> bool:
        line = self.lines[i]
        if self.furniture(i) or noise.is_cut(line) or noise.bullet_item(line) is not None:
            return False
        if _EXPLICIT_HEADING.match(line) or menu_line(line):
            return False
        n = self.words(i)
        if n >= STRONG_ANY_WORDS:
            return True
        if title_case(line):
            return False  # a headline, whatever its last character
        if n < STRONG_MIN_WORDS or not sentences.ends_sentence(line):
            return False
        # "Apa Saja yang Berubah?" is a headline, not running text.
        if line.rstrip(sentences.CLOSERS)[-1:] in "?!" and n < 15 and sentences.count(line) < 2:
            return False
        return True

    def date(self, i: int) -> dates.DateSpan | None:
        if i not in self._dates:
            line = self.lines[i]
            self._dates[i] = dates.find(line) if _YEARISH.search(line) else None
        return self._dates[i]

    def dateline(self, i: int) -> bool:
        """A line that is a date, possibly with a byline: "By X, Jumat, 2 Februari 2024"."""
        span = self.date(i)
        if span is None or self.strong(i):
            return False
        rest = dates.remainder(self.lines[i], span)
        return len(rest.split()) <= NAME_MAX_WORDS + 2 and not sentences.ends_sentence(rest)

    def dated_label(self, i: int) -> bool:
        """A teaser's date line in a news list ("Techno17 Desember 2025, 19:17 WIB")."""
        span = self.date(i)
        if span is None:
            return False
        return len(dates.remainder(self.lines[i], span).split()) <= 3

    def relative_date(self, i: int) -> bool:
        """A line that only says how long ago the article appeared ("1 day ago", "3 jam lalu")."""
        return bool(data.phrases().relative_date.match(self.lines[i]))

    def dated_byline(self, i: int) -> bool:
        """A byline that carries the date, whatever else it lists ("By TPN, in News, Business
        · 31 Jan 2025, 20:02 · 0 Comments")."""
        line = self.lines[i]
        return (self.date(i) is not None and not self.strong(i)
                and bool(data.phrases().byline.match(line)) and self.words(i) <= TITLE_WORDS[1])

    def byline(self, i: int) -> str | None:
        """The name of a "By …" / "Oleh: …" line, or None."""
        line = self.lines[i]
        match = data.phrases().byline.match(line)
        if not match or self.strong(i):
            return None
        name = byline_name(match.group("name"))
        return name if looks_like_name(name) else None

    def repeated(self, i: int) -> bool:
        return self.counts[_fold(self.lines[i])] > 1


def byline_name(text: str) -> str:
    """The name part of a byline: "Wahyunanda K. Pertiwi | Editor Reza" -> "Wahyunanda K. Pertiwi"."""
    return re.split(r"\s+[|•·/]\s+|\s+[-–—]\s+", text.strip(), maxsplit=1)[0].strip(" ,|-–—:")


def looks_like_name(text: str) -> bool:
    """One or more personal names (or an outlet domain): "Rahmat Jiwandono", "Tek ID"."""
    tokens = [t.strip(",") for t in text.split()]
    tokens = [t for t in tokens if t]
    while tokens and _DOMAIN.match(tokens[-1]):
        tokens.pop()
    if not tokens or len(tokens) > NAME_MAX_WORDS or len(text) > 60:
        return False
    if any(ch.isdigit() for ch in text) or sentences.ends_sentence(text):
        return False
    particles = data.phrases().particles
    return all(t[0].isupper() or t.casefold() in particles for t in tokens) and tokens[0][0].isupper()


def split_outlet(name: str) -> tuple[str, str]:
    """"Dinda Rachmawati Suara.Com" -> ("Dinda Rachmawati", "Suara.Com")."""
    tokens = name.split()
    outlet = []
    while tokens and _DOMAIN.match(tokens[-1].strip(",")):
        outlet.insert(0, tokens.pop().strip(","))
    return " ".join(tokens).strip(" ,|-–—"), " ".join(outlet)


def _content_words(text: str) -> list[str]:
    """The words of a line that carry meaning (four letters or more), folded."""
    return [w for w in re.findall(r"\w+", text.casefold()) if len(w) >= 4 and not w.isdigit()]


def title_case(text: str) -> bool:
    """A headline in Title Case ("Home Depot Stock Is Falling After Its Earnings Release. Why
    You Shouldn't Worry."): at least TITLE_CASE_MIN_WORDS words of four letters or more, all
    but one in ten capitalised, at most TITLE_WORDS[1] words.  Running text never looks so."""
    if len(text.split()) > TITLE_WORDS[1]:
        return False
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) >= 4]
    if len(long_words) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(1 for w in long_words if w[0].isupper()) >= 0.9 * len(long_words)


_RUBRIC = re.compile(r"^(?P<rubric>[^\W\d_]{2,12}):\s+(?P<rest>\S.*)$")


def rubric_title(text: str) -> bool:
    """A headline under an upper-case rubric ("FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun,
    Masih Cantik?", "VIDEO: …"), which caption patterns ("Foto: Antara") would otherwise drop:
    the rubric in capitals and a title-shaped rest of at least four words."""
    match = _RUBRIC.match(text)
    if not match or not match.group("rubric").isupper():
        return False
    rest = match.group("rest")
    return len(rest.split()) >= 4 and _title_like(rest)


def _title_like(text: str) -> bool:
    n = len(text.split())
    if not TITLE_WORDS[0] <= n <= TITLE_WORDS[1] or not 15 <= len(text) <= 250:
        return False
    if re.search(r"[:;,]$", text) or text.endswith(".") and not (
            text.endswith("...") or title_case(text)):
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or first in "\"“‘'«"


def _heading_like(text: str) -> bool:
    n = len(text.split())
    if not 1 <= n <= HEADING_MAX_WORDS or len(text) > HEADING_MAX_CHARS:
        return False
    if re.search(r"[.:;,]$", text):
        return False
    first = text[0]
    return (first.isupper() or first.isdigit() or first in "\"“‘'«") and noise.has_letters(text)


def _sentence_item(item: str) -> bool:
    return len(item.split()) >= ITEM_MIN_WORDS and (
        sentences.ends_sentence(item) or len(item.split()) >= 12)


def _question_heading(text: str) -> bool:
    """A short question or exclamation standing alone: "Wat willen de bonden?"."""
    n = len(text.split())
    return (2 <= n <= 10 and text[-1:] in "?!" and text[0] not in "\"“‘'«"
            and sentences.count(text) == 1 and _heading_like(text.rstrip("?!") or text))


def _paragraph_like(text: str) -> bool:
    n = len(text.split())
    return (n >= 3 and sentences.ends_sentence(text)) or n > HEADING_MAX_WORDS


class _Header:
    """Title, dateline and byline positions and values."""

    def __init__(self, page: _Page):
        self.page = page
        self.title_i: int | None = None
        self.date_i: int | None = None
        self.name_i: int | None = None
        self.byline_i: int | None = None
        self.author = ""
        self.outlets: list[tuple[str, str]] = []

    def _skippable(self, i: int) -> bool:
        p = self.page
        return p.furniture(i) or p.byline(i) is not None or p.dateline(i) or p.relative_date(i)

    def find_title(self, anchor: int) -> tuple[int | None, int | None]:
        """Title above ``anchor`` and the name line skipped on the way (if any)."""
        p, skipped, first = self.page, None, True
        i = anchor - 1
        while i >= 0:
            text = p.text(i)
            if first and rubric_title(text):
                return i, skipped
            if self._skippable(i):
                i -= 1
                continue
            if first and looks_like_name(text) and noise.bullet_item(text) is None:
                skipped, first = i, False
                i -= 1
                continue
            first = False
            if _title_like(text) and noise.bullet_item(text) is None and not p.strong(i):
                return i, skipped
            break
        if skipped is not None and _title_like(p.text(skipped)):
            return skipped, None
        return None, skipped

    def _name_line(self, k: int) -> bool:
        """An author's name standing alone ("Duncan Walker"): two to six name-shaped words, not
        furniture (a one-word menu item such as "Subscribe" is no name), not inside a menu."""
        p = self.page
        if not (2 <= p.words(k) <= NAME_MAX_WORDS and not p.furniture(k)
                and looks_like_name(p.text(k))):
            return False
        # Between two other short labels it is a menu item ("Weekly Edition").
        return not all(0 <= j < len(p.lines) and self._label(j) for j in (k - 1, k + 1))

    def _label(self, j: int) -> bool:
        """A short line that is neither furniture nor part of a header (a menu item)."""
        p = self.page
        return (p.words(j) <= 4 and not self._skippable(j) and not p.strong(j)
                and not sentences.ends_sentence(p.text(j)))

    def in_related_list(self, i: int) -> bool:
        """Line ``i`` is one of the headlines under a cut marker ("Berita Terkait", "Related
        articles"): only title-shaped or skippable lines lie between them."""
        p, headlines = self.page, 0
        for k in range(i - 1, max(-1, i - RELATED_LIST_LINES - 1), -1):
            if noise.is_cut(p.text(k)):
                return headlines > 0  # a list: a menu's "Latest" right above is not enough
            if not (self._skippable(k) or _title_like(p.text(k))) or p.strong(k) or p.dateline(k):
                return False
            headlines += not self._skippable(k)
        return False

    def title_below(self, dateline: int, first: int) -> int | None:
        """A headline printed right under its dateline ("06 February 2026" above "Universities
        in exile: …"): the next line that is not furniture, if it is title-shaped and comes
        before the first paragraph."""
        p = self.page
        for k in range(dateline + 1, min(first, dateline + 1 + DATE_ABOVE_TITLE_LINES)):
            if self._skippable(k) or looks_like_name(p.text(k)) and p.words(k) <= 2:
                continue  # "FotoBisnis", a rubric label
            if (_title_like(p.text(k)) and not p.strong(k) and noise.bullet_item(p.text(k)) is None
                    and not self.in_related_list(k)):
                return k
            return None
        return None

    def title_score(self, i: int, anchor: int, body: Counter) -> float:
        """How much line ``i`` (above ``anchor``, the article's first line) looks like the
        headline: its shape, a byline or dateline right below it, few content lines between
        it and the text, its words in the first paragraphs, and its repetition on the page
        (share widgets and captions repeat the headline; menus do not contain it)."""
        p = self.page
        text = p.text(i)
        question = text.endswith("?") and sentences.count(text) == 1
        if (not _title_like(text) or p.strong(i) and not question
                or self._skippable(i) and not rubric_title(text)
                or noise.is_cut(text) or noise.bullet_item(text) is not None
                or sentences.ends_sentence(text) and not question and not title_case(text)):
            return float("-inf")
        words = _content_words(text)
        if len(words) < 2 or self.in_related_list(i):
            return float("-inf")
        score = sum(1 for w in words if body[w]) / len(words) * 4
        score += 1.0 if 5 <= len(text.split()) <= 25 else 0.0
        header = [k for k in range(i + 1, min(i + 4, anchor + 1))
                  if p.byline(k) is not None or p.dateline(k) or p.relative_date(k)
                  or p.dated_byline(k) or self._name_line(k)]
        # Lines between the headline and the text count against it; with its byline or
        # dateline right below, only those up to that line (a video box may follow it).
        end = header[0] if header else anchor
        between = [k for k in range(i + 1, end) if not self._skippable(k)]
        score -= 0.5 * len(between)
        if header:
            score += 3.0
        elif any(p.dateline(k) for k in range(max(0, i - 2), i)):
            score += 2.0  # "06 February 2026" printed right above the headline
        if all(0 <= k < len(p.lines) and _title_like(p.text(k)) and not self._skippable(k)
               for k in (i - 1, i + 1)):
            score -= 1.5  # one of a list of headlines (teasers), not the article's own
        folded = _fold(text)
        if sum(1 for line in p.lines if folded in _fold(line)) > 1:
            score += 1.0
        if "|" in text or text.isupper():
            score -= 2.0
        if len(text.split()) <= 4 and looks_like_name(text):
            score -= 2.0  # "Amy Gibbons Political Correspondent": a byline without "By"
        return score

    def best_title(self, anchor: int, lo: int, body: Counter) -> tuple[int | None, float]:
        scored = [(self.title_score(i, anchor, body), -i) for i in range(lo, anchor)]
        scored = [(s, i) for s, i in scored if s != float("-inf")]
        if not scored:
            return None, float("-inf")
        s, i = max(scored)
        return -i, s

    def headline_above(self, i: int, anchor: int, lo: int, body: Counter) -> int:
        """A headline above a standfirst: both are title-shaped, the headline is shorter."""
        above = next((k for k in range(i - 1, lo - 1, -1) if not self._skippable(k)), None)
        if (above is not None and self.title_score(above, anchor, body) > 0
                and STANDFIRST_MIN_WORDS <= self.page.words(i)
                and TITLE_WORDS[0] < self.page.words(above) < self.page.words(i)):
            return above
        return i

    def locate(self, strong: list[int], lo: int = 0) -> None:
        p = self.page
        # The header ends before the second paragraph (with a single one, just after it).
        limit = strong[1] if len(strong) > 1 else min(len(p.lines), strong[0] + RESUME_LINES)
        candidates = [i for i in range(lo, limit) if p.dateline(i)]
        for c in candidates:
            title, name = self.find_title(c)
            if title is None:
                title = self.title_below(c, strong[0])
            if title is not None:
                self.date_i, self.title_i, self.name_i = c, title, name
                break
        else:
            self.date_i = candidates[0] if candidates else None
            bylines = [i for i in range(limit) if p.byline(i) is not None]
            anchor = bylines[0] if bylines else strong[0]
            if self.date_i is not None and self.date_i < anchor and not bylines:
                anchor = strong[0]
            self.title_i, name = self.find_title(anchor)
            # A name-shaped line counts as the author only next to a dateline or byline.
            self.name_i = name if bylines or self.date_i is not None else None
        self._author(limit)
        anchor = strong[0]
        body = Counter(w for k in strong[:3] for w in _content_words(p.text(k)))
        best, best_score = self.best_title(min(anchor, limit), lo, body)
        current = (self.title_score(self.title_i, anchor, body)
                   if self.title_i is not None else float("-inf"))
        if best is not None:
            best = self.headline_above(best, min(anchor, limit), lo, body)
        if best is not None and best != self.title_i:
            if best_score >= current + TITLE_MARGIN:
                self.title_i = best
        self._date_near_title()

    def dated_line(self, end: int) -> int | None:
        """The line that gives the article's date: the header's dateline; without one, a date
        under the title further down (a dateline within DATE_LATE_LINES lines, or anywhere
        before ``end`` a byline with the date or a line that says it: "Published on 12 March
        2024", "Diperbarui: Rabu, 22 Oktober 2025").  Only the date is taken from such a line;
        the body still starts after the header."""
        if self.date_i is not None:
            return self.date_i
        p = self.page
        start = self.title_i + 1 if self.title_i is not None else 0
        words = data.phrases().dateline_words
        for k in range(start, min(end, len(p.lines))):
            if p.date(k) is None or p.strong(k):
                continue
            first = p.text(k).split()[0].strip(":").casefold()
            if (p.dated_byline(k) or p.dateline(k) and (
                    k - start < DATE_LATE_LINES or first in words)):
                return k
        return None

    def _date_near_title(self) -> None:
        """A dateline far above the title (a menu's "today" date, an edition's date) gives way
        to a date in the lines under the title, before the body: a dateline, or a byline
        carrying the date ("By TPN, in News, Business · 31 Jan 2025, 20:02 · 0 Comments")."""
        p, t = self.page, self.title_i
        if t is None or self.date_i is not None and self.date_i >= t - DATE_ABOVE_TITLE_LINES:
            return
        for k in range(t + 1, min(t + 1 + DATE_BELOW_TITLE_LINES, len(p.lines))):
            if p.dateline(k) or p.dated_byline(k):
                self.date_i = k
                return

    def _author(self, limit: int) -> None:
        p = self.page
        name = ""
        if self.date_i is not None:
            span = p.date(self.date_i)
            rest = dates.remainder(p.text(self.date_i), span) if span else ""
            match = data.phrases().byline.match(rest)
            if match:
                name = byline_name(match.group("name"))
            elif rest and looks_like_name(rest):
                name = rest
        if not name:
            start = self.title_i + 1 if self.title_i is not None else 0
            for i in range(start, limit):
                if p.byline(i) is not None:
                    name, self.byline_i = p.byline(i), i
                    break
        if not name and self.name_i is not None:
            name = p.text(self.name_i)
        author, outlet = split_outlet(name)
        self.author = author
        if outlet:
            self.outlets.append(("byline-domain", outlet))
        if author:
            self.outlets.append(("byline-author", author))  # "Oleh: Tek ID": checked later

    def last(self) -> int:
        found = [i for i in (self.title_i, self.date_i, self.name_i, self.byline_i) if i is not None]
        return max(found) if found else -1


def analyse(text: str, hints: Hints | None = None, lang: str = "en") -> Parsed:
    """Find the parts of the article in normalised text (see the module docstring).

    ``lang`` (the page's language, as far as it is known) chooses the stop list of the
    running-text region (:func:`.textclass.main_region`).  Raises IngestError (without a
    file name; the caller adds it) when the text has no running text at all.
    """
    hints = hints or Hints()
    page = _Page(_prepare(text))
    n = len(page.lines)
    strong = [i for i in range(n) if page.strong(i)]
    if not strong:
        raise IngestError("not an article: no paragraph of running text (sentences) found")
    region = textclass.main_region(page.lines, [page.strong(i) for i in range(n)], lang)
    begin, end = 0, n
    if region is not None:
        inside = [i for i in strong if region[0] <= i <= region[1]]
        if inside:
            strong = inside
            begin, end = region[0], region[1] + 1
    header = _Header(page)
    header.locate(strong, max(0, strong[0] - HEADER_LINES))
    title = page.text(header.title_i) if header.title_i is not None else ""
    title = _GLUED_BYLINE.sub("", title)
    if hints.title:
        title = hints.title
    title = title.removeprefix("# ").strip()

    # The first content line after the header.
    start = max(header.last() + 1, begin)

    def content(i: int) -> bool:
        if page.furniture(i) or noise.repeats_title(page.text(i), title):
            return False
        item = noise.bullet_item(page.text(i))
        return page.strong(i) or (item is not None and _sentence_item(item))

    body_start = next((i for i in range(start, end) if content(i)), None)
    if body_start is None:
        body_start = next((i for i in range(n) if content(i)), strong[0])

    # Standfirst between the title and the byline/dateline.
    standfirst = ""
    anchors = [i for i in (header.date_i, header.byline_i, header.name_i) if i is not None]
    if header.title_i is not None and anchors:
        for i in range(header.title_i + 1, min(anchors)):
            if page.strong(i):
                standfirst = page.text(i)
                break

    blocks, lead_caption = _body(page, body_start, title, end)
    if standfirst and not any(b.kind == "p" and b.text == standfirst for b in blocks):
        blocks.insert(0, Block("p", standfirst))

    outlets = list(header.outlets)
    blocks, lead_outlet = _strip_lead_dateline(blocks)
    if lead_outlet:
        outlets.insert(0, ("lead", lead_outlet))
    if standfirst:
        standfirst = next((b.text for b in blocks if b.kind == "p"), standfirst)

    summary, summary_kind = _summary(blocks, standfirst, lead_caption)
    return Parsed(
        title=title,
        author=header.author or hints.author,
        dateline=page.date(dated) if (dated := header.dated_line(end)) is not None else None,
        blocks=tuple(blocks),
        summary=summary,
        summary_kind=summary_kind,
        outlet_hints=tuple(outlets),
        hints=hints,
    )


def _body(page: _Page, start: int, title: str, end: int) -> tuple[list[Block], bool]:
    """Blocks from ``start`` to the end of the article; and whether the first paragraph is
    followed directly by a dropped caption (a lead set off by the picture)."""
    blocks: list[Block] = []
    items: list[str] = []
    seen: set[str] = set()
    paragraphs = 0
    lead_caption = False
    last_kept = None

    def flush():
        if items:
            blocks.append(Block("ul", items=tuple(items)))
            items.clear()

    def text_follows(i: int) -> bool:
        """Running text resumes right after line ``i`` (an inline box, not the end)."""
        return any(page.strong(k) for k in range(i + 1, min(i + 1 + RESUME_LINES, end)))

    for i in range(start, end):
        line = page.text(i)
        if paragraphs and noise.is_cut(line) and not text_follows(i):
            break
        dropped_caption = page.furniture(i) or noise.repeats_title(line, title)
        if dropped_caption:
            if paragraphs == 1 and last_kept == i - 1 and len(blocks) == 1:
                lead_caption = noise.kind(line) == "caption" or noise.repeats_title(line, title)
            continue
        item = noise.bullet_item(line)
        if item is not None:
            if _sentence_item(item) and _fold(item) not in seen:
                seen.add(_fold(item))
                items.append(noise.strip_inline_promo(item))
                last_kept = i
            continue
        flush()
        explicit = _EXPLICIT_HEADING.match(line)
        if explicit:
            blocks.append(Block("h", explicit.group("text").strip(" #")))
            last_kept = i
            continue
        if paragraphs and page.dated_label(i) and not page.strong(i) and not text_follows(i):
            break  # a list of other articles, each with its date
        if page.repeated(i) and not page.strong(i):
            continue
        if _question_heading(line):
            blocks.append(Block("h", line))
            last_kept = i
        elif _paragraph_like(line):
            text = noise.strip_inline_promo(line)
            if _fold(text) in seen or not text:
                continue
            seen.add(_fold(text))
            blocks.append(Block("p", text))
            paragraphs += 1
            last_kept = i
        elif _heading_like(line):
            blocks.append(Block("h", line))
            last_kept = i
    flush()
    return _clean_blocks(blocks), lead_caption


def _clean_blocks(blocks: list[Block]) -> list[Block]:
    """Drop headings not followed by content, and a teaser list at the end."""
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        if block.kind == "h" and (i + 1 >= len(blocks) or blocks[i + 1].kind == "h"):
            continue
        kept.append(block)
    k, pairs = len(kept), 0
    while (k >= 2 and kept[k - 2].kind == "h" and kept[k - 1].kind == "p"
           and len(kept[k - 1].text.split()) < TEASER_MAX_WORDS):
        pairs += 1
        k -= 2
    if pairs >= 2:
        kept = kept[:k]
    return kept


def _strip_lead_dateline(blocks: list[Block]) -> tuple[list[Block], str]:
    """Remove "Suara.com - " / "JAKARTA, KOMPAS.com - " from the first paragraph."""
    for index, block in enumerate(blocks):
        if block.kind != "p":
            continue
        for pattern in data.phrases().lead:
            match = pattern.match(block.text)
            if match and len(block.text) > match.end():
                rest = block.text[match.end():]
                outlet = (match.groupdict().get("outlet") or "").strip()
                blocks = [*blocks[:index], Block("p", rest), *blocks[index + 1:]]
                return blocks, outlet
        break
    return blocks, ""


def _summary(blocks: list[Block], standfirst: str, lead_caption: bool) -> tuple[str, str]:
    first_p = next((i for i, b in enumerate(blocks) if b.kind == "p"), None)
    first_ul = next((i for i, b in enumerate(blocks) if b.kind == "ul"), None)
    if first_ul is not None and (first_p is None or first_ul < first_p):
        return " ".join(blocks[first_ul].items), "key points"
    if standfirst:
        return standfirst, "standfirst"
    if first_p is None:
        return "", "first sentences"
    paragraphs = [b for b in blocks if b.kind == "p"]
    if lead_caption and len(paragraphs) > 1:
        return paragraphs[0].text, "standfirst"
    return sentences.first(paragraphs[0].text), "first sentences"


def from_extracted(text: str, hints: Hints) -> Parsed:
    """The parts of an article whose main text an extractor already found (a saved page).

    trafilatura has chosen the article's text and its metadata gives title, author and date
    (``hints``), so nothing is cut by position: every line is kept except the furniture of
    :mod:`.noise` (promos, badges, captions, lines without letters), the title repeated, a
    dateline or byline before the first paragraph, repeated lines, and everything from a cut
    marker on ("Related articles", once a paragraph has been seen).
    """
    page = _Page(_prepare(text))
    title = hints.title.removeprefix("# ").strip()
    if not title:
        first = next((i for i in range(len(page.lines)) if page.strong(i)), len(page.lines))
        title = next((page.text(i) for i in range(first)
                      if _title_like(page.text(i)) and not page.furniture(i)), "")
    blocks: list[Block] = []
    items: list[str] = []
    seen: set[str] = set()
    paragraphs = 0
    author = ""

    def flush():
        if items:
            blocks.append(Block("ul", items=tuple(items)))
            items.clear()

    for i, line in enumerate(page.lines):
        explicit = _EXPLICIT_HEADING.match(line)
        plain = explicit.group("text").strip(" #") if explicit else line
        if paragraphs and noise.is_cut(plain):
            break
        if page.furniture(i) or noise.repeats_title(plain, title) or _fold(plain) in seen:
            continue
        item = noise.bullet_item(line)
        if item is not None:
            if not noise.kind(item) and noise.has_letters(item):
                seen.add(_fold(line))
                items.append(noise.strip_inline_promo(item))
            continue
        flush()
        if not paragraphs and not explicit:
            name = page.byline(i)
            if name is not None:
                author = author or name
                continue
            if page.dateline(i):
                continue
        seen.add(_fold(plain))
        if explicit:
            blocks.append(Block("h", plain))
            continue
        text = noise.strip_inline_promo(line)
        if text:
            blocks.append(Block("p", text))
            paragraphs += 1
    flush()
    kept = [b for k, b in enumerate(blocks)
            if b.kind != "h" or (k + 1 < len(blocks) and blocks[k + 1].kind != "h")]
    kept, lead_outlet = _strip_lead_dateline(kept)
    author_name, outlet = split_outlet(author)
    outlets = [("lead", lead_outlet)] if lead_outlet else []
    if outlet:
        outlets.append(("byline-domain", outlet))
    summary, summary_kind = _summary(kept, "", False)
    return Parsed(
        title=title,
        author=hints.author or author_name,
        dateline=None,
        blocks=tuple(kept),
        summary=summary,
        summary_kind=summary_kind,
        outlet_hints=tuple(outlets),
        hints=hints,
    )
