"""Shared test helpers: building the real site and the golden fixture site."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden"
SETTINGS = ROOT / "pelicanconf.py"


def build_real_site(output: Path, cache: Path | None = None):
    """Build the repository's site into ``output`` (strict and atomic, as `invoke build`),
    with its build cache in ``cache`` (default: the project's ``.cache/layar``)."""
    from layar_build import build

    overrides = {"LAYAR_CACHE_DIR": str(cache)} if cache else None
    return build(SETTINGS, output, overrides=overrides)


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder ``name`` made by ``make(folder)`` once per test run, shared by the run's
    xdist workers: the first worker that asks makes it under a file lock, the others wait
    for it and read it (nobody writes in it afterwards). Without xdist: once per session.

    The shared place is the run's base temporary folder (each worker's own is a folder in
    it), so two runs never share one; a failed ``make`` leaves nothing, and the next
    worker that asks tries again (and fails the same way)."""
    import fcntl
    import os

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def build_fixture_site(output: Path, workdir: Path | None = None):
    """Build the tiny three-language fixture site into ``output``.

    The fixture has its own content and content catalogs; the theme, plugins, settings and
    interface catalogs are the real ones, so the golden output shows what they produce.
    """
    import tempfile

    from layar_build import build

    work = Path(workdir or tempfile.mkdtemp(prefix="layar-fixture-"))
    shutil.copytree(FIXTURE, work / "site", dirs_exist_ok=True)
    i18n = work / "site" / "i18n"
    for po in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.po"):
        target = i18n / po.relative_to(ROOT / "i18n")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po, target)
    overrides = {
        "PATH": str(work / "site" / "content"),
        "LAYAR_I18N_DIR": str(i18n),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins" / "pelican")],
    }
    return build(SETTINGS, output, overrides=overrides)


class PageFacts(HTMLParser):
    """Collects what the language tests look at: <html lang>, alternates, canonical, switcher."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.alternates: dict[str, str] = {}
        self.canonical = None
        self.switcher: dict[str, str] = {}
        self._in_switch = 0
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "nav":
            self._nav_depth += 1
            if "lang-switch" in (a.get("class") or "").split():
                self._in_switch = self._nav_depth
        elif tag == "a" and self._in_switch and a.get("hreflang"):
            self.switcher[a["hreflang"]] = a["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            if self._in_switch == self._nav_depth:
                self._in_switch = 0
            self._nav_depth -= 1


def page_facts(path: Path) -> PageFacts:
    parser = PageFacts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def url_to_file(output: Path, url: str) -> Path:
    """The file in ``output`` that serves a root-relative URL."""
    from urllib.parse import urlsplit

    rel = urlsplit(url).path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return output / rel


# -- Atom feeds ----------------------------------------------------------------------------
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ATOM_ID = r"^(?:urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+|https?://[^/\s]+/\S*)$"
_ABSOLUTE_URL = r"^https?://[^/\s]+/\S*$"
_RFC3339 = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$"


def atom_problems(path: Path, output: Path | None = None) -> list[str]:
    """What makes the file at ``path`` an invalid Atom 1.0 feed (RFC 4287), parsed with
    xml.etree: feed id/title/updated/author/link rel=self, entry id/title/updated/link, ids
    absolute IRIs or URNs, links absolute, dates RFC 3339, ``updated`` the newest entry's.
    With ``output`` (the site root), the self link must end with the file's own path."""
    import datetime as dt
    import re
    import xml.etree.ElementTree as ET

    problems: list[str] = []
    name = path.as_posix()

    def need(ok: bool, message: str) -> None:
        if not ok:
            problems.append(f"{name}: {message}")

    def moment(text: str) -> dt.datetime:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))

    feed = ET.parse(path).getroot()
    need(feed.tag == f"{ATOM}feed", f"root is {feed.tag}, not atom:feed")
    need(bool(feed.get(XML_LANG)), "feed has no xml:lang")
    for tag in ("id", "title", "updated"):
        need(len(feed.findall(f"{ATOM}{tag}")) == 1, f"feed needs exactly one {tag}")
    need(re.match(_ATOM_ID, feed.findtext(f"{ATOM}id") or "") is not None,
         f"feed id {feed.findtext(f'{ATOM}id')!r} is not an absolute IRI")
    need(bool((feed.findtext(f"{ATOM}title") or "").strip()), "feed title is empty")
    updated = feed.findtext(f"{ATOM}updated") or ""
    need(re.match(_RFC3339, updated) is not None, f"feed updated {updated!r} is not RFC 3339")
    links = feed.findall(f"{ATOM}link")
    selfs = [link.get("href", "") for link in links if link.get("rel") == "self"]
    need(len(selfs) == 1, "feed needs one link rel=self")
    for href in selfs:
        need(re.match(_ABSOLUTE_URL, href) is not None, f"self link {href!r} is not absolute")
        if output is not None:
            need(href.endswith("/" + path.relative_to(output).as_posix()),
                 f"self link {href!r} is not the feed's own address")
    alternates = [(link.get("type"), link.get("hreflang")) for link in links
                  if link.get("rel", "alternate") == "alternate"]
    need(len(alternates) == len(set(alternates)), "two alternate links share type and hreflang")
    for link in links:
        need(re.match(_ABSOLUTE_URL, link.get("href", "")) is not None,
             f"feed link {link.get('href')!r} is not absolute")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    ids = set()
    stamps = []
    for i, entry in enumerate(entries, 1):
        for tag in ("id", "title", "updated"):
            need(len(entry.findall(f"{ATOM}{tag}")) == 1, f"entry {i} needs exactly one {tag}")
        entry_id = entry.findtext(f"{ATOM}id") or ""
        need(re.match(_ATOM_ID, entry_id) is not None,
             f"entry id {entry_id!r} is not an absolute IRI")
        need(entry_id not in ids, f"entry id {entry_id!r} repeats")
        ids.add(entry_id)
        need(bool((entry.findtext(f"{ATOM}title") or "").strip()), f"entry {i} title is empty")
        for tag in ("updated", "published"):
            for stamp in entry.findall(f"{ATOM}{tag}"):
                need(re.match(_RFC3339, stamp.text or "") is not None,
                     f"entry {i} {tag} {stamp.text!r} is not RFC 3339")
        stamps.append(entry.findtext(f"{ATOM}updated") or "")
        alternate = [link for link in entry.findall(f"{ATOM}link")
                     if link.get("rel", "alternate") == "alternate"]
        need(len(alternate) >= 1, f"entry {i} has no link rel=alternate")
        for link in entry.findall(f"{ATOM}link"):
            need(re.match(_ABSOLUTE_URL, link.get("href", "")) is not None,
                 f"entry {i} link {link.get('href')!r} is not absolute")
        need(feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None,
             f"entry {i} has no author and the feed has none")
        for category in entry.findall(f"{ATOM}category"):
            need(bool(category.get("term")), f"entry {i} has a category without term")
    if not problems and stamps:
        need(moment(updated) == max(map(moment, stamps)),
             f"feed updated {updated} is not its newest entry's date")
        order = [moment(s) for s in stamps]
        need(order == sorted(order, reverse=True), "entries are not newest first")
    return problems
