"""The translation-status plugin's settings (prefix ``LAYAR_TRANSLATIONS_``), validated once
per build."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from layar.errors import ConfigurationError
from layar_site.settings import unknown_settings, url_pattern_problem

DEFAULTS: dict[str, Any] = {
    # URL of the translation-status page in each language; contains {lang}, ends with '/'.
    "LAYAR_TRANSLATIONS_URL": "{lang}/translations/",
}


@dataclass(frozen=True)
class TranslationsSettings:
    url: str


def configure(settings: Mapping[str, Any]) -> TranslationsSettings:
    """Validate the ``LAYAR_TRANSLATIONS_*`` settings; raise ConfigurationError listing
    every problem."""
    s = {**DEFAULTS,
         **{k: v for k, v in settings.items() if k.startswith("LAYAR_TRANSLATIONS_")}}
    problems = unknown_settings(settings, "LAYAR_TRANSLATIONS_", DEFAULTS)
    problem = url_pattern_problem("LAYAR_TRANSLATIONS_URL", s["LAYAR_TRANSLATIONS_URL"])
    if problem:
        problems.append(problem)
    if problems:
        raise ConfigurationError("invalid translation-status settings:\n  "
                                 + "\n  ".join(problems))
    return TranslationsSettings(url=s["LAYAR_TRANSLATIONS_URL"])
