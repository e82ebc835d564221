"""Layar's build driver (plain package, run by tasks.py): strict, atomic Pelican runs."""
from .build import BuildResult, build, check  # noqa: F401
