"""Catalog maintenance for Layar (plain package, run by ``invoke i18n.*``)."""
from .maintain import extract_all, update_all  # noqa: F401
