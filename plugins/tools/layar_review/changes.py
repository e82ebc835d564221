"""``invoke changes``: the pages that differ between a base revision's output and this tree's.

Exact and incremental, in one folder (``.cache/changes/`` beside the build caches):

1. ``tree/`` is a git worktree of the repository.  It is checked out at the base revision
   and built into ``site/`` with that revision's own code, settings, theme and catalogs
   (a subprocess whose import path is the worktree's ``plugins/``).  The build caches are
   the project's (``LAYAR_CACHE_DIR``), so parsed sources, rendered units and social cards
   already made by ``invoke build`` (or restored by CI's ``actions/cache``) are reused.
2. ``site/`` is linked file by file into ``base/`` (hard links, no copy).
3. The worktree is moved to *this tree* (what ``git add -A`` would commit, untracked files
   included, made with a private index: the real index is not touched) and built into
   ``site/`` again.  That build starts from the base's output, so it renders only the pages
   whose recorded inputs differ and keeps the others as the very same files.
4. ``base/`` and ``site/`` are compared: the same file (inode) is unchanged; any other pair
   is compared byte for byte, so a page is listed only if its bytes differ.

Both builds have the same time (``SOURCE_DATE_EPOCH``), and neither makes the search index:
Pagefind's files differ between any two builds, so they could not be compared, and a
language with a changed page gets a new index anyway (the report says which).
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from layar.errors import LayarError

STATUSES = ("added", "removed", "changed")

#: Identity for the commit that records this tree (never on a branch; git needs one).
_COMMIT_ENV = {"GIT_AUTHOR_NAME": "invoke changes", "GIT_AUTHOR_EMAIL": "changes@layar.invalid",
               "GIT_COMMITTER_NAME": "invoke changes",
               "GIT_COMMITTER_EMAIL": "changes@layar.invalid",
               "GIT_AUTHOR_DATE": "1970-01-01T00:00:00Z",
               "GIT_COMMITTER_DATE": "1970-01-01T00:00:00Z"}


class ChangesError(LayarError):
    """``invoke changes`` cannot compare: a revision that does not exist or does not build.
    ``problems`` are the build's own lines (``path:line: severity: message``)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class PageChange:
    status: str  # added, removed or changed
    lang: str
    url: str
    title: str
    kind: str
    path: str  # in the output


@dataclass
class Changes:
    base: str  # what was compared with, e.g. "main (1a2b3c4d)"
    pages: list[PageChange]
    #: other files by category ("feeds", "social cards", …): {status: count}
    others: dict[str, Counter]
    languages: tuple[str, ...]
    seconds: float = 0.0
    builds: list[str] = field(default_factory=list)  # the two builds' summary lines

    def count(self, status: str | None = None) -> int:
        return sum(1 for p in self.pages if status is None or p.status == status)

    def by_language(self) -> dict[str, list[PageChange]]:
        found: dict[str, list[PageChange]] = {}
        order = {lang: i for i, lang in enumerate(self.languages)}
        for page in sorted(self.pages, key=lambda p: (order.get(p.lang, len(order)), p.lang,
                                                      p.url)):
            found.setdefault(page.lang, []).append(page)
        return found

    @property
    def reindexed(self) -> list[str]:
        """Languages whose search index a build makes again (a page of theirs changed)."""
        langs = {p.lang for p in self.pages}
        return [lang for lang in self.languages if lang in langs]


# -- git ---------------------------------------------------------------------------------
def _git(*args: str, cwd: Path, env: dict | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    if result.returncode:
        raise ChangesError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def resolve(root: Path, ref: str | None) -> tuple[str, str]:
    """``(commit, label)`` of the base: ``ref``, or where this branch left ``main``."""
    if ref is None:
        for candidate in ("main", "origin/main"):
            try:
                main = _git("rev-parse", "--verify", "-q", f"{candidate}^{{commit}}", cwd=root)
            except ChangesError:
                continue
            commit = _git("merge-base", main, "HEAD", cwd=root)
            return commit, f"{candidate} ({commit[:8]})"
        raise ChangesError("no branch main to compare with: name the base, "
                           "e.g. invoke changes --base origin/main")
    try:
        commit = _git("rev-parse", "--verify", "-q", f"{ref}^{{commit}}", cwd=root)
    except ChangesError:
        raise ChangesError(f"unknown revision {ref!r}: give a branch, tag or commit "
                           f"(git fetch it first if it is only on the remote)") from None
    return commit, f"{ref} ({commit[:8]})" if not commit.startswith(ref) else commit[:8]


def this_tree(root: Path) -> str:
    """A commit of the working tree as ``git add -A`` would record it (untracked files
    included, ignored ones not), made with a copy of the index: nothing of the user's
    index, branch or stash changes."""
    with tempfile.TemporaryDirectory(prefix="layar-changes-") as tmp:
        index = Path(tmp, "index")
        real = root / _git("rev-parse", "--git-path", "index", cwd=root)
        if real.exists():
            shutil.copy(real, index)
        env = {"GIT_INDEX_FILE": str(index)}
        _git("add", "-A", cwd=root, env=env)
        tree = _git("write-tree", cwd=root, env=env)
    return _git("commit-tree", tree, "-p", "HEAD", "-m", "invoke changes: this tree",
                cwd=root, env=_COMMIT_ENV)


def checkout(root: Path, worktree: Path, commit: str) -> None:
    """Put ``worktree`` (a git worktree of ``root``, made when missing) at ``commit``;
    untracked files go, ignored ones (compiled catalogs) stay."""
    if not (worktree / ".git").exists():
        shutil.rmtree(worktree, ignore_errors=True)
        _git("worktree", "prune", cwd=root)
        worktree.parent.mkdir(parents=True, exist_ok=True)
        _git("worktree", "add", "--force", "--detach", str(worktree), commit, cwd=root)
    else:
        _git("checkout", "--force", "--detach", "-q", commit, cwd=worktree)
        _git("clean", "-fdq", cwd=worktree)


# -- builds -------------------------------------------------------------------------------
#: Builds a checked-out tree with its own code: plugins/ first on the import path.
_RUNNER = r"""
import json, sys
from pathlib import Path
tree, output, overrides = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
for part in ("lib", "pelican", "tools"):
    sys.path.insert(0, str(tree / "plugins" / part))
from layar.errors import ChecksFailed, LayarError
from layar_build import build
try:
    result = build(tree / "pelicanconf.py", output, overrides=overrides)
except ChecksFailed as exc:
    for problem in exc.problems:
        print(problem)
    sys.exit(1)
except LayarError as exc:
    print(f"error: {exc}")
    sys.exit(1)
print(result.summary())
"""


def build_tree(tree: Path, output: Path, cache_dir: Path | None, epoch: int) -> str:
    """Build ``tree`` into ``output`` without the search index; its summary line."""
    overrides = {"LAYAR_SEARCH_INDEX": False,
                 "LAYAR_CACHE_DIR": None if cache_dir is None else str(cache_dir)}
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(tree), str(output), json.dumps(overrides)],
        cwd=tree, capture_output=True, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})
    lines = result.stdout.splitlines()
    if result.returncode:
        tail = result.stderr.strip().splitlines()[-1:] if not lines else []
        raise ChangesError("the build failed", lines + tail)
    return lines[-1] if lines else ""


def link_tree(source: Path, target: Path) -> None:
    """``target``: the files of ``source`` as hard links (``target`` is made anew)."""
    shutil.rmtree(target, ignore_errors=True)
    for top, dirs, names in os.walk(source):
        rel = Path(top).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in names:
            os.link(Path(top, name), target / rel / name)


# -- comparison ---------------------------------------------------------------------------
def _files(folder: Path) -> dict[str, os.stat_result]:
    found = {}
    for top, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(top, name)
            found[Path(path).relative_to(folder).as_posix()] = os.stat(path)
    return found


def _same(a: Path, sa: os.stat_result, b: Path, sb: os.stat_result) -> bool:
    if (sa.st_ino, sa.st_dev) == (sb.st_ino, sb.st_dev):
        return True  # kept by the incremental build: the very same file
    if sa.st_size != sb.st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            one, two = fa.read(1 << 16), fb.read(1 << 16)
            if one != two:
                return False
            if not one:
                return True


def category(rel: str) -> str:
    """What kind of file a non-page output file is, for the counts."""
    top = rel.split("/", 1)[0]
    name = rel.rsplit("/", 1)[-1]
    if top == "cards":
        return "social cards"
    if top == "media":
        return "pictures"
    if top == "pagefind":
        return "search index"
    if top == "api":
        return "graph (api/)"
    if top == "theme":
        return "theme files"
    if name == "feed.xml" or name.endswith(".atom"):
        return "feeds"
    if rel == "sitemap.xml":
        return "sitemap"
    return "other files"


_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')
_OG_TITLE = re.compile(r'<meta property="og:title" content="([^"]*)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_KIND = re.compile(r'<body[^>]*\bclass="page-([\w-]+)')


def page_facts(path: Path, rel: str, languages: tuple[str, ...]) -> tuple[str, str, str]:
    """``(language, title, kind)`` of a built page, read from its HTML: ``<html lang>``,
    its Open Graph title (else ``<title>``) and the theme's ``page-<kind>`` body class."""
    text = path.read_text(encoding="utf-8", errors="replace")
    top = rel.split("/", 1)[0]
    found = _LANG.search(text)
    lang = top if top in languages else (found.group(1) if found else "")
    if rel == "index.html":
        lang = ""  # the language chooser: every language at once
    title = _OG_TITLE.search(text) or _TITLE.search(text)
    kind = _KIND.search(text)
    return (lang, html.unescape(title.group(1)).strip() if title else "",
            kind.group(1) if kind else "")


def url_of(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def compare(base: Path, head: Path, languages: tuple[str, ...], label: str) -> Changes:
    old, new = _files(base), _files(head)
    pages: list[PageChange] = []
    others: dict[str, Counter] = {}
    for rel in sorted(old.keys() | new.keys()):
        if rel not in old:
            status = "added"
        elif rel not in new:
            status = "removed"
        elif _same(base / rel, old[rel], head / rel, new[rel]):
            continue
        else:
            status = "changed"
        if rel.endswith(".html"):
            lang, title, kind = page_facts((base if status == "removed" else head) / rel, rel,
                                           languages)
            pages.append(PageChange(status, lang, url_of(rel), title, kind, rel))
        else:
            others.setdefault(category(rel), Counter())[status] += 1
    return Changes(label, pages, others, languages)


# -- the whole ----------------------------------------------------------------------------
def default_epoch() -> int:
    """The builds' time: ``SOURCE_DATE_EPOCH`` when set (CI: the commit's), else the
    current hour (so that runs within an hour keep each other's pages)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        return int(value)
    return int(time.time()) // 3600 * 3600


def run(root: Path, base_ref: str | None, cache_dir: Path | None,
        languages: tuple[str, ...], work: Path | None = None, epoch: int | None = None,
        log=lambda line: None) -> Changes:
    """Build the base revision and this tree (see the module docstring) and compare."""
    started = time.perf_counter()
    root = Path(_git("rev-parse", "--show-toplevel", cwd=root))
    work = Path(work or root / ".cache" / "changes").resolve()
    epoch = default_epoch() if epoch is None else epoch
    commit, label = resolve(root, base_ref)
    head = this_tree(root)
    tree, site, snapshot = work / "tree", work / "site", work / "base"
    builds = []
    checkout(root, tree, commit)
    try:
        builds.append(build_tree(tree, site, cache_dir, epoch))
    except ChangesError as exc:
        raise ChangesError(f"the base revision {label} does not build, so there is nothing "
                           f"to compare with", exc.problems) from None
    log(f"base {label}: {builds[-1]}")
    link_tree(site, snapshot)
    checkout(root, tree, head)
    try:
        builds.append(build_tree(tree, site, cache_dir, epoch))
    except ChangesError as exc:
        raise ChangesError("this tree does not build (invoke check shows the same "
                           "problems)", exc.problems) from None
    log(f"this tree: {builds[-1]}")
    changes = compare(snapshot, site, languages, label)
    changes.builds = builds
    changes.seconds = time.perf_counter() - started
    return changes
