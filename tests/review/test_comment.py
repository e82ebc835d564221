"""The pull request's sticky comment: status, every problem (never cut), the changes."""
from __future__ import annotations

from layar_review import comment

LOG = """\
Checking…
content/articles/a.md:5: error: 'date': '03/04/2024' is ambiguous; write 2024-04-03
content/topics/tools/x.md:2: warning: `name` has ```backticks```
not published: content/articles/b.md: draft
Check failed: 1 error(s), 1 warning(s). output/ was not touched.
"""


def test_the_comment_shows_status_preview_problems_and_changes():
    body = comment.parts(comment.blocks(7, "0123456789abcdef", 1, LOG, "**2 pages differ**",
                                        "https://o.github.io/r/pr-preview/pr-7", None))
    assert len(body) == 1
    text = body[0]
    assert text.startswith("<!-- layar-report part 1 -->\n### Layar: pull request #7 at "
                           "`01234567`")
    assert "❌ `invoke check` failed: 1 error(s), 1 warning(s)." in text
    assert "🔎 Preview: https://o.github.io/r/pr-preview/pr-7/ (drafts" in text
    # Every problem line, in a fence longer than any backtick run inside it.
    assert "````text\ncontent/articles/a.md:5: error: 'date'" in text
    assert "content/topics/tools/x.md:2: warning: `name` has ```backticks```\n````" in text
    assert "Checking…" not in text and "not published" not in text
    assert text.rstrip().endswith("**2 pages differ**")


def test_a_passing_check_without_a_preview_says_why():
    text = comment.parts(comment.blocks(3, "abc", 0, "", None, None, "a fork's pull request "
                                        "that changes code"))[0]
    assert "✅ `invoke check` passed: no problems." in text
    assert "Preview: not published: a fork's pull request that changes code." in text
    assert "Every problem" not in text


def test_thousands_of_problems_are_all_posted_across_parts():
    lines = [f"content/articles/a{i:05}.md:{i}: error: 'date' is missing; add "
             f"date: 2025-01-01 under the title" for i in range(3000)]
    body = comment.parts(comment.blocks(9, "abc", 1, "\n".join(lines), "changes", None, "x"))
    assert len(body) > 1
    for i, part in enumerate(body, 1):
        assert part.startswith(f"<!-- layar-report part {i} -->\n")
        assert len(part) <= 65_536
    posted = [line for part in body for line in part.splitlines() if comment.PROBLEM.match(line)]
    assert posted == lines  # every problem, once, in order
    assert "changes" in body[-1]


def test_a_change_list_too_long_for_a_comment_points_to_the_full_list():
    changes = "**4000 pages differ**\n\n" + "| changed | x |\n" * 10_000
    body = comment.parts(comment.blocks(9, "abc", 0, "", changes, None, "x"))
    assert len(body) == 1 and "**4000 pages differ**" in body[0]
    assert "invoke changes --base main" in body[0]


def test_the_command_line_writes_the_parts(tmp_path):
    (tmp_path / "check.log").write_text(LOG)
    (tmp_path / "status").write_text("1\n")
    (tmp_path / "changes.md").write_text("**No page differs**\n")
    out = tmp_path / "parts"
    assert comment.main(["--number", "7", "--sha", "abcdef12", "--check-log",
                         str(tmp_path / "check.log"), "--check-status", str(tmp_path / "status"),
                         "--changes", str(tmp_path / "changes.md"), "--no-preview", "x",
                         "--out", str(out)]) == 0
    assert [p.name for p in out.iterdir()] == ["comment-1.md"]
    assert "❌ `invoke check` failed" in (out / "comment-1.md").read_text()
