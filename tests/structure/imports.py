"""The import graph of a package, read with `ast` (nothing is imported), and the rules checked over it.

Every import counts: top-level, inside functions (lazy imports) and under ``if TYPE_CHECKING:`` — a loop of
types is a loop of design too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Import:
    """One import statement's target, as a dotted module name, and where it stands."""

    module: str  # the module that imports
    target: str  # what it imports (a module, or a package when the name is not a submodule)
    line: int
    guarded: bool  # inside an `if` on the platform, or a `try` that catches the import's failure


def module_names(root: Path, package: str) -> dict[str, Path]:
    """{dotted name: file} of every module under ``root`` (the folder of ``package``)."""
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join([package, *parts])] = path
    return names


_PLATFORM_TESTS = ("sys.platform", "os.name", "platform.system", "hasattr(os", "TYPE_CHECKING")
_FAILURE_CATCHES = {"ImportError", "ModuleNotFoundError", "AttributeError", "OSError", "Exception"}


def _guarding(node: ast.AST) -> bool:
    if isinstance(node, ast.If):
        return any(word in ast.unparse(node.test) for word in _PLATFORM_TESTS)
    if isinstance(node, ast.Try):
        for handler in node.handlers:
            names = {ast.unparse(handler.type)} if handler.type is not None else {"Exception"}
            if isinstance(handler.type, ast.Tuple):
                names = {ast.unparse(e) for e in handler.type.elts}
            if names & _FAILURE_CATCHES:
                return True
    return False


def walk_with_guard(tree: ast.AST) -> Iterator[tuple[ast.AST, bool]]:
    """Every node with whether an enclosing `if`/`try` guards it for the platform."""
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, guarded = stack.pop()
        yield node, guarded
        inner = guarded or _guarding(node)
        for child in ast.iter_child_nodes(node):
            stack.append((child, inner))


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports_of(module: str, path: Path, known: Iterable[str]) -> list[Import]:
    """What ``module`` (file ``path``) imports; ``known``: the package's modules, for `from x import y`."""
    known_set = set(known)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []
    for node, guarded in walk_with_guard(tree):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno, guarded) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append(Import(module, sub if sub in known_set else base, node.lineno, guarded))
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """{module: modules of the same package it imports} (edges to itself dropped)."""
    names = module_names(root, package)
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name, path in names.items():
        for imp in imports_of(name, path, names):
            if imp.target in names and imp.target != name:
                graph[name].add(imp.target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles: strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        # Iterative depth-first search: a deep package must not hit Python's recursion limit.
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(found)


def forbidden_imports(root: Path, package: str, rules: dict[str, tuple[str, ...]]) -> list[str]:
    """Imports that break a layering rule: {module prefix: prefixes it must not import}, as readable lines."""
    names = module_names(root, package)
    broken = []
    for name, path in names.items():
        for prefix, banned in rules.items():
            if name != prefix and not name.startswith(prefix + "."):
                continue
            for imp in imports_of(name, path, names):
                if any(imp.target == b or imp.target.startswith(b + ".") for b in banned):
                    broken.append(f"{name} (line {imp.line}) imports {imp.target}")
    return sorted(broken)


POSIX_ONLY_MODULES = ("fcntl", "pwd", "grp", "termios", "resource")
POSIX_ONLY_CALLS = ("os.fork", "os.getuid", "os.geteuid", "os.setsid")


def posix_only_uses(root: Path, package: str) -> list[str]:
    """Unguarded imports of POSIX-only modules and calls of POSIX-only `os` functions, as readable lines."""
    names = module_names(root, package)
    found = []
    for name, path in names.items():
        for imp in imports_of(name, path, names):
            top = imp.target.split(".")[0]
            if top in POSIX_ONLY_MODULES and not imp.guarded:
                found.append(f"{name} (line {imp.line}) imports {imp.target}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, guarded in walk_with_guard(tree):
            if isinstance(node, ast.Call) and not guarded:
                called = ast.unparse(node.func)
                if called in POSIX_ONLY_CALLS:
                    found.append(f"{name} (line {node.lineno}) calls {called}()")
    return sorted(found)
