"""Output paths that could leave ``output/`` or that no web server would serve sanely.

Slugs and ids are validated by the schema (``layar.schema.SLUG_RE``), but a slug derived from
a title, a URL pattern from the settings, or a route added by a plugin is not.  Every route's
output path in every language must be relative, inside the output folder, and made of plain
segments: no ``..`` or ``.``, no empty segment, no backslash, no ``%`` (``%2e%2e`` is ``..``
to a web server), no NUL or other control character, no leading ``/``.

``Site.write`` refuses to write outside the output folder as well: this check finds the
problem before anything is written, and says which file causes it.
"""
from __future__ import annotations

import re

from layar.errors import Problem
from layar.schema import SLUG_RE
# The line that names a source's URL: the one the site's route clashes are reported at too.
from layar_site.site import _name_line

_UNSAFE_CHARS = re.compile(r"[\\%\x00-\x1f\x7f-\x9f\s]")


def path_problem(path: str) -> str | None:
    """Why ``path`` (an output path such as ``id/articles/x/index.html``) is unsafe."""
    if not path:
        return "the output path is empty"
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return f"output path {path!r} is absolute"
    bad = _UNSAFE_CHARS.search(path)
    if bad:
        return f"output path {path!r} contains {bad.group()!r}"
    segments = path.split("/")
    if any(s in ("..", ".") for s in segments):
        return f"output path {path!r} contains a '..' or '.' segment"
    if any(s == "" for s in segments[:-1]):
        return f"output path {path!r} has an empty segment ('//')"
    return None


def check_routes(site, settings_file: str) -> list[Problem]:
    """Unsafe output paths of every route, reported at the file that causes them."""
    problems: list[Problem] = []
    derived = _derived_slug_problems(site)
    problems += derived.values()
    for route in site.routes:
        obj = getattr(route, "obj", None)
        if id(obj) in derived:
            continue
        for lang in site.routes.langs_of(route):
            reason = path_problem(route.save_as(lang))
            if reason is None:
                continue
            path = getattr(obj, "path", None)
            if path:
                line = _name_line(obj)
                message = f"{reason}: change the slug or id"
            else:
                path, line = settings_file, 1
                message = f"{reason} (route '{route.key}' from the URL settings or a plugin)"
            problems.append(Problem(path, line, "error", message))
            break
    return problems


def _derived_slug_problems(site) -> dict[int, Problem]:
    """Articles without a ``slug`` whose title gives no usable slug."""
    found: dict[int, Problem] = {}
    for article in site.articles:
        if "slug" in article.doc.meta:
            continue
        slug = article.meta.get("slug", "")
        if not SLUG_RE.match(slug or ""):
            found[id(article)] = Problem(
                article.path, article.line_of("title"), "error",
                f"cannot make a URL from this title (it gives {slug!r}); add a line "
                f"'slug: words-of-the-title' with lowercase ASCII words joined by '-'")
    return found
