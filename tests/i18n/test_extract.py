"""The ``layar_markdown`` Babel extractor: which units it yields, with what comments."""
from __future__ import annotations

import io
import subprocess
import sys

from babel.messages.pofile import read_po

from layar.extract import extract_layar_markdown, what_is
from layar.catalogfiles import extract

from .sitekit import ARTICLE, ROOT, TOPIC, make_site

KINDS = {"tools": {"facts": {"developer": {"type": "ids"}, "released": {"type": "date"},
                             "generates": {"type": "text"}}}}


def units(text: str, what: str, name: str = "content/articles/x.md", kinds=KINDS):
    from layar import extract as mod

    fileobj = io.BytesIO(text.encode("utf-8"))
    fileobj.name = name
    original = mod._kinds
    mod._kinds = lambda settings: kinds
    try:
        return list(extract_layar_markdown(fileobj, {}, [], {"what": what}))
    finally:
        mod._kinds = original


def msgids(text, what="article", **kw):
    return [msgid for _, _, msgid, _ in units(text, what, **kw)]


def test_article_front_matter_and_every_body_block_in_file_order():
    found = units(ARTICLE, "article")
    assert [(line, msgid) for line, _, msgid, _ in found] == [
        (2, "Penulis Hollywood mogok karena AI"),
        (7, "Para penulis menolak naskah buatan AI."),
        (9, "Paragraf pertama menyebut [Tek ID](https://example.org/tek) di dalamnya."),
        (11, "Tuntutan penulis"),
        (13, "Butir pertama tuntutan"),
        (14, "Butir kedua tuntutan"),
        (16, "Kutipan dari juru runding serikat."),
        (22, "Paragraf terakhir artikel ini."),
    ]
    labels = [comments[1] for *_, comments in found]
    assert labels == ["article: title", "article: summary", "article: paragraph",
                      "article: heading", "article: list item", "article: list item",
                      "article: quote", "article: paragraph"]
    assert all(comments[0] == "source-lang: id" for *_, comments in found)


def test_links_stay_inside_the_unit_and_code_and_raw_html_are_not_extracted():
    ids = msgids(ARTICLE + '\n<div class="raw">HTML mentah tidak diekstrak</div>\n')
    assert "Paragraf pertama menyebut [Tek ID](https://example.org/tek) di dalamnya." in ids
    assert not any("kode" in m or "print(" in m for m in ids)
    assert not any("HTML mentah" in m or "<div" in m for m in ids)


def test_non_translatable_fields_are_not_extracted():
    ids = msgids(ARTICLE)
    for value in ("Tek ID", "Rina", "2025-10-22", "id"):
        assert value not in ids


def test_topic_text_facts_are_extracted_and_other_facts_are_not():
    found = units(TOPIC, "topic", name="content/topics/tools/chatgpt.md")
    by_label = {comments[1]: msgid for _, _, msgid, comments in found}
    assert by_label == {
        "topic: name": "ChatGPT",
        "topic: summary": "OpenAI's chatbot, released in November 2022.",
        "topic: facts.generates": "text in conversation with the user",
        "topic: paragraph": "ChatGPT is a chatbot from OpenAI.",
    }
    assert all(comments[0] == "source-lang: en" for *_, comments in found)


def test_topic_facts_need_the_kind_declaration():
    assert "text in conversation with the user" not in msgids(
        TOPIC, "topic", name="content/topics/tools/chatgpt.md", kinds={})


def test_pages_default_to_english_and_nested_quotes_and_ordered_lists():
    text = "---\ntitle: About\nslug: about\n---\n1. One\n2. Two\n\n> First\n>\n> Second\n"
    found = units(text, "page", name="content/pages/about.md")
    assert [m for _, _, m, _ in found] == ["About", "One", "Two", "First", "Second"]
    assert {c[0] for *_, c in found} == {"source-lang: en"}


def test_broken_front_matter_yields_nothing():
    assert msgids("no front matter\n") == []


def test_what_is_looks_only_at_the_folders_above_the_file():
    assert what_is("/home/u/pages/site/content/articles/x.md") == "article"
    assert what_is("/srv/articles/site/content/topics/tools/x.md") == "topic"
    assert what_is("content/pages/about.md") == "page"
    assert what_is("content/topics/README.md") is None


def test_extraction_is_stable(tmp_path):
    make_site(tmp_path)
    first = [(m.id, m.locations) for m in extract(tmp_path, "content")]
    second = [(m.id, m.locations) for m in extract(tmp_path, "content")]
    assert first == second
    files = [m.locations[0][0] for m in extract(tmp_path, "content") if m.id]
    assert files == sorted(files)  # files in path order, units in file order within each


def test_pybabel_extract_and_invoke_extract_give_the_same_messages(tmp_path):
    make_site(tmp_path)
    out = tmp_path / "pybabel.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                    "-F", "i18n/babel-content.cfg", "-o", str(out), "."],
                   cwd=tmp_path, check=True)
    with out.open("rb") as fh:
        cli = read_po(fh)
    ours = extract(tmp_path, "content")

    def key(catalog):
        return [(m.id, m.locations, list(m.auto_comments)) for m in catalog if m.id]

    assert key(cli) == key(ours)
    assert any("topic: facts.generates" in m.auto_comments for m in cli)


def test_repository_extraction_matches_pybabel(tmp_path):
    out = tmp_path / "content.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                    "-F", "i18n/babel-content.cfg", "-o", str(out), "."],
                   cwd=ROOT, check=True)
    with out.open("rb") as fh:
        cli = read_po(fh)
    assert [m.id for m in cli if m.id] == [m.id for m in extract(ROOT, "content") if m.id]


# -- pictures ---------------------------------------------------------------------------
def test_a_sidecar_yields_its_alt_and_caption_at_their_lines():
    from layar.extract import extract_layar_media

    fileobj = io.BytesIO(b"credit: Jane Doe\nlicense: CC BY 4.0\nalt: Writers on a picket line\n"
                         b"caption: >-\n  The first day\n  of the strike.\n")
    found = list(extract_layar_media(fileobj, {}, [], {}))
    assert found == [
        (3, None, "Writers on a picket line", ["source-lang: en", "media: alt"]),
        (4, None, "The first day of the strike.", ["source-lang: en", "media: caption"])]
    decorative = io.BytesIO(b"decorative: true\ncaption: Ornament\ncredit: x\nlicense: y\n")
    assert list(extract_layar_media(decorative, {}, [], {})) == []


def test_a_bare_picture_is_no_unit_but_an_alt_in_brackets_is():
    body = ARTICLE + "\n![](../media/picket.jpg)\n\n![Para penulis mogok](../media/picket.jpg)\n"
    msgids = [m[2] for m in units(body, "article")]
    assert "![](../media/picket.jpg)" not in msgids
    assert "![Para penulis mogok](../media/picket.jpg)" in msgids


def test_the_site_extraction_finds_sidecars(tmp_path):
    site = make_site(tmp_path)
    (site / "content" / "media").mkdir(parents=True)
    (site / "content" / "media" / "picket.yaml").write_text(
        "alt: Writers on a picket line\ncredit: x\nlicense: y\n", "utf-8")
    catalog = extract(site, "content")
    message = catalog["Writers on a picket line"]
    assert message.locations == [("content/media/picket.yaml", 1)]


def test_extraction_kept_by_file_gives_what_babel_gives(tmp_path):
    """``extracted(memo=…)`` walks and matches files as Babel's ``extract_from_dir`` does and
    keeps what each file gave by its bytes: on the repository, and again after a file of a
    copy is edited, added and removed, it gives Babel's occurrences in Babel's order."""
    import shutil

    from layar.catalogfiles import extracted
    from layar_site.cache import Store

    for domain in ("messages", "content"):
        memo = Store(None, "extracted", "test")
        assert list(extracted(ROOT, domain, memo=memo)) == list(extracted(ROOT, domain)), domain
        assert memo.used, domain  # kept: a second pass reads nothing but the bytes
        assert list(extracted(ROOT, domain, memo=memo)) == list(extracted(ROOT, domain)), domain

    copy = tmp_path / "site"
    for part in ("content", "i18n"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("*.mo", "media"))
    memo = Store(None, "extracted", "test")
    list(extracted(copy, "content", memo=memo))
    article = sorted((copy / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text("utf-8") + "\nA paragraph added after the build.\n",
                       "utf-8")
    shutil.copy(article, article.with_name("zz-copy.md"))
    sorted((copy / "content" / "articles").glob("*.md"))[1].unlink()
    again = list(extracted(copy, "content", memo=memo))
    assert again == list(extracted(copy, "content"))
    assert any(message == "A paragraph added after the build." for _f, _l, message, _c, _x in again)
