"""The web editor at ``/admin/`` (Decap CMS): its configuration, page and policy.

The configuration (``theme/admin/config.yml``) is generated here from ``layar.schema`` (the field
declarations the checks enforce) and from the topic kinds of the settings, like the schema
section of CONTRIBUTING.md (``layar_build.docs``): ``invoke docs`` writes both, and a test
fails when the committed file differs from what this module makes.  Every field of the
schema is either mapped to a widget (``WIDGETS``) or left out with a reason
(``LEFT_OUT``), so a new field cannot be forgotten: ``config`` refuses a field it does not
know.

Where Decap can say what the checks say, the configuration says it with the schema's own
words: the ``hint`` under a field is its ``help``; a required field is ``required`` with the
message ``layar.schema.required_message`` gives (shown by the editor's ``layar-*`` widgets
of ``theme/admin/layar-cms.js``); a pattern carries the check's message.  What Decap cannot
express (an alt unless decorative, topic ids unique across kinds, a sidecar whose ``file``
is its own picture) the build's checks still catch: a pull request that breaks one gets its
``path:line`` problem in the pull request's comment.

The editor is served from the site's origin: ``DIST`` (the pinned npm package
``decap-cms``'s bundle, without source maps) plus this module's page and configuration.
Its Content-Security-Policy (``policy``) is its own, documented in
docs/CONTENT_SECURITY_POLICY.md; no page of the site shares it.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from layar import schema
from layar.languages import LANGUAGES

#: The committed configuration, relative to the project root.
CONFIG_FILE = "theme/admin/config.yml"
#: Layar's own script for the editor (its widgets), relative to the project root.
SCRIPT_FILE = "theme/admin/layar-cms.js"
#: The npm package whose bundle is served, relative to the project root.
DIST = "node_modules/decap-cms/dist"
#: The bundle's entry point in DIST (the other files are chunks it loads when needed).
BUNDLE = "decap-cms.js"

HEADER = ("# The web editor's configuration (Decap CMS), generated from plugins/lib/layar/schema.py\n"
          "# and the settings by `invoke docs`: do not edit by hand (a test compares them).\n")

#: The schema's fields that the editor does not show, and why (an existing file keeps them:
#: Decap writes back every key it read).
LEFT_OUT: dict[str, dict[str, str]] = {
    "article": {
        "slug": "the file name and the address are made from the title",
        "source": "written by the ingest",
    },
    "topic": {},
    "page": {},
    "media": {},
}

#: Translation stays in the catalogs: what every collection says above its fields.
SOURCE_ONLY = ("Write in the source language only: {what}. Translations are made in the "
               "translation catalogs, never here; each language's translation-status page "
               "(/{{lang}}/translations/, e.g. /en/translations/) shows what is left to translate.")


@dataclass(frozen=True)
class Backend:
    """Where the editor reads and writes: a GitHub repository, through pull requests."""

    repo: str = ""
    branch: str = "main"
    #: The OAuth client's address (Decap's ``base_url``); empty: Netlify's.
    auth_url: str = ""
    auth_endpoint: str = ""
    open_authoring: bool = True


def backend_from(settings: Mapping[str, Any]) -> Backend:
    """The ``LAYAR_ADMIN_*`` settings of the editor's backend."""
    return Backend(repo=settings.get("LAYAR_ADMIN_REPO", ""),
                   branch=settings.get("LAYAR_ADMIN_BRANCH", "main"),
                   auth_url=settings.get("LAYAR_ADMIN_AUTH_URL", ""),
                   auth_endpoint=settings.get("LAYAR_ADMIN_AUTH_ENDPOINT", ""),
                   open_authoring=settings.get("LAYAR_ADMIN_OPEN_AUTHORING", True))


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _required(f: schema.Field, what: str, widget: str) -> dict[str, Any]:
    """A field of Decap's ``widget``, or, when the schema requires it, of Layar's
    ``layar-<widget>`` (theme/admin/layar-cms.js), which refuses an empty value with the schema's
    message (Decap's own would say only "… is required")."""
    if not f.required:
        return {"widget": widget, "required": False}
    return {"widget": f"layar-{widget}", "required": True,
            "layar_required": schema.required_message(f, what)}


def _field(f: schema.Field, what: str, kind: str | None, kinds: Mapping[str, Any]) -> dict:
    """The Decap field of one schema field."""
    out: dict[str, Any] = {"label": _label(f.name), "name": f.name}
    t = f.type
    if t in ("text",):
        long = f.name in ("summary", "caption")
        out.update(_required(f, what, "text" if long else "string"))
    elif t == "slug":
        out.update(_required(f, what, "string"))
        out["pattern"] = [schema.SLUG_RE.pattern, schema.slug_message(f.name)]
    elif t == "lang":
        out.update(_required(f, what, "select"))
        out["options"] = list(LANGUAGES)
        if what == "page":
            out["default"] = "en"
    elif t == "when":
        out.update(_required(f, what, "datetime"))
        out["format"] = "YYYY-MM-DDTHH:mm:ssZ"
    elif t == "https":
        out.update(widget="string", required=f.required,
                   pattern=[r"^https://[^\s/]+\S*$", f"'{f.name}' must be an https:// address"])
    elif t == "url":
        out.update(widget="string", required=f.required,
                   pattern=[r"^https?://[^\s/]+\S*$", f"'{f.name}' must be an https:// address"])
    elif t == "texts":
        out.update(widget="list", required=False, field={"label": "Text", "name": "text",
                                                         "widget": "text", "required": False})
    elif t == "ids":
        out.update(widget="list", required=False, field=_id_item())
    elif t == "image":
        out.update(widget="image", required=False, choose_url=False)
    elif t == "flag":
        out.update(widget="boolean", required=False, default=False)
    elif t == "status":
        out.update(widget="select", options=list(f.choices), default="published",
                   required=False)
    elif t == "topics":
        out.update(widget="object", required=False, collapsed=False, fields=[
            {"label": _label(str(k)), "name": k, "widget": "relation",
             "collection": f"topics-{k}", "value_field": "id",
             "search_fields": ["name", "id"], "display_fields": ["name"],
             "multiple": True, "required": False,
             "hint": f"Topics of kind '{k}', from content/topics/{k}/."}
            for k in kinds])
    elif t == "kind":
        out.update(widget="hidden", default=kind, required=False)
    elif t == "aliases":
        out.update(widget="object", required=False, collapsed=True, fields=[
            {"label": lang, "name": lang, "widget": "list", "required": False}
            for lang in LANGUAGES])
    elif t == "facts":
        out.update(widget="object", required=False, collapsed=False,
                   fields=[_fact(name, spec) for name, spec in
                           schema.fact_fields(kinds[kind]).items()])
    elif t == "supplied":
        out.update(widget="object", required=False, collapsed=True, fields=[
            {"label": _label(key), "name": key, "widget": "string", "required": False}
            for key in schema.SUPPLIABLE])
    elif t == "citations":
        out.update(widget="list", required=False, collapsed=True,
                   summary="{{fields.publisher}}: {{fields.title}}", fields=_citation())
    elif t == "file":  # the picture of a sidecar: required in the editor, which names it
        out.update(_required(schema.Field(f.name, t, True, help=f.help), what, "image"))
        out.update(choose_url=False)
    else:
        raise ValueError(f"no editor widget for the schema type {t!r} of '{f.name}'")
    if f.help:
        out["hint"] = f.help
    return out


def _citation() -> list[dict]:
    """The fields of one of a topic's ``sources`` (``layar.schema.CITATION_KEYS``)."""
    out = []
    for key in schema.CITATION_KEYS:
        f = schema.Field(key, "text", key in schema.CITATION_REQUIRED,
                         help=schema.CITATION_HINTS.get(key, ""))
        field: dict[str, Any] = {"label": _label(key), "name": key}
        if key == "date":
            field.update(_required(f, "citation", "datetime"))
            field.update(format="YYYY-MM-DD", time_format=False)
        elif key == "for":
            field.update(widget="list", required=False,
                         hint="The facts (by name) or the words of the body it confirms.")
        elif key == "lang":
            field.update(widget="string", required=False, hint="The source's language, "
                         "when not English: id, nl, …", pattern=[schema.LANG_CODE_RE.pattern,
                                                                 "a language code, e.g. id"])
        else:
            field.update(_required(f, "citation", "string"))
            if key == "url":
                field["pattern"] = [r"^https://[^\s/]+\S*$", "'url' must be an https:// address"]
        if f.help:
            field["hint"] = f.help[0].upper() + f.help[1:] + "."
        out.append(field)
    return out


def _id_item() -> dict:
    """An item of a list of topic ids."""
    return {"label": "Topic id", "name": "id", "widget": "string", "required": False,
            "pattern": [schema.SLUG_RE.pattern, schema.slug_message("id")]}


def _fact(name: str, spec: Mapping[str, Any]) -> dict:
    """The Decap field of one topic fact (``LAYAR_TOPICS_KINDS[kind]["facts"]``)."""
    t = spec["type"]
    out: dict[str, Any] = {"label": spec.get("label", _label(name)), "name": name,
                           "required": False}
    if t == "text":
        out["widget"] = "string"
    elif t == "date":
        out.update(widget="datetime", format="YYYY-MM-DD", time_format=False)
    elif t == "year":
        out.update(widget="number", value_type="int", min=1801, max=2199)
    elif t == "ids":
        out.update(widget="list", field=_id_item())
    elif t == "choice":
        out.update(widget="select", options=list(spec["choices"]))
    else:
        raise ValueError(f"no editor widget for the fact type {t!r} of '{name}'")
    out["hint"] = schema.FACT_TYPE_HELP[t]
    return out


def _fields(what: str, kind: str | None = None, kinds: Mapping[str, Any] = {}) -> list:
    out = []
    for f in schema.FIELDS[what]:
        if f.name in LEFT_OUT[what]:
            continue
        out.append(_field(f, what, kind, kinds))
    return out


def _body(what: str) -> dict:
    return {"label": "Body", "name": "body", "widget": "markdown", "required": False,
            "hint": schema.BODY_HELP[what]}


def config(kinds: Mapping[str, Any], backend: Backend = Backend(),
           local: str | None = None) -> dict[str, Any]:
    """The editor's configuration; ``local``: the address of a ``decap-server`` to use
    instead of GitHub (``invoke cms``)."""
    gh: dict[str, Any] = {"name": "github", "branch": backend.branch}
    if backend.repo:
        gh["repo"] = backend.repo
    if backend.auth_url:
        gh["base_url"] = backend.auth_url
    if backend.auth_endpoint:
        gh["auth_endpoint"] = backend.auth_endpoint
    if backend.open_authoring:
        gh["open_authoring"] = True
    gh.update(squash_merges=True, cms_label_prefix="layar/")
    out: dict[str, Any] = {"backend": gh}
    if local:
        out["local_backend"] = {"url": local}
    out.update({
        "publish_mode": "editorial_workflow",
        "locale": "en",
        "media_folder": "content/media",
        "public_folder": "/media",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "collections": collections(kinds),
    })
    return out


def collections(kinds: Mapping[str, Any]) -> list[dict]:
    article_fields = _fields("article", kinds=kinds)
    out = [{
        "name": "articles", "label": "Articles", "label_singular": "Article",
        "folder": "content/articles", "extension": "md", "format": "yaml-frontmatter",
        "create": True, "slug": "{{slug}}", "identifier_field": "title",
        "summary": "{{title}} ({{lang}}, {{date | date('YYYY-MM-DD')}})",
        "sortable_fields": ["date", "title"],
        "description": SOURCE_ONLY.format(what="an article is written in the language it "
                                          "was published in (lang)"),
        "media_folder": "/content/media", "public_folder": "../media",
        "fields": article_fields + [_body("article")],
    }]
    for kind in kinds:
        out.append({
            "name": f"topics-{kind}", "label": f"Topics: {kind}",
            "label_singular": f"Topic ({kind})",
            "folder": f"content/topics/{kind}", "extension": "md",
            "format": "yaml-frontmatter", "create": True, "slug": "{{fields.id}}",
            "identifier_field": "name", "summary": "{{name}} ({{id}})",
            "description": SOURCE_ONLY.format(what="topics are written in English"),
            "media_folder": "/content/media", "public_folder": "../../media",
            "fields": _fields("topic", kind, kinds) + [_body("topic")],
        })
    out.append({
        "name": "pages", "label": "Pages", "label_singular": "Page",
        "folder": "content/pages", "extension": "md", "format": "yaml-frontmatter",
        "create": True, "slug": "{{fields.slug}}", "identifier_field": "title",
        "description": SOURCE_ONLY.format(what="pages are written in English"),
        "media_folder": "/content/media", "public_folder": "../media",
        "fields": _fields("page") + [_body("page")],
    })
    out.append({
        "name": "pictures", "label": "Pictures", "label_singular": "Picture",
        "folder": "content/media", "extension": "yaml", "format": "yaml",
        "create": True, "slug": "{{fields.file}}", "identifier_field": "file",
        "summary": "{{file}}: {{alt}}",
        "description": ("A picture and what is said about it once for every page that shows "
                        "it (its sidecar content/media/<name>.yaml): upload the picture in "
                        "'File', then give its alt, credit and licence. "
                        + SOURCE_ONLY.format(what="the alt and caption are written in English")),
        "media_folder": "/content/media", "public_folder": "",
        "fields": _fields("media"),
    })
    return out


def dump(data: Mapping[str, Any]) -> str:
    """The configuration as YAML, the same bytes for the same data."""
    return HEADER + yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True,
                                   default_flow_style=False, width=100)


def config_text(kinds: Mapping[str, Any], backend: Backend = Backend()) -> str:
    """What ``theme/admin/config.yml`` holds."""
    return dump(config(kinds, backend))


def update(root: Path, kinds: Mapping[str, Any], backend: Backend, write: bool = True) -> bool:
    """Write ``theme/admin/config.yml`` under ``root`` when it differs; True when it did (or,
    with ``write=False``, would)."""
    path = root / CONFIG_FILE
    text = config_text(kinds, backend)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == text:
        return False
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return True


# -- the page and its policy -------------------------------------------------------------
@dataclass(frozen=True)
class Policy:
    """The editor's Content-Security-Policy (see docs/CONTENT_SECURITY_POLICY.md)."""

    #: origins the editor talks to besides its own (GitHub's API, the OAuth client, or
    #: the local decap-server)
    connect: tuple[str, ...] = ("https://api.github.com",)
    #: origins of pictures besides its own (avatars)
    images: tuple[str, ...] = ("https://avatars.githubusercontent.com",)

    def header(self) -> str:
        """The policy, directive by directive (each measured in Chromium: see
        docs/CONTENT_SECURITY_POLICY.md, *The web editor*)."""
        connect = " ".join(("'self'", "blob:", *self.connect))
        images = " ".join(("'self'", "blob:", *self.images))
        return ("default-src 'self'; script-src 'self' 'unsafe-eval'; "
                "style-src 'self' 'unsafe-inline'; "
                f"img-src {images}; connect-src {connect}; object-src 'none'; "
                "base-uri 'none'; form-action 'none'")


def policy_for(backend: Backend, local: str | None = None) -> Policy:
    """The editor's policy: GitHub (and its OAuth client) or the local server."""
    connect = ["https://api.github.com"]
    if backend.auth_url:
        parts = backend.auth_url.split("/")
        connect.append("/".join(parts[:3]))
    if local:
        parts = local.split("/")
        connect.append("/".join(parts[:3]))
    return Policy(connect=tuple(connect))


PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>Layar editor</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>The Layar editor needs JavaScript. Without it, edit the files of content/ and open a pull request (see CONTRIBUTING.md).</noscript>
<script src="{bundle}"></script>
<script src="layar-cms.js"></script>
</body>
</html>
"""


def page(policy: Policy) -> str:
    """``/admin/index.html``: the bundle, Layar's widgets and the configuration's link."""
    return PAGE.format(policy=policy.header(), bundle=BUNDLE)


def bundle_files(root: Path) -> list[tuple[str, Path]]:
    """The bundle's files to serve, as (name, path): the entry point and its chunks and
    WebAssembly, with their licence notice; never the source maps (25 MB) nor the second,
    identical build (``cms.js``)."""
    dist = root / DIST
    out = []
    for path in sorted(dist.iterdir()):
        name = path.name
        if name.endswith(".map") or not path.is_file():
            continue
        if name.startswith("cms.") or name.endswith(".cms.js"):
            continue
        out.append((name, path))
    return out


def site_files(root: Path, kinds: Mapping[str, Any], backend: Backend,
               local: str | None = None) -> dict[str, Any]:
    """Every file of ``/admin/``: name -> bytes (made here) or Path (copied)."""
    files: dict[str, Any] = {
        "index.html": page(policy_for(backend, local)).encode("utf-8"),
        "config.yml": dump(config(kinds, backend, local)).encode("utf-8"),
        "layar-cms.js": root / SCRIPT_FILE,
    }
    for name, path in bundle_files(root):
        files[name] = path
    return files


def missing_bundle(root: Path) -> str | None:
    """A sentence when the editor's bundle is not installed (``npm ci``), else None."""
    if (root / DIST / BUNDLE).is_file():
        return None
    return (f"{posixpath.join(DIST, BUNDLE)} is missing: run `npm ci` (the web editor is "
            f"the npm package decap-cms, pinned in package-lock.json)")

