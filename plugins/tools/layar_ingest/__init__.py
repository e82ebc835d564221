"""Layar ingest: turn raw seeds (copied web text or saved pages) into reviewable articles.

``invoke ingest`` runs :func:`layar_ingest.cli.main`.  The pipeline, per seed:

1. :mod:`.normalize` decodes the bytes (rejecting empty, binary and undecodable files) and
   normalises line endings and spaces; :mod:`.webpage` first extracts a saved page's main text
   and metadata with trafilatura.
2. :mod:`.structure` finds the title, byline, dateline, key points and standfirst, and keeps the
   article's paragraphs, subheadings and lists, dropping the page furniture that :mod:`.noise`
   recognises (phrase families in ``data/phrases.yaml``).
3. :mod:`.language` detects the language, :mod:`.dates` resolves the dateline, :mod:`.publisher`
   names the outlet, :mod:`.tagging` finds registry topics (:mod:`.registry`).
4. :mod:`.document` builds the front-matter and body; :mod:`.pipeline` writes it without ever
   overwriting an editor's corrections.
"""
