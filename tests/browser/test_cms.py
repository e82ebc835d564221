"""The web editor in Chromium, offline, as `invoke cms` runs it (``local_editor``: Decap CMS
from node_modules, decap-server on loopback) against a temporary git repository holding a
copy of the fixture site: an editor adds a picture with its credit and an English article
with a title, a summary, two topics and that picture; what the editor wrote passes the
checks and the article builds in id, nl and en.  A picture without its credit is refused
with the schema's message, and nothing is written.  No page of the editor breaks its own
Content-Security-Policy."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from layar import schema
from layar_build.cms_local import local_editor
from layar_build.docs import kinds_from

from .conftest import CHROMIUM_ARGS, CHROMIUM, ROOT

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "site"
SETTINGS = ROOT / "pelicanconf.py"
TIMEOUT = 30_000


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A git repository with the fixture site's content and catalogs."""
    root = tmp_path_factory.mktemp("cms") / "site"
    shutil.copytree(FIXTURE, root)
    for po in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.po"):
        target = root / "i18n" / po.relative_to(ROOT / "i18n")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po, target)
    git = ["git", "-C", str(root), "-c", "user.name=Layar", "-c", "user.email=layar@example.org"]
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "fixture"], check=True)
    return root


@pytest.fixture(scope="module")
def editor(project):
    with local_editor(project, kinds_from(SETTINGS), bundle_root=ROOT) as url:
        yield url


@pytest.fixture
def page(browser, editor):
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT)
    context = browser.new_context(timezone_id="Asia/Jakarta", locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    problems: list[str] = []
    tab.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text
           and problems.append(m.text))
    tab.on("dialog", lambda d: d.accept())  # "leave with unsaved changes?"
    tab.goto(editor)
    tab.get_by_role("button", name="Login").click()
    expect(tab.get_by_text("Articles").first).to_be_visible()
    yield tab
    context.close()
    assert problems == [], "the editor broke its own Content-Security-Policy"


def field(tab, label: str):
    """The input of the first field labelled ``label`` (optional fields say so after it)."""
    return tab.get_by_label(re.compile("^" + re.escape(label) + r"( \(optional\))?$")).first


def picture_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    Image.new("RGB", (1200, 800), (40, 90, 160)).save(path, "JPEG", quality=80)
    return path


def new_picture(tab, editor: str, upload: Path, credit: str | None):
    open_new(tab, editor, "pictures", "Pictures")
    tab.get_by_text("Choose an image").first.click()
    tab.locator("input[type=file]").set_input_files(str(upload))
    tab.get_by_role("button", name="Choose selected").click()
    field(tab, "Alt").fill("Writers with picket signs outside a film studio")
    if credit is not None:
        field(tab, "Credit").fill(credit)
    field(tab, "License").fill("CC BY 4.0")
    publish(tab)


def open_new(tab, editor: str, collection: str, label: str):
    """A new entry's editor, once it alone is on the page (the last one's fields gone)."""
    from playwright.sync_api import expect

    tab.goto(editor + f"#/collections/{collection}/new")
    expect(tab.get_by_text(f"Writing in {label} collection")).to_be_visible()
    expect(tab.get_by_text("Writing in", exact=False)).to_have_count(1)


def publish(tab):
    # The local backend writes at once (Decap's "simple" mode); on GitHub the same button
    # is "Save", which opens the pull request (editorial workflow).
    tab.get_by_role("button", name="Publish").first.click()
    tab.get_by_text("Publish now").click()


def test_a_picture_without_its_credit_is_refused_with_the_schemas_message(page, editor,
                                                                          project, tmp_path):
    from playwright.sync_api import expect

    before = sorted(p.name for p in (project / "content" / "media").iterdir())
    new_picture(page, editor, picture_file(tmp_path, "No Credit.jpg"), credit=None)
    credit = next(f for f in schema.MEDIA_FIELDS if f.name == "credit")
    message = schema.required_message(credit, "media")
    expect(page.get_by_text(message, exact=True)).to_be_visible()
    page.wait_for_timeout(500)
    assert not (project / "content" / "media" / "no-credit-jpg.yaml").exists()
    assert sorted(p.name for p in (project / "content" / "media").iterdir()) == before


def test_an_english_article_with_topics_and_a_picture_builds_in_every_language(
        page, editor, project, tmp_path):
    from playwright.sync_api import expect

    new_picture(page, editor, picture_file(tmp_path, "Picket Line.jpg"),
                credit="Photo: Jane Doe / Reuters")
    sidecar = project / "content" / "media" / "picket-line-jpg.yaml"
    _wait_for(page, sidecar)
    # Once saved, the editor opens the saved entry: wait for it before going elsewhere.
    page.wait_for_url(re.compile(r"#/collections/pictures/entries/picket-line-jpg$"))
    expect(page.get_by_role("button", name="Published")).to_be_visible()

    open_new(page, editor, "articles", "Articles")
    field(page, "Title").fill("Writers strike over AI")
    field(page, "Lang").fill("en")
    page.keyboard.press("Enter")
    field(page, "Date").fill("2025-10-22T14:00")
    field(page, "Publisher").fill("Layar")
    field(page, "Summary").fill("Why the writers of Hollywood went on strike over AI.")
    for kind, words, name in (("Strikes", "Writers Guild", "2023 Writers Guild of America strike"),
                              ("Organizations", "Writers", "Writers Guild of America")):
        field(page, kind).fill(words)
        page.get_by_text(name, exact=True).first.click()
    page.get_by_text("Choose an image").first.click()
    page.get_by_text("picket-line.jpg").first.click()
    page.get_by_role("button", name="Choose selected").click()
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type("The writers went on strike in May 2023.")
    publish(page)
    article = project / "content" / "articles" / "writers-strike-over-ai.md"
    _wait_for(page, article)

    text = article.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Writers strike over AI\nlang: en\n"
                           "date: 2025-10-22T14:00:00+07:00\n"), text
    assert "image: ../media/picket-line.jpg" in text
    assert "topics:\n  strikes:\n    - wga-strike-2023\n  organizations:\n    - wga\n" in text
    assert sidecar.read_text(encoding="utf-8").startswith("file: picket-line.jpg\n")
    assert (project / "content" / "media" / "picket-line.jpg").is_file()

    # What the editor wrote passes `invoke check`, and the article builds in every language.
    from layar_build import build

    overrides = {"PATH": str(project / "content"), "LAYAR_I18N_DIR": str(project / "i18n"),
                 "THEME": str(ROOT / "theme"), "LAYAR_SEARCH_INDEX": False,
                 "PLUGIN_PATHS": [str(ROOT / "plugins" / "pelican")]}
    output = tmp_path / "output"
    build(SETTINGS, output, overrides=overrides)  # raises ChecksFailed on any error
    for lang in ("id", "nl", "en"):
        html = (output / lang / "articles" / "writers-strike-over-ai" / "index.html").read_text(
            encoding="utf-8")
        assert "Writers strike over AI" in html
        assert "Photo: Jane Doe / Reuters" in html and "/media/picket-line-" in html
        assert f"/{lang}/strikes/wga-strike-2023/" in html


def _wait_for(page, path: Path, timeout: float = 30.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            shown = page.evaluate("() => Array.from(document.querySelectorAll('li, [role=alert]'))"
                                  ".map(e => e.textContent).filter(t => t.trim())")
            raise AssertionError(f"the editor did not write {path.name}; it shows {shown}")
        page.wait_for_timeout(100)
