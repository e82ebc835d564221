"""The Pages branch: the production deploy keeps the previews, a preview touches only its
own folder, closing a pull request removes it; on real git repositories in tmp_path."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from layar_review import pages


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


def site(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def branch_files(remote: Path) -> dict[str, str]:
    names = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    return {name: git(remote, "show", f"gh-pages:{name}") for name in names}


@pytest.fixture
def repo(tmp_path) -> tuple[Path, Path]:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(remote), str(clone))
    (clone / "README.md").write_text("the project\n")
    git(clone, "add", "-A")
    git(clone, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "start")
    git(clone, "push", "-q", "origin", "HEAD:main")
    return clone, remote


def test_production_and_previews_share_the_branch(repo, tmp_path):
    clone, remote = repo
    one = site(tmp_path / "one", {"index.html": "v1", "en/index.html": "en v1",
                                  "old.html": "gone soon"})
    assert pages.update(clone, one, "", "deploy 1")  # the branch is made
    assert branch_files(remote) == {".nojekyll": "", "index.html": "v1",
                                    "en/index.html": "en v1", "old.html": "gone soon"}

    preview = site(tmp_path / "pr7", {"index.html": "preview 7", "en/index.html": "en p7"})
    assert pages.update(clone, preview, pages.preview_folder(7), "preview #7")
    other = site(tmp_path / "pr8", {"index.html": "preview 8"})
    assert pages.update(clone, other, "pr-preview/pr-8", "preview #8")

    two = site(tmp_path / "two", {"index.html": "v2", "en/index.html": "en v2"})
    assert pages.update(clone, two, "", "deploy 2")
    files = branch_files(remote)
    assert "old.html" not in files and files["index.html"] == "v2"
    assert files["pr-preview/pr-7/index.html"] == "preview 7"  # the deploy kept the previews
    assert files["pr-preview/pr-8/index.html"] == "preview 8"
    assert not pages.update(clone, two, "", "deploy 2 again")  # nothing changed

    assert pages.update(clone, None, "pr-preview/pr-7", "remove #7")
    files = branch_files(remote)
    assert not any(name.startswith("pr-preview/pr-7/") for name in files)
    assert files["pr-preview/pr-8/index.html"] == "preview 8"
    assert files["index.html"] == "v2"
    assert git(clone, "rev-parse", "--abbrev-ref", "HEAD") == "main"  # the checkout untouched


def test_each_update_starts_from_the_branch_as_pushed_by_others(repo, tmp_path):
    clone, remote = repo
    assert pages.update(clone, site(tmp_path / "a", {"index.html": "a"}), "", "deploy")
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(remote), str(other))
    # Another run (another clone) publishes a preview after this clone's last update.
    assert pages.update(other, site(tmp_path / "p", {"index.html": "p"}), "pr-preview/pr-1",
                        "preview #1")
    assert pages.update(clone, site(tmp_path / "b", {"index.html": "b"}), "", "deploy b")
    files = branch_files(remote)
    assert files["index.html"] == "b" and files["pr-preview/pr-1/index.html"] == "p"


@pytest.mark.parametrize("under", ["..", "pr-preview", "pr-preview/pr-0", "pr-preview/pr-7/x",
                                   "en", "/etc"])
def test_only_the_root_or_one_preview_folder_is_written(repo, tmp_path, under):
    clone, _remote = repo
    with pytest.raises(pages.PagesError, match="refusing"):
        pages.update(clone, site(tmp_path / "s", {"index.html": "x"}), under, "m")


def test_a_site_with_its_own_preview_folder_is_refused(tmp_path):
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    bad = site(tmp_path / "bad", {"pr-preview/pr-1/index.html": "x"})
    with pytest.raises(pages.PagesError, match="belongs to the previews"):
        pages.place(bad, checkout, "")
