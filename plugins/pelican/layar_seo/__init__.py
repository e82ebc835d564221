"""Layar's SEO plugin: Atom feeds per language, sitemap.xml, robots.txt, Open Graph, JSON-LD."""
from .plugin import register  # noqa: F401
