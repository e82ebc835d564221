"""The one schema of Layar's front-matter (articles, topics and pages) and media sidecars.

Every field is declared once here with its type, whether it is required, whether it is
translatable (a gettext unit of the content catalogs), and a line of help.  The checks,
the reader, the catalog extractor and the editors' documentation (``invoke docs``) all read
these declarations; nothing else knows the field list.

Topic facts depend on the topic's kind; kinds are data (the ``LAYAR_TOPIC_KINDS`` setting),
each with its own fact fields declared in the same vocabulary of types.
"""
from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .frontmatter import Document
from .languages import LANGUAGES

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
AMBIGUOUS_DATE_RE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")
PARTIAL_DATE_RE = re.compile(r"^\d{4}(?:-\d{1,2})?$")
DATETIME_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})?$", re.ASCII
)


@dataclass(frozen=True)
class Field:
    """One front-matter key."""

    name: str
    type: str
    required: bool = False
    translatable: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class When:
    """A publication date: a zone-aware datetime, or a date when the source gives no time."""

    value: dt.datetime | dt.date

    @property
    def has_time(self) -> bool:
        return isinstance(self.value, dt.datetime)

    @property
    def sort_key(self) -> dt.datetime:
        if isinstance(self.value, dt.datetime):
            return self.value
        return dt.datetime.combine(self.value, dt.time(), tzinfo=dt.timezone.utc)

    @property
    def date(self) -> dt.date:
        return self.value.date() if isinstance(self.value, dt.datetime) else self.value

    def isoformat(self) -> str:
        return self.value.isoformat()


ARTICLE_FIELDS: tuple[Field, ...] = (
    Field("title", "text", required=True, translatable=True, help="The headline, as published."),
    Field("slug", "slug", help="URL name: lowercase ASCII words joined by '-'. Derived from the title when absent."),
    Field("lang", "lang", required=True, help="Original language of the article: id, nl or en."),
    Field("date", "when", required=True,
          help="Publication date: 2025-10-22T14:00:00+07:00 (with the zone offset), or 2025-10-22 when the source gives no time."),
    Field("author", "text", help="Byline as printed; empty when the source names nobody."),
    Field("publisher", "text", required=True, help="The outlet that published the article, e.g. Tek ID."),
    Field("summary", "text", translatable=True, help="The article's standfirst, lead or key points."),
    Field("topics", "topics", help="Topic ids grouped by kind, e.g. {tools: [sora-2]}; ids must exist in content/topics/."),
    Field("source", "source", help="The seed this article was ingested from: {file: seeds/…, sha256: …}."),
    Field("review", "texts", help="What the ingest could not establish; editors resolve and empty it."),
    Field("url", "https", help="The original article's address (https://…), as its publisher gives it (the page's canonical URL; the ingest fills it in from a saved page's canonical link)."),
    Field("notes", "texts", translatable=True,
          help="Editor's notes shown on the page, one text each, in the article's language: where the original is wrong, what it says and what is correct."),
    Field("image", "image", help="Lead image: a file in content/media/, relative to this file, e.g. ../media/picket.jpg (shown at the top, in lists and in link previews)."),
    Field("supplied", "supplied", translatable=True,
          help="What the original does not print and an editor established, shown to readers "
               "under the byline: for each of title, date, author, publisher or url, one "
               "sentence in the article's language saying what was supplied and how, e.g. "
               "{date: 'The original gives 14:00 without a time zone; WIB (UTC+7) was assumed.'}."),
    Field("status", "status", choices=("draft", "published"),
          help="'published' (the default) or 'draft': a draft is never in a build's output. "
               "An article dated after the build's time is scheduled: left out until then."),
)

TOPIC_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", required=True, help="Stable ASCII id shared by all languages; equals the file name."),
    Field("kind", "kind", required=True, help="The topic's kind; equals the folder name (strikes, tools, …)."),
    Field("name", "text", required=True, translatable=True, help="Display name in English."),
    Field("summary", "text", required=True, translatable=True, help="One English sentence for the hub page."),
    Field("aliases", "aliases", help="Per language, the words by which articles name the topic."),
    Field("facts", "facts", help="Structured facts; the fields depend on the kind (see below)."),
    Field("related", "ids", help="Explicitly related topic ids."),
    Field("image", "image", help="Lead image: a file in content/media/, relative to this file, e.g. ../../media/picket.jpg (shown at the top, in lists and in link previews)."),
    Field("sources", "citations",
          help="The outside sources of what the topic states beyond its articles (a date, a "
               "role, a succession, a remark): each a published report with its title, "
               "publisher, date and https:// address as found, and in 'for' the facts (by "
               "name) or the words of the body it confirms. The page lists them under "
               "Sources, numbered, and marks each fact and paragraph with its numbers."),
    Field("status", "status", choices=("draft", "published"),
          help="'published' (the default) or 'draft': a draft topic has no page, and "
               "articles' mentions of it are not linked."),
)

#: The schema.org types a page may declare (``schema``): WebPage and its kinds of page.
PAGE_SCHEMAS = ("WebPage", "AboutPage", "ContactPage", "FAQPage", "ProfilePage",
                "CollectionPage")

PAGE_FIELDS: tuple[Field, ...] = (
    Field("title", "text", required=True, translatable=True, help="Page title (English source)."),
    Field("slug", "slug", required=True, help="URL name of the page; 'home' is the language's home page."),
    Field("lang", "lang", help="Source language of the page text (default en)."),
    Field("summary", "text", translatable=True, help="One or two sentences for search results and previews."),
    Field("image", "image", help="Lead image: a file in content/media/, relative to this file, e.g. ../media/picket.jpg (shown at the top, in lists and in link previews)."),
    Field("status", "status", choices=("draft", "published"),
          help="'published' (the default) or 'draft': a draft page is never in a build's output."),
    Field("schema", "status", choices=PAGE_SCHEMAS,
          help="The schema.org type of the page in its structured data, when more precise than "
               "'WebPage' (the default), e.g. 'AboutPage' for the about page."),
)

#: The sidecar ``content/media/<name>.yaml`` of an image ``content/media/<name>.jpg``: what
#: is said about the picture once, for every page that shows it.
MEDIA_FIELDS: tuple[Field, ...] = (
    Field("file", "file",
          help="The picture this sidecar describes, by its file name in content/media/ (e.g. "
               "picket.jpg; the web editor writes it). Without it, the sidecar describes the "
               "picture of its own name: picket.yaml describes picket.jpg."),
    Field("alt", "text", translatable=True,
          help="What the picture shows, for readers who cannot see it (required unless decorative). Not the file name; a non-empty alt in the Markdown brackets overrides it for that use."),
    Field("decorative", "flag", help="true when the picture adds nothing a reader would miss: it is then shown with an empty alt."),
    Field("caption", "text", translatable=True, help="The caption under a figure."),
    Field("credit", "text", required=True, help="Who made or owns the picture, e.g. 'Photo: Jane Doe / Reuters'."),
    Field("license", "text", required=True, help="Its licence, e.g. 'CC BY 4.0' or 'All rights reserved, used with permission'."),
    Field("source", "url", help="Where the picture comes from (an https:// address)."),
)

#: The placeholder texts `invoke new` writes: a file that still holds one is unfinished,
#: and the check reports it (an error) until the editor replaces it.
PLACEHOLDER_BODIES = {
    "article": "Write the article here, one paragraph per line, with a blank line between paragraphs.",
    "topic": "Write one to three short paragraphs of neutral English explainer text here.",
}
PLACEHOLDER_SUMMARY = "One English sentence that says what {name} is."

#: What the body of each kind of file holds (the web editor shows it under the body).
BODY_HELP = {
    "article": "The article's text as published, in its own language: one paragraph per line, "
               "a blank line between paragraphs, headings from ## on. A picture is "
               "![](../media/<name>.jpg) alone in its paragraph.",
    "topic": "One to three short paragraphs of neutral English explainer text.",
    "page": "The page's text in English: one paragraph per line, headings from ## on.",
}

FIELDS = {"article": ARTICLE_FIELDS, "topic": TOPIC_FIELDS, "page": PAGE_FIELDS,
          "media": MEDIA_FIELDS}

#: Image files ``content/media/`` accepts (the extension, and the format it must hold).
IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
#: Decompression bombs: limits checked before an image is decoded.
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
EXTERNAL_IMAGE_HINT = ("the site's policy (img-src 'self') would block it: save the file, "
                       "add it with `invoke new image --path FILE` (it goes to content/media/ with "
                       "a sidecar for its alt, credit and license) and write "
                       "![](../media/<name>.jpg)")

#: What each field type accepts, in editors' words (the generated docs print these).
TYPES: dict[str, str] = {
    "text": "text; quote it if it contains `: ` or ` #` or starts with one of "
            "`[ { & * ! | > ' \" % @`",
    "slug": "lowercase ASCII letters and digits in words joined by `-`, e.g. `sora-2`",
    "lang": "one of " + ", ".join(f"`{lang}`" for lang in LANGUAGES),
    "when": "an ISO 8601 date `2025-10-22`, or a date and time with its zone offset "
            "`2025-10-22T14:00:00+07:00`; never `22/10/2025` or a bare year",
    "kind": "one of the topic kinds (see *Topic facts* below); equals the folder name",
    "topics": "a mapping of topic kind to a list of topic ids, e.g. `{tools: [sora-2]}`",
    "aliases": "a mapping of language to a list of phrases, e.g. `{id: [mogok], en: [strike]}`",
    "facts": "a mapping of fact names to values; the names depend on the kind",
    "ids": "a list of topic ids, e.g. `[openai, sag-aftra]`",
    "texts": "a list of texts",
    "supplied": "a mapping of `title`, `date`, `author`, `publisher` or `url` to one sentence "
                "each, e.g. `{date: 'The original gives no date; …'}`",
    "source": "a mapping `{file: seeds/…, sha256: <64 hex digits>}` written by the ingest",
    "https": "an `https://` address, e.g. `https://www.tek.id/insight/…`",
    "image": "a path to a `.jpg`, `.jpeg`, `.png` or `.webp` file in `content/media/`, relative "
             "to this file, e.g. `../media/picket.jpg`; never an `http(s)://` address",
    "flag": "`true` or `false`",
    "url": "an `https://` or `http://` address",
    "status": "one of the listed values",
    "citations": "a list of sources, each `{title: …, publisher: …, date: 2026-02-03, url: "
                 "https://…}` as the source gives them, with an optional `for: [role, "
                 "'words of the body']` (fact names, or words quoted from the body) and "
                 "`lang` (the source's language, default `en`)",
    "file": "the file name of a picture in `content/media/`, e.g. `picket.jpg` (no folder)",
}

#: What each fact type accepts (``LAYAR_TOPICS_KINDS[kind]["facts"][name]["type"]``).
FACT_TYPE_HELP: dict[str, str] = {
    "text": "text",
    "date": "a date `2023-05-02`",
    "year": "a year `2025` (a number, no quotes)",
    "ids": "a list of topic ids",
    "choice": "one of the listed choices",
}

#: Fact value types allowed in ``LAYAR_TOPIC_KINDS[...]["facts"]``.
FACT_TYPES = ("text", "date", "year", "ids", "choice")


class Collector:
    """Collects problems for one file; ``error``/``warning`` take the key path for the line."""

    def __init__(self, doc: Document, problems: list):
        self.doc = doc
        self.problems = problems

    def error(self, message: str, *key_path: Any, line: int | None = None) -> None:
        self._add("error", message, key_path, line)

    def warning(self, message: str, *key_path: Any, line: int | None = None) -> None:
        self._add("warning", message, key_path, line)

    def _add(self, severity, message, key_path, line):
        from .errors import Problem

        self.problems.append(
            Problem(self.doc.path, line or self.doc.line_of(*key_path), severity, message)
        )


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a YAML date (write it as text)"
    return f"a value of type {type(value).__name__}"


def parse_when(value: Any) -> When:
    """Parse an ISO 8601 date or zone-aware datetime; raise ValueError with a reason."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"'{value}' is only a year; write a full date like {value}-10-22"
                         if 1000 <= value <= 9999 else
                         f"expected an ISO 8601 date like 2025-10-22, got the number {value}")
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date like 2025-10-22, got {_describe(value)}")
    text = value.strip()
    if AMBIGUOUS_DATE_RE.match(text):
        raise ValueError(f"'{text}' is ambiguous (is it day/month or month/day?); "
                         f"write it as YYYY-MM-DD, e.g. 2025-10-22")
    if PARTIAL_DATE_RE.match(text):
        raise ValueError(f"'{text}' is not a full date; write year, month and day: 2025-10-22")
    if DATE_RE.match(text):
        try:
            return When(dt.date.fromisoformat(text))
        except ValueError:
            raise ValueError(f"'{text}' is not a real calendar date") from None
    m = DATETIME_RE.match(text)
    if m:
        try:
            dt.date.fromisoformat(m.group(1))
        except ValueError:
            raise ValueError(f"'{text}' is not a real calendar date") from None
        if not m.group(3):
            raise ValueError(f"'{text}' has a time but no zone offset; add one, e.g. {text}+07:00")
        try:
            return When(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError:
            raise ValueError(f"'{text}' is not a real time of day") from None
    raise ValueError(
        f"'{text}' is not an ISO 8601 date; write 2025-10-22 or 2025-10-22T14:00:00+07:00"
    )


def _check_text(c: Collector, f: Field, value: Any, path: tuple) -> str | None:
    if value is None:
        value = ""
    if not isinstance(value, str):
        c.error(f"'{'.'.join(map(str, path))}' must be text, got {_describe(value)} "
                f"(put it in quotes)", *path)
        return None
    if f.required and not value.strip():
        c.error(f"'{path[-1]}' is required and must not be empty", *path)
        return None
    return value.strip()


def slug_message(name: str) -> str:
    """What the checks say about a malformed slug or id (also the web editor's message)."""
    return (f"'{name}' must be lowercase ASCII words joined by '-' (no '/', '..', '\\', '%' "
            f"or spaces)")


def required_message(f: Field, what: str) -> str:
    """What the checks say about an empty required key (also the web editor's message,
    which shows it under the field); a picture's sidecar says what the key is for."""
    hint = f": {f.help[0].lower()}{f.help[1:]}" if what == "media" and f.help else ""
    return f"'{f.name}' is required and must not be empty{hint}"


def _check_slug(c, f, value, path):
    if not isinstance(value, str) or not SLUG_RE.match(value):
        c.error(f"{slug_message(path[-1])}, got {value!r}", *path)
        return None
    return value


def _check_lang(c, f, value, path):
    if not isinstance(value, str) or value not in LANGUAGES:
        hint = _suggest(value.strip().lower(), LANGUAGES, cutoff=0.5) if isinstance(value, str) else ""
        c.error(f"'{path[-1]}' must be one of {', '.join(LANGUAGES)}, got {value!r}{hint}", *path)
        return None
    return value


def _check_when(c, f, value, path):
    try:
        return parse_when(value)
    except ValueError as exc:
        c.error(f"'{path[-1]}': {exc}", *path)
        return None


def _check_status(c, f, value, path):
    if value not in f.choices:
        c.error(f"'{path[-1]}' must be one of {', '.join(f.choices)}, got {value!r}"
                f"{_suggest(str(value), f.choices)}", *path)
        return None
    return value


#: The shown metadata an editor may have supplied (``supplied``'s keys).
SUPPLIABLE = ("title", "date", "author", "publisher", "url")


def _check_supplied(c, f, value, path):
    if not isinstance(value, dict):
        c.error(f"'{path[-1]}' must be a mapping of {', '.join(SUPPLIABLE)} to one sentence "
                f"each, got {_describe(value)}", *path)
        return None
    out = {}
    meta = c.doc.meta
    for key, note in value.items():
        where = (*path, key)
        if key not in SUPPLIABLE:
            c.error(f"'{path[-1]}.{key}': {key!r} is not shown metadata; use one of "
                    f"{', '.join(SUPPLIABLE)}{_suggest(str(key), SUPPLIABLE)}", *where)
        elif not isinstance(note, str) or not note.strip():
            c.error(f"'{path[-1]}.{key}' must say in one sentence what was supplied and how",
                    *where)
        elif not meta.get(key):
            c.error(f"'{path[-1]}.{key}' explains the {key}, but '{key}' is empty; give "
                    f"'{key}' a value or remove '{path[-1]}.{key}'", *where)
        else:
            out[key] = note.strip()
    return out


#: The keys of one source in a topic's ``sources`` (``CITATION_REQUIRED`` must be there).
CITATION_KEYS = ("title", "publisher", "date", "url", "for", "lang")
CITATION_REQUIRED = ("title", "publisher", "date", "url")
CITATION_HINTS = {
    "title": "the headline as the source prints it",
    "publisher": "the outlet that published it, e.g. Associated Press",
    "date": "the day it was published, e.g. 2026-02-03",
    "url": "its https:// address as found; never a guessed one",
}
LANG_CODE_RE = re.compile(r"^[a-z]{2,3}$")


def _check_citations(c, f, value, path):
    """A topic's ``sources``: a list of published reports, each with what a reader needs to
    find it.  ``for`` is checked against the topic's facts and body in ``validate``."""
    if value is None:
        return []
    if not isinstance(value, list):
        c.error(f"'{path[-1]}' must be a list of sources, each {{title: …, publisher: …, "
                f"date: 2026-02-03, url: https://…}}, got {_describe(value)}", *path)
        return []
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        where = (*path, i)
        label = f"{path[-1]}[{i}]"
        if not isinstance(item, dict):
            c.error(f"'{label}' must be a mapping {{title: …, publisher: …, date: …, url: …}}, "
                    f"got {_describe(item)}", *where)
            continue
        before = len(c.problems)
        for key in item:
            if key not in CITATION_KEYS:
                c.error(f"unknown key '{label}.{key}'{_suggest(str(key), CITATION_KEYS)}; a "
                        f"source has {', '.join(CITATION_KEYS)}", *where, key)
        for key in CITATION_REQUIRED:
            if key not in item:
                c.error(f"'{label}' is missing '{key}': {CITATION_HINTS[key]}", *where)
        cited: dict[str, Any] = {}
        for key in ("title", "publisher"):
            if key in item:
                text = item[key]
                if not isinstance(text, str) or not text.strip():
                    got = ("it is empty" if isinstance(text, str) or text is None
                           else f"got {_describe(text)}")
                    c.error(f"'{label}.{key}' must be text, {CITATION_HINTS[key]}; {got}",
                            *where, key)
                else:
                    cited[key] = " ".join(text.split())
        if "date" in item:
            try:
                when = parse_when(item["date"])
            except ValueError as exc:
                c.error(f"'{label}.date': {exc}", *where, "date")
            else:
                if when.has_time:
                    c.error(f"'{label}.date': give the day only, e.g. "
                            f"{when.date.isoformat()}", *where, "date")
                else:
                    cited["date"] = when.date
        if "url" in item:
            url = item["url"]
            if not isinstance(url, str) or not _is_https(url):
                shown = url if isinstance(url, str) else _describe(url)
                hint = (" (http:// is not accepted: use the https:// address)"
                        if isinstance(url, str) and url.strip().lower().startswith("http://")
                        else "")
                c.error(f"'{label}.url' must be an https:// address, got {shown!r}{hint}",
                        *where, "url")
            else:
                url = url.strip()
                if url in seen:
                    c.error(f"'{label}.url' is also {path[-1]}[{seen[url]}]'s: list each "
                            f"source once, with every fact it confirms in its 'for'",
                            *where, "url")
                else:
                    seen[url] = i
                    cited["url"] = url
        lang = item.get("lang", "en")
        if not isinstance(lang, str) or not LANG_CODE_RE.match(lang):
            c.error(f"'{label}.lang' must be a language code such as en, id or nl, got "
                    f"{lang!r}", *where, "lang")
        cited["lang"] = lang
        targets = item.get("for", [])
        if isinstance(targets, str):
            targets = [targets]
        if not isinstance(targets, list) or not all(
                isinstance(t, str) and t.strip() for t in targets):
            c.error(f"'{label}.for' must be a list of fact names or words of the body, e.g. "
                    f"[role, 'succeed him as CEO']", *where, "for")
            targets = []
        cited["for"] = [" ".join(t.split()) for t in targets]
        if len(c.problems) == before:
            out.append(cited)
    return out


def _is_https(value: str) -> bool:
    from urllib.parse import urlsplit

    text = value.strip()
    parts = urlsplit(text)
    return parts.scheme == "https" and bool(parts.netloc) and not any(
        ch.isspace() for ch in text)


def _check_citation_targets(c: Collector, doc: Document, citations: list[dict[str, Any]],
                            facts: Mapping[str, Any], kind_spec: Mapping[str, Any]) -> None:
    """Each ``for`` of a topic's sources names a fact the topic gives, or quotes words of its
    body, so that a source cannot outlive the statement it confirms unnoticed."""
    declared = fact_fields(kind_spec)
    body = " ".join(doc.body.split())
    raw = doc.meta.get("sources") or []
    for citation in citations:
        i = next(n for n, item in enumerate(raw)
                 if isinstance(item, dict) and isinstance(item.get("url"), str)
                 and item["url"].strip() == citation["url"])
        for j, target in enumerate(citation["for"]):
            if target in declared:
                if target not in facts:
                    c.error(f"'sources[{i}].for' names the fact '{target}', which this topic "
                            f"does not give: add facts.{target} or remove it from 'for'",
                            "sources", i, "for", j)
            elif target not in body:
                given = [name for name in declared if name in facts]
                c.error(f"'sources[{i}].for': {target!r} is neither a fact of this topic "
                        f"({', '.join(given) or 'it gives none'}){_suggest(target, given)} nor "
                        f"words of its body; name a fact, or quote the statement's words as "
                        f"the body writes them", "sources", i, "for", j)


def is_draft(meta: Mapping[str, Any]) -> bool:
    """True for a source whose validated front-matter says ``status: draft``."""
    return meta.get("status", "published") == "draft"


def _check_ids(c, f, value, path):
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        c.error(f"'{path[-1]}' must be a list of ids, got {_describe(value)}", *path)
        return []
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not SLUG_RE.match(item):
            c.error(f"'{path[-1]}' item {item!r} is not a valid id", *path, i)
        elif item in out:
            c.error(f"'{path[-1]}' lists '{item}' twice", *path, i)
        else:
            out.append(item)
    return out


def _check_texts(c, f, value, path):
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        c.error(f"'{path[-1]}' must be a list of texts", *path)
        return []
    return value


def _check_https(c, f, value, path):
    from urllib.parse import urlsplit

    if not isinstance(value, str):
        c.error(f"'{path[-1]}' must be an https:// address, got {_describe(value)}", *path)
        return None
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or not parts.netloc or any(ch.isspace() for ch in value.strip()):
        c.error(f"'{path[-1]}' must be an https:// address, got {value!r}", *path)
        return None
    return value.strip()


def _check_source(c, f, value, path):
    if value is None:
        return None
    if not isinstance(value, dict):
        c.error("'source' must be a mapping {file: …, sha256: …}", *path)
        return None
    _unknown_keys(c, value, ("file", "sha256", "ingest_sha256"), path)
    file = value.get("file")
    if not isinstance(file, str) or not file.startswith("seeds/") or ".." in file:
        c.error("'source.file' must be a path under seeds/", *path, "file")
    for key in ("sha256", "ingest_sha256"):
        if key in value and not (isinstance(value[key], str) and SHA256_RE.match(value[key])):
            c.error(f"'source.{key}' must be 64 lowercase hex digits", *path, key)
    return value


def _check_topics(c, f, value, path, kinds: Mapping[str, Any]):
    if value is None:
        return {}
    if not isinstance(value, dict):
        c.error("'topics' must map kinds to lists of ids, e.g. {tools: [sora-2]}", *path)
        return {}
    out = {}
    for kind, ids in value.items():
        if kind not in kinds:
            c.error(f"unknown topic kind '{kind}'{_suggest(kind, kinds)}; "
                    f"kinds are {', '.join(kinds)}", *path, kind)
            continue
        out[kind] = _check_ids(c, f, ids, path + (kind,))
    return out


def _check_aliases(c, f, value, path):
    if value is None:
        return {}
    if not isinstance(value, dict):
        c.error("'aliases' must map languages to lists, e.g. {id: [mogok]}", *path)
        return {}
    out = {}
    for lang, words in value.items():
        if lang not in LANGUAGES:
            c.error(f"unknown language '{lang}' in aliases; use {', '.join(LANGUAGES)}", *path, lang)
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            c.error(f"aliases.{lang} must be a list of non-empty texts", *path, lang)
            continue
        out[lang] = [w.strip() for w in words]
    return out


def _check_kind(c, f, value, path, kinds):
    if not isinstance(value, str) or value not in kinds:
        c.error(f"unknown kind {value!r}{_suggest(str(value), kinds)}; kinds are {', '.join(kinds)}",
                *path)
        return None
    return value


def fact_fields(kind_spec: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The fact declarations of a kind: name -> {type, label, choices?}."""
    return dict(kind_spec.get("facts", {}))


def _check_facts(c, value, path, kind_spec) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        c.error("'facts' must be a mapping", *path)
        return {}
    decl = fact_fields(kind_spec)
    _unknown_keys(c, value, tuple(decl), path)
    out: dict[str, Any] = {}
    for name, spec in decl.items():
        if name not in value:
            continue
        v = value[name]
        p = path + (name,)
        t = spec["type"]
        if t == "text":
            r = _check_text(c, Field(name, "text"), v, p)
        elif t == "date":
            r = None
            if not (isinstance(v, str) and DATE_RE.match(v)):
                c.error(f"'facts.{name}' must be a date like 2023-05-02, got {v!r}", *p)
            else:
                try:
                    r = dt.date.fromisoformat(v)
                except ValueError:
                    c.error(f"'facts.{name}': '{v}' is not a real calendar date", *p)
        elif t == "year":
            r = v if isinstance(v, int) and not isinstance(v, bool) and 1800 < v < 2200 else None
            if r is None:
                c.error(f"'facts.{name}' must be a year like 2025, got {v!r}", *p)
        elif t == "ids":
            r = _check_ids(c, Field(name, "ids"), v, p)
        elif t == "choice":
            r = v if v in spec.get("choices", ()) else None
            if r is None:
                c.error(f"'facts.{name}' must be one of {', '.join(spec['choices'])}, got {v!r}", *p)
        else:  # pragma: no cover - settings are validated when the plugin starts
            raise AssertionError(t)
        if r is not None and r != "":
            out[name] = r
    return out


def _suggest(word: str, options, cutoff: float = 0.6) -> str:
    match = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=cutoff)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _unknown_keys(c: Collector, data: Mapping, allowed, path=()) -> None:
    for key in data:
        if key not in allowed:
            c.error(f"unknown key '{'.'.join(map(str, path + (key,)))}'{_suggest(key, allowed)}",
                    *path, key)


def _check_image(c, f, value, path):
    if not isinstance(value, str) or not value.strip():
        c.error(f"'{path[-1]}' must be a path to a file in content/media/, e.g. "
                f"../media/picket.jpg, got {_describe(value)}", *path)
        return None
    text = value.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", text):
        c.error(f"'{path[-1]}': {text} is an external image; {EXTERNAL_IMAGE_HINT}", *path)
        return None
    return text


def _check_flag(c, f, value, path):
    if not isinstance(value, bool):
        c.error(f"'{path[-1]}' must be true or false, got {_describe(value)}", *path)
        return None
    return value


def _check_url(c, f, value, path):
    if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+\S*$", value.strip()):
        c.error(f"'{path[-1]}' must be an https:// address, got {value!r}", *path)
        return None
    return value.strip()


def file_problem(name: str, value: Any) -> str | None:
    """Why ``value`` is not the file name of a picture (a sidecar's ``file``), or None."""
    if (not isinstance(value, str) or "/" in value or "\\" in value
            or posixpath.splitext(value)[1].lower() not in IMAGE_FORMATS):
        return (f"'{name}' must be the file name of a picture in content/media/ (.jpg, .jpeg, "
                f".png or .webp, no folder), e.g. picket.jpg, got {value!r}")
    return None


def _check_file(c, f, value, path):
    problem = file_problem(path[-1], value)
    if problem:
        c.error(problem, *path)
        return None
    return value


CHECKERS: dict[str, Callable] = {
    "file": _check_file,
    "image": _check_image,
    "flag": _check_flag,
    "url": _check_url,
    "text": _check_text,
    "slug": _check_slug,
    "lang": _check_lang,
    "when": _check_when,
    "ids": _check_ids,
    "texts": _check_texts,
    "source": _check_source,
    "https": _check_https,
    "aliases": _check_aliases,
    "status": _check_status,
    "supplied": _check_supplied,
    "citations": _check_citations,
}


def validate(doc: Document, what: str, problems: list, kinds: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``doc.meta`` against the fields of ``what`` (article, topic or page).

    Appends every problem found to ``problems`` and returns the normalised values of the
    fields that passed (absent optional fields are left out).
    """
    c = Collector(doc, problems)
    fields = FIELDS[what]
    _unknown_keys(c, doc.meta, tuple(f.name for f in fields))
    out: dict[str, Any] = {}
    for f in fields:
        if f.name not in doc.meta:
            if f.required:
                hint = f": {f.help[0].lower()}{f.help[1:]}" if what == "media" else ""
                c.error(f"missing required key '{f.name}'{hint}", line=1)
            continue
        value = doc.meta[f.name]
        path = (f.name,)
        if f.required and (value is None or (isinstance(value, str) and not value.strip())):
            c.error(required_message(f, what), *path)
            continue
        if f.type == "topics":
            result = _check_topics(c, f, value, path, kinds)
        elif f.type == "kind":
            result = _check_kind(c, f, value, path, kinds)
        elif f.type == "facts":
            continue  # needs the kind: done below
        else:
            result = CHECKERS[f.type](c, f, value, path)
        if result is not None:
            out[f.name] = result
    if what == "media":
        _check_media(c, doc, out)
    if what == "topic" and "facts" in doc.meta and out.get("kind"):
        out["facts"] = _check_facts(c, doc.meta["facts"], ("facts",), kinds[out["kind"]])
    if what == "topic" and out.get("sources") and out.get("kind"):
        _check_citation_targets(c, doc, out["sources"], out.get("facts", {}),
                                kinds[out["kind"]])
    return out


def _check_media(c: Collector, doc: Document, out: dict[str, Any]) -> None:
    """What a sidecar needs besides its fields: an alt unless decorative, and an alt that
    describes the picture rather than naming its file."""
    decorative = out.get("decorative", False)
    alt = out.get("alt", "")
    if decorative:
        if alt:
            c.error("a decorative picture has no alt: remove 'alt', or 'decorative: true' "
                    "if the picture says something", "alt")
        return
    if "alt" not in doc.meta:
        c.error("missing required key 'alt': say what the picture shows (or write "
                "'decorative: true' if it adds nothing a reader would miss)", line=1)
        return
    if not alt:
        if isinstance(doc.meta["alt"], str) or doc.meta["alt"] is None:
            c.error("'alt' is empty: say what the picture shows (or write 'decorative: "
                    "true' if it adds nothing a reader would miss)", "alt")
        return
    stem = doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    names = {stem.casefold()} | {f"{stem}{ext}".casefold() for ext in IMAGE_FORMATS}
    if alt.casefold() in names or alt.casefold().replace(" ", "-") == stem.casefold():
        c.error(f"'alt' is the file name ({alt!r}): say what the picture shows, for a "
                f"reader who cannot see it", "alt")
