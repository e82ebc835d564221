"""One golden multi-language build: the fixture site compared file by file with tests/golden.

Regenerate with `invoke golden` after an intended change, and review the diff.
"""
from __future__ import annotations

import difflib

from tests.helpers import GOLDEN

IGNORED_DIRS = {"pagefind"}  # Pagefind's index holds binary shards whose names are hashes


def _tree(root):
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*"))
            if p.is_file() and not IGNORED_DIRS & set(p.relative_to(root).parts)}


def test_fixture_site_matches_golden_output(fixture_site_output):
    built, golden = _tree(fixture_site_output), _tree(GOLDEN)
    assert sorted(built) == sorted(golden), "files differ; run `invoke golden` if intended"
    for name in golden:
        expected, actual = golden[name].read_bytes(), built[name].read_bytes()
        if expected != actual:
            diff = "\n".join(difflib.unified_diff(
                expected.decode("utf-8", "replace").splitlines(),
                actual.decode("utf-8", "replace").splitlines(), "golden/" + name, "built/" + name,
                lineterm="", n=2))
            raise AssertionError(f"{name} differs from the golden output:\n{diff[:4000]}")


def test_golden_covers_three_languages_and_fallback():
    """The golden tree itself shows translation, fallback and the chooser."""
    en = (GOLDEN / "en" / "articles" / "mogok-penulis" / "index.html").read_text("utf-8")
    assert "Hollywood writers strike over AI" in en
    assert 'lang="id"' in en  # an untranslated unit keeps its language
    nl_home = (GOLDEN / "nl" / "index.html").read_text("utf-8")
    assert '<html lang="nl"' in nl_home
    assert (GOLDEN / "index.html").exists()
