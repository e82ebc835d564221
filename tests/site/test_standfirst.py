"""The summary is shown once: as a standfirst, unless the body already opens with it."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from layar.blocks import parse_blocks
from layar_site.site import summary_opens_body


def article(summary: str, body: str):
    return SimpleNamespace(meta={"summary": summary}, blocks=parse_blocks(body))


@pytest.mark.parametrize("summary, body, expected", [
    ("Lead sentence.", "Lead sentence.\n\nMore.", True),
    ("Lead sentence.", "Lead sentence. And more in the same paragraph.", True),
    ("Point one. Point two.", "- Point one.\n- Point two.\n\nText.", True),
    ("A written summary.", "The body starts elsewhere.", False),
    ("Lead.", "## Heading\n\nLead.", False),
    ("", "Anything.", False),
])
def test_summary_opens_body(summary, body, expected):
    assert summary_opens_body(article(summary, body)) is expected
