"""LAYAR_TOPICS_KINDS is validated once, with every problem listed."""
from __future__ import annotations

import runpy

import pytest

from layar.errors import ConfigurationError
from layar_topics.settings import configure, validate_kinds

from .conftest import KINDS, ROOT


def test_the_real_kinds_and_the_tiny_kinds_are_valid():
    real = runpy.run_path(str(ROOT / "pelicanconf.py"))["LAYAR_TOPICS_KINDS"]
    assert validate_kinds(real) == []
    assert validate_kinds(KINDS) == []
    assert configure({"LAYAR_TOPICS_KINDS": real}).graph_path == "api/graph.json"


def test_every_problem_is_listed_in_one_error():
    kinds = {
        "strikes": {"segment": "strikes", "label": "Strikes", "one": "Strike",
                    "facts": {"start": {"type": "datetime", "label": "Started"},
                              "kind": {"type": "choice", "label": "Type"}}},
        "tools": {"segment": "strikes", "label": "", "one": "Tool", "schema": "X", "facts": {}},
    }
    with pytest.raises(ConfigurationError) as info:
        configure({"LAYAR_TOPICS_KINDS": kinds})
    message = str(info.value)
    assert "LAYAR_TOPICS_KINDS['strikes'] is missing 'schema'" in message
    assert "['facts']['start']['type'] must be one of text, date, year, ids, choice" in message
    assert "['facts']['kind']['choices'] must be a non-empty list" in message
    assert "LAYAR_TOPICS_KINDS['tools']['label'] must be non-empty text" in message
    assert "'strikes' is also used by kind 'strikes'" in message


def test_kinds_must_be_a_mapping():
    assert validate_kinds(["strikes"]) == [
        "LAYAR_TOPICS_KINDS must be a mapping of kind -> spec, got list"]
