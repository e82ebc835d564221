"""What ``invoke changes`` prints: lines for a terminal, or Markdown for a pull request.

The Markdown is a comment body: a summary line, then a table per language whose titles
link into the preview.  Up to ``SHORT`` pages it is shown as it is; a larger change puts
each language's table in a collapsed ``<details>``, so the comment stays short to scroll.
"""
from __future__ import annotations

from .changes import STATUSES, Changes

#: Pages listed openly; above this, each language's table is collapsed.
SHORT = 20

#: Language names for the English-language comment.
NAMES = {"id": "Indonesian", "nl": "Dutch", "en": "English"}


def _counts(counter) -> str:
    return ", ".join(f"{counter[s]} {s}" for s in STATUSES if counter.get(s))


def _page_counts(pages) -> str:
    found = {s: sum(1 for p in pages if p.status == s) for s in STATUSES}
    return ", ".join(f"{n} {s}" for s, n in found.items() if n)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def summary(changes: Changes) -> str:
    pages = changes.pages
    others = sum(sum(c.values()) for c in changes.others.values())
    langs = sorted({p.lang for p in pages if p.lang},
                   key=lambda lang: (changes.languages + (lang,)).index(lang))
    if not pages and not others:
        return f"No page and no other file differs from {changes.base}."
    where = f" in {', '.join(langs)}" if langs else ""
    head = (f"{_plural(len(pages), 'page')}{where} differ from {changes.base}"
            if pages else f"No page differs from {changes.base}")
    tail = f" ({_page_counts(pages)})" if pages else ""
    return f"{head}{tail}; {_plural(others, 'other file')}."


def _others(changes: Changes) -> str:
    return "; ".join(f"{name}: {_counts(counter)}"
                     for name, counter in sorted(changes.others.items()))


def _index_note(changes: Changes) -> str:
    langs = changes.reindexed
    return ("Search index: not compared (Pagefind's files differ between any two builds); "
            + (f"made again for {', '.join(langs)}." if langs else "unchanged."))


def text(changes: Changes) -> str:
    lines = [summary(changes)]
    for lang, pages in changes.by_language().items():
        for page in pages:
            lines.append(f"  {lang or '-':3} {page.status:8} {page.kind or '-':12} "
                         f"{page.url}  {page.title}")
    if changes.others:
        lines.append(f"Other files: {_others(changes)}.")
    lines.append(_index_note(changes))
    return "\n".join(lines)


def _cell(value: str) -> str:
    """Text for a Markdown table cell: nothing in it can end the cell or make a link."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
            .replace("\n", " ")) or "–"


def _link(page, preview: str | None) -> str:
    title = _cell(page.title or page.url)
    if page.status == "removed":
        return f"~~{title}~~"
    if not preview:
        return title
    return f"[{title}]({preview.rstrip('/')}{page.url})"


def _table(pages, preview: str | None) -> list[str]:
    rows = ["| | page | kind | URL |", "| --- | --- | --- | --- |"]
    for page in pages:
        rows.append(f"| {page.status} | {_link(page, preview)} | {_cell(page.kind)} | "
                    f"`{page.url}` |")
    return rows


def _language(lang: str) -> str:
    if not lang:
        return "Every language (the language chooser)"
    return f"**{NAMES.get(lang, lang)}** (`{lang}`)"


def markdown(changes: Changes, preview: str | None = None, short: int = SHORT) -> str:
    """The comment body (see the module docstring); ``preview`` is the preview's address."""
    out = [f"**{summary(changes)}**", ""]
    collapsed = len(changes.pages) > short
    for lang, pages in changes.by_language().items():
        heading = f"{_language(lang)}: {_plural(len(pages), 'page')} ({_page_counts(pages)})"
        if collapsed:
            out += [f"<details><summary>{heading}</summary>", ""]
        else:
            out += [f"{heading}", ""]
        out += _table(pages, preview)
        out += ["", "</details>", ""] if collapsed else [""]
    if changes.others:
        out += [f"Other files: {_others(changes)}.", ""]
    out.append(_index_note(changes))
    return "\n".join(out).rstrip() + "\n"
