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


# -- plugins depend on declared interfaces, not on each other's state -------------------
def extension_uses(package: Path) -> tuple[set[str], list[tuple[str, str]]]:
    """The ``site.extensions`` keys a package stores, and ``(where, key)`` of every key it
    reads (a constant's name is resolved through the package's module-level strings)."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path))
             for path in sorted(package.rglob("*.py"))}
    constants = {node.targets[0].id: node.value.value
                 for tree in trees.values() for node in tree.body
                 if isinstance(node, ast.Assign) and len(node.targets) == 1
                 and isinstance(node.targets[0], ast.Name)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}

    def key_of(node) -> str:
        if isinstance(node, ast.Constant):
            return str(node.value)
        if isinstance(node, ast.Name):
            return constants.get(node.id, f"<{node.id}>")
        return f"<{ast.unparse(node)}>"

    def is_extensions(node) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "extensions"

    stored, read = set(), []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            where = f"{path.relative_to(package.parent)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Subscript) and is_extensions(node.value):
                (stored.add if isinstance(node.ctx, ast.Store) else
                 lambda k: read.append((where, k)))(key_of(node.slice))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and is_extensions(node.func.value) and node.args):
                if node.func.attr == "setdefault":
                    stored.add(key_of(node.args[0]))
                else:
                    read.append((where, key_of(node.args[0])))
            elif (isinstance(node, ast.Attribute) and is_extensions(node.value)
                  and node.attr not in dir(dict)):
                read.append((where, node.attr))  # site.extensions.topics
    return stored, read


def crossing_reads(layer: str) -> list[str]:
    found = []
    for package in sorted((ROOT / "plugins" / layer).iterdir()):
        if not (package / "__init__.py").exists():
            continue
        stored, read = extension_uses(package)
        mine = stored if layer == "pelican" else set()  # the library owns no extension
        found += [f"{where}: reads site.extensions[{key!r}], which {package.name} does not "
                  f"store" for where, key in read if key not in mine]
    return found


@pytest.mark.parametrize("layer", ["lib", "pelican"])
def test_no_plugin_reads_another_plugins_extension(layer):
    assert crossing_reads(layer) == []


def test_the_extension_scan_sees_a_crossing_read(tmp_path):
    package = tmp_path / "plugin"
    package.mkdir()
    (package / "__init__.py").write_text('EXTENSION = "mine"\n')
    (package / "a.py").write_text(
        "def f(site):\n"
        "    site.extensions[EXTENSION] = 1\n"
        "    site.extensions.get(EXTENSION)\n"
        "    site.extensions.get('topics')\n"
        "    return site.extensions['media'].og_image\n")
    stored, read = extension_uses(package)
    assert stored == {"mine"}
    assert [key for _where, key in read] == ["mine", "topics", "media"]
