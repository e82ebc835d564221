"""The catalogs gate of CI: every unit of the real site is translated, none fuzzy.

The same figure as `invoke i18n.status --min 100`, for the repository's own content.
"""
from __future__ import annotations

from layar_i18n_tools.status import below, format_table, status
from tests.helpers import ROOT


def test_every_catalog_of_the_site_is_complete():
    rows = status(ROOT)
    assert {(r.lang, r.domain) for r in rows} == {
        (lang, domain) for lang in ("id", "nl", "en") for domain in ("messages", "content")}
    assert all(r.total > 0 for r in rows)
    incomplete = below(rows, 100)
    assert not incomplete, "catalogs below 100%:\n" + format_table(rows)
    assert all(r.fuzzy == 0 for r in rows)
