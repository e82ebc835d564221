"""Smaller pieces: decoding and normalising, noise families, publishers, registry loading."""
from __future__ import annotations

import pytest

from layar.errors import IngestError
from layar_ingest import noise, normalize, publisher, registry, structure


def test_decode_errors_name_the_file():
    for raw, reason in [(b"", "empty file"), (b"\x00\x01abc", "binary"),
                        (b"caf\xe9 au lait", "not UTF-8 text (undecodable byte 0xe9 at line 1)"),
                        (b"a\x01b\x02c\x03d\x04e\x05", "binary")]:
        with pytest.raises(IngestError, match="^seeds/x.txt: ") as info:
            normalize.decode(raw, "seeds/x.txt")
        assert reason in str(info.value)
    assert normalize.decode("\ufeffTekst".encode(), "x") == "Tekst"


def test_normalize_keeps_wording_and_typography():
    text = "“Kutipan” —  Jum’at\u00a0ini\u200b \r\nBaris\u00a0dua  \r\n\r\n\r\nTiga\t\tkata "
    assert normalize.normalize(text) == "“Kutipan” — Jum’at ini\nBaris dua\n\n\nTiga kata"


@pytest.mark.parametrize("line, kind", [
    ("Baca Juga: Saingi AS, China Izinkan Penggunaan 40 Model AI", "promo"),
    ("Lees ook: Netflix gebruikt AI", "promo"),
    ("Read more: Hollywood unions push back", "promo"),
    ("Follow Berita Techverse.Asia di Google News", "promo"),
    ("Lees meer over Netflix en mis niets met de Bright-app.", "promo"),
    ("Find Us On Social Media :", "promo"),
    ("Baca 10 detik", "badge"),
    ("back to top", "badge"),
    ("×", "badge"),
    ("Ilustrasi Netflix", "caption"),
    ("Revolusi di Balik Layar (Dok. Istimewa)", "caption"),
    ("Ilustrasi menonton streaming film. dok. Freepik", "caption"),
    ("Raizer Raiju V3 Pro. (Sumber: Raizer)", "caption"),
    ("Zoomed", "caption"),
    ("Rekrut Pengembang AI", None),
    ("Zorgen in Hollywood", None),
    ("Netflix zet in op AI, maar wel als hulpmiddel", None),
    ("Getty Images sued Stability AI over the use of millions of its photos to train a model.", None),
])
def test_noise_families(line, kind):
    assert noise.kind(line) == kind


@pytest.mark.parametrize("line", ["Berita Terkait Berita Terkini", "BERITA TERKAIT", "REKOMENDASI",
                                  "TERKINI", "Meest gelezen", "Related Articles", "More from TechCrunch",
                                  "© 2025 TechDaily. All rights reserved."])
def test_cut_markers(line):
    assert noise.is_cut(line)


def test_cut_markers_are_whole_lines_only():
    assert not noise.is_cut("Terkini: Netflix rilis fitur baru")
    assert not noise.is_cut("Berita terkait AI makin banyak dibaca orang.")


def test_title_repeated_as_caption():
    title = "Begini Cara Netflix Gunakan AI di Industri Hiburan, Tidak Gantikan Kreativitas Sineas"
    assert noise.repeats_title("Begini Cara Netflix Gunakan AI di Industri Hiburan, Tidak Ga "
                               "Ilustrasi menonton streaming film. dok. Freepik", title)
    assert noise.repeats_title(title.upper(), title)
    assert not noise.repeats_title("Begini cara lain untuk menonton film di rumah.", title)


def test_subheading_versus_caption():
    text = ("Judul Artikel Tentang Netflix dan AI\n\nOleh Budi\n\n"
            "Paragraf pertama ini cukup panjang untuk menjadi teks berjalan yang sebenarnya.\n\n"
            "Ilustrasi Netflix\n\nSubjudul Yang Penting\n\n"
            "Paragraf kedua juga cukup panjang untuk menjadi teks berjalan yang sebenarnya.\n\n"
            "Keterangan tanpa paragraf sesudahnya")
    parsed = structure.analyse(text)
    assert [(b.kind, b.text) for b in parsed.blocks] == [
        ("p", "Paragraf pertama ini cukup panjang untuk menjadi teks berjalan yang sebenarnya."),
        ("h", "Subjudul Yang Penting"),
        ("p", "Paragraf kedua juga cukup panjang untuk menjadi teks berjalan yang sebenarnya."),
    ]
    assert parsed.title == "Judul Artikel Tentang Netflix dan AI" and parsed.author == "Budi"


def test_link_bullets_are_dropped_sentence_bullets_kept():
    text = ("Kanal\n• partner tek.id realme\n• partner tek.id acer\n\n"
            "Judul Artikel Tentang Netflix dan AI\n\n"
            "• Poin pertama adalah sebuah kalimat lengkap tentang Netflix.\n"
            "• Poin kedua juga sebuah kalimat lengkap tentang AI.\n\n"
            "Paragraf pertama ini cukup panjang untuk menjadi teks berjalan yang sebenarnya.\n"
            "• Beranda\n• Kontak")
    parsed = structure.analyse(text)
    assert [b.kind for b in parsed.blocks] == ["ul", "p"]
    assert parsed.summary_kind == "key points"
    assert parsed.summary == ("Poin pertama adalah sebuah kalimat lengkap tentang Netflix. "
                              "Poin kedua juga sebuah kalimat lengkap tentang AI.")


@pytest.mark.parametrize("candidate, name", [
    ("Suara.Com", "Suara.com"), ("Techverse.Asia", "Techverse.asia"), ("tek.id", "Tek ID"),
    ("Bright", "Bright"), ("KOMPAS.com", "Kompas.com"), ("Some New Outlet", "Some New Outlet"),
    (" Detik Network. ", "Detik Network"), ("", ""),
])
def test_publisher_spelling(candidate, name):
    assert publisher.canonical(candidate) == name


def test_byline_that_is_the_outlet_needs_evidence():
    with_domain = "• partner tek.id realme\n\nJudul Artikel Tentang Netflix dan AI\n\nOleh: Tek ID - " \
                  "Rabu, 22 Oktober 2025 14:00\n\nParagraf pertama ini cukup panjang untuk menjadi teks."
    parsed = structure.analyse(with_domain)
    assert publisher.find(parsed, with_domain) == "Tek ID"
    without = with_domain.replace("tek.id", "situs").replace("Tek ID", "Budi Santoso")
    parsed = structure.analyse(without)
    assert parsed.author == "Budi Santoso" and publisher.find(parsed, without) == ""


def test_registry_loader_skips_broken_files(tmp_path, monkeypatch):
    """The build's loader: a file with an error is left out, each problem at its line."""
    from .conftest import kinds

    monkeypatch.chdir(tmp_path)
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "sora-2.md").write_text(
        "---\nid: sora-2\nkind: tools\nname: Sora 2\nsummary: A video model.\n"
        "aliases: {id: [Sora], nl: [], en: []}\n---\n", encoding="utf-8")
    (tmp_path / "tools" / "broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "x.md").write_text("---\nid: x\nkind: tools\n---\n", encoding="utf-8")
    topics, problems = registry.load_topics(tmp_path, kinds())
    assert [(t.kind, t.id, t.name) for t in topics] == [("tools", "sora-2", "Sora 2")]
    assert {p.path for p in problems if p.is_error} == {"tools/broken.md", "people/x.md"}
    assert any(p.path == "people/x.md" and p.line == 3 and "must equal the folder name 'people'"
               in p.message for p in problems)
    index = registry.build_index(topics)
    assert [m.topic_id for m in index.find("Sora 2 dan Sora", "id")] == ["sora-2", "sora-2"]


def test_kinds_and_registry_folder_come_from_the_settings(tmp_path):
    """Kinds are data: a kind declared only in the settings is loaded and tagged, in the
    settings' order; the registry folder is the settings' PATH / LAYAR_TOPICS_DIR."""
    from layar_ingest import tagging

    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "site"\n'
        'LAYAR_TOPICS_DIR = "subjects"\n'
        'LAYAR_TOPICS_KINDS = {\n'
        '    "festivals": {"segment": "festivals", "label": "Festivals", "one": "Festival",\n'
        '                  "schema": "Event", "facts": {}},\n'
        '    "studios": {"segment": "studios", "label": "Studios", "one": "Studio",\n'
        '                "schema": "Organization", "facts": {}},\n'
        '}\n', encoding="utf-8")
    settings = registry.read_settings(tmp_path / "pelicanconf.py")
    assert list(settings.kinds) == ["festivals", "studios"]
    assert settings.folder == tmp_path / "site" / "subjects"
    for kind, topic_id, name in [("studios", "a24", "A24"),
                                 ("festivals", "berlinale", "Berlinale")]:
        path = settings.folder / kind / f"{topic_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nid: {topic_id}\nkind: {kind}\nname: {name}\nsummary: S.\n---\n",
                        encoding="utf-8")
    index, problems = registry.load_index(settings.folder, settings.kinds)
    assert problems == []
    assert tagging.tag(index, "en", "A24 at the Berlinale") == {
        "festivals": ["berlinale"], "studios": ["a24"]}
    assert list(tagging.tag(index, "en", "A24 at the Berlinale")) == ["festivals", "studios"]


def test_invalid_kinds_in_the_settings_are_all_reported(tmp_path):
    from layar.errors import ConfigurationError

    (tmp_path / "pelicanconf.py").write_text(
        'LAYAR_TOPICS_KINDS = {"tools": {"segment": "Tools", "label": "Tools"}}\n',
        encoding="utf-8")
    with pytest.raises(ConfigurationError) as info:
        registry.read_settings(tmp_path / "pelicanconf.py")
    message = str(info.value)
    assert "LAYAR_TOPICS_KINDS['tools'] is missing 'one'" in message
    assert "['segment'] must be a lowercase URL slug" in message
    with pytest.raises(ConfigurationError, match="no such settings file"):
        registry.read_settings(tmp_path / "nowhere.py")