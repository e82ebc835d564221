"""The web editor (/admin/, Decap CMS): its configuration is generated from layar.schema and
the committed one is current; every schema field is in it or left out with a reason, with
the schema's required keys and messages; the pictures it writes (a sidecar naming its
picture in ``file``) pass the checks; a build with LAYAR_ADMIN has /admin/ with local
scripts only and every other file byte for byte as without it."""
from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from layar import schema
from layar_build import cms
from layar_build.docs import kinds_from, settings_from

from .conftest import ARTICLE, ROOT

SETTINGS = ROOT / "pelicanconf.py"


def test_committed_configuration_is_generated():
    settings = settings_from(SETTINGS)
    expected = cms.config_text(kinds_from(SETTINGS), cms.backend_from(settings))
    committed = (ROOT / cms.CONFIG_FILE).read_text(encoding="utf-8")
    assert committed == expected, "admin/config.yml is out of date: run `invoke docs`"
    assert not cms.update(ROOT, kinds_from(SETTINGS), cms.backend_from(settings), write=False)


def test_a_schema_change_makes_the_committed_configuration_stale(tmp_path, monkeypatch):
    kinds = kinds_from(SETTINGS)
    backend = cms.backend_from(settings_from(SETTINGS))
    (tmp_path / cms.CONFIG_FILE).parent.mkdir(parents=True)
    (tmp_path / cms.CONFIG_FILE).write_text(cms.config_text(kinds, backend), encoding="utf-8")
    assert not cms.update(tmp_path, kinds, backend, write=False)
    changed = tuple(f if f.name != "credit" else schema.Field("credit", "text", help="Whose.")
                    for f in schema.MEDIA_FIELDS)
    monkeypatch.setitem(schema.FIELDS, "media", changed)
    assert cms.update(tmp_path, kinds, backend, write=False)


def _collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def test_every_schema_field_is_edited_or_left_out_with_a_reason():
    kinds = kinds_from(SETTINGS)
    config = cms.config(kinds)
    collections = {"article": ["articles"], "topic": [f"topics-{k}" for k in kinds],
                   "page": ["pages"], "media": ["pictures"]}
    for what, names in collections.items():
        declared = {f.name: f for f in schema.FIELDS[what]}
        for name in names:
            fields = {f["name"]: f for f in _collection(config, name)["fields"]}
            fields.pop("body", None)
            assert set(fields) | set(cms.LEFT_OUT[what]) == set(declared), (what, name)
            assert not set(fields) & set(cms.LEFT_OUT[what])
            for key, field in fields.items():
                f = declared[key]
                if f.type == "kind":  # filled in by the collection of its kind
                    assert field["widget"] == "hidden" and field["default"] == name[7:]
                elif f.required:
                    assert field["required"] is True and field["widget"].startswith("layar-")
                    assert field["layar_required"] == schema.required_message(f, what)
                elif key != "file":  # the sidecar's picture: required when the editor writes it
                    assert field["required"] is False, (what, key)
                assert field["hint"] == f.help
    # Topics per kind: relation widgets over the registry, one per kind.
    topics = next(f for f in _collection(config, "articles")["fields"] if f["name"] == "topics")
    assert [(f["name"], f["widget"], f["collection"], f["value_field"], f["multiple"])
            for f in topics["fields"]] == [(k, "relation", f"topics-{k}", "id", True)
                                           for k in kinds]
    for kind, spec in kinds.items():
        topic = _collection(config, f"topics-{kind}")
        assert topic["folder"] == f"content/topics/{kind}"
        facts = next(f for f in topic["fields"] if f["name"] == "facts")
        assert [f["name"] for f in facts["fields"]] == list(spec.get("facts", {}))


def test_the_editor_writes_source_language_markdown_and_publishes_through_pull_requests():
    config = cms.config(kinds_from(SETTINGS))
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and config["backend"]["open_authoring"]
    assert "local_backend" not in config
    for collection in config["collections"]:
        assert "/{lang}/translations/" in collection["description"]
        assert "source language only" in collection["description"]
    assert "i18n" not in yaml.safe_dump(config)  # no collection edits the catalogs
    local = cms.config(kinds_from(SETTINGS), local="http://127.0.0.1:9/api/v1")
    assert local["local_backend"] == {"url": "http://127.0.0.1:9/api/v1"}


def test_the_schema_messages_are_the_checks_messages(tiny_site):
    """What the editor shows for an empty credit is what `invoke check` prints."""
    credit = next(f for f in schema.MEDIA_FIELDS if f.name == "credit")
    message = schema.required_message(credit, "media")
    site = tiny_site({"content/media/a.png": _png(),
                      "content/media/a.yaml": "alt: A chart\ncredit: ''\nlicense: CC0\n"})
    outcome = site.run()
    assert outcome.code == 1
    assert outcome.has("content/media/a.yaml", 2, message), outcome.lines


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 16), (10, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_sidecar_names_its_picture(tiny_site):
    """The editor uploads dsc-0012.jpg and writes dsc-0012-jpg.yaml with file: dsc-0012.jpg."""
    article = ARTICLE.replace("Paragraf pertama.", "![](../media/dsc-0012.png)")
    site = tiny_site({
        "content/media/dsc-0012.png": _png(),
        "content/media/dsc-0012-png.yaml": "file: dsc-0012.png\nalt: A chart\n"
                                           "credit: 'Photo: Jane Doe'\nlicense: CC0\n",
        "content/articles/ok.md": article,
    })
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    page = (site.output / "id" / "articles" / "sebuah-artikel" / "index.html").read_text("utf-8")
    assert 'alt="A chart"' in page and "Photo: Jane Doe" in page


def test_a_sidecar_naming_a_missing_picture_or_a_second_sidecar_is_an_error(tiny_site):
    site = tiny_site({
        "content/media/a.png": _png(),
        "content/media/a.yaml": "alt: A chart\ncredit: Me\nlicense: CC0\n",
        "content/media/a-png.yaml": "alt: A chart\ncredit: Me\nlicense: CC0\nfile: a.png\n",
        "content/media/b-png.yaml": "alt: B\ncredit: Me\nlicense: CC0\nfile: b.png\n",
        "content/media/c-png.yaml": "alt: C\ncredit: Me\nlicense: CC0\nfile: ../c.png\n",
    })
    outcome = site.run()
    assert outcome.code == 1
    assert outcome.has("content/media/a.png", 1, "a-png.yaml, a.yaml all describe this picture")
    assert outcome.has("content/media/b-png.yaml", 4, "'file': there is no picture b.png")
    assert outcome.has("content/media/c-png.yaml", 4, "'file' must be the file name of a picture")


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.inline = 0
        self.csp = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            if a.get("src"):
                self.scripts.append(a["src"])
            else:
                self.inline += 1
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a["content"]


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_with_the_editor_has_admin_with_local_scripts_only(tiny_site):
    files = {"content/articles/ok.md": ARTICLE}
    plain = tiny_site(files)
    assert plain.run("build").code == 0
    repo = {"LAYAR_ADMIN": True, "LAYAR_ADMIN_REPO": "owner/layar",
            "LAYAR_ADMIN_AUTH_URL": "https://auth.example.org"}
    editor = tiny_site(files, repo)
    outcome = editor.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    before, after = _files(plain.output), _files(editor.output)
    admin = {k: v for k, v in after.items() if k.startswith("admin/")}
    # Nothing else changes: every other file is byte for byte the same.
    assert {k: v for k, v in after.items() if not k.startswith("admin/")} == before
    assert {"admin/index.html", "admin/config.yml", "admin/layar-cms.js",
            "admin/decap-cms.js"} <= set(admin)
    assert not [k for k in admin if k.endswith(".map")]
    bundle = ROOT / cms.DIST / cms.BUNDLE
    assert admin["admin/decap-cms.js"] == hashlib.sha256(bundle.read_bytes()).hexdigest()
    page = _Scripts()
    page.feed((editor.output / "admin" / "index.html").read_text("utf-8"))
    assert page.inline == 0
    assert page.scripts == ["decap-cms.js", "layar-cms.js"]
    for src in page.scripts:
        assert not re.match(r"^[a-z]+:|^//", src) and (editor.output / "admin" / src).is_file()
    assert page.csp == cms.policy_for(cms.Backend(auth_url="https://auth.example.org")).header()
    assert "https://auth.example.org" in page.csp and "'unsafe-inline'" not in page.csp.split(
        "style-src")[0]
    config = yaml.safe_load((editor.output / "admin" / "config.yml").read_text("utf-8"))
    assert config["backend"]["repo"] == "owner/layar"
    assert config["backend"]["base_url"] == "https://auth.example.org"
    # No page links to the editor, and no sitemap or feed names it.
    for path, _ in after.items():
        if path.endswith((".html", ".xml", ".txt")) and not path.startswith("admin/"):
            assert "/admin/" not in (editor.output / path).read_text("utf-8"), path


def test_admin_settings_are_checked(tiny_site):
    site = tiny_site({}, {"LAYAR_ADMIN": "yes", "LAYAR_ADMIN_REPO": "layar",
                          "LAYAR_ADMIN_URLS": "x/"})
    outcome = site.run()
    assert outcome.code != 0
    text = outcome.message + "\n".join(outcome.lines)
    assert "LAYAR_ADMIN must be True or False" in text
    assert "LAYAR_ADMIN_REPO must be a GitHub repository 'owner/name'" in text
    assert "unknown setting LAYAR_ADMIN_URLS (did you mean LAYAR_ADMIN_URL?)" in text


def test_the_editors_policy_is_documented():
    text = (ROOT / "docs" / "CONTENT_SECURITY_POLICY.md").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {cms.policy_for(cms.Backend()).header()}\n" in text
