"""Quotations and reported remarks: the site reports them as its confirmed sources give them.

The data file (``quotations.yaml``) records each verified remark with its sources; the
test reads the real content units and their translations in the real catalogs, in every
language, as the build shows them.
"""
from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from layar import extract, frontmatter

from tests.helpers import ROOT

DATA = yaml.safe_load((Path(__file__).with_name("quotations.yaml")).read_text("utf-8"))
CONF = runpy.run_path(str(ROOT / "pelicanconf.py"))
KINDS = CONF["LAYAR_TOPICS_KINDS"]
LANGS = CONF["LAYAR_LANGUAGES"]


def _catalog(lang: str) -> dict[str, str]:
    with (ROOT / "i18n" / lang / "LC_MESSAGES" / "content.po").open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id and m.string and not m.fuzzy}


CATALOGS = {lang: _catalog(lang) for lang in LANGS}


def units(relpath: str, lang: str) -> list[str]:
    """The units of one content file as a reader of ``lang`` sees them."""
    path = ROOT / relpath
    what = extract.what_is(str(path))
    doc = frontmatter.load(path, ROOT)
    source = extract.source_language(doc, what)
    out = []
    for _line, msgid, _label in extract.units_of(doc, what, KINDS):
        out.append(msgid if source == lang else CATALOGS[lang].get(msgid, msgid))
    return out


def own_pages() -> list[str]:
    """The site's own statements: topics and pages (articles are the publishers' words)."""
    files = sorted((ROOT / "content" / "topics").glob("*/*.md")) + sorted(
        (ROOT / "content" / "pages").glob("*.md"))
    return [str(p.relative_to(ROOT)) for p in files]


@pytest.mark.parametrize("entry", DATA, ids=[e["id"] for e in DATA])
def test_every_quotation_names_its_sources(entry):
    assert entry["words"].strip() and entry["speaker"] and entry["occasion"]
    assert entry["sources"] and all(s.startswith("https://") for s in entry["sources"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("entry", [e for e in DATA if e.get("reported_in")],
                         ids=[e["id"] for e in DATA if e.get("reported_in")])
def test_the_site_reports_the_remark_as_confirmed(entry, lang):
    for relpath in entry["reported_in"]:
        text = " ".join(units(relpath, lang))
        assert entry["report"][lang] in text, (relpath, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_sites_own_pages_never_attribute_words_not_said(lang):
    found = []
    for entry in DATA:
        wording = (entry.get("not_said") or {}).get(lang)
        if not wording:
            continue
        for relpath in own_pages():
            if any(wording.lower() in unit.lower() for unit in units(relpath, lang)):
                found.append((entry["id"], relpath))
    assert not found


QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
MARKER = re.compile(r"\s*,?\s*\(translated from (?:Indonesian|Dutch)\)")


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).strip(" ,.;:").casefold()


def all_files() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted((ROOT / "content").glob("**/*.md"))
            if extract.what_is(str(p))]


def quoted(relpath: str, lang: str):
    """(span, marked as translated, unit is the file's own language) for each quotation."""
    path = ROOT / relpath
    doc = frontmatter.load(path, ROOT)
    own = extract.source_language(doc, extract.what_is(str(path))) == lang
    for unit in units(relpath, lang):
        for m in QUOTED.finditer(unit):
            span = m.group(1) or m.group(2)
            yield span, bool(MARKER.match(unit, m.end())), own


def _in_order(parts: list[str], text: str) -> bool:
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def test_english_pages_quote_the_original_words_or_say_they_translate():
    wrong = []
    for relpath in all_files():
        for span, marked, own in quoted(relpath, "en"):
            for entry in DATA:
                find = (entry.get("find") or {}).get("en")
                if not find or find.casefold() not in span.casefold():
                    continue
                parts = [_norm(p) for p in span.split("…") if _norm(p)]
                exact = entry["lang"] == "en" and _in_order(parts, _norm(entry["words"]))
                if not (exact or marked):
                    wrong.append((relpath, entry["id"], span))
    assert not wrong


@pytest.mark.parametrize("lang", LANGS)
def test_a_quotation_reads_the_same_everywhere_in_one_language(lang):
    wrong = []
    for relpath in all_files():
        for span, _marked, own in quoted(relpath, lang):
            for entry in DATA:
                find = (entry.get("find") or {}).get(lang)
                wording = (entry.get("wording") or {}).get(lang)
                if not (find and wording) or find.casefold() not in span.casefold():
                    continue
                allowed = [wording] + ((entry.get("publisher_wordings") or {}).get(lang, [])
                                       if own and relpath.startswith("content/articles/") else [])
                if not any(_norm(w) in _norm(span) for w in allowed):
                    wrong.append((relpath, entry["id"], span))
    assert not wrong
