"""Layar's site plugin: one Pelican run writes every page in every language.

Content is read once per build; each page (article, page, topic, …) is a ``Route`` that
is rendered once per language by switching gettext catalogs, instead of re-running the
whole pipeline per language as pelican-i18n-subsites does.
"""
from pelican import signals

from .generator import LayarGenerator


def get_generators(pelican_object):
    return LayarGenerator


def register():
    """Register the plugin callbacks."""
    # Our generator reads Layar's content and writes all languages' pages.
    signals.get_generators.connect(get_generators)
