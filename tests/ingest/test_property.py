"""Property: the cleaning pipeline never crashes; bad text only ever raises IngestError."""
from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layar.errors import IngestError
from layar_ingest import document, pipeline

from .conftest import SEEDS

POOL = sorted({line for path in SEEDS.glob("*.txt")
               for line in path.read_text(encoding="utf-8").split("\n")})
FURNITURE = ["", "×", "Berita Terkait", "## Kop", "- item satu dua tiga empat lima.", "Oleh: A B",
             "Jum'at, 16 Januari 2026 | 12:07 (UTC+2)", "12/13/2025, 25:99 WIB", "Door: Jan",
             "• partner", "Baca Juga: x", "Lees ook", "Read more", "© 2025"]
LINES = st.one_of(st.sampled_from(POOL), st.sampled_from(FURNITURE), st.text(max_size=80))
TEXTS = st.one_of(
    st.text(max_size=400),
    st.builds(lambda lines, nl: nl.join(lines), st.lists(LINES, max_size=50),
              st.sampled_from(["\n", "\r\n", "\r", "\n\n"])),
)


def check(raw: bytes, html: bool = False) -> None:
    try:
        article = pipeline.build_article(raw, "seeds/random.txt", html=html)
    except IngestError as exc:
        assert str(exc).startswith("seeds/random.txt: ")
        return
    text = document.render(article)
    assert document.is_pristine(text)
    assert article.lang in ("id", "nl", "en") and article.slug
    assert "\n\n\n" not in document.body(article.blocks)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_cleaning_never_crashes_on_text(text):
    check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_cleaning_never_crashes_on_bytes(raw):
    check(raw)
