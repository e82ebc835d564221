"""Defence in depth: every fragment of rendered content passes through nh3 (Ammonia).

The checks reject unsafe HTML with a file and line; this allow-list makes sure nothing
executable reaches a page even if a check were missed.
"""
from __future__ import annotations

import gettext
from collections import Counter
from functools import lru_cache
from html.parser import HTMLParser

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


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    """The allow-list, built once (``nh3.clean`` would build it again for every call)."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def clean(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed."""
    return _cleaner().clean(html)


# -- interface translations -----------------------------------------------------------------
# Jinja's newstyle gettext marks every translation safe (``Markup``) when autoescape is on, so
# a translation in ``messages.po`` reaches the page as raw HTML, also inside attributes such as
# ``title="{{ _('…') }}"``.  Translators' text is therefore escaped, and markup is taken only
# from the templates: a translation must keep its msgid's tags exactly.

def markup_of(text: str) -> Counter:
    """The tags of ``text`` with all their attributes: ``{("a", (("href", "x"),)): 1, …}``."""
    parser = _MarkupParser()
    parser.feed(text)
    parser.close()
    return parser.found


def interface_text(msgid: str, msgstr: str) -> str:
    """What a page may show for the translation ``msgstr`` of the template string ``msgid``.

    A msgid without tags gets its translation with ``& < > "`` escaped; a msgid with tags gets
    its translation only when the translation has exactly the same tags (else the msgid).
    """
    if not msgstr or msgstr == msgid:
        return msgstr
    if "<" not in msgid:
        return (msgstr.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace('"', "&quot;"))
    return msgstr if markup_of(msgstr) == markup_of(msgid) else msgid


class SafeTranslations(gettext.NullTranslations):
    """Interface translations for Jinja: every translation passes ``interface_text``."""

    def __init__(self, translations: gettext.NullTranslations):
        super().__init__()
        self._inner = translations

    def gettext(self, message):
        return interface_text(message, self._inner.gettext(message))

    def ngettext(self, singular, plural, n):
        return interface_text(singular if n == 1 else plural,
                              self._inner.ngettext(singular, plural, n))

    def pgettext(self, context, message):
        return interface_text(message, self._inner.pgettext(context, message))

    def npgettext(self, context, singular, plural, n):
        return interface_text(singular if n == 1 else plural,
                              self._inner.npgettext(context, singular, plural, n))


class _MarkupParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.found[(tag, tuple(attrs))] += 1

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.found[("/" + tag, ())] += 1
