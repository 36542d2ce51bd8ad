"""The package's layout rules (issue 18), checked on the source tree with ``ast``.

- Only what runs ships: no offline build script inside ``src/hybridllm`` (they live in
  ``scripts/``), and the built wheel holds none.
- No module imports another module's private names (``from x import _y``).
- Folders are layered (``LAYERS`` in ``scripts/layout_graph.py``: vocabulary, stages,
  configuration, core, drivers, front doors, tools): no import goes up the order, and the import
  graph between folders (type-only and function-level imports included; a folder is one node, so
  is each top-level module) has no cycle.
- ``docs/concepts/flow.md`` shows the current tree, graph and wheel contents.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_graph() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "layout_graph", ROOT / "scripts" / "layout_graph.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("layout_graph", module)
    spec.loader.exec_module(module)
    return module


graph = _load_graph()
PKG: Path = graph.PKG


def test_no_build_scripts_ship_in_the_package() -> None:
    scripts = [p.name for p in PKG.rglob("build_*.py")]
    mains = [
        str(p.relative_to(PKG))
        for p in PKG.rglob("*.py")
        if p.name != "__main__.py" and '__name__ == "__main__"' in p.read_text(encoding="utf-8")
    ]
    assert scripts == []
    assert mains == []


def test_no_module_imports_another_modules_private_names() -> None:
    mods = graph.modules()
    private = [
        f"{module}: from {target} import {name}"
        for module, path in mods.items()
        for target, name in graph.imports(module, path)
        if name.startswith("_") and not name.startswith("__") and f"{target}.{name}" not in mods
    ]
    assert private == []


def test_no_import_cycle_between_folders() -> None:
    assert graph.cycles(graph.edges()) == []


def test_no_import_goes_up_the_layers() -> None:
    assert graph.upward(graph.edges()) == []


def test_every_layer_entry_exists() -> None:
    nodes = {graph.short(n) for n in graph.edges()}
    listed = [name for _, names in graph.LAYERS for name in names]
    assert sorted(listed) == sorted(set(listed)), "a node is in two layers"
    assert set(listed) <= nodes, "LAYERS names a folder or module that is gone"


def test_the_rules_can_fail() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert graph.cycles(edges) == [frozenset({"a", "b", "c"})]
    # the core importing the drivers above it, and a folder no layer lists
    bad = {"hybridllm.core": {"hybridllm.client"}, "hybridllm.newthing": set()}
    assert graph.upward(bad) == ["newthing has no layer in LAYERS", "core -> client"]


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The wheel built offline from this tree (``pip wheel --no-build-isolation``)."""
    files: list[str] = graph.built_wheel_files(tmp_path_factory.mktemp("wheel"))
    return files


def test_the_wheel_holds_only_what_runs(wheel_files: list[str]) -> None:
    assert "hybridllm/__init__.py" in wheel_files
    assert "hybridllm/cost/prices.json" in wheel_files  # package data the code reads
    built = [f for f in wheel_files if "/build_" in f or f.startswith(("scripts/", "bench/"))]
    assert built == []
    assert not [f for f in wheel_files if f.startswith("tests/") or "__pycache__" in f]


def test_the_doc_shows_the_current_tree_graph_and_wheel(wheel_files: list[str]) -> None:
    assert graph.current_block() == graph.render(wheel_files), (
        "docs/concepts/flow.md is stale: run `python scripts/layout_graph.py --write`"
    )
