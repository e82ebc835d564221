"""A tiny three-language site for the topics plugin tests, written into tmp_path.

``TinySite`` writes its own settings file (importing nothing) with the real theme and
plugins, a few topics, articles and a home page, and builds with ``layar_build.build``.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

KINDS = {
    "strikes": {
        "segment": "strikes", "label": "Strikes", "one": "Strike", "schema": "Event",
        "facts": {
            "unions": {"type": "ids", "label": "Unions"},
            "start": {"type": "date", "label": "Started"},
            "country": {"type": "text", "label": "Country"},
        },
    },
    "tools": {
        "segment": "tools", "label": "Tools", "one": "Tool", "schema": "SoftwareApplication",
        "facts": {"developer": {"type": "ids", "label": "Developer"},
                  "released": {"type": "date", "label": "Released"}},
    },
    "organizations": {
        "segment": "organizations", "label": "Organisations", "one": "Organisation",
        "schema": "Organization",
        "facts": {"founded": {"type": "year", "label": "Founded"}},
    },
}

# The repository's own settings (what Pelican must not do, Jinja, languages), with the
# tiny site's plugins, kinds and paths laid over them.
SETTINGS = (ROOT / "pelicanconf.py").read_text(encoding="utf-8") + f'''
# --- tiny site ---
SITENAME = "Tiny"
LAYAR_SITE_NAME = SITENAME
TIMEZONE = "UTC"
THEME = {str(ROOT / "theme")!r}
PLUGIN_PATHS = [{str(ROOT / "plugins" / "pelican")!r}]
PLUGINS = ["layar_topics"]
LAYAR_TOPICS_KINDS = {KINDS!r}
'''

TOPICS = {
    "strikes/writers-strike.md": """\
        ---
        id: writers-strike
        kind: strikes
        name: Writers strike
        summary: The writers' strike of the tiny site.
        aliases:
          id: [mogok penulis, mogok]
          nl: [schrijversstaking]
          en: ["writers' strike"]
        facts:
          unions: [writers-union]
          start: 2023-05-02
          country: United States
        related: [writers-union]
        ---
        Writers went on strike over AI.
        """,
    "organizations/writers-union.md": """\
        ---
        id: writers-union
        kind: organizations
        name: Writers Union
        summary: The union of the writers.
        aliases:
          id: [serikat penulis]
          nl: [schrijversbond]
        facts:
          founded: 1954
        ---
        A union.
        """,
    "organizations/big-studio.md": """\
        ---
        id: big-studio
        kind: organizations
        name: Big Studio
        summary: A studio.
        ---
        A studio.
        """,
    "tools/robowriter.md": """\
        ---
        id: robowriter
        kind: tools
        name: RoboWriter
        summary: A writing machine.
        aliases:
          id: [robo penulis]
        facts:
          developer: [big-studio]
          released: 2022-11-30
        ---
        It writes.
        """,
    "tools/zeta-cam.md": """\
        ---
        id: zeta-cam
        kind: tools
        name: Zeta Cam
        summary: A camera.
        ---
        It films.
        """,
    "tools/able-edit.md": """\
        ---
        id: able-edit
        kind: tools
        name: Able Edit
        summary: An editor.
        ---
        It edits.
        """,
    "tools/unused-tool.md": """\
        ---
        id: unused-tool
        kind: tools
        name: Unused Tool
        summary: Nobody writes about it.
        ---
        Quiet.
        """,
}

ARTICLES = {
    # en, in the middle of the timeline
    "strike-begins.md": """\
        ---
        title: The strike begins
        slug: strike-begins
        lang: en
        date: 2023-05-01T10:00:00+07:00
        publisher: Tiny Times
        topics:
          strikes: [writers-strike]
          tools: [robowriter]
          organizations: [writers-union, big-studio]
        ---
        ## RoboWriter and the Writers strike

        The [Writers strike](https://example.com/ws) was covered widely. The writers' strike began in May and RoboWriter was blamed. The Writers Union agreed.

        Later the writers' strike ended and `RoboWriter` stayed.

        > "We will not be replaced."
        >
        > — Big Studio spokesperson

        Big Studio declined to comment.
        """,
    # id, the newest
    "mogok-berlanjut.md": """\
        ---
        title: Mogok berlanjut
        slug: mogok-berlanjut
        lang: id
        date: 2023-06-01
        publisher: Koran Kecil
        topics:
          strikes: [writers-strike]
          tools: [zeta-cam]
          organizations: [writers-union]
        ---
        Mogok penulis berlanjut. Serikat penulis memakai Zeta Cam.
        """,
    # nl, the oldest
    "robo-schrijft.md": """\
        ---
        title: Robo schrijft
        slug: robo-schrijft
        lang: nl
        date: 2023-04-01
        publisher: Kleine Krant
        topics:
          tools: [robowriter, able-edit]
          organizations: [writers-union]
        ---
        De schrijversbond en RoboWriter.
        """,
}

HOME = """\
    ---
    title: Tiny home
    slug: home
    ---
    Welcome.
    """

#: A small Indonesian content catalog: one topic name and one article title translated.
ID_CONTENT_PO = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: id\n"

msgid "Writers strike"
msgstr "Mogok penulis"

msgid "The strike begins"
msgstr "Mogok dimulai"
'''


class TinySite:
    def __init__(self, root: Path):
        self.root = root
        self.settings = root / "pelicanconf.py"
        self.output = root / "output"
        self.content = root / "content"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def populate(self) -> "TinySite":
        self.write("pelicanconf.py", SETTINGS)
        for rel, text in TOPICS.items():
            self.write(f"content/topics/{rel}", text)
        for rel, text in ARTICLES.items():
            self.write(f"content/articles/{rel}", text)
        self.write("content/pages/home.md", HOME)
        self.write("i18n/id/LC_MESSAGES/content.po", ID_CONTENT_PO)
        # The catalog checks (layar_checks) read the content extraction mapping.
        self.write("i18n/babel-content.cfg",
                   (ROOT / "tests/fixtures/site/i18n/babel-content.cfg").read_text("utf-8"))
        return self

    def build(self, **overrides):
        from layar_build import build

        return build(self.settings, self.output, overrides=overrides or None)

    def page(self, rel: str) -> str:
        path = self.output / rel
        if rel.endswith("/") or not rel:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


@pytest.fixture
def tiny(tmp_path) -> TinySite:
    return TinySite(tmp_path).populate()


@pytest.fixture
def tiny_built(tiny) -> TinySite:
    """A built tiny site of one's own (for tests that change its content)."""
    tiny.build()
    return tiny


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> TinySite:
    """The tiny site built once per module, for tests that only read its output."""
    site = TinySite(tmp_path_factory.mktemp("tiny")).populate()
    site.build()
    return site
