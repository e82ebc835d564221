"""Layar's shared core: the content model used by the ingest, the Pelican plugins and the checks.

Nothing here imports Pelican; the plugins under ``plugins/layar_*`` build on it.
"""
