"""The house has no arrow running back up: the library (``plugins/lib``) imports no plugin
(``plugins/pelican``) and no tool (``plugins/tools``), and no plugin imports a tool.

Read from the source (every ``import`` and ``from … import``, at module level or inside a
function), not from what a build happens to load.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("lib", "pelican", "tools")
#: What each layer may not import.
FORBIDDEN = {"lib": ("pelican", "tools"), "pelican": ("tools",), "tools": ()}


def packages(layer: str) -> set[str]:
    return {p.name for p in (ROOT / "plugins" / layer).iterdir() if (p / "__init__.py").exists()}


def imports(path: Path) -> list[tuple[int, str]]:
    """``(line, top-level package)`` of every absolute import in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def upward_imports(layer: str) -> list[str]:
    banned = {name: other for other in FORBIDDEN[layer] for name in packages(other)}
    found = []
    for path in sorted((ROOT / "plugins" / layer).rglob("*.py")):
        for line, name in imports(path):
            if name in banned:
                found.append(f"{path.relative_to(ROOT)}:{line}: imports {name} "
                             f"(plugins/{banned[name]})")
    return found


def test_every_layer_has_packages():
    for layer in LAYERS:
        assert packages(layer), layer
    assert "layar_checks" in packages("lib")
    assert "layar_i18n_tools" in packages("tools")


@pytest.mark.parametrize("layer", ["lib", "pelican"])
def test_no_import_runs_back_up(layer):
    assert upward_imports(layer) == []


def test_the_scan_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from layar_i18n_tools import lint_site\n"
                      "    import layar_check.output\n")
    assert imports(module) == [(2, "layar_i18n_tools"), (3, "layar_check")]
