"""Catalog maintenance for Layar (plain package, run by ``invoke i18n.*`` and the checks).

* ``extract_all(root)`` / ``update_all(root, languages)``: the .pot templates and .po files;
* ``status(root)``: translated / fuzzy / untranslated counts per language and domain;
  ``status_by_source(root)``: the same per content file;
* ``lint(root) -> list[layar.errors.Problem]``: catalog problems as ``path:line`` (for
  ``invoke check``);
* ``import_po(root, file, lang=None)``: fill translations from another PO file.
"""
from .compendium import ImportFailed, ImportResult, import_po  # noqa: F401
from layar_checks.catalog_lint import lint, lint_site  # noqa: F401  (invoke i18n.lint)
from layar.catalogfiles import DOMAINS  # noqa: F401

from .maintain import CatalogBroken, extract, extract_all, update_all  # noqa: F401
from .status import (CatalogStatus, SourceStatus, below, format_by_source,  # noqa: F401
                     format_table, status, status_by_source)
