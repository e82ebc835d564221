"""The checks' settings (prefix ``LAYAR_CHECK_``), validated once per build."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from layar.errors import ConfigurationError
from layar_site.settings import unknown_settings

DEFAULTS: dict[str, Any] = {
    # URL path prefixes (e.g. ["/downloads/"]) that the link checks do not check: files put
    # on the server by something other than the build.  Content and pages may link to them.
    "LAYAR_CHECK_IGNORE_LINKS": (),
}


@dataclass(frozen=True)
class CheckSettings:
    #: Prefixes of root-relative paths, without the leading '/' ("downloads/").
    ignore_links: tuple[str, ...] = ()


def configure(settings: Mapping[str, Any]) -> CheckSettings:
    """Validate the ``LAYAR_CHECK_*`` settings; raise ConfigurationError listing every problem."""
    s = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("LAYAR_CHECK_")}}
    problems = unknown_settings(settings, "LAYAR_CHECK_", DEFAULTS)
    ignore = s["LAYAR_CHECK_IGNORE_LINKS"]
    if ignore is None:
        ignore = ()
    if isinstance(ignore, str) or not isinstance(ignore, (list, tuple)):
        # A bare string would be taken letter by letter: ignore every path starting with 'd'.
        problems.append(f"LAYAR_CHECK_IGNORE_LINKS must be a list of URL path prefixes such "
                        f"as ['/downloads/'], got {ignore!r}")
    else:
        for prefix in ignore:
            if not isinstance(prefix, str) or not prefix.strip("/").strip():
                problems.append(f"LAYAR_CHECK_IGNORE_LINKS: {prefix!r} is not a URL path prefix "
                                f"(e.g. '/downloads/'; '/' alone would turn the link checks off)")
            elif "://" in prefix or prefix.startswith(("#", "?")):
                problems.append(f"LAYAR_CHECK_IGNORE_LINKS: {prefix!r} must be a path on this "
                                f"site, e.g. '/downloads/' (external links are never checked)")
    if problems:
        raise ConfigurationError("invalid check settings:\n  " + "\n  ".join(problems))
    return CheckSettings(ignore_links=tuple(p.lstrip("/") for p in ignore))
