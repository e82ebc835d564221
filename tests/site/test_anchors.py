"""Heading anchors never collide with the ids the theme puts on every page."""
from __future__ import annotations

import re

from layar.blocks import parse_blocks
from layar_site.render import RESERVED_IDS, BodyRenderer
from layar_site.catalogs import ContentCatalog
from tests.helpers import ROOT


def test_reserved_ids_cover_every_literal_id_in_the_templates():
    found = set()
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        found |= set(re.findall(r'\bid="([a-z][a-z0-9-]*)"', template.read_text("utf-8")))
    assert found <= RESERVED_IDS, f"add to RESERVED_IDS: {sorted(found - RESERVED_IDS)}"


def test_a_heading_named_like_a_template_id_gets_another_anchor():
    renderer = BodyRenderer(lambda target, path, lang: None)
    blocks = parse_blocks("## Main\n\ntext\n\n## Latest\n")
    html = renderer.render(blocks, ContentCatalog("en", {}), "en", "content/x.md").html
    assert 'id="main-2"' in html and 'id="latest-2"' in html
    assert 'id="main"' not in html
