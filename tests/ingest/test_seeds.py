"""The five real seeds: every front-matter value, every paragraph, and none of the noise."""
from __future__ import annotations

import hashlib

import pytest

from layar import frontmatter
from layar_ingest import document, normalize

from . import expected
from .conftest import SEED, blocks, build, seed_bytes, seed_text

KEYS = ["title", "slug", "lang", "date", "author", "publisher", "summary", "topics", "source",
        "review"]

META = {
    "000": dict(
        title="Begini Cara Netflix Gunakan AI di Industri Hiburan, Tidak Gantikan Kreativitas Sineas",
        slug="begini-cara-netflix-gunakan-ai-di-industri-hiburan-tidak-gantikan-kreativitas-sineas",
        lang="id",
        date="2025-10-22T14:00:00+07:00",
        author="Tek ID",
        publisher="Tek ID",
        summary="Netflix mulai gunakan AI dalam produksi film untuk bantu efisiensi dan efek visual, "
                "tapi menegaskan teknologi tak akan menggantikan kreator manusia.",
        topics={"tools": ["generative-ai", "sora-2"], "productions": ["the-eternaut"],
                "organizations": ["netflix", "openai", "sag-aftra"], "people": ["ted-sarandos"]},
        review=["date: the dateline prints the time 14:00 without a time zone; +07:00 "
                "(Asia/Jakarta, the default zone of 'id' outlets) was assumed"],
    ),
    "001": dict(
        title="Teknologi AI Generatif Mengancam Operasional dan Keuntungan Netflix",
        slug="teknologi-ai-generatif-mengancam-operasional-dan-keuntungan-netflix",
        lang="id",
        date="2024-02-02T10:00:00+07:00",
        author="Adam Rizal",
        publisher="",
        summary="Saat ini penggunaan teknologi artificiaI intelligence (AI) atau kecerdasan buatan "
                "sangat masif dan tidak semua perusahaan nyaman dengan hal itu. Netflix menilai "
                "teknologi AI menghadirkan risiko kompetitif dan gangguan yang signifikan.",
        topics={"strikes": ["sag-aftra-strike-2023", "wga-strike-2023"], "tools": ["generative-ai"],
                "organizations": ["netflix", "openai", "sag-aftra"]},
        review=["publisher: the seed does not name the outlet"],
    ),
    "002": dict(
        title="Penulis dan Aktor di Amerika Serikat Mogok, Netflix Malah Buka Posisi untuk Manajer AI",
        slug="penulis-dan-aktor-di-amerika-serikat-mogok-netflix-malah-buka-posisi-untuk-manajer-ai",
        lang="id",
        date="2023-07-31T14:29:00+07:00",
        author="Rahmat Jiwandono",
        publisher="Techverse.asia",
        summary="Ketika para aktor dan penulis menuntut kompensasi yang adil dan perlindungan dari "
                "gangguan teknologi yang ditenagai kecerdasan buatan atau Artificial Intelligence "
                "(AI), Netflix telah membuka lowongan kerja untuk manajer produk pembelajaran mesin "
                "yang akan memberi kompensasi antara US$300 ribu (Rp4,5 miliar) dan US$900 ribu "
                "(13,5 miliar) setahun.",
        topics={"strikes": ["sag-aftra-strike-2023", "wga-strike-2023"], "tools": ["generative-ai"],
                "organizations": ["netflix", "sag-aftra"]},
        review=[],
    ),
    "003": dict(
        title="",
        slug="003-343dc55e35afd3d3",
        lang="nl",
        date="",
        author="",
        publisher="Bright",
        summary="Netflix is vastberaden om vol in te zetten op AI. Dat heeft CEO Ted Sarandos "
                "bekendgemaakt tegenover investeerders. Volgens de topman is het bedrijf zeer goed "
                "gepositioneerd om te profiteren van de voortdurende vooruitgang in AI.",
        topics={"tools": ["generative-ai", "sora-2", "veo-3"], "productions": ["the-eternaut"],
                "organizations": ["google", "netflix", "openai"], "people": ["ted-sarandos"]},
        review=[
            "title: not found in the seed",
            "slug: made from the seed's file name because the seed has no usable title; derive "
            "it from the title once an editor has written one",
            "date: no dateline found in the seed",
            "author: no byline found in the seed",
        ],
    ),
    "004": dict(
        title="Revolusi di Balik Layar: Bagaimana AI dan Web3 Mengguncang Industri Film Global",
        slug="revolusi-di-balik-layar-bagaimana-ai-dan-web3-mengguncang-industri-film-global",
        lang="id",
        date="2026-01-16T12:07:00+07:00",
        author="Dinda Rachmawati",
        publisher="Suara.com",
        summary="Industri film menghadapi tantangan pendanaan rumit dan minim transparansi, terutama "
                "bagi sineas independen selama ini. Teknologi Blockchain dan AI kini menjadi solusi "
                "potensial untuk menciptakan pendanaan, partisipasi, dan produksi lebih efisien. "
                "Kombinasi AI dan Web3 sedang diuji, berpotensi menciptakan industri film lebih "
                "transparan, inklusif, dan efisien kedepannya.",
        topics={"tools": ["show-token"]},
        review=[],
    ),
}

#: Page furniture of each seed: none of it may appear anywhere in the written file.
NOISE = {
    "000": ["Kanal", "partner tek.id", "Ilustrasi menonton", "dok. Freepik", "Tidak Ga ",
            "back to top", "×", "Oleh"],
    "001": ["Find Us On Social Media", "Ilustrasi Netflix", "Baca Juga", "Saingi AS",
            "Kloningan Suara", "By Adam Rizal", "\u00a0"],
    "002": ["Ilustrasi Netflix", "Baca Juga", "Mengintip Keluaran Investasi", "Squid Game",
            "Follow Berita", "Google News", "Berita Terkait", "Berita Terkini", "Razer",
            "Avatar Fire and Ash", "Huawei Mate X7", "Sumber:", "Techverse.asia - ", "WIB"],
    "003": ["Lees meer", "Bright-app", "mis niets"],
    "004": ["Dok. Istimewa", "Baca 10 detik", "Baca Juga", "Deretan Line-up", "Zoomed", "×",
            "BERITA TERKAIT", "REKOMENDASI", "TERKINI", "Suara.com - ", "Suara.Com"],
}


@pytest.fixture(scope="module")
def articles():
    """The five articles, built once with the fixture registry."""
    import tempfile
    from pathlib import Path

    from layar_ingest import registry

    from .conftest import kinds, write_registry

    with tempfile.TemporaryDirectory() as tmp:
        index, problems = registry.load_index(write_registry(Path(tmp)), kinds())
        assert not problems
        return {key: build(seed_bytes(key), f"seeds/{name}", index) for key, name in SEED.items()}


@pytest.mark.parametrize("key", sorted(SEED))
def test_front_matter_values(articles, key):
    text = document.render(articles[key])
    meta = frontmatter.parse(text).meta
    assert list(meta) == KEYS
    want = META[key]
    for field in KEYS[:-3]:
        assert meta[field] == want[field], field
    assert meta["topics"] == want["topics"]
    assert list(meta["topics"]) == [k for k in ("strikes", "tools", "productions", "organizations",
                                                 "people") if k in want["topics"]]
    assert meta["review"] == want["review"]
    assert meta["source"]["file"] == f"seeds/{SEED[key]}"
    assert meta["source"]["sha256"] == hashlib.sha256(seed_bytes(key)).hexdigest()
    assert set(meta["source"]) == {"file", "sha256", "ingest_sha256"}
    assert len(meta["source"]["ingest_sha256"]) == 64


@pytest.mark.parametrize("key", sorted(SEED))
def test_body_is_every_paragraph_in_order(articles, key):
    assert blocks(articles[key]) == getattr(expected, f"BLOCKS_{key}")


@pytest.mark.parametrize("key", sorted(SEED))
def test_body_paragraphs_are_the_seed_sentences(articles, key):
    """Independently of the table: each paragraph is a line of the seed, word for word."""
    lines = normalize.normalize(seed_text(key)).split("\n")
    for block in blocks(articles[key]):
        if block.startswith("## "):
            assert block[3:] in lines
        elif block.startswith("- "):
            for item in block.split("\n"):
                assert any(line.endswith(item[2:]) for line in lines), item
        else:
            # The first paragraph may have lost the outlet's dateline ("Suara.com - ").
            assert any(line == block or line.endswith(" - " + block) for line in lines), block
        assert "\n" not in block or block.startswith("- "), "one line per paragraph"


@pytest.mark.parametrize("key", sorted(SEED))
def test_no_noise_anywhere(articles, key):
    text = document.render(articles[key])
    body = document.body(articles[key].blocks)
    for phrase in NOISE[key]:
        assert phrase not in body, phrase
        if phrase not in ("WIB", "Suara.Com"):
            assert phrase not in text.split("\n---\n", 1)[0].replace(SEED[key], ""), phrase


def test_headings_and_lists():
    """Subheadings become '## ' headings; the key points a '- ' list; captions vanish."""
    dutch = blocks(build(seed_bytes("003")))
    assert "## Netflix zet in op AI, maar wel als hulpmiddel" in dutch
    assert "## Zorgen in Hollywood" in dutch
    assert "## Rekrut Pengembang AI" in blocks(build(seed_bytes("001")))
    points = blocks(build(seed_bytes("004")))[0].split("\n")
    assert len(points) == 3 and all(p.startswith("- ") for p in points)
    assert not any(b.startswith("## Ilustrasi") for b in blocks(build(seed_bytes("002"))))


def test_rendered_file_round_trips(articles):
    for article in articles.values():
        text = document.render(article)
        doc = frontmatter.parse(text)
        assert doc.body.strip() == document.body(article.blocks)
        assert document.is_pristine(text)
        assert text.endswith("\n") and "\r" not in text and "\u00a0" not in text
