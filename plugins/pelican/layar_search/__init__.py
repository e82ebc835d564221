"""Layar's search plugin: a search page per language and a Pagefind index per language."""
from .plugin import register  # noqa: F401
