"""Layar's media plugin: responsive pictures of content/media/ and a social card per page."""
from .plugin import register  # noqa: F401
