"""Corrected statements stay corrected: ``remarks.yaml`` lists, per content file and language,
what its units must and must never say again (as the build shows them, catalogs included)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layar import extract

from tests.content.test_quotations import LANGS, all_files, units
from tests.helpers import ROOT

DATA = yaml.safe_load(Path(__file__).with_name("remarks.yaml").read_text("utf-8"))


def _files(entry) -> list[str]:
    if entry["file"] == "*":
        return all_files()
    assert (ROOT / entry["file"]).is_file(), entry["file"]
    assert extract.what_is(str(ROOT / entry["file"])), entry["file"]
    return [entry["file"]]


@pytest.mark.parametrize("entry", DATA, ids=[e["id"] for e in DATA])
def test_every_correction_says_why_and_names_https_sources(entry):
    assert entry["why"].strip()
    assert all(s.startswith("https://") for s in entry.get("sources") or [])
    assert entry.get("must") or entry.get("must_not")
    assert set(entry.get("must") or {}) | set(entry.get("must_not") or {}) <= set(LANGS)


CHECKS = [(e, lang) for e in DATA for lang in LANGS
          if (e.get("must") or {}).get(lang) or (e.get("must_not") or {}).get(lang)]


@pytest.mark.parametrize("entry, lang", CHECKS, ids=[f"{e['id']}-{lang}" for e, lang in CHECKS])
def test_a_corrected_statement_cannot_come_back(entry, lang):
    must = (entry.get("must") or {}).get(lang, [])
    must_not = (entry.get("must_not") or {}).get(lang, [])
    missing, back = [], []
    for relpath in _files(entry):
        text = " ".join(units(relpath, lang))
        if entry["file"] != "*":
            missing += [(relpath, words) for words in must if words not in text]
        back += [(relpath, words) for words in must_not if words in text]
    assert not missing, missing
    assert not back, back
