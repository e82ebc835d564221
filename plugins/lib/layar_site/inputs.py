"""Recorded inputs: every read an output file makes goes through one API that notes it.

As Sphinx's ``env.note_dependency`` and Ninja's ``deps`` log do, a build does not declare
by hand what each file depends on: it records what making the file *read*.  An input is a
pair ``(kind, key)``:

===============  =========================================================================
``site``         the site model (code, routes, every source's front-matter, the interface
                 catalogs, and every setting read while the model was built): read by
                 every page
``body``         a source's body as shown in one language (its Markdown and the catalog
                 entries of its units): key ``"<source path>\\0<lang>"``
``setting``      one validated setting, read while a file was made: key ``"<owner>.<field>"``
``template``     one template file of the theme, by name (``article.html``)
``file``         the bytes of one file of the project (a theme asset; an image)
``pages``        the pages of one language as this build made them (the search index)
===============  =========================================================================

Each kind is one object of the ``InputKind`` protocol (its ``name``, its ``digest(key)``,
and the keys every page reads, ``every_page``), owned and registered once
(``Inputs.register``) by whoever owns that kind of input; a new kind of input becomes
incremental by writing that one class and reading through ``Inputs.read``, with no edits
elsewhere (docs/ARCHITECTURE.md, *Inputs*).  ``Inputs.recording()`` opens a scope
(one output file being made) that collects what is read inside it; the plan
(``layar_site.outputs``) compares the digests of the recorded inputs with those of the last
good build.

Settings are recorded field by field through ``Watched``: the validated settings object
of the site or of a plugin, whose attribute reads are noted.  Settings read while the site
model is built (before the plan) belong to the model, and so to every page; a setting only
the search page reads (``LAYAR_SEARCH_INDEX``) is recorded for that page alone, so a
preview and a build keep each other's other pages.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import re
from typing import Any, Callable, Iterable, Iterator, Protocol

Input = tuple[str, str]


class InputKind(Protocol):
    """One kind of input, declared by its owner (``Inputs.register``)."""

    #: the kind's name: the first half of every ``(kind, key)`` input
    name: str

    def digest(self, key: str) -> bytes | None:
        """The digest of the input ``key`` as this build sees it; None when it is gone."""

    # Optional: ``every_page() -> Iterable[str]``, the keys of this kind that the site model
    # reads, so every page (``Inputs.model_reads``): the code, the build's time, settings.
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def stable(value: Any) -> str:
    """A deterministic text for settings and metadata values (no memory addresses)."""
    try:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        text = repr(value)
    return _ADDRESS.sub("", text)


class Inputs:
    """The record of what is read, and the digest of each input (computed once)."""

    def __init__(self):
        self._digesters: dict[str, Callable[[str], bytes | None]] = {}
        self._digests: dict[Input, bytes | None] = {}
        #: ``kind\0key\0digest`` of each input whose digest is known (fingerprints join them)
        self._tokens: dict[Input, bytes] = {}
        self._scope: set[Input] | None = None
        #: Inputs read while the site model was built (``model()``), which every page reads.
        self.model_reads: set[Input] = set()
        self._settings: dict[str, Any] = {}
        #: The raw settings that watched settings objects stand for.
        self.watched_names: set[str] = set()

    # -- kinds ------------------------------------------------------------------------
    def register(self, *kinds: InputKind) -> None:
        """Register kinds of input (``InputKind``): each its digest, and the keys every page
        reads.  A kind is registered once per build, by its owner."""
        for kind in kinds:
            if kind.name in self._digesters:
                raise ValueError(f"input kind {kind.name!r} is registered twice")
            self._digesters[kind.name] = kind.digest
            for key in getattr(kind, "every_page", lambda: ())():
                self.model_reads.add((kind.name, key))

    @property
    def kinds(self) -> list[str]:
        """The names of the registered kinds (sorted)."""
        return sorted(self._digesters)

    def digest(self, kind: str, key: str) -> bytes | None:
        found = self._digests.get((kind, key), b"")
        if found == b"":
            digester = self._digesters.get(kind)
            found = None if digester is None else digester(key)
            self._digests[kind, key] = found
        return found

    def forget(self, kind: str) -> None:
        """Drop the digests of ``kind`` computed so far (its inputs changed meanwhile, e.g.
        the ``pages`` of a language once they are written)."""
        for key in [k for k in self._digests if k[0] == kind]:
            del self._digests[key]
            self._tokens.pop(key, None)

    # -- recording --------------------------------------------------------------------
    def read(self, kind: str, key: str) -> None:
        """Note that the output being made reads ``(kind, key)``."""
        if self._scope is not None:
            self._scope.add((kind, key))

    @contextlib.contextmanager
    def recording(self) -> Iterator[set[Input]]:
        """Collect the inputs read inside the block (nested scopes add to the outer one)."""
        outer, self._scope = self._scope, set()
        try:
            yield self._scope
        finally:
            inner, self._scope = self._scope, outer
            if outer is not None:
                outer |= inner

    @contextlib.contextmanager
    def model(self) -> Iterator[None]:
        """The site model is being built: what is read belongs to every page."""
        with self.recording() as reads:
            yield
        self.model_reads |= reads

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Reads inside the block are not recorded (validating settings is not using them)."""
        outer, self._scope = self._scope, None
        try:
            yield
        finally:
            self._scope = outer

    def memo(self, cache: dict, key, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per ``key`` in ``cache``: what it read is recorded with the
        value and noted again for every output that uses it later (a memoised value must
        not hide its inputs from the second page that shows it)."""
        found = cache.get(key)
        if found is None:
            with self.recording() as reads:
                value = compute()
            found = cache[key] = (value, frozenset(reads))
        else:
            self.replay(found[1])
        return found[0]

    def replay(self, reads: Iterable[Input]) -> None:
        """Note ``reads`` again: a memoised value's reads, for the output now using it."""
        if self._scope is not None:
            self._scope.update(reads)

    # -- settings ---------------------------------------------------------------------
    def watch(self, owner: str, settings: Any, names: Iterable[str] = (),
              where: Iterable[str] = ()) -> "Watched":
        """``settings`` (a validated, frozen settings object) with its reads recorded as
        ``("setting", "<owner>.<field>")``.  ``names`` are the raw settings it is validated
        from (they leave the blanket digest of ``unwatched``); the fields in ``where`` say
        where a build works (output folder, caches, workers), not what it makes, and are
        never recorded."""
        self._settings[owner] = settings
        self.watched_names.update(names)
        if "setting" not in self._digesters:
            self.register(_SettingInput(self))
        return Watched(self, owner, settings, frozenset(where))

    def unwatched(self, settings: dict[str, Any], where: Iterable[str]) -> bytes:
        """The digest of every setting no watched settings object stands for (Pelican's
        own, such as ``JINJA_ENVIRONMENT``): those are inputs of every page."""
        skip = self.watched_names | set(where)
        rest = {k: v for k, v in settings.items() if k.isupper() and k not in skip}
        return hashlib.sha256(stable(rest).encode()).digest()


    # -- fingerprints -----------------------------------------------------------------
    def fingerprint(self, relpath: str, inputs: Iterable[Input]) -> bytes | None:
        """The digest of the file at ``relpath`` made from ``inputs``; None when one of them
        no longer exists (the file must be made again)."""
        tokens = []
        for item in sorted(inputs):
            token = self._tokens.get(item)
            if token is None:
                digest = self.digest(*item)
                if digest is None:
                    return None
                token = self._tokens[item] = f"{item[0]}\0{item[1]}\0".encode() + digest
            tokens.append(token)
        return hashlib.sha256(b"\0".join([relpath.encode(), *tokens])).digest()


class _SettingInput:
    """Input kind ``setting``: one field of a watched settings object, ``<owner>.<field>``."""

    name = "setting"

    def __init__(self, inputs: Inputs):
        self._settings = inputs._settings

    def digest(self, key: str) -> bytes | None:
        owner, _, name = key.partition(".")
        settings = self._settings.get(owner)
        if settings is None or not hasattr(settings, name):
            return None
        return hashlib.sha256(f"{key}={stable(getattr(settings, name))}".encode()).digest()


class UnwatchedInput:
    """Input kind ``unwatched``, read by every page: every setting that no watched settings
    object stands for (Pelican's own, such as ``JINJA_ENVIRONMENT``), but those that say
    where a build works (``where``)."""

    name = "unwatched"

    def __init__(self, inputs: Inputs, settings: dict[str, Any], where: Iterable[str]):
        self._inputs, self._settings, self._where = inputs, settings, tuple(where)

    def every_page(self) -> Iterable[str]:
        return ("",)

    def digest(self, _key: str) -> bytes:
        return self._inputs.unwatched(self._settings, self._where)


class Watched:
    """A settings object whose attribute reads are recorded (see the module docstring)."""

    __slots__ = ("_inputs", "_owner", "_settings", "_where")

    def __init__(self, inputs: Inputs, owner: str, settings: Any, where: frozenset = frozenset()):
        object.__setattr__(self, "_inputs", inputs)
        object.__setattr__(self, "_owner", owner)
        object.__setattr__(self, "_settings", settings)
        object.__setattr__(self, "_where", where)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._settings, name)
        if name not in self._where and not name.startswith("_"):
            self._inputs.read("setting", f"{self._owner}.{name}")
        return value

    def __setattr__(self, name, value):
        raise AttributeError("settings are frozen once validated")

    def __repr__(self) -> str:
        return f"Watched({self._owner}: {self._settings!r})"

    def __reduce__(self):  # a forked worker's result never carries it; pickled as the value
        return (_unwatched, (self._settings,))


def _unwatched(settings):
    return settings
