"""The preview's loop (`invoke livereload`) after a seeded random sequence of edits of every
kind: each edit is noticed by the real watcher (``watchfiles``) as a change of something the
last build read (or a new file), the preview rebuilds in its one process, and its output
equals a cold preview build of the same tree, byte for byte."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from layar_bench import build_once
from layar_bench import corpus as corpus_mod
from layar_bench.runner import tree_differences
from layar_build import build as run_build
from layar_build.preview import Preview, Watcher, WatchSet


def _changes(watcher: Watcher, first: float = 10.0, quiet: float = 0.5) -> set:
    """Every change reported after an edit: the first batch, then any until ``quiet``."""
    found = watcher.next(timeout=first)
    while found:
        more = watcher.next(timeout=quiet)
        if not more:
            break
        found |= more
    return found


def test_the_preview_after_random_edits_equals_a_cold_preview_build(tmp_path):
    rng = random.Random(32)
    corpus = corpus_mod.generate(tmp_path / "project", 5, seed=9)
    folder = corpus.folder
    theme = folder / "theme"
    shutil.copytree(build_once.ROOT / "theme", theme)
    settings_file = folder / "pelicanconf.py"
    preview_settings = {"LAYAR_SEARCH_INDEX": False, "LAYAR_SHOW_DRAFTS": True,
                        "LAYAR_SHOW_FUTURE": True}

    def build(out: Path, cache: Path, observe=None, session=None):
        overrides = {**build_once.overrides(folder, cache), "THEME": str(theme),
                     **preview_settings}
        return run_build(settings_file, out, overrides=overrides, observe=observe,
                         session=session)

    output, cache = tmp_path / "output", tmp_path / "cache"
    preview = Preview(lambda **kw: build(output, cache, **kw), report=lambda _: None,
                      settings_file=settings_file)
    watcher = Watcher([folder / "content", folder / "i18n", theme], top=folder).start()
    growing = tuple(str((folder / name).resolve()) for name in ("content", "i18n", "theme"))
    sorter = WatchSet(preview, growing, str(settings_file.resolve()))
    assert preview.rebuild()
    _changes(watcher, first=1.0)  # what the first build itself did (compiled catalogs)

    def articles() -> list[Path]:
        return sorted((folder / "content" / "articles").glob("*.md"))

    def regex_edit(path: Path, pattern: str, replace: str) -> None:
        text = path.read_text("utf-8")
        new = re.sub(pattern, replace, text, count=1, flags=re.M)
        assert new != text, (path, pattern)
        path.write_text(new, "utf-8")

    def edit(kind: str, step: int) -> None:
        if kind == "body":
            corpus_mod.edit_file(rng.choice(articles()))
        elif kind == "front-matter":
            regex_edit(rng.choice(articles()), r'^title: "(.*)"$', rf'title: "\1 {step}"')
        elif kind == "topic":
            topic = rng.choice(sorted((folder / "content" / "topics").rglob("*.md")))
            regex_edit(topic, r'^name: "(.*)"$', rf'name: "\1 {step}"')
        elif kind == "catalog":
            po = folder / "i18n" / rng.choice(["id", "nl"]) / "LC_MESSAGES" / "content.po"
            text = po.read_text("utf-8")
            target = rng.choice(list(re.finditer(r'\nmsgstr "([^"\n]{40,})"\n', text)))
            po.write_text(text[:target.start(1)] + f"Versi {step}. " + text[target.start(1):],
                          "utf-8")
        elif kind == "template":
            path = theme / "templates" / rng.choice(["topic.html", "page.html", "article.html"])
            path.write_text(path.read_text("utf-8") + f"{{# edit {step} #}}\n", "utf-8")
        elif kind == "theme file":
            css = rng.choice(sorted((theme / "static").rglob("*.css")))
            css.write_text(css.read_text("utf-8") + f"\n/* edit {step} */\n", "utf-8")
        elif kind == "setting":
            settings_file.write_text(settings_file.read_text("utf-8")
                                     + f'\nLAYAR_SITE_NAME = "Layar {step}"\n', "utf-8")
        elif kind == "new article":
            source = articles()[0]
            slug = f"zz-new-{step}"
            source.with_name(f"{slug}.md").write_text(re.sub(
                r"^slug: .*$", f"slug: {slug}", source.read_text("utf-8"), count=1,
                flags=re.M), "utf-8")
        elif kind == "draft":
            path = rng.choice(articles())
            text = path.read_text("utf-8")
            path.write_text(text.replace("---\nstatus: draft\n", "---\n", 1)
                            if "\nstatus: draft\n" in text
                            else text.replace("---\n", "---\nstatus: draft\n", 1), "utf-8")
        elif kind == "schedule":
            path = rng.choice(articles())
            text = path.read_text("utf-8")
            future = "2099-01-01T09:00:00+07:00"
            path.write_text(re.sub(r'^date: "2099-[^"]*"$', 'date: "2024-03-01T09:00:00+07:00"',
                                   text, count=1, flags=re.M) if future in text else
                            re.sub(r'^date: ".*"$', f'date: "{future}"', text, count=1,
                                   flags=re.M), "utf-8")
        elif kind == "rename":
            regex_edit(rng.choice(articles()), r'^slug: "(.*?)(-r\d+)?"$', rf'slug: "\1-r{step}"')
        else:  # delete the article added before
            [p for p in articles() if p.name.startswith("zz-new-")][0].unlink()

    kinds = ["body", "front-matter", "topic", "catalog", "template", "theme file", "setting",
             "new article", "delete", "draft", "schedule", "rename"]
    sequence = list(kinds)
    rng.shuffle(sequence)
    # an article is deleted only once one was added (a deleted article that others link
    # to is a broken link, an error of the content, not of the preview)
    new, delete = sequence.index("new article"), sequence.index("delete")
    if delete < new:
        sequence[new], sequence[delete] = "delete", "new article"
    try:
        for step, kind in enumerate(sequence):
            edit(kind, step)
            rebuild, code = sorter.sort(_changes(watcher))
            assert rebuild and not code, (step, kind, "the preview did not notice the edit")
            assert preview.rebuild(rebuild), (step, kind)
            if rng.random() < 0.5:  # the caches and ledger kept in memory are written
                preview.idle()
            cold = tmp_path / f"cold-{step}"
            build(cold / "output", cold / "cache")
            differences = tree_differences(output, cold / "output")
            assert differences == [], (step, kind, differences)
            shutil.rmtree(cold)
        # What the session wrote when idle describes output/: a build in a new session
        # (reading the ledger and the caches from the cache folder) keeps every page.
        preview.idle()
        again = build(output, cache)
        assert again.rendered == 0, again.rendered_pages[:5]
    finally:
        watcher.stop()
