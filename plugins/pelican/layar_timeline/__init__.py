"""Layar's timeline plugin: /{lang}/timeline/, every article and strike on one time axis."""
from .plugin import register  # noqa: F401
