"""layar.aliases: the matching engine shared by the ingest (tagging) and the topics plugin."""
from __future__ import annotations

from layar.aliases import AliasIndex, Mention

INDEX = AliasIndex([
    ("tools", "sora-2", {"en": ["Sora 2", "Sora"], "nl": ["OpenAI’s Sora 2"]}),
    ("tools", "veo-3", {"en": ["Veo 3"], "nl": ["Google's VEO 3"]}),
    ("organizations", "google", {"en": ["Google"]}),
    ("organizations", "openai", {"en": ["OpenAI"]}),
    ("organizations", "sag-aftra", {"en": ["SAG-AFTRA", "Screen Actors Guild"]}),
    ("productions", "billionaires-bunker", {"en": ["Billionaires’ Bunker"]}),
    ("strikes", "wga-strike-2023", {"id": ["mogok", "pemogokan bersama"], "en": ["WGA strike"]}),
    ("strikes", "sag-aftra-strike-2023", {"id": ["mogok", "pemogokan bersama"]}),
    ("people", "bob-iger", {"en": ["Bob Iger", "Iger"]}),
    ("tools", "generative-ai", {"id": ["AI generatif"], "nl": ["AI-gegenereerde"]}),
])


def spans(mentions):
    return [(m.topic_id, m.text) for m in mentions]


def test_case_insensitive_and_whole_words():
    text = "sag-aftra en Sag-Aftra, maar niet Soraya of Tiger; wel SORA en sora."
    assert spans(INDEX.find(text, "nl")) == [
        ("sag-aftra", "sag-aftra"), ("sag-aftra", "Sag-Aftra"), ("sora-2", "SORA"), ("sora-2", "sora")]


def test_unicode_word_boundaries():
    assert INDEX.find("Iger’s plan", "en")[0].text == "Iger"
    assert INDEX.find("Igeré", "en") == [] and INDEX.find("éIger", "en") == []
    assert INDEX.find("Sora2", "en") == [] and INDEX.find("Sora_", "en") == []
    assert spans(INDEX.find("(Sora 2)", "en")) == [("sora-2", "Sora 2")]


def test_typographic_and_ascii_apostrophes_are_equivalent():
    for text in ("Billionaires’ Bunker", "Billionaires' Bunker", "Billionaires‘ Bunker"):
        assert spans(INDEX.find(f"tim {text} memakai AI", "id")) == [("billionaires-bunker", text)]
    assert spans(INDEX.find("Google’s VEO 3", "nl")) == [("veo-3", "Google’s VEO 3")]


def test_longest_alias_wins_and_matches_do_not_overlap():
    text = "Met OpenAI’s Sora 2 en Google’s  VEO 3 komt Sora 2 naar Google."
    found = INDEX.find(text, "nl")
    assert spans(found) == [("sora-2", "OpenAI’s Sora 2"), ("veo-3", "Google’s  VEO 3"),
                            ("sora-2", "Sora 2"), ("google", "Google")]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(text[m.start:m.end] == m.text for m in found)
    assert isinstance(found[0], Mention) and found[0].kind == "tools"


def test_find_all_includes_nested_mentions_for_tagging():
    found = spans(INDEX.find_all("Met OpenAI’s Sora 2 en Google’s VEO 3, niet Googleplex.", "nl"))
    assert found == [
        ("sora-2", "OpenAI’s Sora 2"), ("openai", "OpenAI"), ("sora-2", "Sora 2"),
        ("sora-2", "Sora"), ("veo-3", "Google’s VEO 3"), ("google", "Google"), ("veo-3", "VEO 3"),
    ]


def test_language_aliases_plus_english():
    assert spans(INDEX.find("Para penulis mogok.", "id")) == [
        ("wga-strike-2023", "mogok"), ("sag-aftra-strike-2023", "mogok")]
    assert INDEX.find("Para penulis mogok.", "nl") == []  # an Indonesian alias only
    assert spans(INDEX.find("De WGA strike begon.", "nl")) == [("wga-strike-2023", "WGA strike")]
    assert spans(INDEX.find("AI-gegenereerde scène", "nl")) == [("generative-ai", "AI-gegenereerde")]
    assert INDEX.find("AI-gegenereerde scène", "id") == []
    assert spans(INDEX.find("Bob Iger", "xx")) == [("bob-iger", "Bob Iger")]  # unknown: English


def test_shared_alias_gives_one_mention_per_topic_at_one_span():
    found = INDEX.find("Pemogokan bersama itu", "id")
    assert [(m.topic_id, m.start, m.end) for m in found] == [
        ("wga-strike-2023", 0, 17), ("sag-aftra-strike-2023", 0, 17)]


def test_white_space_inside_an_alias():
    assert spans(INDEX.find("Screen\nActors   Guild", "en")) == [("sag-aftra", "Screen\nActors   Guild")]


def test_empty_index_and_empty_text():
    empty = AliasIndex([])
    assert len(empty) == 0 and empty.find("Netflix", "en") == [] and empty.find_all("x", "id") == []
    assert INDEX.find("", "en") == [] and len(INDEX) > 0


def test_regex_characters_in_aliases_are_literal():
    index = AliasIndex([("tools", "c", {"en": ["C++", "R&D (Labs)", "a.b"]})])
    assert spans(index.find("C++ and R&D (Labs) but not aXb", "en")) == [
        ("c", "C++"), ("c", "R&D (Labs)")]


def test_linear_enough_on_long_text():
    import time

    text = "Netflix dan Sora 2 serta Google’s VEO 3. " * 20000
    start = time.perf_counter()
    assert len(INDEX.find(text, "nl")) == 40000
    assert time.perf_counter() - start < 5
