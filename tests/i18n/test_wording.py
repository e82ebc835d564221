"""Interface wording the language review corrected (issue 36): Indonesian has one plural form,
the Dutch count of shared articles says what it counts, and the English fact label reads
as English."""
from __future__ import annotations

import runpy

from babel.messages.pofile import read_po

from tests.helpers import ROOT


def _catalog(lang: str, domain: str):
    with (ROOT / "i18n" / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh)


def test_indonesian_catalogs_have_one_plural_form():
    for domain in ("messages", "content"):
        text = (ROOT / "i18n" / "id" / "LC_MESSAGES" / f"{domain}.po").read_text("utf-8")
        assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text, domain
        assert "msgstr[1]" not in text, domain


def test_dutch_shared_articles_say_they_are_discussed_together():
    entry = _catalog("nl", "messages").get(("%(n)s shared article", "%(n)s shared articles"))
    assert entry is not None and not entry.fuzzy
    assert all("gedeelde" not in s and "samen" in s for s in entry.string), entry.string


def test_the_strikes_ai_fact_label_is_plain_english():
    kinds = runpy.run_path(str(ROOT / "pelicanconf.py"))["LAYAR_TOPICS_KINDS"]
    label = kinds["strikes"]["facts"]["ai_stakes"]["label"]
    assert label == "AI demands"
