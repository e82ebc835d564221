"""Warm builds keep unchanged files and make the same output as a cold build, whatever
was edited: a body, a title, a translation, a topic, a setting, or the output by hand."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from layar.errors import ChecksFailed
from layar_bench import corpus as corpus_mod
from layar_bench import search_index
from layar_bench.build_once import build
from layar_bench.runner import tree_differences
from layar_build import check

#: A registry a tenth of the benchmark's: each cold build makes ~115 pages, not ~930.
SMALL = corpus_mod.SMALL_POOLS


def owner(name: str) -> str | None:
    """The language a file of a Pagefind bundle belongs to, read from Pagefind's own names
    (``fragment/en_1a2b.pf_fragment``, ``pagefind.en_1a2b.pf_meta``, ``wasm.en.pagefind``),
    or None for the shared runtime: how the tests tell, independently of the build, which
    files a language's run made."""
    parts = name.split("/")
    if len(parts) > 1:
        return parts[-1].split("_", 1)[0] if parts[0] in ("index", "fragment", "filter") else None
    if name.startswith("pagefind.") and name.endswith(".pf_meta"):
        return name[len("pagefind."):].split("_", 1)[0]
    if name.startswith("wasm.") and name.endswith(".pagefind"):
        lang = name.split(".")[1]
        return None if lang == "unknown" else lang
    return None


def _inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino
            for p in root.rglob("*") if p.is_file() and "pagefind" not in p.parts}


@pytest.fixture
def site(tmp_path):
    """A 6-article corpus built once (cold): (corpus, output, cache)."""
    corpus = corpus_mod.generate(tmp_path / "project", 6, seed=4, pools=SMALL)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(corpus.folder, output, cache)
    return corpus, output, cache


def _same_as_cold(corpus, output, tmp_path, **kw) -> list[str]:
    cold = tmp_path / "cold"
    build(corpus.folder, cold / "output", cold / "cache", **kw)
    return tree_differences(output, cold / "output")


def test_a_body_edit_remakes_only_the_files_that_show_that_body(site, tmp_path):
    corpus, output, cache = site
    before = _inodes(output)
    corpus_mod.edit_article(corpus, 2)
    build(corpus.folder, output, cache)
    after = _inodes(output)
    remade = sorted(rel for rel in after if before.get(rel) != after[rel])
    slug = corpus.articles[2].slug
    # its page in each language, the language feeds that carry whole articles, and the
    # translation-status pages: the grown paragraph is a new unit, untranslated as yet
    assert {f"{lang}/articles/{slug}/index.html" for lang in ("id", "nl", "en")} <= set(remade)
    assert all(rel.endswith("feed.xml") or f"/articles/{slug}/" in rel
               or rel.endswith("/translations/index.html")
               or rel.startswith("theme/") for rel in remade), remade
    assert len(after) - len(remade) > 100  # everything else was kept, not written again
    assert _same_as_cold(corpus, output, tmp_path) == []


@pytest.mark.parametrize("edit", ["title", "translation", "topic", "new article"])
def test_other_edits_give_the_output_of_a_cold_build(site, tmp_path, edit):
    corpus, output, cache = site
    folder = corpus.folder
    if edit == "title":  # metadata shown on other pages (lists, topics, feeds)
        path = corpus.article_path(corpus.articles[1])
        text = path.read_text("utf-8")
        path.write_text(re.sub(r'^title: "(.*)"$', r'title: "\1 Renamed"', text, count=1,
                               flags=re.M), "utf-8")
        assert "Renamed" in path.read_text("utf-8")
    elif edit == "translation":  # a translator changes one body unit in content.po
        po = folder / "i18n" / "nl" / "LC_MESSAGES" / "content.po"
        text = po.read_text("utf-8")
        entries = list(re.finditer(r'\nmsgstr "([^"\n]{40,})"\n', text))
        target = entries[len(entries) // 2]
        po.write_text(text[:target.start(1)] + "Vertaald opnieuw. " + text[target.start(1):],
                      "utf-8")
    elif edit == "topic":  # a topic's name is shown on every article that has it
        topic = sorted((folder / "content" / "topics").rglob("*.md"))[0]
        text = topic.read_text("utf-8")
        topic.write_text(re.sub(r'^name: "(.*)"$', r'name: "\1 Two"', text, count=1,
                                flags=re.M), "utf-8")
        assert " Two" in topic.read_text("utf-8")
    else:  # a copy of an article under another slug: lists, topics and feeds grow
        source = corpus.article_path(corpus.articles[0])
        text = source.read_text("utf-8")
        copy = source.with_name("zz-copy.md")
        copy.write_text(re.sub(r"^slug: .*$", "slug: zz-copy", text, count=1, flags=re.M)
                        if re.search(r"^slug:", text, flags=re.M) else text, "utf-8")
    build(corpus.folder, output, cache)
    assert _same_as_cold(corpus, output, tmp_path) == []


def test_a_changed_setting_remakes_every_page(site, tmp_path):
    corpus, output, cache = site
    before = _inodes(output)
    from layar_bench import build_once

    overrides = build_once.overrides(corpus.folder, cache)
    from layar_build import build as run_build

    run_build(build_once.ROOT / "pelicanconf.py", output,
              overrides={**overrides, "LAYAR_SITE_NAME": "Layar Two"})
    after = _inodes(output)
    pages = [rel for rel in after if rel.endswith(".html")]
    assert all(before.get(rel) != after[rel] for rel in pages)
    assert "Layar Two" in (output / "en" / "index.html").read_text("utf-8")


def test_a_file_changed_by_hand_in_the_output_is_made_again(site, tmp_path):
    corpus, output, cache = site
    page = output / "en" / "articles" / corpus.articles[0].slug / "index.html"
    good = page.read_bytes()
    os.chmod(page, 0o644)
    page.write_bytes(b"broken by hand")
    (output / "en" / "stray.html").write_text("not made by the build", "utf-8")
    build(corpus.folder, output, cache)
    assert page.read_bytes() == good
    assert not (output / "en" / "stray.html").exists()
    assert _same_as_cold(corpus, output, tmp_path) == []


def test_a_failed_build_leaves_the_output_and_the_next_build_starts_from_it(site, tmp_path):
    corpus, output, cache = site
    before = {rel: (output / rel).read_bytes() for rel in _inodes(output)}
    path = corpus.article_path(corpus.articles[3])
    good = path.read_text("utf-8")
    path.write_text(good.replace("---\n", "---\ndate: not a date\n", 1)
                    if "\ndate:" not in good else
                    re.sub(r"^date: .*$", "date: not a date", good, count=1, flags=re.M), "utf-8")
    with pytest.raises(ChecksFailed):
        build(corpus.folder, output, cache)
    assert {rel: (output / rel).read_bytes() for rel in _inodes(output)} == before
    assert not list(output.parent.glob(".output-building-*"))
    path.write_text(good, "utf-8")
    corpus_mod.edit_article(corpus, 3)
    build(corpus.folder, output, cache)
    assert _same_as_cold(corpus, output, tmp_path) == []


def test_a_check_leaves_the_output_and_its_ledger_alone(site, tmp_path):
    corpus, output, cache = site
    before = _inodes(output)
    ledgers = {p: p.read_bytes() for p in cache.glob("output-*.pickle")}
    assert ledgers, "a successful build records its output in the cache folder"
    from layar_bench import build_once

    corpus_mod.edit_article(corpus, 1)
    check(build_once.ROOT / "pelicanconf.py", overrides=build_once.overrides(corpus.folder, cache))
    assert _inodes(output) == before
    assert {p: p.read_bytes() for p in cache.glob("output-*.pickle")} == ledgers


def test_feeds_carry_the_newest_articles_only(site, tmp_path):
    corpus, output, cache = site
    from layar_bench import build_once
    from layar_build import build as run_build

    full = (output / "en" / "feed.xml").read_text("utf-8")
    assert full.count("<entry>") == len(corpus.articles)  # fewer than LAYAR_FEED_ITEMS: all
    run_build(build_once.ROOT / "pelicanconf.py", output,
              overrides={**build_once.overrides(corpus.folder, cache), "LAYAR_FEED_ITEMS": 2})
    feed = (output / "en" / "feed.xml").read_text("utf-8")
    assert feed.count("<entry>") == 2
    ids = re.compile(r"<entry>\s*<id>([^<]+)</id>")
    assert ids.findall(feed) == ids.findall(full)[:2]  # the two newest, newest first


def test_the_replaced_output_is_the_next_staging_and_what_is_wrong_in_it_goes(site, tmp_path):
    corpus, output, cache = site
    assert not list(cache.glob("*.spare")), "a first build replaces no output"
    corpus_mod.edit_article(corpus, 2)
    build(corpus.folder, output, cache)
    [spare] = cache.glob("output-*.spare")  # the output that build replaced
    assert not list(output.parent.glob(".output-*"))
    live = _inodes(output)
    kept = _inodes(spare)
    slug = corpus.articles[2].slug
    page = f"en/articles/{slug}/index.html"
    assert kept[page] != live[page]  # the edited page: the old file, not a link to the new
    assert sum(kept.get(rel) == ino for rel, ino in live.items()) > 100  # mostly links
    # Whatever happened to the spare since, the next output is the cold build's.
    (spare / "en" / "stray.html").write_text("not made by any build", "utf-8")
    (spare / "zz-empty" / "deeper").mkdir(parents=True)
    about = next(rel for rel in kept if rel.endswith("about/index.html"))
    (spare / about).unlink()
    (spare / about).write_text("a different file at a kept path", "utf-8")
    corpus_mod.edit_article(corpus, 4)
    build(corpus.folder, output, cache)
    assert not (output / "en" / "stray.html").exists()
    assert not (output / "zz-empty").exists()
    assert _same_as_cold(corpus, output, tmp_path) == []
    assert [p.name for p in cache.glob("*.spare")] == [spare.name]


def test_without_a_cache_folder_no_spare_is_kept(tmp_path):
    from layar_bench import build_once
    from layar_build import build as run_build

    corpus = corpus_mod.generate(tmp_path / "project", 3, seed=5, pools=SMALL)
    overrides = {**build_once.overrides(corpus.folder), "LAYAR_CACHE_DIR": None}
    output = tmp_path / "output"
    for _ in range(2):
        run_build(build_once.ROOT / "pelicanconf.py", output, overrides=overrides)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "project"]


def _bundle(output: Path) -> dict[str, int]:
    folder = output / "pagefind"
    return {p.relative_to(folder).as_posix(): p.stat().st_ino
            for p in folder.rglob("*") if p.is_file()}


def _counting_runs(monkeypatch) -> list[list[str]]:
    import layar_search.indexing as search_index

    runs: list[list[str]] = []
    real = search_index.subprocess.Popen

    def popen(cmd, **kwargs):
        runs.append(list(cmd))
        return real(cmd, **kwargs)

    monkeypatch.setattr(search_index.subprocess, "Popen", popen)
    return runs


def _counts(output: Path) -> dict[str, int]:
    import json

    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    return {lang: facts["page_count"] for lang, facts in entry["languages"].items()}


def test_an_unchanged_site_keeps_its_search_index(site, monkeypatch):
    corpus, output, cache = site
    before = _bundle(output)
    runs = _counting_runs(monkeypatch)
    build(corpus.folder, output, cache)
    assert runs == []  # Pagefind did not run
    after = _bundle(output)
    assert set(after) == set(before)
    assert {k for k in after if after[k] != before[k]} == {"pagefind-entry.json"}


def test_a_translation_edit_indexes_that_language_again_only(site, tmp_path, monkeypatch):
    corpus, output, cache = site
    before = _bundle(output)
    po = corpus.folder / "i18n" / "nl" / "LC_MESSAGES" / "content.po"
    text = po.read_text("utf-8")
    target = list(re.finditer(r'\nmsgstr "([^"\n]{40,})"\n', text))[3]
    po.write_text(text[:target.start(1)] + "Opnieuw vertaald. " + text[target.start(1):], "utf-8")
    runs = _counting_runs(monkeypatch)
    build(corpus.folder, output, cache)
    assert [cmd[cmd.index("--glob") + 1] for cmd in runs] == ["nl/**/*.html"]
    after = _bundle(output)
    remade = {owner(k) for k in after if before.get(k) != after[k]}
    assert remade == {"nl", None}  # nl's files and the entry list (runtime: linked)
    assert all(after[k] == before[k] for k in after if owner(k) in ("id", "en"))
    assert _same_as_cold(corpus, output, tmp_path) == []  # pages: as a cold build
    assert _counts(output) == _counts(tmp_path / "cold" / "output")


def test_a_search_file_deleted_by_hand_has_its_language_indexed_again(site, monkeypatch):
    corpus, output, cache = site
    fragment = next((output / "pagefind" / "fragment").glob("en_*.pf_fragment"))
    fragment.unlink()
    runs = _counting_runs(monkeypatch)
    build(corpus.folder, output, cache)
    assert [cmd[cmd.index("--glob") + 1] for cmd in runs] == ["en/**/*.html"]
    assert fragment.exists()


def test_the_home_page_lists_the_newest_articles_and_links_the_timeline(site, tmp_path):
    corpus, output, cache = site
    from layar_bench import build_once
    from layar_build import build as run_build

    def latest(lang="en") -> str:  # the "Latest articles" section of the home page
        home = (output / lang / "index.html").read_text("utf-8")
        return home.split('id="latest"', 1)[1].split("</section>", 1)[0]

    def listed(lang="en") -> list[str]:
        return re.findall(r'<a href="(/%s/articles/[^"]+/)"' % lang, latest(lang))

    everything = listed()
    assert len(everything) == len(corpus.articles)  # fewer than LAYAR_HOME_ITEMS: all
    assert "/en/timeline/" not in latest()
    run_build(build_once.ROOT / "pelicanconf.py", output,
              overrides={**build_once.overrides(corpus.folder, cache), "LAYAR_HOME_ITEMS": 2})
    assert listed() == everything[:2]  # the two newest, newest first
    assert '<a href="/en/timeline/">The timeline lists all 6 articles in order</a>' in latest()
    assert "De tijdlijn toont alle 6 artikelen op volgorde" in latest("nl")


def test_a_build_after_the_output_was_removed_keeps_nothing_of_the_spare(site, tmp_path):
    corpus, output, cache = site
    build(corpus.folder, output, cache)  # a second build: the first output is the spare
    [spare] = cache.glob("output-*.spare")
    (spare / "en" / "left-over.html").write_text("from an old build", "utf-8")
    import shutil

    shutil.rmtree(output)  # as `invoke clean` does; the ledger and the spare stay
    corpus_mod.edit_article(corpus, 5)
    build(corpus.folder, output, cache)
    assert not (output / "en" / "left-over.html").exists()
    assert _same_as_cold(corpus, output, tmp_path) == []


def test_a_preview_and_a_build_keep_each_others_pages_but_the_search_page(site, tmp_path):
    corpus, output, cache = site
    from layar_bench import build_once
    from layar_build import build as run_build

    before = _inodes(output)
    preview = {**build_once.overrides(corpus.folder, cache), "LAYAR_SEARCH_INDEX": False}
    run_build(build_once.ROOT / "pelicanconf.py", output, overrides=preview)
    after = _inodes(output)
    remade = sorted(rel for rel in after if before.get(rel) != after[rel]
                    and not rel.startswith("theme/"))  # (the theme is copied in every build)
    assert remade == [f"{lang}/search/index.html" for lang in ("en", "id", "nl")]
    assert not (output / "pagefind").exists()
    cold = tmp_path / "cold"
    run_build(build_once.ROOT / "pelicanconf.py", cold / "output",
              overrides={**build_once.overrides(corpus.folder, cold / "cache"),
                         "LAYAR_SEARCH_INDEX": False})
    assert tree_differences(output, cold / "output") == []
    build(corpus.folder, output, cache)  # and back: the search page and the index return
    assert _same_as_cold(corpus, output, tmp_path / "again") == []
    assert (output / "pagefind" / "pagefind-entry.json").is_file()


def test_a_kept_language_missing_from_the_entry_list_is_indexed_again(site, monkeypatch):
    """Defensive: the previous entry list (a linked file, so as the ledger recorded it)
    lacks a language whose files were kept; that language is indexed again, its old files
    go."""
    import layar_search.indexing as search_index

    corpus, output, cache = site
    old_id = {k for k in _bundle(output) if owner(k) == "id"}
    real = search_index._read_entry

    def without_id(path):
        entry = real(path)
        if entry is not None and path.parent.name == "pagefind":  # the bundle, not a part
            entry["languages"].pop("id", None)
        return entry

    monkeypatch.setattr(search_index, "_read_entry", without_id)
    runs = _counting_runs(monkeypatch)
    build(corpus.folder, output, cache)
    assert [cmd[cmd.index("--glob") + 1] for cmd in runs] == ["id/**/*.html"]
    new_id = {k for k in _bundle(output) if owner(k) == "id"}
    assert new_id and len(new_id) == len(old_id)  # the same index again, nothing left over


def test_a_template_edit_remakes_only_the_pages_made_from_it(site, tmp_path):
    """Templates are recorded inputs: editing ``topic.html`` renders the topic pages again
    and keeps every other page (which pages are topic pages is read from their HTML)."""
    import shutil

    from layar_bench import build_once
    from layar_build import build as run_build

    corpus, output, cache = site
    theme = tmp_path / "theme"
    shutil.copytree(build_once.ROOT / "theme", theme)
    overrides = {**build_once.overrides(corpus.folder, cache), "THEME": str(theme)}
    run_build(build_once.ROOT / "pelicanconf.py", output, overrides=overrides)  # same bytes
    before = _inodes(output)
    template = theme / "templates" / "topic.html"
    template.write_text(template.read_text("utf-8") + "{# edited #}\n", "utf-8")
    result = run_build(build_once.ROOT / "pelicanconf.py", output, overrides=overrides)
    after = _inodes(output)
    remade = {rel for rel in after if before.get(rel) != after[rel] and rel.endswith(".html")}
    topic_pages = {rel for rel in after if rel.endswith(".html")
                   and '<body class="page-topic">' in (output / rel).read_text("utf-8")}
    assert topic_pages, "the corpus has topic pages"
    assert result.rendered == len(topic_pages), (result.rendered, result.kept)
    assert not remade - topic_pages  # a Jinja comment: the same bytes, nothing else written
    assert result.rendered == len(topic_pages) and result.kept == result.pages - len(topic_pages)


def _html_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.html")
            if "pagefind" not in p.parts}


def test_a_random_sequence_of_edits_of_every_kind_builds_as_cold(tmp_path):
    """20 edits drawn at random (seeded) from every kind of input, each kind at least once:
    an article's body or front-matter, a topic, a catalog entry, a template, a theme file, a
    setting, a new and a deleted article, an article made a draft or published again, moved
    past the build's time or back, renamed, a picture's pixels, its sidecar, a translator's
    PO file imported. After each, the warm build equals a cold build
    byte for byte, the search index included (and compared by what it indexes), every page
    whose bytes changed was rendered, and a body edit renders only the pages that show it."""
    import random
    import shutil

    from layar_bench import build_once
    from layar_build import build as run_build

    rng = random.Random(15)
    corpus = corpus_mod.generate(tmp_path / "project", 5, seed=9, pools=SMALL)
    folder = corpus.folder
    theme = tmp_path / "theme"
    shutil.copytree(build_once.ROOT / "theme", theme)
    output, cache = tmp_path / "output", tmp_path / "cache"
    settings = {"LAYAR_SITE_NAME": "Layar"}

    def run(out: Path, cache_dir: Path):
        overrides = {**build_once.overrides(folder, cache_dir), "THEME": str(theme), **settings}
        return run_build(build_once.ROOT / "pelicanconf.py", out, overrides=overrides)

    def regex_edit(path: Path, pattern: str, replace: str) -> None:
        text = path.read_text("utf-8")
        new = re.sub(pattern, replace, text, count=1, flags=re.M)
        assert new != text, (path, pattern)
        path.write_text(new, "utf-8")

    def articles() -> list[Path]:
        return sorted((folder / "content" / "articles").glob("*.md"))

    future = '2099-01-01T09:00:00+07:00'

    def draw_picture(step: int) -> None:
        from PIL import Image, ImageDraw

        picture = Image.new("RGB", (640, 400), (20 + step * 7 % 200, 60, 120))
        ImageDraw.Draw(picture).ellipse((100 + step, 80, 400, 300), fill=(240, 200, 40))
        picture.save(folder / "content" / "media" / "bench.png", optimize=False)

    def gone(text: str | None) -> bool:  # deleted, a draft or scheduled
        return text is None or "\nstatus: draft\n" in text or future in text

    def allowed(path: Path, new: str | None) -> bool:
        """Whether the edit leaves no published article linking to one that is not (that
        is an error of its own, tested elsewhere), so the build still succeeds."""
        texts = {p: p.read_text("utf-8") for p in articles()} | {path: new}
        live = {p.name for p, t in texts.items() if not gone(t)}
        return all(set(re.findall(r"\{filename\}([^)]+)\)", t)) <= live
                   for t in texts.values() if not gone(t))

    def pick(change) -> Path:
        """An article, drawn at random, whose ``change`` (text -> new text, or None for
        deleted) keeps the site buildable."""
        return rng.choice([p for p in articles() if allowed(p, change(p.read_text("utf-8")))])

    def draft(text: str) -> str:  # draft <-> published
        return (text.replace("---\nstatus: draft\n", "---\n", 1) if "\nstatus: draft\n" in text
                else text.replace("---\n", "---\nstatus: draft\n", 1))

    def schedule(text: str) -> str:  # past the build's time <-> back before it
        return (re.sub(r'^date: "2099-[^"]*"$', 'date: "2024-03-01T09:00:00+07:00"', text,
                       count=1, flags=re.M) if future in text else
                re.sub(r'^date: ".*"$', f'date: "{future}"', text, count=1, flags=re.M))

    def edit(kind: str, step: int) -> None:
        if kind == "body":  # of a published article (checked below: its pages change)
            corpus_mod.edit_file(rng.choice([p for p in articles()
                                             if not gone(p.read_text("utf-8"))]))
        elif kind == "front-matter":
            regex_edit(rng.choice(articles()), r'^title: "(.*)"$', rf'title: "\1 {step}"')
        elif kind == "topic":
            topic = rng.choice(sorted((folder / "content" / "topics").rglob("*.md")))
            regex_edit(topic, r'^name: "(.*)"$', rf'name: "\1 {step}"')
        elif kind == "catalog":
            lang = rng.choice(["id", "nl"])
            po = folder / "i18n" / lang / "LC_MESSAGES" / "content.po"
            text = po.read_text("utf-8")
            entries = list(re.finditer(r'\nmsgstr "([^"\n]{40,})"\n', text))
            target = rng.choice(entries)
            po.write_text(text[:target.start(1)] + f"Versi {step}. " + text[target.start(1):],
                          "utf-8")
        elif kind == "template":
            name = rng.choice(["topic.html", "hub.html", "page.html", "article.html"])
            path = theme / "templates" / name
            path.write_text(path.read_text("utf-8") + f"{{# edit {step} #}}\n", "utf-8")
        elif kind == "theme file":
            css = rng.choice(sorted((theme / "static").rglob("*.css")))
            css.write_text(css.read_text("utf-8") + f"\n/* edit {step} */\n", "utf-8")
        elif kind == "setting":
            settings["LAYAR_SITE_NAME"] = f"Layar {step}"
        elif kind == "new article":
            source = articles()[0]
            text = source.read_text("utf-8")
            slug = f"zz-new-{step}"
            copy = source.with_name(f"{slug}.md")
            copy.write_text(re.sub(r"^slug: .*$", f"slug: {slug}", text, count=1, flags=re.M)
                            if re.search(r"^slug:", text, flags=re.M) else text, "utf-8")
        elif kind == "draft":  # the page leaves and comes back
            path = pick(draft)
            path.write_text(draft(path.read_text("utf-8")), "utf-8")
        elif kind == "schedule":  # moved past the build's time, or back before it
            path = pick(schedule)
            path.write_text(schedule(path.read_text("utf-8")), "utf-8")
        elif kind == "picture":  # new pixels: its derivatives, pages and cards that show it
            draw_picture(step)
        elif kind == "sidecar":  # its alt text and caption, shown where it is
            sidecar = folder / "content" / "media" / "bench.yaml"
            regex_edit(sidecar, r"^alt: (.*?)( \d+)?$", rf"alt: \1 {step}")
        elif kind == "catalog import":  # a translator's PO file, merged by invoke i18n.import
            from babel.messages.pofile import read_po, write_po

            from layar_i18n_tools import import_po

            lang = rng.choice(["id", "nl"])
            po = folder / "i18n" / lang / "LC_MESSAGES" / "content.po"
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            message = rng.choice([m for m in catalog if m.id and m.string and not m.fuzzy
                                  and isinstance(m.string, str) and len(m.string) > 40
                                  and "%" not in m.id])
            message.string = f"Impor {step}. " + message.string
            sent = tmp_path / f"translator-{step}.po"
            with sent.open("wb") as fh:
                write_po(fh, catalog, width=79)
            result = import_po(folder, sent, lang, ("id", "nl", "en"))
            assert sum(result.replaced.values()) >= 1 and not result.refused, result
        elif kind == "rename":  # a new slug: the old URL goes everywhere
            regex_edit(rng.choice(articles()), r'^slug: "(.*?)(-r\d+)?"$', rf'slug: "\1-r{step}"')
        else:  # delete an article added before (every article it shows goes from every list)
            added = [p for p in articles() if p.name.startswith("zz-new-")]
            (added[0] if added else pick(lambda text: None)).unlink()

    # A picture with its sidecar, shown in the first article.
    (folder / "content" / "media").mkdir(exist_ok=True)
    draw_picture(0)
    (folder / "content" / "media" / "bench.yaml").write_text(
        "alt: A yellow disc on a blue ground\ncaption: A drawing for the benchmark.\n"
        "credit: 'Illustration: Layar'\nlicense: CC0 1.0\n", "utf-8")
    first = articles()[0]
    first.write_text(first.read_text("utf-8").rstrip("\n") + "\n\n![](../media/bench.png)\n",
                     "utf-8")
    kinds = ["body", "front-matter", "topic", "catalog", "template", "theme file", "setting",
             "new article", "delete", "draft", "schedule", "rename", "picture", "sidecar",
             "catalog import"]
    sequence = kinds + [rng.choice(kinds) for _ in range(20 - len(kinds))]
    rng.shuffle(sequence)
    run(output, cache)
    for step, kind in enumerate(sequence):
        before = _html_bytes(output)
        edit(kind, step)
        result = run(output, cache)
        cold = tmp_path / f"cold-{step}"
        run(cold / "output", cold / "cache")
        assert search_index.differences(output / "pagefind",
                                        cold / "output" / "pagefind") == [], (step, kind)
        assert tree_differences(output, cold / "output") == [], (step, kind, tree_differences(output, cold / "output"))
        after = _html_bytes(output)
        changed = {rel for rel in after if before.get(rel) != after[rel]}
        assert result.rendered >= len(changed), (step, kind, result.rendered, len(changed))
        assert result.rendered + result.kept == result.pages
        if kind == "body":  # its page in each language, and the translation-status pages
            # of the languages the grown (so untranslated) paragraph is missing from
            pages = {rel for rel in changed if not rel.endswith("/translations/index.html")}
            assert len(pages) == 3 and result.rendered == len(changed) <= 6, (step, sorted(changed))
        shutil.rmtree(cold)


def test_a_preview_and_a_build_in_separate_processes_keep_each_others_pages(tmp_path):
    """`invoke livereload` after `invoke build` (and back), each in a process of its own:
    only the search pages (the one page that reads LAYAR_SEARCH_INDEX) are rendered again.
    The order plugins add routes in once depended on memory addresses, so every switch
    rendered every page."""
    import json
    import subprocess
    import sys

    from layar_bench import build_once

    corpus = corpus_mod.generate(tmp_path / "project", 5, seed=3, pools=SMALL)
    output, cache = tmp_path / "output", tmp_path / "cache"

    def run(*extra: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "layar_bench.build_once", str(corpus.folder), str(output),
             "--cache", str(cache), *extra],
            capture_output=True, text=True, cwd=build_once.ROOT, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    first = run()
    assert first["rendered"] == first["html"] > 20
    for extra in [("--preview",), (), ("--preview",)]:
        again = run(*extra)
        assert (again["rendered"], again["kept"]) == (3, again["html"] - 3), extra
