"""Running Pagefind on a build's output, one language at a time, and reusing what it made.

``Indexing`` starts a Pagefind run (``PagefindRun``, a background process) per language as
soon as that language's pages are written, at most ``at_once`` at a time, and ``finish``
puts their bundles together in ``output/<bundle>/``.  One run per language is what
Pagefind does inside a single run (an index per ``<html lang>``, its files named by
language); separate runs start earlier, while other languages are still being rendered,
and each needs a third of the memory.  Their bundles differ only in
``pagefind-entry.json``, which lists the languages: ``finish`` merges those lists.

A language whose pages are all as the previous build made them is not indexed again
(``Reuse``): its files of the previous bundle, linked into this build's folder like every
unchanged file (``layar_build``), are kept.  Each bundle file is recorded in the build's
ledger (``site.outputs.made``) with a fingerprint: for a language's files, the digest of
the Pagefind version, the bundle folder and the fingerprints of that language's pages,
together with the number of its files (so a file deleted by hand is noticed); for the
runtime every language shares (``pagefind.js``, the worker, ``wasm.unknown``, the entry
list), the digest of the Pagefind version and the folder.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from layar.errors import BuildError

logger = logging.getLogger(__name__)

#: Pagefind's ready-made interfaces: Layar has its own (theme/static/js/search.js), so these
#: are removed from the bundle (about 400 KB that no page would load).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
ENTRY = "pagefind-entry.json"
#: The files every run writes alike: Pagefind's runtime, shared by every language.
RUNTIME = ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind")


def _versions() -> str:
    """The Pagefind that indexes (its version, as the binary reports it)."""
    return pagefind_version(tuple(pagefind_command()))


@functools.lru_cache(maxsize=None)
def pagefind_version(command: tuple[str, ...]) -> str:
    try:
        done = subprocess.run([*command, "--version"], capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"Pagefind could not run: {exc}; {INSTALL_HINT}") from exc
    if done.returncode != 0:
        raise BuildError(f"Pagefind could not run ({done.stderr.strip()}); {INSTALL_HINT}")
    return done.stdout.strip()


class Reuse:
    """What a build may keep of the previous build's bundle: asked of the build's plan
    (``Outputs.fresh_all``), like every other file.

    Each file a language's run made is recorded as read from ``("pages", <lang>)`` (the
    fingerprints of that language's pages as this build made or kept them) and
    ``("pagefind", "files:<lang>:<n>")`` (the Pagefind version, and how many files the run
    made, so a file deleted by hand is noticed); the runtime every language shares
    (``RUNTIME``) from ``("pagefind", "runtime")``.  Which language a file belongs to is
    known from the run that made it (each language's run writes into a folder of its own),
    never from Pagefind's file names."""

    def __init__(self, outputs, bundle: str):
        self.outputs = outputs
        self.bundle = bundle
        outputs.inputs.register(PagefindInput(bundle))
        outputs.inputs.register(PagesInput(outputs))
        #: bundle file (relative to the output) -> how the previous build made it
        self.previous = outputs.previously(bundle + "/")

    def _files(self, lang: str) -> tuple[list[str], int | None]:
        """The previous bundle's files of ``lang``, and how many its run made."""
        files, count = [], None
        for rel, made in self.previous.items():
            if ("pages", lang) in made.inputs:
                files.append(rel)
                for kind, key in made.inputs:
                    if kind == "pagefind" and key.startswith(f"files:{lang}:"):
                        count = int(key.rsplit(":", 1)[1])
        return sorted(files), count

    def keep(self, lang: str) -> bool:
        """Keep ``lang``'s files of the previous bundle (and the runtime) if the plan finds
        them all still fresh."""
        files, count = self._files(lang)
        runtime = [rel for rel, made in self.previous.items()
                   if ("pagefind", "runtime") in made.inputs]
        if not files or count != len(files) or len(runtime) != len(RUNTIME) + 1:
            return False
        return self.outputs.fresh_all([*files, *runtime])

    def drop(self, lang: str) -> None:
        """Give up ``lang``'s kept files (to index it again): out of the bundle and the record."""
        self.outputs.release(self._files(lang)[0])

    def record(self, made: dict[str, list[str]], runtime: list[str]) -> None:
        """Record the files each language's run made (``made``: language -> paths relative
        to the bundle) and the shared runtime."""
        prefix = self.bundle + "/"
        done = self.outputs.written(prefix)
        for lang, names in made.items():
            reads = [("pages", lang), ("pagefind", f"files:{lang}:{len(names)}")]
            for name in names:
                self.outputs.record(prefix + name, reads)
        for name in runtime:
            if prefix + name not in done:
                self.outputs.record(prefix + name, [("pagefind", "runtime")])


class PagefindInput:
    """Input kind ``pagefind``: the Pagefind version and the bundle folder, with the key
    (``runtime``, or ``files:<lang>:<n>``: how many files a language's run made)."""

    name = "pagefind"

    def __init__(self, bundle: str):
        self._base = f"{_versions()}\0{bundle}\0"

    def digest(self, key: str) -> bytes:
        return hashlib.sha256((self._base + key).encode()).digest()


class PagesInput:
    """Input kind ``pages``: the pages of one language (key) as this build wrote or kept
    them, by their fingerprints; None when a page has no fingerprint (its index cannot be
    reused then)."""

    name = "pages"

    def __init__(self, outputs):
        self._outputs = outputs

    def digest(self, lang: str) -> bytes | None:
        h = hashlib.sha256(lang.encode() + b"\0")
        for rel, made in sorted(self._outputs.written(f"{lang}/", ".html").items()):
            if made.fingerprint is None:
                return None
            h.update(rel.encode() + b"\0" + made.fingerprint)
        return h.digest()


class Indexing:
    """The search index of one build (see the module docstring): a run per language in
    ``languages``, or one run for the whole site when ``languages`` is None.  ``finish``
    waits for the runs and puts the bundle together; ``cancel`` stops them."""

    def __init__(self, output, bundle: str = "pagefind", languages: tuple[str, ...] | None = None,
                 at_once: int = 2, reuse: Reuse | None = None,
                 pages: Callable[[str], Iterable[str]] | None = None):
        self.output = Path(output)
        #: the pages a run indexes: this build's pages under a prefix (``"en/"``, or ``""``
        #: for the whole site), never whatever else the folder holds (files of the previous
        #: output not yet dropped: a page made a draft must not stay searchable)
        self.pages = pages or (lambda prefix: _html_under(self.output, prefix))
        #: where the runs work, beside the output (never inside it): a view of the pages
        #: each run indexes, made of hard links, and the bundle it writes
        self.work: Path | None = None
        self.bundle = bundle
        self.languages = languages
        self.at_once = max(1, at_once)
        self.reuse = reuse if languages is not None else None
        self.runs: dict[str, PagefindRun] = {}
        self.waiting: list[str] = []
        self.kept: list[str] = []

    def language_ready(self, lang: str) -> None:
        if (self.languages is not None and lang in self.languages and lang not in self.runs
                and lang not in self.waiting and lang not in self.kept):
            if self.reuse is not None:
                if self.reuse.keep(lang):
                    self.kept.append(lang)
                    logger.debug("search: the %s index is kept from the previous build", lang)
                    return
            self.waiting.append(lang)
        self._start()

    def _start(self) -> None:
        """Start waiting runs while fewer than ``at_once`` are still going."""
        going = sum(run.process.poll() is None for run in self.runs.values())
        while self.waiting and going < self.at_once:
            lang = self.waiting.pop(0)
            # Every run reads a view of exactly this build's pages of its language and
            # writes into a folder of its own (never into the bundle, which may hold links
            # to the live output); ``finish`` moves the files into place.
            name = lang or "all"
            view = self._view(name, self.pages(f"{lang}/" if lang else ""))
            glob = f"{lang}/**/*.html" if lang else None
            self.runs[lang] = PagefindRun(view, self._work() / f"bundle-{name}", glob=glob)
            going += 1

    def _work(self) -> Path:
        if self.work is None:
            self.work = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-search-",
                                              dir=self.output.parent))
        return self.work

    def _view(self, name: str, pages: Iterable[str]) -> Path:
        """A folder holding ``pages`` (paths relative to the output) at the same paths, as
        hard links to the output's files (so Pagefind gives them the same URLs)."""
        view = self._work() / f"site-{name}"
        made: set[str] = set()
        for rel in sorted(pages):
            folder = os.path.dirname(rel)
            if folder not in made:
                os.makedirs(view / folder, exist_ok=True)
                made.add(folder)
            try:
                os.link(self.output / rel, view / rel)
            except OSError:  # no hard links here: a copy reads the same
                shutil.copyfile(self.output / rel, view / rel)
        view.mkdir(parents=True, exist_ok=True)
        return view

    def all_ready(self) -> None:
        if self.languages is None:
            if not self.runs and not self.waiting:
                self.waiting.append("")  # one run for the whole site
            self._start()
            return
        for lang in self.languages:
            self.language_ready(lang)

    def finish(self) -> str:
        """Wait for every run; raise BuildError unless each wrote its bundle. Returns the log."""
        self.all_ready()
        folder = self.output / self.bundle
        old = _read_entry(folder / ENTRY) if self.kept else None
        for lang in [lang for lang in self.kept if lang not in (old or {}).get("languages", {})]:
            self.kept.remove(lang)  # kept files the previous entry list does not name
            self.reuse.drop(lang)
            self.waiting.append(lang)
        if not self.runs and not self.waiting and not self.kept:
            self.waiting.append("")  # no language has an indexed page: one run, as before
        logs = self._wait()
        made, runtime = self._merge(folder, old)
        if self.reuse is not None:
            self.reuse.record(made, runtime)
        return "\n".join(log for log in logs if log)

    def _wait(self) -> list[str]:
        logs = []
        done: set[str] = set()
        self._start()
        try:
            while len(done) < len(self.runs) or self.waiting:
                lang = next(lang for lang in self.runs if lang not in done)
                logs.append(self.runs[lang].finish())
                done.add(lang)
                self._start()
        except BaseException:
            self.cancel()
            raise
        return logs

    def _merge(self, folder: Path, old: dict | None) -> tuple[dict[str, list[str]], list[str]]:
        """Move each run's files into ``folder`` and write the list of every language (the
        kept languages' entries come from the previous list ``old``).  Returns the files
        each run made (language -> names in the bundle) and the runtime's."""
        entry: dict | None = dict(old) if old else None
        folder.mkdir(parents=True, exist_ok=True)
        parts: dict[str, dict] = {}
        made: dict[str, list[str]] = {}
        for lang, run in self.runs.items():
            part = _read_entry(run.folder / ENTRY)
            if part is None:
                raise BuildError(f"Pagefind wrote no readable {ENTRY} for {lang or 'the site'}")
            if entry is None:
                entry = dict(part)
            elif part.get("version") != entry.get("version"):
                raise BuildError(f"Pagefind wrote bundles of two versions: "
                                 f"{entry.get('version')} and {part.get('version')}")
            parts[lang] = part.get("languages", {})
            mine = made.setdefault(lang, [])
            for top, _dirs, names in os.walk(run.folder):
                for name in names:
                    source = Path(top, name)
                    rel = source.relative_to(run.folder).as_posix()
                    target = folder / rel
                    if rel == ENTRY or rel in UNUSED:
                        continue
                    if rel in RUNTIME:
                        if target.exists():
                            continue  # the runtime is the same in each part
                    else:
                        mine.append(rel)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(source, target)  # a new directory entry: links stay intact
        if "" in parts:
            languages = parts[""]
        else:
            languages = {}
            for lang in self.languages or ():  # in the site's order, whoever made them
                if lang in self.kept:
                    languages[lang] = old["languages"][lang]
                elif lang in parts:
                    languages.update(parts[lang])
        entry["languages"] = languages
        # A new file, never written through: the old one may be a link to the live output.
        tmp = folder / f".{ENTRY}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
        os.replace(tmp, folder / ENTRY)
        self._clean()
        return made, [ENTRY, *(name for name in RUNTIME if (folder / name).exists())]

    def cancel(self) -> None:
        """Stop every run (the build failed and its staging folder is being removed)."""
        self.waiting.clear()
        for run in self.runs.values():
            run.cancel()
        self._clean()

    def _clean(self) -> None:
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None


def _html_under(output: Path, prefix: str) -> list[str]:
    """The HTML files under ``output/prefix`` (an index made of a folder as it is)."""
    base = output / prefix if prefix else output
    return [p.relative_to(output).as_posix() for p in base.rglob("*.html")
            if p.is_file() and not any(part.startswith(".") for part in
                                       p.relative_to(output).parts)]


def _read_entry(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


#: The project's own folder: ``node_modules/`` beside ``package.json`` holds Pagefind.
ROOT = Path(__file__).resolve().parents[3]
#: npm's platform packages of Pagefind (``pagefind`` in package.json depends on them).
PLATFORMS = {("linux", "x86_64"): "linux-x64", ("linux", "aarch64"): "linux-arm64",
             ("darwin", "x86_64"): "darwin-x64", ("darwin", "arm64"): "darwin-arm64",
             ("freebsd", "amd64"): "freebsd-x64"}
INSTALL_HINT = ("install it with `npm ci` in the project folder (package.json pins Pagefind; "
                "`invoke build` does this when npm is installed), or set PAGEFIND_BINARY_PATH")


def pagefind_command() -> list[str]:
    """How to start Pagefind: ``PAGEFIND_BINARY_PATH`` when set, otherwise the binary of
    npm's ``pagefind`` package pinned in package.json (its extended build, which segments
    languages without spaces), found where npm installs it, without Node's start-up."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        return [given]
    platform = PLATFORMS.get((sys.platform.rstrip("0123456789"), os.uname().machine))
    if platform is not None:
        for name in ("pagefind_extended", "pagefind"):
            binary = ROOT / "node_modules" / "@pagefind" / platform / "bin" / name
            if binary.is_file():
                return [str(binary)]
    raise BuildError(f"Pagefind is not installed: {INSTALL_HINT}")


class PagefindRun:
    """Pagefind indexing the pages of ``output`` (those matching ``glob``) into ``folder``,
    in a background process."""

    def __init__(self, output, folder, glob: str | None = None):
        self.folder = Path(folder)
        cmd = pagefind_command() + ["--site", str(output), "--output-path",
                                    str(self.folder.resolve()), "--quiet"]
        if glob:
            cmd += ["--glob", glob]
        try:
            self.process = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                            stderr=subprocess.STDOUT, text=True)
        except OSError as exc:
            raise BuildError(f"Pagefind could not run: {exc}") from exc

    def finish(self) -> str:
        """Wait for Pagefind; raise BuildError unless it wrote its bundle. Returns its log."""
        try:
            out, _ = self.process.communicate(timeout=600)
        except subprocess.TimeoutExpired as exc:
            self.cancel()
            raise BuildError("Pagefind did not finish within 600 s") from exc
        log = (out or "").strip()
        if self.process.returncode != 0:
            raise BuildError(f"Pagefind failed (exit {self.process.returncode}):\n{log}")
        if log:
            logger.debug("pagefind: %s", log)
        if not (self.folder / "pagefind.js").exists():
            raise BuildError(f"Pagefind wrote no {self.folder.name}/pagefind.js:\n{log}")
        return log

    def cancel(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def run_pagefind(output, bundle: str = "pagefind", languages: tuple[str, ...] | None = None,
                 at_once: int = 2) -> str:
    """Index the HTML under ``output`` into ``output/<bundle>/`` and wait; return the log."""
    indexing = Indexing(output, bundle, languages, at_once)
    indexing.all_ready()
    return indexing.finish()
