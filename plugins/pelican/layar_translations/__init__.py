"""Layar's translation-status plugin: /{lang}/translations/, what is and is not yet
translated into each language, per article, topic and page."""
from .plugin import register  # noqa: F401
