"""First-mention links in rendered HTML: never in headings, links, code or attributions."""
from __future__ import annotations

from layar.aliases import AliasIndex
from layar_topics.linking import link_first_mentions

FINDER = AliasIndex([
    ("tools", "sora-2", {"en": ["Sora 2", "OpenAI's Sora 2", "Sora"], "id": ["model Sora"]}),
    ("organizations", "openai", {"en": ["OpenAI"]}),
    ("strikes", "wga-strike", {"en": ["WGA strike"], "id": ["mogok"]}),
    ("strikes", "sag-strike", {"en": ["SAG strike"], "id": ["mogok"]}),
])
URLS = {"sora-2": "/en/tools/sora-2/", "openai": "/en/organizations/openai/",
        "wga-strike": "/en/strikes/wga/", "sag-strike": "/en/strikes/sag/"}


def link(html, lang="en", urls=URLS):
    return link_first_mentions(html, lang, FINDER, urls)


def test_only_the_first_mention_is_linked():
    assert link("<p>Sora is new. Sora again.</p>") == (
        '<p><a class="topic-link" href="/en/tools/sora-2/">Sora</a> is new. Sora again.</p>')


def test_not_in_headings_links_code_or_attributions():
    html = ('<h2 id="sora">Sora</h2>\n<p>See <a href="https://x.test">Sora</a>, <code>Sora</code>.</p>\n'
            '<blockquote><p>Quote.</p><p>— OpenAI</p></blockquote>\n<p>Then Sora and OpenAI.</p>')
    assert link(html) == (
        '<h2 id="sora">Sora</h2>\n<p>See <a href="https://x.test">Sora</a>, <code>Sora</code>.</p>\n'
        '<blockquote><p>Quote.</p><p>— OpenAI</p></blockquote>\n'
        '<p>Then <a class="topic-link" href="/en/tools/sora-2/">Sora</a> and '
        '<a class="topic-link" href="/en/organizations/openai/">OpenAI</a>.</p>')


def test_character_references_are_kept_and_the_longest_alias_wins():
    assert link("<p>A &amp; B: OpenAI&#39;s Sora 2.</p>") == (
        '<p>A &amp; B: <a class="topic-link" href="/en/tools/sora-2/">OpenAI&#39;s Sora 2</a>.</p>')


def test_text_in_another_language_uses_that_languages_aliases():
    html = '<p lang="id">Pakai model Sora.</p>'
    assert link(html) == ('<p lang="id">Pakai <a class="topic-link" href="/en/tools/sora-2/">'
                          'model Sora</a>.</p>')


def test_a_shared_alias_links_one_topic_and_the_next_mention_the_other():
    html = "<p>Mogok dimulai. Lalu mogok lagi.</p>"
    assert link(html, "id") == (
        '<p><a class="topic-link" href="/en/strikes/wga/">Mogok</a> dimulai. Lalu '
        '<a class="topic-link" href="/en/strikes/sag/">mogok</a> lagi.</p>')


def test_only_the_given_topics_are_linked():
    assert link("<p>Sora by OpenAI</p>", urls={"openai": "/o/"}) == (
        '<p>Sora by <a class="topic-link" href="/o/">OpenAI</a></p>')
