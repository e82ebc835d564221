"""The timeline plugin's settings (prefix ``LAYAR_TIMELINE_``), validated once per build."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from layar.errors import ConfigurationError
from layar_site.settings import unknown_settings, url_pattern_problem

DEFAULTS: dict[str, Any] = {
    # URL of the timeline page in each language; must contain {lang} and end with '/'.
    "LAYAR_TIMELINE_URL": "{lang}/timeline/",
}


@dataclass(frozen=True)
class TimelineSettings:
    url: str


def configure(settings: Mapping[str, Any]) -> TimelineSettings:
    """Validate the ``LAYAR_TIMELINE_*`` settings; raise ConfigurationError listing
    every problem."""
    s = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("LAYAR_TIMELINE_")}}
    problems = unknown_settings(settings, "LAYAR_TIMELINE_", DEFAULTS)
    problem = url_pattern_problem("LAYAR_TIMELINE_URL", s["LAYAR_TIMELINE_URL"])
    if problem:
        problems.append(problem)
    if problems:
        raise ConfigurationError("invalid timeline settings:\n  " + "\n  ".join(problems))
    return TimelineSettings(url=s["LAYAR_TIMELINE_URL"])
