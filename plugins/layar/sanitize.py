"""Defence in depth: every fragment of rendered content passes through nh3 (Ammonia).

The checks reject unsafe HTML with a file and line; this allow-list makes sure nothing
executable reaches a page even if a check were missed.
"""
from __future__ import annotations

import nh3

#: Inline and block tags editors may write or Markdown may produce.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "del", "em", "figcaption", "figure",
    "h2", "h3", "h4", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "sup", "time", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "title", "id", "class"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
