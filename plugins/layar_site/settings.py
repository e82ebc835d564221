"""The plugin's settings (prefix ``LAYAR_``): defaults, laid over the user's once, validated."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

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
}


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
        workers = min(2, os.cpu_count() or 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        problems.append(f"LAYAR_WORKERS must be a whole number of at least 1, got {workers!r}")
    if problems:
        raise ConfigurationError("; ".join(problems))
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
        siteurl=settings.get("SITEURL", "").rstrip("/"),
        kinds=s["LAYAR_TOPICS_KINDS"],
        output_path=Path(settings["OUTPUT_PATH"]),
        workers=workers,
        cache_dir=None if cache is None else cache if cache.is_absolute() else base / cache,
    )
