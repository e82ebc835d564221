"""Tiny sites for the checks' tests: a dict of files in, problems and exit codes out.

``tiny_site`` (a fixture) makes a project folder in ``tmp_path`` with the repository's own
``pelicanconf.py``, the interface catalogs and a home page, plus the files a test gives, as
MkDocs' ``tempdir(files={...})`` does.  The theme and plugins are the repository's.  Builds
and checks run in-process through the same code as ``invoke build`` / ``invoke check``
(``tasks._build``), so a test sees the printed lines and the exit code an editor sees.
"""
from __future__ import annotations

import importlib.util
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from invoke import Exit

ROOT = Path(__file__).resolve().parents[2]

HOME = """\
---
title: Home
slug: home
lang: en
---
Welcome to the tiny site.
"""

#: A valid article; tests take it and break one thing.
ARTICLE = """\
---
title: Sebuah artikel
slug: sebuah-artikel
lang: id
date: 2025-10-22
publisher: Contoh
---
Paragraf pertama.

## Bagian dua

Paragraf kedua.
"""

#: Settings for speed: no search index (Pagefind) in tiny sites.
FAST = {"LAYAR_SEARCH_INDEX": False}


def _load_tasks():
    spec = importlib.util.spec_from_file_location("layar_tasks_under_test", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TASKS = _load_tasks()


@dataclass
class Outcome:
    """What an editor sees: the exit code and the printed lines."""

    code: int
    lines: list[str]
    message: str = ""

    @property
    def problems(self) -> list[str]:
        return [line for line in self.lines if ": error: " in line or ": warning: " in line]

    @property
    def errors(self) -> list[str]:
        return [line for line in self.lines if ": error: " in line]

    def has(self, path: str, line: int, *parts: str) -> bool:
        prefix = f"{path}:{line}: error: "
        return any(l.startswith(prefix) and all(p in l for p in parts) for l in self.lines)


class TinySite:
    def __init__(self, root: Path, files: dict[str, str | bytes] | None = None,
                 settings: dict | None = None, home: bool = True):
        self.root = root
        self.output = root / "output"
        root.mkdir(parents=True, exist_ok=True)
        conf = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
        extra = {**FAST, "THEME": str(ROOT / "theme"), "PLUGIN_PATHS": [str(ROOT / "plugins" / "pelican")],
                 **(settings or {})}
        conf += "\n# --- test overrides ---\n" + "".join(f"{k} = {v!r}\n" for k, v in extra.items())
        (root / "pelicanconf.py").write_text(conf, encoding="utf-8")
        (root / "i18n").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "i18n" / "babel-content.cfg", root / "i18n")
        for po in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.po"):
            target = root / "i18n" / po.relative_to(ROOT / "i18n")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(po, target)
        for folder in ("articles", "pages", "topics"):
            (root / "content" / folder).mkdir(parents=True, exist_ok=True)
        if home:
            self.write({"content/pages/home.md": HOME})
        self.write(files or {})

    @property
    def settings(self) -> Path:
        return self.root / "pelicanconf.py"

    def write(self, files: dict[str, str | bytes]) -> None:
        for name, data in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(textwrap.dedent(data) if data.startswith("\n") else data,
                                encoding="utf-8")

    # -- running ----------------------------------------------------------------------
    def build(self, keep: bool = True):
        """``layar_build.build`` (raises ChecksFailed / BuildError)."""
        from layar_build import build

        return build(self.settings, self.output, keep=keep)

    def run(self, task: str = "check") -> Outcome:
        """``invoke check`` or ``invoke build`` on this site: exit code and printed lines."""
        import contextlib
        import io

        out = io.StringIO()
        code, message = 0, ""
        with contextlib.redirect_stdout(out):
            try:
                TASKS._build(self.settings, self.output if task == "build" else None,
                             keep=task == "build")
            except Exit as exc:
                code, message = exc.code, str(exc.message or "")
        return Outcome(code, out.getvalue().splitlines(), message)

    def snapshot(self, under: str | None = None) -> dict[str, bytes]:
        """Every file (and folder) below the project, or below ``under``, with its bytes."""
        base = self.root / under if under else self.root
        return {p.relative_to(self.root).as_posix(): (p.read_bytes() if p.is_file() else b"/")
                for p in sorted(base.rglob("*"))}


@pytest.fixture
def tiny_site(tmp_path):
    """``tiny_site(files, settings=None)`` -> TinySite in a fresh folder."""
    count = [0]

    def make(files=None, settings=None, home=True) -> TinySite:
        count[0] += 1
        return TinySite(tmp_path / f"site{count[0]}", files, settings, home)

    return make


@pytest.fixture(scope="session")
def _base_site(tmp_path_factory) -> Path:
    """One tiny site with one article, built once per session; tests copy it."""
    site = TinySite(tmp_path_factory.mktemp("base") / "site", {"content/articles/ok.md": ARTICLE})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    return site.root


@pytest.fixture
def built_tiny_site(tiny_site, _base_site, tmp_path):
    """``built_tiny_site(files)`` -> (TinySite, snapshot of its output/): a site with a
    previous build in ``output/`` and then ``files`` written."""

    def make(files=None, settings=None) -> tuple[TinySite, dict[str, bytes]]:
        if settings:
            site = tiny_site({"content/articles/ok.md": ARTICLE}, settings)
            outcome = site.run("build")
            assert outcome.code == 0, outcome.lines + [outcome.message]
        else:
            root = tmp_path / f"copy{len(list(tmp_path.glob('copy*')))}"
            shutil.copytree(_base_site, root, symlinks=True)
            site = TinySite.__new__(TinySite)
            site.root, site.output = root, root / "output"
        before = site.snapshot("output")
        site.write(files or {})
        return site, before

    return make
