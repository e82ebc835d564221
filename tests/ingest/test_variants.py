"""Variants of the seeds and synthetic articles: the cleaning relies on general signals."""
from __future__ import annotations

import pytest

from layar.errors import IngestError
from layar_ingest import document

from . import expected
from .conftest import blocks, build, seed_text


def same_article(a, b):
    for field in ("title", "slug", "lang", "date", "author", "publisher", "summary", "review"):
        assert getattr(a, field) == getattr(b, field), field
    assert blocks(a) == blocks(b)


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_crlf_and_non_breaking_spaces(key):
    original = build(seed_text(key))
    text = seed_text(key).replace("\n", "\r\n").replace(" ", "\u00a0", 7) + "  \r\n"
    text = text.replace(". ", ".\u00a0 ", 3)
    variant = build(text)
    same_article(original, variant)
    assert blocks(variant) == getattr(expected, f"BLOCKS_{key}")


def test_old_mac_line_endings_and_tabs():
    text = seed_text("003").replace("\n", "\r").replace(" Netflix ", "\tNetflix\t")
    assert blocks(build(text)) == expected.BLOCKS_003


def test_noise_moved_and_repeated():
    lines = seed_text("001").split("\n")
    noise = ["Find Us On Social Media :", "Ilustrasi Netflix",
             "Baca Juga: Saingi AS, China Izinkan Penggunaan 40 Model AI dalam 6 Bulan Terakhir"]
    body_start = lines.index("Rekrut Pengembang AI")
    moved = lines[:body_start] + ["", noise[2], "", noise[1], ""] + lines[body_start:]
    moved += ["", noise[0], "", noise[1], "", noise[2], "", "Baca 10 detik", "×"]
    article = build("\n".join(moved))
    assert blocks(article) == expected.BLOCKS_001
    assert article.title == "Teknologi AI Generatif Mengancam Operasional dan Keuntungan Netflix"


def test_promo_glued_to_a_paragraph():
    text = seed_text("003").replace(
        "niet expliciet uitgesloten.", "niet expliciet uitgesloten. Lees ook: Disney klaagt AI-bedrijf aan")
    assert blocks(build(text))[-1] == ("Hoewel Netflix een slag om de arm houdt, heeft Sarandos die "
                                        "mogelijkheid niet expliciet uitgesloten.")


def test_title_repeated_as_truncated_caption_in_the_body():
    lines = seed_text("004").split("\n")
    at = lines.index("Alur yang sebelumnya tertutup dan sulit ditelusuri berpeluang menjadi lebih "
                     "terbuka, terukur, dan akuntabel bagi seluruh pihak yang terlibat.")
    lines[at:at] = ["Revolusi di Balik Layar: Bagaimana AI dan Web3 Meng Foto: Getty", ""]
    assert blocks(build("\n".join(lines))) == expected.BLOCKS_004


@pytest.mark.parametrize("related", [
    "Berita Terkait\nNetflix Naikkan Harga Langganan\nSora 2 Kini Bisa Dipakai di Android",
    "Artikel Terkait\n\n- Netflix Naikkan Harga Langganan\n- Google Rilis Veo 4",
    # A list with no heading: headlines with one-line teasers, as on many sites.
    "Meta Desain Ulang Facebook, Apa Saja yang Berubah?\nMeta mencoba membuat Facebook lebih baik.\n\n"
    "Spotify Tambah Fitur Playlist Baru\nFitur ini membuat daftar putar dari instruksi.\n\n"
    "Google Rilis Ponsel Lipat\nPerangkat ini tahan banting.",
    # Dated teasers ("Techno17 Desember 2025, 19:17 WIB"), as in seed 002.
    "Techno17 Desember 2025, 19:17 WIB\n\nRazer Meluncurkan Raiju V3 Pro\n\nBegini spesifikasinya.",
])
def test_related_news_appended(related, index):
    article = build(seed_text("000").replace("×\nback to top", "") + "\n\n" + related, index=index)
    assert blocks(article) == expected.BLOCKS_000
    assert "veo-3" not in article.topics.get("tools", [])
    assert "google" not in article.topics.get("organizations", [])


def test_topic_only_in_noise_is_not_a_topic(index):
    text = seed_text("003") + "\n\nLees ook: Google’s VEO 3 gaat naar Hollywood\n"
    assert build(text, index=index).topics == build(seed_text("003"), index=index).topics
    tags = build(seed_text("002"), index=index).topics
    assert "google" not in tags["organizations"]  # "Follow Berita … di Google News"
    assert "netflix" not in build(seed_text("004"), index=index).topics.get("organizations", [])


DUTCH = """\
Home
Nieuws
Tech
Inloggen

Hollywood vreest de opmars van AI-acteurs

Door Jan de Vries
donderdag 2 januari 2025, 09:15

Foto: ANP

Steeds meer studio's experimenteren met digitale acteurs die volledig door AI worden gegenereerd. Vakbonden maken zich daar grote zorgen over.

Lees ook: Netflix gebruikt AI in The Eternaut

De Amerikaanse acteursvakbond SAG-AFTRA eist dat studio’s toestemming vragen voordat ze een digitale replica van een acteur maken. Volgens de bond is dat een kwestie van fatsoen.

Wat willen de bonden?

De bonden willen vooral transparantie en een eerlijke vergoeding voor acteurs wier gezicht of stem wordt gebruikt. Ook willen ze dat studio's melden wanneer AI is ingezet.

Meest gelezen
Netflix verhoogt prijzen opnieuw
Dit zijn de beste series van 2025
"""


def test_synthetic_dutch_article_with_dateline(index):
    article = build(DUTCH, index=index)
    assert article.title == "Hollywood vreest de opmars van AI-acteurs"
    assert article.lang == "nl"
    assert article.date == "2025-01-02T09:15:00+01:00"  # CET in winter
    assert article.author == "Jan de Vries"
    assert article.publisher == ""
    assert blocks(article) == [
        "Steeds meer studio's experimenteren met digitale acteurs die volledig door AI worden "
        "gegenereerd. Vakbonden maken zich daar grote zorgen over.",
        "De Amerikaanse acteursvakbond SAG-AFTRA eist dat studio’s toestemming vragen voordat ze "
        "een digitale replica van een acteur maken. Volgens de bond is dat een kwestie van fatsoen.",
        "## Wat willen de bonden?",
        "De bonden willen vooral transparantie en een eerlijke vergoeding voor acteurs wier gezicht "
        "of stem wordt gebruikt. Ook willen ze dat studio's melden wanneer AI is ingezet.",
    ]
    assert article.topics == {"organizations": ["sag-aftra"]}  # The Eternaut only in "Lees ook"
    assert article.review == (  # the zone is an inference, and says so
        "date: the dateline prints the time 09:15 without a time zone; +01:00 "
        "(Europe/Amsterdam, the default zone of 'nl' outlets) was assumed",
        "publisher: the seed does not name the outlet")
    summer = build(DUTCH.replace("2 januari 2025", "2 juli 2025"))
    assert summer.date == "2025-07-02T09:15:00+02:00"  # CEST


ENGLISH = """\
Skip to content
Menu

Netflix Says Generative AI Will Help, Not Replace, Its Storytellers

By Jane Doe
October 22, 2025 2:00 PM EDT

Netflix told investors on Tuesday that it is "very well positioned" to take advantage of advances in generative AI, but stressed that the technology will not replace creative people.

Read more: Hollywood unions push back on AI actors

The company has already used generative AI in the Argentine series The Eternaut to create a scene of a collapsing building, and in another film to make characters look younger.

Read More

Co-CEO Ted Sarandos said that "it takes a great artist to make something great," adding that AI can give creatives better tools.

Related Articles
OpenAI launches Sora 2 with a new social app
Google unveils Veo 3
© 2025 TechDaily. All rights reserved.
"""


def test_synthetic_english_article_with_read_more(index):
    article = build(ENGLISH, index=index)
    assert article.lang == "en"
    assert article.title == "Netflix Says Generative AI Will Help, Not Replace, Its Storytellers"
    assert article.author == "Jane Doe"
    assert article.date == "2025-10-22T14:00:00-04:00"
    assert article.publisher == "TechDaily"
    assert [b[:20] for b in blocks(article)] == ["Netflix told investo", "The company has alre",
                                                 "Co-CEO Ted Sarandos "]
    assert "Read" not in document.body(article.blocks)
    assert article.topics == {"tools": ["generative-ai"], "productions": ["the-eternaut"],
                              "organizations": ["netflix"], "people": ["ted-sarandos"]}
    assert article.review == ()


def test_english_time_without_zone_keeps_the_day():
    article = build(ENGLISH.replace(" 2:00 PM EDT", " 2:00 PM"))
    assert article.date == "2025-10-22"
    assert any(r.startswith("date: the dateline prints the time 2:00") for r in article.review)


KOMPAS_PAGE = """\
Kamis, 23 Oktober 2025
Masuk
Kompas.com
News
Tekno
Apps & OS

Netflix Pamer Hasil AI Generatif di Serial The Eternaut
Kompas.com - 23/10/2025, 10:05 WIB
Lihat Foto
Ilustrasi logo Netflix.(Shutterstock)
Penulis Wahyunanda Kusuma Pertiwi | Editor Reza Wahyudi

KOMPAS.com - Netflix mengungkapkan bahwa mereka telah memakai teknologi kecerdasan buatan (AI) generatif dalam produksi serial asal Argentina, The Eternaut. Teknologi itu dipakai untuk membuat adegan runtuhnya sebuah gedung.

Menurut co-CEO Netflix Ted Sarandos, adegan tersebut selesai sepuluh kali lebih cepat dibanding jika memakai cara tradisional.

Baca juga: OpenAI Rilis Sora 2, Bisa Bikin Video dan Audio Sekaligus

Sarandos menegaskan, AI bukan pengganti kreator. Menurut dia, teknologi ini hanya alat untuk membantu para sineas bercerita.

Simak breaking news dan berita pilihan kami langsung di ponselmu. Pastikan kamu sudah install aplikasi WhatsApp ya.

Tag
Netflix
Sora 2

Terpopuler
1
Cara Cek Nomor Telkomsel
Copyright 2008 - 2025 PT. Kompas Cyber Media. All Rights Reserved.
"""


def test_whole_page_of_an_unseen_publisher(index):
    article = build(KOMPAS_PAGE, index=index)
    assert article.title == "Netflix Pamer Hasil AI Generatif di Serial The Eternaut"
    assert article.date == "2025-10-23T10:05:00+07:00"
    assert article.author == "Wahyunanda Kusuma Pertiwi"
    assert article.publisher == "Kompas.com"
    assert blocks(article) == [
        "Netflix mengungkapkan bahwa mereka telah memakai teknologi kecerdasan buatan (AI) "
        "generatif dalam produksi serial asal Argentina, The Eternaut. Teknologi itu dipakai untuk "
        "membuat adegan runtuhnya sebuah gedung.",
        "Menurut co-CEO Netflix Ted Sarandos, adegan tersebut selesai sepuluh kali lebih cepat "
        "dibanding jika memakai cara tradisional.",
        "Sarandos menegaskan, AI bukan pengganti kreator. Menurut dia, teknologi ini hanya alat "
        "untuk membantu para sineas bercerita.",
    ]
    assert "sora-2" not in article.topics.get("tools", [])


def test_hard_wrapped_paragraphs_are_joined():
    text = seed_text("003").replace(
        "Dat heeft CEO Ted Sarandos bekendgemaakt tegenover investeerders.",
        "Dat heeft CEO Ted Sarandos bekendgemaakt\ntegenover investeerders.")
    assert blocks(build(text)) == expected.BLOCKS_003


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Netflix bets on generative AI | TechDaily</title>
<meta property="og:site_name" content="TechDaily"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-10-22T14:00:00-07:00"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Netflix bets on generative AI</h1>
<p>Netflix told investors on Tuesday that it is very well positioned to take advantage of advances in generative AI, but said the technology will not replace creative people.</p>
<figure><img src="a.jpg"><figcaption>Ted Sarandos at a conference. Photo: Getty Images</figcaption></figure>
<p>The company has already used the technology in the Argentine series The Eternaut to create a scene of a collapsing building in Buenos Aires.</p>
<h2>Worries in Hollywood</h2>
<p>Actors and writers fear that the line between support and replacement is getting blurred, and unions have asked for stronger guardrails.</p>
<ul><li>Netflix used AI for a building collapse in The Eternaut.</li><li>Another film used it to make characters look younger.</li></ul>
<p>Read more: Google unveils Veo 3</p>
</article><aside><h3>Related</h3><ul><li><a href="/x">Google unveils Veo 3</a></li></ul></aside>
<footer>© 2025 TechDaily</footer></body></html>
"""


def _trafilatura_or_skip():
    try:
        import trafilatura  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"trafilatura cannot be imported here ({exc}); install lxml_html_clean")


def test_saved_html_page_through_trafilatura(index):
    _trafilatura_or_skip()
    article = build(PAGE, "seeds/page.html", index=index, html=True)
    assert article.title == "Netflix bets on generative AI"
    assert article.author == "Jane Doe"
    assert article.publisher == "TechDaily"
    assert article.date == "2025-10-22T14:00:00-07:00"
    assert article.lang == "en"
    assert blocks(article) == [
        "Netflix told investors on Tuesday that it is very well positioned to take advantage of "
        "advances in generative AI, but said the technology will not replace creative people.",
        "The company has already used the technology in the Argentine series The Eternaut to "
        "create a scene of a collapsing building in Buenos Aires.",
        "## Worries in Hollywood",
        "Actors and writers fear that the line between support and replacement is getting "
        "blurred, and unions have asked for stronger guardrails.",
        "- Netflix used AI for a building collapse in The Eternaut.\n"
        "- Another film used it to make characters look younger.",
    ]
    assert "google" not in article.topics.get("organizations", [])


def test_html_without_article_text_is_an_error():
    _trafilatura_or_skip()
    with pytest.raises(IngestError, match="seeds/empty.html: "):
        build("<html><body><nav>Home</nav></body></html>", "seeds/empty.html", html=True)


@pytest.mark.parametrize("head,url", [
    ('<link rel="canonical" href="https://techdaily.example/2025/10/netflix-ai#top">'
     '<meta property="og:url" content="https://m.techdaily.example/netflix-ai">',
     "https://techdaily.example/2025/10/netflix-ai"),
    ('<meta property="og:url" content="https://techdaily.example/netflix-ai">',
     "https://techdaily.example/netflix-ai"),
    ('<link rel="canonical" href="/2025/10/netflix-ai">', ""),      # relative: not an address
    ('<link rel="canonical" href="http://techdaily.example/x">', ""),  # the schema wants https
    ("", ""),
])
def test_a_saved_page_gives_the_original_url(index, head, url):
    _trafilatura_or_skip()
    page = PAGE.replace("</head>", head + "</head>", 1)
    article = build(page, "seeds/page.html", index=index, html=True)
    assert article.url == url
    written = document.meta(article)
    assert written.get("url", "") == url
    assert list(written).index("url") == list(written).index("topics") + 1 if url else True


def test_copied_text_has_no_url(index):
    article = build(seed_text("000"), "seeds/000.txt", index=index)
    assert article.url == "" and "url" not in document.meta(article)
