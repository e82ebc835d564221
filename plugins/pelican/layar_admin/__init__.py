"""Layar's web editor plugin: /admin/, Decap CMS from npm, configured from layar.schema."""
from .plugin import register  # noqa: F401
