"""A tiny Layar site in a temporary folder, for the catalog tests.

``make_site(tmp_path)`` writes an Indonesian article, an English home page and an English
topic, the real mapping files, and a settings file that runs only the ``layar_site`` plugin
with the real theme.  ``build_site`` builds it strictly (``layar_build.build``).
"""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("id", "nl", "en")

ARTICLE = """\
---
title: Penulis Hollywood mogok karena AI
lang: id
date: 2025-10-22
publisher: Tek ID
author: Rina
summary: Para penulis menolak naskah buatan AI.
---
Paragraf pertama menyebut [Tek ID](https://example.org/tek) di dalamnya.

## Tuntutan penulis

- Butir pertama tuntutan
- Butir kedua tuntutan

> Kutipan dari juru runding serikat.

```python
print("kode tidak diterjemahkan")
```

Paragraf terakhir artikel ini.
"""

HOME = """\
---
title: Generative AI in film
slug: home
lang: en
summary: How generative AI is entering film and television.
---
Layar follows generative AI in film.
"""

TOPIC = """\
---
id: chatgpt
kind: tools
name: ChatGPT
summary: OpenAI's chatbot, released in November 2022.
facts:
  developer: [openai]
  released: 2022-11-30
  generates: text in conversation with the user
---
ChatGPT is a chatbot from OpenAI.
"""

SETTINGS = """\
# A tiny Layar site: the real settings, with only the site plugin and test kinds.
exec(open({real!r}, encoding="utf-8").read())
PATH = "content"
OUTPUT_PATH = "output"
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = []
LAYAR_I18N_DIR = "i18n"
LAYAR_TOPICS_KINDS = {{
    "tools": {{
        "segment": "tools", "label": "Tools", "one": "Tool", "schema": "SoftwareApplication",
        "facts": {{
            "developer": {{"type": "ids", "label": "Developer"}},
            "released": {{"type": "date", "label": "Released"}},
            "generates": {{"type": "text", "label": "Generates"}},
        }},
    }},
}}
"""

ARTICLE_PATH = "content/articles/penulis-mogok.md"
SLUG = "penulis-hollywood-mogok-karena-ai"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_site(root: Path, *, messages: bool = True) -> Path:
    """Write the tiny site under ``root``; with ``messages`` copy the real UI catalogs."""
    write(root, ARTICLE_PATH, ARTICLE)
    write(root, "content/pages/home.md", HOME)
    write(root, "content/topics/tools/chatgpt.md", TOPIC)
    write(root, "pelicanconf.py", SETTINGS.format(
        real=str(ROOT / "pelicanconf.py"), theme=str(ROOT / "theme"),
        plugins=str(ROOT / "plugins" / "pelican")))
    for cfg in ("babel.cfg", "babel-content.cfg"):
        (root / "i18n").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "i18n" / cfg, root / "i18n" / cfg)
    if messages:
        for po in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.po"):
            target = root / "i18n" / po.relative_to(ROOT / "i18n")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(po, target)
    return root


def build_site(root: Path):
    from layar_build import build

    return build(root / "pelicanconf.py", root / "output")


def page(root: Path, lang: str, slug: str = SLUG) -> str:
    return (root / "output" / lang / "articles" / slug / "index.html").read_text("utf-8")


def set_translation(root: Path, lang: str, msgid: str, msgstr: str,
                    domain: str = "content") -> None:
    """Translate one unit in a language's catalog, as a translator would."""
    from layar_i18n_tools.maintain import po_path, read_catalog, write_catalog

    path = po_path(root, lang, domain)
    catalog = read_catalog(path, lang, domain)
    message = catalog.get(msgid)
    assert message is not None, f"{msgid!r} is not in {path}"
    message.string = msgstr
    message.flags.discard("fuzzy")
    write_catalog(path, catalog)
