"""The layering the code promises, checked from its import statements (every import,
also those inside functions): no import circles; the record depends on the data it
reports, not on the API; the review page, like the CLI, goes through the library API and
never reaches a format or detection module itself."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "src" / "redactor"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle, if there is any (ignoring a package's import of its own parts)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if node.startswith(target + "."):
                continue  # a module importing its package's __init__
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or not; not through the package's
    ``__init__`` (``from redactor import __version__``), which Python runs for any part."""
    seen, todo = set(), [start]
    while todo:
        for target in graph[todo.pop()]:
            if target != "redactor" and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_there_are_no_import_circles():
    assert _cycle(_imports()) is None


def test_the_finder_catches_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_record_depends_on_the_data_it_reports_not_on_the_api():
    graph = _imports()
    assert "redactor.api" not in _reaches(graph, "redactor.report")
    assert "redactor.api" not in _reaches(graph, "redactor.batch")


def test_the_review_page_goes_through_the_library_api_only():
    graph = _imports()
    for module in ("redactor.review.server", "redactor.review.session"):
        direct = graph[module]
        assert not {m for m in direct if m.startswith(("redactor.formats", "redactor.detection"))}
        assert "redactor.pipeline" not in direct
