"""The layout's rules, checked on the source: no import cycles (lazy and type-only imports included), and
each layer imports only what ARCHITECTURE.md says it may."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "ownership"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> Dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, modules: Dict[str, Path]) -> Set[str]:
    """Every module of the package that ``path`` imports anywhere: at the top, inside functions (lazily)
    or under ``TYPE_CHECKING``. ``from package import name`` counts as importing ``package.name`` when that
    is a module, else ``package``."""
    found: Set[str] = set()
    this = _module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in modules:
                    found.add(sub)
                elif base in modules:
                    found.add(base)
    found.discard(this)
    return found


def _cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iteratively)."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    found: List[List[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def graph() -> Dict[str, Set[str]]:
    modules = _modules()
    return {name: imports(path, modules) for name, path in modules.items()}


def test_the_walk_sees_lazy_and_type_only_imports(tmp_path: Path) -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    assert _cycles(graph()) == []


# Each layer and the layers it may import (ARCHITECTURE.md). ``ownership`` itself holds only ``__version__`` and
# ``ownership.errors`` the exception types: every layer may import them. The model may import the CODEOWNERS
# dialect's data classes and names (``codeowners.syntax``, ``codeowners.names``) and nothing else of it.
LAYERS: Dict[str, Set[str]] = {
    "core": {"core"},
    "rolemap": {"rolemap", "core"},
    "codeowners": {"codeowners", "core"},
    "model": {"model", "core", "codeowners.syntax", "codeowners.names"},
    "analysis": {"analysis", "core", "rolemap", "codeowners", "model"},
    "adapters": {"adapters", "core", "rolemap", "codeowners", "model", "analysis"},
    "formatters": {"formatters", "model", "core", "codeowners.syntax", "codeowners.names"},
    "cli": {"cli", "core", "rolemap", "codeowners", "model", "analysis", "adapters", "formatters"},
    "__main__": {"cli"},
}
SHARED = {"ownership", "ownership.errors"}


def layer(module: str) -> str:
    """The layer of a module of the package: its subpackage (``ownership.core.rules`` -> ``core``)."""
    return module.split(".")[1] if module.count(".") else ""


def allowed(source: str, target: str) -> bool:
    if target in SHARED:
        return True
    rest = target.split(".", 1)[1]
    return any(rest == entry or rest.startswith(entry + ".") for entry in LAYERS[layer(source)])


def test_every_module_has_a_layer() -> None:
    assert sorted(m for m in graph() if m not in SHARED and layer(m) not in LAYERS) == []


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = sorted(f"{source} -> {target}" for source, targets in graph().items() if source not in SHARED
                   for target in targets if not allowed(source, target))
    assert wrong == []


GIT_MODULES = {"git", "subprocess"}  # GitPython is the ``git`` package


def _external_imports(path: Path) -> Set[str]:
    found: Set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
            found.update(a.value.split(".")[0] for a in node.args[:1] if isinstance(a, ast.Constant))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module"):
            found.update(a.value.split(".")[0] for a in node.args[:1] if isinstance(a, ast.Constant))
    return found


def test_only_gitfiles_runs_git() -> None:
    running = sorted(name for name, path in _modules().items() if _external_imports(path) & GIT_MODULES)
    assert running == ["ownership.adapters.gitfiles"]
