"""Layar's build (plain package, run by tasks.py): the pipeline of one strict, atomic build
(``pipeline.build``), the ledger of the last good output, scaffolding and documentation."""
from .pipeline import BuildResult, build, check  # noqa: F401
