"""The catalogs written by the project are in the form GNU msgcat writes (round trip)."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from babel.messages.catalog import Catalog

from layar_i18n_tools.maintain import write_catalog

pytestmark = pytest.mark.skipif(not shutil.which("msgcat") or not shutil.which("msgfmt"),
                                reason="GNU gettext is not installed")

LONG = ("Netflix menggunakan AI untuk merekomendasikan film dan serial kepada pelanggannya "
        "di seluruh dunia, dengan \"kutipan\" dan garis miring \\ serta tab\tdi tengah.")


def test_msgcat_changes_nothing_in_a_catalog_written_by_the_writer(tmp_path):
    catalog = Catalog(locale="nl", project="Layar")
    catalog.add(LONG, "Netflix gebruikt AI om films en series aan te bevelen aan zijn "
                      "abonnees over de hele wereld, met \"citaten\" en een schuine streep.",
                locations=[("content/articles/netflix-ai.md", 12)],
                auto_comments=["source-lang: id", "article: paragraph"])
    catalog.add("Baris\npertama", "Eerste\nregel", locations=[("content/pages/about.md", 3)])
    catalog.add("Kosong", locations=[("content/pages/about.md", 5)])
    fuzzy = catalog.add("Judul", "Titel", flags=["fuzzy"], previous_id="Judul lama",
                        locations=[("content/pages/about.md", 1)])
    assert fuzzy.fuzzy
    path = tmp_path / "content.po"
    write_catalog(path, catalog)
    before = path.read_bytes()
    assert max(len(line) for line in before.decode("utf-8").splitlines()) <= 79
    out = tmp_path / "again.po"
    subprocess.run(["msgcat", "-w", "79", str(path), "-o", str(out)], check=True)
    assert out.read_bytes() == before
    subprocess.run(["msgcat", str(path), "-o", str(out)], check=True)
    assert out.read_bytes() == before
    subprocess.run(["msgfmt", "-c", "-o", str(tmp_path / "content.mo"), str(path)], check=True)


def test_the_repositorys_catalogs_are_already_in_msgcat_form():
    """Opening and saving a catalog of the repository in Poedit, Weblate or `msgcat` gives
    a diff of the translator's work only: the tools change no other line."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "i18n"
    catalogs = sorted(root.glob("*.pot")) + sorted(root.glob("*/LC_MESSAGES/*.po"))
    assert len(catalogs) >= 8
    for path in catalogs:
        again = subprocess.run(["msgcat", "-w", "79", str(path)], capture_output=True,
                               check=True).stdout
        assert again == path.read_bytes(), f"{path}: msgcat rewrites this catalog"
