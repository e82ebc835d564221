"""``invoke docs``: the editors' schema reference, written from ``layar.schema``.

The section of ``CONTRIBUTING.md`` between the two markers below is generated from the field
declarations (``ARTICLE_FIELDS``, ``TOPIC_FIELDS``, ``PAGE_FIELDS``, ``TYPES``) and from the
topic kinds of the settings (``LAYAR_TOPICS_KINDS``), so the documentation cannot drift from
what the checks enforce; a test fails when the committed file is out of date.
"""
from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any, Mapping

from layar import schema
from layar.errors import LayarError
from layar.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

BEGIN = "<!-- BEGIN GENERATED: schema (invoke docs; do not edit by hand) -->"
END = "<!-- END GENERATED: schema -->"

WHAT = {
    "article": ("Articles", "`content/articles/<slug>.md`, in the article's own language"),
    "topic": ("Topics", "`content/topics/<kind>/<id>.md`, in English"),
    "page": ("Pages", "`content/pages/<slug>.md`, in English"),
    "media": ("Pictures", "`content/media/<name>.<jpg|jpeg|png|webp>` with its sidecar "
                          "`content/media/<name>.yaml`, in English"),
}

#: What the Pictures section shows after its table.
MEDIA_EXAMPLE = """\
A picture is a file of `content/media/` (JPEG, PNG or WebP; at most {mb} MB and {mp}
megapixels; never SVG, never an `http(s)://` address) with a sidecar that says, once for every
page that shows it, what it shows and whose it is. `invoke new image --path FILE` copies a file in
without its metadata (no GPS position, serial numbers, EXIF, XMP or IPTC; see *Private
metadata* above) and writes the sidecar for you to fill in:

```yaml
# content/media/picket.yaml
alt: Writers with picket signs outside a film studio
caption: The picket line on the first day of the strike.
credit: 'Photo: Jane Doe / Reuters'
license: All rights reserved, used with permission
source: https://example.org/photos/picket
```

Show it in a body with the path relative to the Markdown file, so it also previews in a pull
request. Alone in its paragraph it becomes a figure with its caption, credit and license;
inside a sentence it is shown inline. Text in the brackets replaces the sidecar's alt for
that use (and is translated with the article):

```markdown
![](../media/picket.jpg)

A sentence with a small picture ![a picket sign](../media/picket.jpg) inside it.
```

A lead image is the front-matter key `image: ../media/picket.jpg` of an article or page
(`../../media/picket.jpg` from a topic): it is shown at the top of the page, beside the
page in lists, and in link previews. The alt and caption are translated through the content
catalogs like every other unit (`invoke i18n.extract` finds them in the sidecar).
"""


def settings_from(settings_file: Path) -> dict[str, Any]:
    """The constants of a settings file (``pelicanconf.py``), read without Pelican."""
    return {k: v for k, v in runpy.run_path(str(settings_file)).items() if k.isupper()}


def kinds_from(settings_file: Path) -> Mapping[str, Any]:
    return settings_from(settings_file).get("LAYAR_TOPICS_KINDS", {})


def schema_markdown(kinds: Mapping[str, Any]) -> str:
    """The generated section (without the markers)."""
    out: list[str] = []
    for what, fields in schema.FIELDS.items():
        title, where = WHAT[what]
        out += [f"### {title}", "", f"Files: {where}.", "",
                "| key | required | translated | value | what it is |",
                "| --- | --- | --- | --- | --- |"]
        for f in fields:
            value = schema.TYPES[f.type]
            if f.choices:
                value += " (" + ", ".join(f"`{c}`" for c in f.choices) + ")"
            out.append(f"| `{f.name}` | {'yes' if f.required else 'no'} | "
                       f"{'yes' if f.translatable else 'no'} | {_cell(value)} | {_cell(f.help)} |")
        out.append("")
        if what == "media":
            out += [MEDIA_EXAMPLE.format(mb=schema.MAX_IMAGE_BYTES // 1048576,
                                         mp=schema.MAX_IMAGE_PIXELS // 1_000_000), ""]
    out += ["### Topic facts", "",
            "`facts` of a topic may hold these keys, depending on its `kind` (all optional; "
            "`text` facts are translated):", "",
            "| kind | fact | value |", "| --- | --- | --- |"]
    for kind, spec in kinds.items():
        for name, fact in schema.fact_fields(spec).items():
            value = schema.FACT_TYPE_HELP[fact["type"]]
            if fact.get("choices"):
                value += ": " + ", ".join(f"`{c}`" for c in fact["choices"])
            out.append(f"| `{kind}` | `{name}` | {_cell(value)} |")
    out += ["", "### Raw HTML and links", "",
            "Prefer Markdown. Where raw HTML is needed, only these tags are allowed: "
            + ", ".join(f"`<{t}>`" for t in sorted(ALLOWED_TAGS)) + ".", "",
            "Attributes allowed on every tag: "
            + ", ".join(f"`{a}`" for a in sorted(ALLOWED_ATTRIBUTES.get("*", ()))) + "; and "
            + "; ".join(f"on `<{tag}>`: " + ", ".join(f"`{a}`" for a in sorted(attrs))
                        for tag, attrs in sorted(ALLOWED_ATTRIBUTES.items()) if tag != "*")
            + ". Event handlers (`on…=`) and `style` are never allowed.", "",
            "Links and images may use " + ", ".join(f"`{s}:`" for s in sorted(URL_SCHEMES))
            + " or be relative (`/en/about/`, `../other-article/`, `#a-heading`, "
            "`{filename}../pages/about.md`).", ""]
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def update(path: Path, kinds: Mapping[str, Any], write: bool = True) -> bool:
    """Rewrite the generated section of ``path``; return True when it changed."""
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise LayarError(f"{path} has no generated-schema markers ({BEGIN} … {END})")
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    new = f"{head}{BEGIN}\n{schema_markdown(kinds)}\n{END}{tail}"
    if new == text:
        return False
    if write:
        path.write_text(new, encoding="utf-8")
    return True
