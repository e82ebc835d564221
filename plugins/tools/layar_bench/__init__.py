"""Layar's build benchmark: a deterministic synthetic corpus, cold and warm builds, and Hugo.

``invoke bench --articles N`` (or ``python -m layar_bench --articles N``) generates a corpus
in Layar's own format under ``.bench/``, builds it cold and warm in subprocesses and prints
pages, seconds, milliseconds per page and peak memory.  See ``corpus`` and ``runner``.
"""
