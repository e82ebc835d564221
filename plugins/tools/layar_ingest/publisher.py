"""Name the outlet that published a seed, from what the page itself shows.

Evidence, most reliable first:

1. the dateline that opens the first paragraph ("Suara.com - …", "JAKARTA, KOMPAS.com - …");
2. an outlet domain in the byline ("Dinda Rachmawati Suara.Com");
3. the site name in a saved page's metadata (trafilatura);
4. the outlet's own furniture, matched by the ``publisher`` phrase family: app promos ("mis
   niets met de Bright-app"), "Follow Berita Techverse.Asia di Google News", copyright lines;
5. a byline that names the outlet instead of a person ("Oleh: Tek ID"): accepted only when the
   name is a known outlet or a domain printed elsewhere on the page ("partner tek.id …").

Spelling comes from ``data/outlets.yaml`` when the outlet is listed there (compared ignoring
case, dots and spaces), otherwise from the page.  Nothing found: empty (the review says so).
"""
from __future__ import annotations

import logging
import re

from . import data
from .structure import Parsed

log = logging.getLogger(__name__)

_DOMAIN = re.compile(r"(?<![\w@/.])[A-Za-z0-9][\w\-]*(?:\.[\w\-]+)*\.[A-Za-z]{2,6}\b")
MAX_NAME_CHARS = 60


def canonical(name: str) -> str:
    """The outlet's spelling in front-matter ("Suara.Com" -> "Suara.com")."""
    name = " ".join(name.split()).strip(" .,:;|-–—'\"")
    if not name or len(name) > MAX_NAME_CHARS:
        return ""
    return data.outlets().names.get(data.fold_key(name), name)


def find(parsed: Parsed, page_text: str) -> str:
    """The publisher of the article, or "" when the page does not show it."""
    hints = dict()
    for where, name in parsed.outlet_hints:
        hints.setdefault(where, name)
    candidates = [hints.get("lead", ""), hints.get("byline-domain", ""), parsed.hints.publisher]
    for line in page_text.split("\n"):
        for pattern in data.phrases().publisher:
            match = pattern.search(line)
            if match:
                candidates.append(match.group("publisher"))
    author = hints.get("byline-author", "")
    if author:
        known = data.outlets().names
        domains = {data.fold_key(d) for d in _DOMAIN.findall(page_text)}
        if data.fold_key(author) in known or data.fold_key(author) in domains:
            candidates.append(author)
    for candidate in candidates:
        name = canonical(candidate or "")
        if name:
            log.debug("publisher %r from candidates %r", name, candidates)
            return name
    return ""
