"""The search plugin's settings (prefix ``LAYAR_SEARCH_``), validated once per build."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from layar.errors import ConfigurationError
from layar_site.settings import unknown_settings, url_pattern_problem

DEFAULTS: dict[str, Any] = {
    # URL of the search page in each language; must contain {lang} and end with '/'.
    "LAYAR_SEARCH_URL": "{lang}/search/",
    # Folder of the Pagefind bundle under the output folder (the search page loads
    # /<folder>/pagefind.js): one or more plain segments, e.g. "pagefind" or "assets/search".
    "LAYAR_SEARCH_BUNDLE": "pagefind",
    # False builds without an index: no Pagefind run, and the search page says that search
    # is turned off (in the reader's language) instead of showing a search form.
    "LAYAR_SEARCH_INDEX": True,
}

_SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class SearchSettings:
    url: str
    bundle: str
    index: bool


def configure(settings: Mapping[str, Any]) -> SearchSettings:
    """Validate the ``LAYAR_SEARCH_*`` settings; raise ConfigurationError listing every problem."""
    s = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("LAYAR_SEARCH_")}}
    problems = unknown_settings(settings, "LAYAR_SEARCH_", DEFAULTS)
    url_problem = url_pattern_problem("LAYAR_SEARCH_URL", s["LAYAR_SEARCH_URL"])
    if url_problem:
        problems.append(url_problem)
    bundle = s["LAYAR_SEARCH_BUNDLE"]
    segments = bundle.split("/") if isinstance(bundle, str) and bundle else [""]
    if not all(_SEGMENT.match(part) and part not in (".", "..") for part in segments):
        problems.append(f"LAYAR_SEARCH_BUNDLE must be a folder under the output folder made of "
                        f"plain segments (letters, digits, '-', '_', '.'), e.g. 'pagefind', "
                        f"got {bundle!r}")
    index = s["LAYAR_SEARCH_INDEX"]
    if not isinstance(index, bool):
        problems.append(f"LAYAR_SEARCH_INDEX must be True or False, got {index!r}")
    if problems:
        raise ConfigurationError("invalid search settings:\n  " + "\n  ".join(problems))
    return SearchSettings(url=s["LAYAR_SEARCH_URL"], bundle=bundle, index=index)
