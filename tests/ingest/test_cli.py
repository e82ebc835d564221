"""The command line and the write step: bad input, idempotence, editors' edits, --force."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from layar import frontmatter
from layar_ingest import cli, document

from .conftest import ROOT, SEED

OUT = Path("content/articles")
SLUG_000 = "begini-cara-netflix-gunakan-ai-di-industri-hiburan-tidak-gantikan-kreativitas-sineas"


def run(capsys, *extra: str) -> tuple[int, list[str]]:
    code = cli.main(["--src", "seeds", "--out", str(OUT), "--topics", "topics", *extra])
    return code, capsys.readouterr().out.splitlines()


def snapshot(folder: Path = OUT) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def line_for(lines: list[str], seed_key: str) -> str:
    return next(line for line in lines if f"seeds/{SEED[seed_key]} " in line)


def test_first_run_writes_every_article(project, capsys):
    code, lines = run(capsys)
    assert code == 0
    assert len(lines) == 6
    assert all(line.startswith("ingested seeds/") for line in lines[:5])
    assert line_for(lines, "000") == f"ingested seeds/{SEED['000']} -> content/articles/{SLUG_000}.md"
    assert lines[-1] == ("5 seed(s): 5 ingested, 0 unchanged, 0 kept because edited "
                         "(0 with a new proposal), 3 needing review, 0 failed")
    files = sorted(p.name for p in OUT.iterdir())
    assert len(files) == 5 and f"{SLUG_000}.md" in files and "003-343dc55e35afd3d3.md" in files


def test_second_run_changes_nothing(project, capsys):
    run(capsys)
    before = snapshot()
    mtimes = {p.name: p.stat().st_mtime_ns for p in OUT.iterdir()}
    code, lines = run(capsys)
    assert code == 0
    assert all(line.startswith("unchanged ") for line in lines[:5])
    assert "0 ingested, 5 unchanged" in lines[-1]
    assert snapshot() == before
    assert {p.name: p.stat().st_mtime_ns for p in OUT.iterdir()} == mtimes


def test_python_dash_m(project):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(ROOT / "plugins" / part) for part in ("lib", "pelican", "tools"))}
    args = [sys.executable, "-m", "layar_ingest", "--topics", "topics"]
    first = subprocess.run(args, capture_output=True, text=True, env=env, cwd=project)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(args, capture_output=True, text=True, env=env, cwd=project)
    assert second.stdout.count("unchanged ") == 5
    assert subprocess.run([*args, "--help"], capture_output=True, env=env, cwd=project).returncode == 0


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edited_file_is_kept(project, capsys):
    run(capsys)
    article = OUT / f"{SLUG_000}.md"
    _edit(article, "author: Tek ID", "author: Redaksi Tek ID")
    edited = article.read_bytes()
    code, lines = run(capsys)
    assert code == 0
    assert line_for(lines, "000") == f"kept (edited) seeds/{SEED['000']} -> {article}"
    assert article.read_bytes() == edited
    assert "1 kept because edited" in lines[-1]
    assert not list(OUT.glob("*.proposed"))


def test_a_comment_alone_is_an_edit(project, capsys):
    run(capsys)
    article = OUT / f"{SLUG_000}.md"
    _edit(article, "date: ", "# checked against the outlet's page\ndate: ")
    code, lines = run(capsys)
    assert line_for(lines, "000").startswith("kept (edited) ")
    assert "# checked" in article.read_text(encoding="utf-8")


def test_file_name_is_stable_when_the_editor_retitles_and_renames(project, capsys):
    run(capsys)
    old = OUT / "003-343dc55e35afd3d3.md"
    new = OUT / "netflix-zet-vol-in-op-ai.md"
    text = old.read_text(encoding="utf-8")
    text = text.replace("title: ''", "title: Netflix zet vol in op AI").replace(
        "slug: 003-343dc55e35afd3d3", "slug: netflix-zet-vol-in-op-ai")
    new.write_text(text, encoding="utf-8")
    old.unlink()
    code, lines = run(capsys)
    assert line_for(lines, "003") == f"kept (edited) seeds/{SEED['003']} -> {new}"
    assert not old.exists()
    assert len(list(OUT.glob("*.md"))) == 5


def test_seed_changed_and_file_edited_gives_a_proposal(project, capsys):
    run(capsys)
    article = OUT / f"{SLUG_000}.md"
    _edit(article, "publisher: Tek ID", "publisher: Tek.id")
    edited = article.read_bytes()
    seed = Path("seeds") / SEED["000"]
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "naik 17% dibanding", "naik 17 persen dibanding"), encoding="utf-8")
    code, lines = run(capsys)
    proposal = OUT / f"{SLUG_000}.md.proposed"
    assert line_for(lines, "000").startswith(f"proposal written seeds/{SEED['000']} -> {proposal}: ")
    assert "edited by hand and the seed changed" in line_for(lines, "000")
    assert article.read_bytes() == edited
    proposed = proposal.read_text(encoding="utf-8")
    assert "naik 17 persen dibanding" in proposed and "publisher: Tek ID" in proposed
    assert document.is_pristine(proposed)
    # Again: the proposal is up to date, nothing is written.
    before = snapshot()
    code, lines = run(capsys)
    assert line_for(lines, "000").startswith("kept (edited) ")
    assert "proposal" in line_for(lines, "000")
    assert snapshot() == before


def test_seed_changed_and_file_not_edited_is_updated_in_place(project, capsys):
    run(capsys)
    seed = Path("seeds") / SEED["003"]
    seed.write_text(seed.read_text(encoding="utf-8").replace("verbluffend", "indrukwekkend"),
                    encoding="utf-8")
    code, lines = run(capsys)
    target = OUT / "003-343dc55e35afd3d3.md"
    assert line_for(lines, "003") == (f"ingested seeds/{SEED['003']} -> {target}: "
                                      "updated: the seed changed")
    assert "indrukwekkend" in target.read_text(encoding="utf-8")


def test_force_overwrites_edits_and_removes_the_proposal(project, capsys):
    run(capsys)
    article = OUT / f"{SLUG_000}.md"
    _edit(article, "author: Tek ID", "author: Someone")
    seed = Path("seeds") / SEED["000"]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new sha256
    run(capsys)
    assert (OUT / f"{SLUG_000}.md.proposed").exists()
    code, lines = run(capsys, "--force")
    assert code == 0
    assert line_for(lines, "000").endswith("forced: the editor's changes were overwritten")
    assert "author: Tek ID" in article.read_text(encoding="utf-8")
    assert not (OUT / f"{SLUG_000}.md.proposed").exists()
    assert document.is_pristine(article.read_text(encoding="utf-8"))


def test_broken_yaml_is_still_found_and_kept(project, capsys):
    run(capsys)
    article = OUT / f"{SLUG_000}.md"
    _edit(article, "lang: id", "lang: [id")
    broken = article.read_bytes()
    code, lines = run(capsys)
    assert line_for(lines, "000").startswith("kept (edited) ")
    assert article.read_bytes() == broken


def test_slug_taken_by_a_foreign_file_is_not_overwritten(project, capsys):
    foreign = OUT / f"{SLUG_000}.md"
    foreign.write_text("---\ntitle: Someone else's\n---\n\nText.\n", encoding="utf-8")
    code, lines = run(capsys)
    assert code == 1
    assert line_for(lines, "000").startswith(f"failed seeds/{SEED['000']} -> {foreign}: ")
    assert foreign.read_text(encoding="utf-8").startswith("---\ntitle: Someone else's")


BAD = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\r\n\t\n", "empty file"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    "latin1.txt": ("Netflix gebruikt AI in films. Café-eigenaar zegt dat het goed is.".encode("latin-1"),
                   "not UTF-8 text"),
    "short.txt": ("Netflix gebruikt AI.".encode(), "not an article"),
    "menu.txt": ("Home\nNieuws\nTech\nSport\nContact\n".encode(), "not an article"),
    "no-sentences.txt": (("netflix ai " * 40).encode(), "not an article"),
}


def test_bad_inputs_fail_clearly_and_the_rest_is_processed(project, capsys):
    for name, (raw, _) in BAD.items():
        (project / "seeds" / name).write_bytes(raw)
    code, lines = run(capsys)
    assert code == 1
    for name, (_, reason) in BAD.items():
        line = next(line for line in lines if f"seeds/{name} " in line)
        assert line.startswith(f"failed seeds/{name} -> -: seeds/{name}: ")
        assert reason in line, line
    assert sum(line.startswith("ingested ") for line in lines) == 5
    assert lines[-1].endswith(f"{len(BAD)} failed")
    assert len(list(OUT.glob("*.md"))) == 5


def test_missing_source_and_no_seeds(project, capsys):
    code = cli.main(["--src", "nowhere", "--out", str(OUT), "--topics", "topics"])
    captured = capsys.readouterr()
    assert code == 1
    assert "nowhere: no such file or directory" in captured.err
    assert "no seed files found" in captured.err


def test_single_files_and_repeated_src(project, capsys):
    code = cli.main(["--src", f"seeds/{SEED['001']}", "--src", f"seeds/{SEED['003']}",
                     "--out", "elsewhere", "--topics", "topics"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0 and len(out) == 3
    assert sorted(p.name for p in Path("elsewhere").iterdir()) == [
        "003-343dc55e35afd3d3.md",
        "teknologi-ai-generatif-mengancam-operasional-dan-keuntungan-netflix.md"]


def test_usage_error_exit_code(project, capsys):
    assert cli.main(["--bogus"]) == 2


def test_invalid_settings_stop_the_ingest(project, capsys):
    Path("pelicanconf.py").write_text('LAYAR_TOPICS_KINDS = ["tools"]\n', encoding="utf-8")
    code = cli.main(["--src", "seeds", "--out", str(OUT), "--topics", "topics"])
    captured = capsys.readouterr()
    assert code == 2 and not list(OUT.iterdir())
    assert captured.err == ("error: invalid topics settings:\n"
                            "  LAYAR_TOPICS_KINDS must be a mapping of kind -> spec, got list\n")


def test_each_registry_problem_is_reported_once(project, capsys, caplog):
    broken = Path("topics/tools/broken-tool.md")
    broken.write_text("---\nid: broken-tool\nkind: people\nname: Broken\nsummary: S.\n---\n",
                      encoding="utf-8")
    code = cli.main(["--src", f"seeds/{SEED['000']}", "--out", str(OUT), "--topics", "topics"])
    captured = capsys.readouterr()
    assert code == 0
    expected = (f"warning: topics: {broken}:3: kind 'people' must equal the folder name 'tools'")
    lines = [line for line in captured.err.splitlines() if "broken-tool" in line]
    assert len(lines) == 1 and lines[0].startswith(expected), captured.err
    assert lines[0].endswith("; the topic is not used for tagging")
    assert not [r for r in caplog.records if "broken-tool" in r.getMessage()]


def test_missing_registry_is_reported_in_review(project, capsys):
    code = cli.main(["--src", f"seeds/{SEED['000']}", "--out", str(OUT), "--topics", "none"])
    captured = capsys.readouterr()
    assert code == 0 and "no topic registry" in captured.err
    meta = frontmatter.load(next(OUT.glob("*.md"))).meta
    assert meta["topics"] == {}
    assert meta["review"][-1] == "topics: the topic registry was empty or missing when this was ingested"


@pytest.mark.skipif(not (ROOT / "content" / "topics").is_dir(), reason="no live registry")
def test_real_registry_tags_the_seeds(tmp_path, monkeypatch, capsys):
    """On the live registry (whatever else it grows to hold): the topics each seed discusses."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "articles"
    code = cli.main(["--out", str(out), "--topics", "content/topics"])
    assert code == 0, capsys.readouterr()
    tags = {}
    for path in out.glob("*.md"):
        meta = frontmatter.load(path).meta
        tags[meta["source"]["file"][6:9]] = {i for ids in meta["topics"].values() for i in ids}
    assert {"netflix", "ted-sarandos", "sora-2", "openai", "sag-aftra", "the-eternaut",
            "happy-gilmore-2", "billionaires-bunker", "bryan-cranston"} <= tags["000"]
    assert {"netflix", "chatgpt", "openai", "amptp", "wga", "wga-strike-2023",
            "sag-aftra-strike-2023"} <= tags["001"]
    assert {"netflix", "disney", "bob-iger", "deep-fake-love", "duncan-crabtree-ireland",
            "amptp"} <= tags["002"]
    assert "google" not in tags["002"]
    assert {"netflix", "google", "veo-3", "openai", "sora-2", "the-eternaut",
            "ted-sarandos"} <= tags["003"]
    assert {"blockchain-web3", "show-token"} <= tags["004"]
    assert "netflix" not in tags["004"]
