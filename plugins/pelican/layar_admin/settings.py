"""The web editor's settings (``LAYAR_ADMIN`` and prefix ``LAYAR_ADMIN_``), validated once per
build."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from layar.errors import ConfigurationError
from layar_site.settings import unknown_settings

DEFAULTS: dict[str, Any] = {
    # True writes the web editor into the output at LAYAR_ADMIN_URL (publishconf.py turns
    # it on; `invoke cms` serves it locally whatever this says).
    "LAYAR_ADMIN": False,
    # Folder of the editor in the output: plain segments ending with '/'.
    "LAYAR_ADMIN_URL": "admin/",
    # The GitHub repository the editor opens pull requests on: "owner/name".
    "LAYAR_ADMIN_REPO": "",
    # Its branch that pull requests go into.
    "LAYAR_ADMIN_BRANCH": "main",
    # The OAuth client that logs editors in to GitHub (Decap's backend base_url, e.g. a
    # small OAuth proxy on Cloudflare Workers or Netlify's); empty: Netlify's.
    "LAYAR_ADMIN_AUTH_URL": "",
    # Its path, when not Decap's default "auth".
    "LAYAR_ADMIN_AUTH_ENDPOINT": "",
    # People without write access may still propose changes: the editor forks the
    # repository for them and opens the pull request from the fork.
    "LAYAR_ADMIN_OPEN_AUTHORING": True,
}

_URL = re.compile(r"^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)+$")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class AdminSettings:
    enabled: bool
    url: str
    repo: str
    branch: str
    auth_url: str
    auth_endpoint: str
    open_authoring: bool


def configure(settings: Mapping[str, Any]) -> AdminSettings:
    """Validate the ``LAYAR_ADMIN*`` settings; raise ConfigurationError listing every
    problem."""
    s = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("LAYAR_ADMIN")}}
    problems = unknown_settings(settings, "LAYAR_ADMIN_", DEFAULTS)
    for key in ("LAYAR_ADMIN", "LAYAR_ADMIN_OPEN_AUTHORING"):
        if not isinstance(s[key], bool):
            problems.append(f"{key} must be True or False, got {s[key]!r}")
    if not isinstance(s["LAYAR_ADMIN_URL"], str) or not _URL.match(s["LAYAR_ADMIN_URL"]):
        problems.append(f"LAYAR_ADMIN_URL must be a folder such as admin/, got "
                        f"{s['LAYAR_ADMIN_URL']!r}")
    repo = s["LAYAR_ADMIN_REPO"]
    if not isinstance(repo, str) or (repo and not _REPO.match(repo)):
        problems.append(f"LAYAR_ADMIN_REPO must be a GitHub repository 'owner/name', got {repo!r}")
    for key in ("LAYAR_ADMIN_BRANCH", "LAYAR_ADMIN_AUTH_ENDPOINT"):
        if not isinstance(s[key], str):
            problems.append(f"{key} must be text, got {s[key]!r}")
    auth = s["LAYAR_ADMIN_AUTH_URL"]
    if not isinstance(auth, str) or (auth and not re.match(r"^https://[^/\s]+(/\S*)?$", auth)):
        problems.append(f"LAYAR_ADMIN_AUTH_URL must be an https:// address, got {auth!r}")
    if problems:
        raise ConfigurationError("invalid web editor settings:\n  " + "\n  ".join(problems))
    return AdminSettings(enabled=s["LAYAR_ADMIN"], url=s["LAYAR_ADMIN_URL"], repo=repo,
                         branch=s["LAYAR_ADMIN_BRANCH"], auth_url=auth.rstrip("/"),
                         auth_endpoint=s["LAYAR_ADMIN_AUTH_ENDPOINT"],
                         open_authoring=s["LAYAR_ADMIN_OPEN_AUTHORING"])
