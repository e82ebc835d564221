"""Raw HTML and URL schemes in Markdown: the allow-list of ``layar.sanitize``, as errors.

The sanitiser removes anything outside its allow-list from every rendered page; this check
reports the same things *with their line*, so an editor learns about them at review instead
of finding a silently emptied paragraph on the site.  It reports

* tags outside ``ALLOWED_TAGS`` (``<script>``, ``<iframe>``, ``<style>``, ``<form>`` …),
  declarations, CDATA and processing instructions;
* event-handler attributes (``on…=``) on any tag, and attributes outside
  ``ALLOWED_ATTRIBUTES`` (``style``, ``srcdoc`` …);
* URLs with a scheme other than http, https and mailto, in Markdown links, autolinks,
  images and raw HTML, in any disguise (see ``urls``).
"""
from __future__ import annotations

from layar.errors import Problem
from layar.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

from .tokens import Scan, scan
from .urls import scheme_problem

#: Comments are allowed (the sanitiser strips them); other declarations are not.
_DECLARATIONS = {"?": "processing instruction <?…?>", "![cdata": "CDATA section",
                 "!doctype": "<!DOCTYPE>", "!unparsable": "HTML that cannot be parsed"}


def check_markdown(path: str, text: str, first_line: int = 1, what: str = "") -> list[Problem]:
    """Problems of raw HTML and link schemes in a Markdown text (a body or a translation)."""
    return check_scan(path, scan(text, first_line), what)


def check_scan(path: str, found: Scan, what: str = "") -> list[Problem]:
    prefix = f"{what}: " if what else ""
    problems: list[Problem] = []

    def error(line: int, message: str) -> None:
        problems.append(Problem(path, line, "error", prefix + message))

    for tag in found.tags:
        if tag.name[:1] in "!?":
            error(tag.line, f"{_DECLARATIONS.get(tag.name, 'HTML declaration <' + tag.name + '>')}"
                            f" is not allowed in content")
            continue
        if tag.name not in ALLOWED_TAGS:
            error(tag.line, f"raw HTML <{tag.name}> is not allowed; use Markdown, or one of the "
                            f"tags listed under 'Raw HTML' in CONTRIBUTING.md")
            continue
        allowed = ALLOWED_ATTRIBUTES.get("*", set()) | ALLOWED_ATTRIBUTES.get(tag.name, set())
        for name, _value in tag.attrs:
            if name.startswith("on"):
                error(tag.line, f"event-handler attribute '{name}' on <{tag.name}> is not "
                                f"allowed (content cannot run scripts)")
            elif name not in allowed:
                error(tag.line, f"attribute '{name}' is not allowed on <{tag.name}>"
                                f"{'; allowed: ' + ', '.join(sorted(allowed)) if allowed else ''}")
    for ref in found.refs:
        reason = scheme_problem(ref.url)
        if reason:
            error(ref.line, f"{ref.where}: {reason}")
    return problems
