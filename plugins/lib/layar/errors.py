"""One exception hierarchy for all of Layar.

``LayarError`` is the root.  ``ContentError`` carries a file and a line, so every problem an
editor can cause is reported as ``path:line: error: message``.
"""
from __future__ import annotations

from dataclasses import dataclass


class LayarError(Exception):
    """Base class of every error Layar raises on purpose."""


class ConfigurationError(LayarError):
    """A setting in pelicanconf.py is missing or has the wrong shape."""


class BuildError(LayarError):
    """The build cannot go on (checks failed, Pelican logged an error, output is invalid)."""


class IngestError(LayarError):
    """A seed file could not be turned into an article."""


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of a check: where it is, how bad it is, and what to do."""

    path: str
    line: int
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ContentError(LayarError):
    """A single problem in a content file (raised where collecting is not possible)."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: error: {message}")
        self.problem = Problem(str(path), line, "error", message)


class ChecksFailed(BuildError):
    """Raised with every problem found, when at least one is an error."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))  # one file can be read by two plugins
        errors = sum(p.is_error for p in self.problems)
        super().__init__(
            "\n".join(str(p) for p in self.problems)
            + f"\n{errors} error(s), {len(self.problems) - errors} warning(s)"
        )
