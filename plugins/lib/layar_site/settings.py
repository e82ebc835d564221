"""The plugin's settings (prefix ``LAYAR_``): defaults, laid over the user's once, validated."""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from layar.errors import ConfigurationError
from layar.languages import DEFAULT_LANGUAGE, LANGUAGES

DEFAULTS: dict[str, Any] = {
    # Site languages, in switcher order; the default is the x-default and interface source.
    "LAYAR_LANGUAGES": LANGUAGES,
    "LAYAR_DEFAULT_LANGUAGE": DEFAULT_LANGUAGE,
    # Folders under Pelican's PATH.
    "LAYAR_ARTICLES_DIR": "articles",
    "LAYAR_PAGES_DIR": "pages",
    # Catalogs: i18n/{lang}/LC_MESSAGES/{messages,content}.po, relative to PATH's parent.
    "LAYAR_I18N_DIR": "i18n",
    # URL patterns (directory style); each page is saved as <url>index.html.
    "LAYAR_HOME_URL": "{lang}/",
    "LAYAR_ARTICLE_URL": "{lang}/articles/{slug}/",
    "LAYAR_PAGE_URL": "{lang}/{slug}/",
    # Site name shown in every language (a proper noun, not translated).
    "LAYAR_SITE_NAME": "Layar",
    # Topic kinds are declared by the topics plugin's setting; the site only needs their keys.
    "LAYAR_TOPICS_KINDS": {},
    # Processes rendering pages (forked once the site is loaded; 1 renders in-process).
    # None: min(2, number of CPUs).  The output is the same whatever the number.
    "LAYAR_WORKERS": None,
    # Folder of the persistent build caches (parsed sources, rendered units), relative to
    # PATH's parent; None turns them off.  Entries are keyed by content and code versions.
    "LAYAR_CACHE_DIR": ".cache/layar",
    # The site's absolute address when SITEURL is empty (development): canonical links,
    # Open Graph, feeds and the sitemap need absolute URLs.  The default is `invoke serve`'s.
    "LAYAR_PUBLIC_URL": "http://127.0.0.1:8000",
    # Entries in each Atom feed (the newest articles; None: every article).  Feed readers
    # only need what is new, and a feed carries whole articles.
    "LAYAR_FEED_ITEMS": 50,
    # Articles listed on the home page, newest first (None: every article).  With the
    # timeline (which lists every article) the home page links to it for the rest, so the
    # home page stays small on a phone however large the site grows.
    "LAYAR_HOME_ITEMS": 20,
    # Build drafts too (articles, pages, topics), each page with a banner saying it is not
    # published and noindex: the editor's preview sets it on request (`invoke livereload
    # --drafts`); `invoke build` and `invoke publish` never do, so a draft is never in
    # their output.
    "LAYAR_SHOW_DRAFTS": False,
    # The same for articles dated after the build's time (`invoke livereload --future`).
    "LAYAR_SHOW_FUTURE": False,
    # The pull request a preview is built for (`invoke pr-preview`, .github/workflows/pr.yml):
    # its number, and the address of its page.  Every page then says "Preview of pull
    # request #N" (linked to LAYAR_PULL_REQUEST_URL) and asks search engines not to index
    # it.  None (the default) in every other build.
    "LAYAR_PULL_REQUEST": None,
    "LAYAR_PULL_REQUEST_URL": None,
}


#: Fields of ``SiteSettings`` that say where a build works, not what it makes: never an input
#: of a page (``layar_site.inputs``).
WHERE = ("output_path", "cache_dir", "workers", "content_path", "i18n_dir")

#: Fields whose whole effect is recorded through another input, so they are not recorded
#: themselves: ``show_drafts`` changes only which drafts are built, and the held set
#: (``Held.shown`` included) is an input of every page.  A preview and a build of a site
#: without drafts then keep each other's pages.
RECORDED_ELSEWHERE = ("show_drafts", "show_future")


@dataclass(frozen=True)
class SiteSettings:
    languages: tuple[str, ...]
    default_language: str
    content_path: Path
    articles_dir: str
    pages_dir: str
    i18n_dir: Path
    home_url: str
    article_url: str
    page_url: str
    site_name: str
    siteurl: str
    kinds: Mapping[str, Any]
    output_path: Path
    workers: int = 1
    cache_dir: Path | None = None
    #: Base of absolute URLs, without a trailing slash: SITEURL when it is absolute, else
    #: LAYAR_PUBLIC_URL.
    public_url: str = DEFAULTS["LAYAR_PUBLIC_URL"]
    feed_items: int | None = 50
    home_items: int | None = 20
    show_drafts: bool = False
    show_future: bool = False
    pull_request: int | None = None
    pull_request_url: str | None = None


def default_workers() -> int:
    """``LAYAR_WORKERS`` when it is None: both cores of a laptop or CI machine, at most."""
    return min(2, os.cpu_count() or 1)


def configure(settings: Mapping[str, Any]) -> SiteSettings:
    """Validate the ``LAYAR_*`` settings once; raise ConfigurationError listing every problem."""
    s = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("LAYAR_")}}
    problems = []
    langs = tuple(s["LAYAR_LANGUAGES"])
    if not langs or any(lang not in LANGUAGES for lang in langs):
        problems.append(f"LAYAR_LANGUAGES must be a subset of {LANGUAGES}, got {langs}")
    if s["LAYAR_DEFAULT_LANGUAGE"] not in langs:
        problems.append("LAYAR_DEFAULT_LANGUAGE must be one of LAYAR_LANGUAGES")
    for key in ("LAYAR_HOME_URL", "LAYAR_ARTICLE_URL", "LAYAR_PAGE_URL"):
        url = s[key]
        if not isinstance(url, str) or not url.startswith("{lang}/") or not url.endswith("/"):
            problems.append(f"{key} must start with '{{lang}}/' and end with '/', got {url!r}")
    if not isinstance(s["LAYAR_TOPICS_KINDS"], Mapping):
        problems.append("LAYAR_TOPICS_KINDS must be a mapping of kind -> spec")
    workers = s["LAYAR_WORKERS"]
    if workers is None:
        workers = default_workers()
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        problems.append(f"LAYAR_WORKERS must be a whole number of at least 1, got {workers!r}")
    public = s["LAYAR_PUBLIC_URL"]
    if not _is_absolute_url(public):
        problems.append(f"LAYAR_PUBLIC_URL must be an absolute http(s) address without query "
                        f"or fragment, e.g. 'https://layar.example.org', got {public!r}")
    for name in ("LAYAR_FEED_ITEMS", "LAYAR_HOME_ITEMS"):
        items = s[name]
        if items is not None and (isinstance(items, bool) or not isinstance(items, int)
                                  or items < 1):
            problems.append(f"{name} must be a whole number of at least 1 or None, "
                            f"got {items!r}")
    for name in ("LAYAR_SHOW_DRAFTS", "LAYAR_SHOW_FUTURE"):
        if not isinstance(s[name], bool):
            problems.append(f"{name} must be True or False, got {s[name]!r}")
    number = s["LAYAR_PULL_REQUEST"]
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)
                               or number < 1):
        problems.append(f"LAYAR_PULL_REQUEST must be a pull request's number or None, "
                        f"got {number!r}")
    pr_url = s["LAYAR_PULL_REQUEST_URL"]
    if pr_url is not None and not (_is_absolute_url(pr_url) and pr_url.startswith("https://")):
        problems.append(f"LAYAR_PULL_REQUEST_URL must be an https:// address or None, "
                        f"got {pr_url!r}")
    if pr_url is not None and number is None:
        problems.append("LAYAR_PULL_REQUEST_URL needs LAYAR_PULL_REQUEST (the number shown)")
    if problems:
        raise ConfigurationError("; ".join(problems))
    siteurl = settings.get("SITEURL", "").rstrip("/")
    # A relative catalog folder is relative to the project root: the parent of content/.
    base = Path(settings["PATH"]).resolve().parent
    i18n = Path(s["LAYAR_I18N_DIR"])
    cache = Path(s["LAYAR_CACHE_DIR"]) if s["LAYAR_CACHE_DIR"] else None
    return SiteSettings(
        languages=langs,
        default_language=s["LAYAR_DEFAULT_LANGUAGE"],
        content_path=Path(settings["PATH"]),
        articles_dir=s["LAYAR_ARTICLES_DIR"],
        pages_dir=s["LAYAR_PAGES_DIR"],
        i18n_dir=i18n if i18n.is_absolute() else base / i18n,
        home_url=s["LAYAR_HOME_URL"],
        article_url=s["LAYAR_ARTICLE_URL"],
        page_url=s["LAYAR_PAGE_URL"],
        site_name=s["LAYAR_SITE_NAME"],
        siteurl=siteurl,
        kinds=s["LAYAR_TOPICS_KINDS"],
        output_path=Path(settings["OUTPUT_PATH"]),
        workers=workers,
        cache_dir=None if cache is None else cache if cache.is_absolute() else base / cache,
        public_url=(siteurl if _is_absolute_url(siteurl) else public).rstrip("/"),
        feed_items=s["LAYAR_FEED_ITEMS"],
        home_items=s["LAYAR_HOME_ITEMS"],
        show_drafts=s["LAYAR_SHOW_DRAFTS"],
        show_future=s["LAYAR_SHOW_FUTURE"],
        pull_request=number,
        pull_request_url=pr_url,
    )


def _is_absolute_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return (parts.scheme in ("http", "https") and bool(parts.netloc)
            and not parts.query and not parts.fragment)


def url_pattern_problem(key: str, pattern: Any) -> str | None:
    """Why ``pattern``, the value of the URL setting ``key``, is not a page URL pattern.

    For the URL settings of plugins (one page per language): the pattern must contain
    ``{lang}`` (else every language writes the same file and only one survives), no other
    placeholder, and end with ``/`` (the page is saved as ``<url>index.html``).
    """
    rule = f"{key} must be a relative URL with {{lang}} ending in '/' (e.g. '{{lang}}/page/')"
    if not isinstance(pattern, str):
        return f"{rule}, got {pattern!r}"
    try:
        one, other = pattern.format(lang="id"), pattern.format(lang="nl")
    except (KeyError, IndexError, ValueError):
        return f"{rule} and no other placeholder, got {pattern!r}"
    if one == other:
        return f"{rule}; without {{lang}} every language writes the same file, got {pattern!r}"
    if pattern.startswith("/") or not pattern.endswith("/"):
        return f"{rule}, got {pattern!r}"
    return None


def unknown_settings(settings: Mapping[str, Any], prefix: str,
                     known: Mapping[str, Any]) -> list[str]:
    """A problem for each setting with a plugin's own ``prefix`` that the plugin does not
    know (a typo such as ``LAYAR_SEARCH_INDX`` would otherwise be ignored in silence)."""
    problems = []
    for key in sorted(k for k in settings if k.startswith(prefix) and k not in known):
        # Compared without the prefix, which every candidate shares.
        close = difflib.get_close_matches(key[len(prefix):], [k[len(prefix):] for k in known], n=1)
        hint = f" (did you mean {prefix}{close[0]}?)" if close else f"; known: {', '.join(known)}"
        problems.append(f"unknown setting {key}{hint}")
    return problems
