"""The house: data flows one way through the stages, load -> score -> chart -> context ->
render -> run, and no module imports from a later stage, from the package face, or in a circle.

The layer table is the architecture (docs/architecture.md draws it): a module may import from
its own stage and from the stages before it. Imports are read from the source (ast), so an
import hidden inside a function counts too.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "evalreport"

# stage -> its rank; a module imports only from stages of lower or equal rank
LAYERS: dict[str, int] = {
    "_version": 0, "errors": 0, "output": 0, "i18n": 0,
    "_fast": 1,
    "data": 2,
    "scoring": 3,
    "charts": 4,
    "context": 5,
    "word": 6,
    "templates": 7,
    "run": 8,
    "cli": 9, "__init__": 9,
}
# optional dependencies a library module may import lazily (inside a function)
OPTIONAL = {"distributed", "dask"}


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "__init__"


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported evalreport module, line, inside a function) for each import statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    base = module.split(".") if is_pkg else module.split(".")[:-1]
    found = []
    nested = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(f) if n is not f}
    typing_only = {id(n) for b in ast.walk(tree) if isinstance(b, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(b.test) for n in ast.walk(b)}
    for node in ast.walk(tree):
        if id(node) in typing_only:  # annotations only: no import at run time
            continue
        lazy = id(node) in nested
        if isinstance(node, ast.ImportFrom):
            if node.level:
                target = base[: len(base) - node.level + 1]
                name = ".".join(target + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.startswith("evalreport"):
                if node.module is None or name.count(".") < 2:  # "from . import x": x may be a module
                    for alias in node.names:
                        found.append((f"{name}.{alias.name}", node.lineno, lazy))
                else:
                    found.append((name, node.lineno, lazy))
            elif lazy and name.split(".")[0] not in OPTIONAL:
                found.append((name, node.lineno, lazy))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("evalreport") or (lazy and alias.name.split(".")[0] not in OPTIONAL):
                    found.append((alias.name, node.lineno, lazy))
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def test_every_stage_is_in_the_layer_table():
    stages = {_stage(m) for m in _modules()}
    assert stages <= set(LAYERS), f"add to LAYERS (and docs/architecture.md): {stages - set(LAYERS)}"


def test_no_module_imports_from_a_later_stage_or_the_package_face():
    modules = _modules()
    bad = []
    for module, path in modules.items():
        if _stage(module) in ("cli", "__init__"):
            continue
        for name, line, _lazy in _imports(module, path):
            target = _resolve(name, modules)
            if target is None:
                continue
            if target == "evalreport":
                bad.append(f"{module}:{line} imports the package face")
            elif LAYERS[_stage(target)] > LAYERS[_stage(module)]:
                bad.append(f"{module}:{line} imports {target} (a later stage)")
    assert not bad, "\n".join(bad)


def test_no_lazy_imports_in_library_modules():
    """An import inside a function hides a dependency; only optional extras may be imported
    that way (the CLI imports lazily to start fast: it is the skin, not the library)."""
    bad = [f"{m}:{line} imports {name} inside a function"
           for m, path in _modules().items() if _stage(m) not in ("cli",)
           for name, line, lazy in _imports(m, path) if lazy]
    assert not bad, "\n".join(bad)


def test_the_import_graph_has_no_cycle():
    modules = _modules()
    graph = {m: {t for name, _, _ in _imports(m, p) if (t := _resolve(name, modules)) and t != m}
             for m, p in modules.items()}
    # a package's __init__ re-exporting its own modules is not a cycle of the design
    for m in graph:
        graph[m] = {t for t in graph[m] if not (m.startswith(t + ".") and t in modules)}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                return stack[stack.index(t):] + [t]
            if t not in state and (cycle := visit(t)):
                return cycle
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (cycle := visit(m)):
            raise AssertionError("import cycle: " + " -> ".join(cycle))
