"""The Pages branch (``gh-pages``): the published site at its root, and each pull request's
preview under ``pr-preview/pr-N/``.  Standard library and git only: the workflows run it
from the default branch's checkout without installing anything.

Why a branch and not ``actions/deploy-pages``: an artifact deploy replaces the whole site,
so the production deploy would delete every preview, and a preview would replace the site.
On a branch each writer changes only its own part: the production deploy replaces
everything but ``pr-preview/``, a preview replaces only its own folder, and closing the pull
request removes that folder.  (The workflows share one concurrency group, and a push that
lost a race is made again on the new tip.)

    python -m layar_review.pages publish --site output [--under pr-preview/pr-7]
    python -m layar_review.pages remove --under pr-preview/pr-7
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BRANCH = "gh-pages"
PREVIEWS = "pr-preview"
_UNDER = re.compile(rf"^{PREVIEWS}/pr-[1-9][0-9]*$")
_IDENTITY = {"GIT_AUTHOR_NAME": "github-actions[bot]",
             "GIT_AUTHOR_EMAIL": "41898282+github-actions[bot]@users.noreply.github.com",
             "GIT_COMMITTER_NAME": "github-actions[bot]",
             "GIT_COMMITTER_EMAIL": "41898282+github-actions[bot]@users.noreply.github.com"}


class PagesError(Exception):
    pass


def preview_folder(number: int | str) -> str:
    return f"{PREVIEWS}/pr-{int(number)}"


def _check_under(under: str) -> str:
    under = under.strip("/")
    if under and not _UNDER.match(under):
        raise PagesError(f"refusing to write {under!r}: only the site's root or "
                         f"{PREVIEWS}/pr-<number> (one pull request's preview)")
    return under


def place(site: Path | None, checkout: Path, under: str = "") -> None:
    """Make ``checkout/under`` hold exactly the files of ``site`` (None: nothing).  At the
    root, ``pr-preview/`` and ``.git`` stay as they are, and ``.nojekyll`` is written
    (GitHub Pages would otherwise run Jekyll, which drops files starting with ``_``)."""
    under = _check_under(under)
    target = checkout / under if under else checkout
    if target.exists():
        for entry in target.iterdir():
            if entry.name == ".git" or (not under and entry.name == PREVIEWS):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    if site is not None:
        if not under and (Path(site) / PREVIEWS).exists():
            raise PagesError(f"{site}/{PREVIEWS} exists: that folder of the site belongs to "
                             f"the previews")
        shutil.copytree(site, target, dirs_exist_ok=True, symlinks=False)
    elif under and target.exists():
        target.rmdir()
        parent = target.parent
        if parent != checkout and not any(parent.iterdir()):
            parent.rmdir()
    if not under:
        (checkout / ".nojekyll").touch()


def _git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **_IDENTITY})
    if check and result.returncode:
        raise PagesError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result


def update(repo: Path, site: Path | None, under: str, message: str, remote: str = "origin",
           branch: str = BRANCH, attempts: int = 3) -> bool:
    """Put ``site`` at ``under`` on ``remote``'s ``branch`` (made when missing) and push;
    False when nothing changed.  A push refused because another run pushed first is tried
    again on the new tip."""
    under = _check_under(under)
    for attempt in range(attempts):
        fetched = _git("fetch", "--quiet", "--depth=1", remote,
                       f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}", cwd=repo,
                       check=False).returncode == 0
        with tempfile.TemporaryDirectory(prefix="layar-pages-") as tmp:
            work = Path(tmp, "pages")
            if fetched:
                _git("worktree", "add", "--quiet", "--detach", str(work),
                     f"{remote}/{branch}", cwd=repo)
            else:
                _git("worktree", "add", "--quiet", "--detach", str(work), cwd=repo)
                _git("checkout", "--quiet", "--orphan", f"layar-{branch}-new", cwd=work)
                _git("rm", "-rfq", "--ignore-unmatch", ".", cwd=work)
            try:
                place(site, work, under)
                _git("add", "-A", cwd=work)
                if _git("diff", "--cached", "--quiet", cwd=work, check=False).returncode == 0:
                    return False
                _git("commit", "--quiet", "-m", message, cwd=work)
                pushed = _git("push", "--quiet", remote, f"HEAD:refs/heads/{branch}", cwd=work,
                              check=False)
            finally:
                _git("worktree", "remove", "--force", str(work), cwd=repo, check=False)
            if pushed.returncode == 0:
                return True
            if attempt == attempts - 1:
                raise PagesError(f"git push to {branch} failed: {pushed.stderr.strip()}")
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layar_review.pages",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("publish", "remove"))
    parser.add_argument("--site", type=Path, help="the built site (publish)")
    parser.add_argument("--under", default="", help="pr-preview/pr-N, or nothing: the root")
    parser.add_argument("--message", default=None)
    parser.add_argument("--repo", type=Path, default=Path.cwd())
    parser.add_argument("--branch", default=BRANCH)
    args = parser.parse_args(argv)
    if args.action == "publish" and (args.site is None or not args.site.is_dir()):
        parser.error("publish needs --site FOLDER (a built site)")
    if args.action == "remove" and not args.under:
        parser.error("remove needs --under pr-preview/pr-N (the site's root is never removed)")
    site = args.site if args.action == "publish" else None
    message = args.message or (f"{args.action} {args.under or 'the site'}")
    try:
        changed = update(args.repo, site, args.under, message, branch=args.branch)
    except PagesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.branch}: {message}" + ("" if changed else " (nothing changed)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
