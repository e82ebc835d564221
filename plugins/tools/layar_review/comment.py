"""The pull request's one sticky comment: status, every problem, the changed pages.

Made by the trusted ``workflow_run`` job (``.github/workflows/pr-report.yml``) from what the
pull request's own run left as data: the log of ``invoke check``, its exit code and the
Markdown of ``invoke changes``.  Standard library only.

Every problem is listed, never cut: a body longer than GitHub's limit for a comment (65,536
characters) is split into parts, each a comment of its own with the marker
``<!-- layar-report part K -->``; the workflow updates the parts in place, makes those that
are missing and deletes those no longer needed.

    python -m layar_review.comment --number 7 --sha abc --check-log check.log \\
        --check-status 1 --changes changes.md --preview URL --out parts/
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

#: Marks the comments this tool owns: ``MARKER.format(part=K)``.
MARKER = "<!-- layar-report part {part} -->"
#: GitHub refuses a comment body longer than 65,536 characters; leave room for the marker.
LIMIT = 65_000
#: The problem lines of ``invoke check`` (the same pattern as the CI problem matcher,
#: .github/problem-matchers/layar.json).
PROBLEM = re.compile(r"^([^\s:][^:]*):(\d+): (error|warning): (.+)$")


def problems(log: str) -> list[str]:
    return [line for line in log.splitlines() if PROBLEM.match(line)]


def _fence(lines: list[str]) -> tuple[str, str]:
    """A code fence longer than any run of backticks in ``lines``."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text", fence


def blocks(number: int, sha: str, check_status: int, log: str, changes: str | None,
           preview: str | None, no_preview: str | None) -> list[str]:
    """The comment as a list of blocks, each short enough for one comment (long problem
    lists come as several blocks)."""
    found = problems(log)
    errors = sum(": error: " in line for line in found)
    warnings = len(found) - errors
    head = [f"### Layar: pull request #{number} at `{sha[:8]}`", ""]
    if check_status == 0:
        head.append(f"✅ `invoke check` passed"
                    + (f" with {warnings} warning(s)." if warnings else ": no problems."))
    else:
        head.append(f"❌ `invoke check` failed: {errors} error(s), {warnings} warning(s)"
                    + ("" if found else " (see the run's log)") + ".")
    if preview:
        head.append(f"🔎 Preview: {preview}/ (drafts and scheduled articles shown, with "
                    f"their banners; not indexed by search engines).")
    else:
        head.append(f"🔎 Preview: not published: {no_preview or 'the preview did not build'}.")
    out = ["\n".join(head) + "\n"]
    if found:
        budget = LIMIT - 2000
        chunk: list[str] = []
        size = 0
        chunks = []
        for line in found:
            if chunk and size + len(line) + 1 > budget:
                chunks.append(chunk)
                chunk, size = [], 0
            chunk.append(line)
            size += len(line) + 1
        chunks.append(chunk)
        for i, lines in enumerate(chunks):
            title = (f"#### Every problem ({len(found)}), as `path:line: severity: message`"
                     if i == 0 else f"#### Problems, continued ({i + 1}/{len(chunks)})")
            start, end = _fence(lines)
            out.append("\n".join([title, "", start, *lines, end, ""]))
    if changes is not None:
        section = "#### What this pull request changes on the site\n\n" + changes.strip()
        if len(section) > LIMIT - 200:
            summary = changes.strip().splitlines()[0]
            section = (f"#### What this pull request changes on the site\n\n{summary}\n\n"
                       f"The list of pages is longer than a comment can hold: it is in the "
                       f"summary of the pull request's run, and `invoke changes --base "
                       f"main` prints it.")
        out.append(section + "\n")
    return out


def parts(items: list[str], limit: int = LIMIT) -> list[str]:
    """Blocks packed into comment bodies, each with its marker, none over ``limit``."""
    bodies: list[list[str]] = [[]]
    for block in items:
        if bodies[-1] and sum(len(b) + 1 for b in bodies[-1]) + len(block) > limit - 100:
            bodies.append([])
        bodies[-1].append(block)
    return [MARKER.format(part=i + 1) + "\n" + "\n".join(body)
            for i, body in enumerate(bodies)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layar_review.comment")
    parser.add_argument("--number", type=int, required=True)
    parser.add_argument("--sha", required=True)
    parser.add_argument("--check-log", type=Path, required=True)
    parser.add_argument("--check-status", type=Path, required=True,
                        help="a file holding the exit code of invoke check")
    parser.add_argument("--changes", type=Path, help="the Markdown of invoke changes")
    parser.add_argument("--preview", help="the preview's address, when it was published")
    parser.add_argument("--no-preview", help="why the preview was not published")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    def read(path: Path | None) -> str | None:
        return path.read_text(encoding="utf-8", errors="replace") if path and path.exists() \
            else None

    status_text = (read(args.check_status) or "").strip()
    status = int(status_text) if status_text.isdigit() else 1
    body = parts(blocks(args.number, args.sha, status, read(args.check_log) or "",
                        read(args.changes), args.preview, args.no_preview))
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("comment-*.md"):
        old.unlink()
    for i, text in enumerate(body, 1):
        (args.out / f"comment-{i}.md").write_text(text, encoding="utf-8")
    print(f"{len(body)} comment part(s) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
