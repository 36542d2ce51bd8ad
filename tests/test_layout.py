"""The package's layout rules (issue 18), checked on the source tree with ``ast``.

- Only what runs ships: no offline build script inside ``src/hybridllm`` (they live in
  ``scripts/``).
- No module imports another module's private names (``from x import _y``).
- Import cycles are a ratchet: the strongly connected groups of the import graph (type-only
  imports included; a folder counts as one node) may shrink, never grow or appear. The
  remaining group is known debt (the core, the client and the stages import each other, mostly
  through ``TYPE_CHECKING``); breaking it with protocols in the lower layer is the rest of
  issue 18.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PKG = SRC / "hybridllm"

# The import cycles that exist today: a new member or a new cycle fails the test.
KNOWN_CYCLES: list[frozenset[str]] = [
    # the core and its drivers with the stages and the config they use (mostly TYPE_CHECKING
    # imports); to be broken with protocols in the lower layer
    frozenset(
        f"hybridllm.{m}"
        for m in [
            "adapters",
            "audit",
            "client",
            "config",
            "core",
            "cost",
            "embeddings",
            "policy",
        ]
    ),
    # lazy imports inside functions (the default client)
    frozenset({"hybridllm", "hybridllm.decorators"}),
]


def _modules() -> dict[str, Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _node(module: str) -> str:
    """Graph node: a subpackage counts as one node, a top-level module as itself."""
    parts = module.split(".")
    if len(parts) >= 2 and (PKG / parts[1]).is_dir():
        return "hybridllm." + parts[1]
    return module


def _imports(module: str, path: Path) -> Iterator[tuple[str, str]]:
    """(imported module, imported name or "") for every hybridllm import of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] == "hybridllm":
                for alias in node.names:
                    yield target, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "hybridllm":
                    yield alias.name, ""


def _cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected groups of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[frozenset[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                group = set()
                while True:
                    x = stack.pop()
                    on.discard(x)
                    group.add(x)
                    if x == v:
                        break
                if len(group) > 1:
                    out.append(frozenset(group))
    return out


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
    mods = _modules()
    private = [
        f"{module}: from {target} import {name}"
        for module, path in mods.items()
        for target, name in _imports(module, path)
        if name.startswith("_") and not name.startswith("__") and f"{target}.{name}" not in mods
    ]
    assert private == []


def test_import_cycles_do_not_grow() -> None:
    mods = _modules()
    edges: dict[str, set[str]] = {}
    for module, path in mods.items():
        for target, name in _imports(module, path):
            full = f"{target}.{name}"
            dest = _node(full if full in mods else target)
            if dest != _node(module):
                edges.setdefault(_node(module), set()).add(dest)
    found = _cycles(edges)
    grown = [sorted(c) for c in found if not any(c <= known for known in KNOWN_CYCLES)]
    assert grown == [], "a new import cycle (or a new member of a known one)"


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [frozenset({"a", "b", "c"})]
