"""DESIGN.md's boundaries, read from the import statements of every module (ast, not a run):
loaders know no store, the readers of the store know no loaders, nothing imports the CLI, and the
shared leaf modules (records, numbers) import nothing of policykg."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PARTS = {"graph": "graph", "loaders": "loaders", "queries": "queries", "ontology": "ontology", "viz": "viz",
         "policykg": "policykg"}


def _package(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[0] != "policykg":
        parts.insert(0, "policykg")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, source: str | None = None) -> set[str]:
    """Every policykg module a file imports (relative imports resolved)."""
    module = _package(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.add(name)
            out |= {f"{name}.{a.name}" for a in node.names}
    return {m for m in out if m == "policykg" or m.startswith("policykg.")}


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _offending(folders, forbidden) -> list[str]:
    bad = []
    for folder in folders:
        for path in _modules(folder):
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    bad.append(f"{path.relative_to(ROOT)} imports {name}")
    return bad


@pytest.mark.parametrize("folders, forbidden", [
    (["loaders"], ["policykg.graph", "policykg.queries", "policykg.ontology", "policykg.viz", "policykg.cli",
                   "policykg.exports"]),
    (["viz", "queries", "ontology"], ["policykg.loaders", "policykg.cli"]),
    (["graph"], ["policykg.ontology", "policykg.viz", "policykg.queries", "policykg.cli", "policykg.exports"]),
])
def test_layers_import_only_what_design_allows(folders, forbidden):
    assert _offending(folders, forbidden) == []


def test_shared_leaf_modules_import_nothing_of_policykg():
    for name in ("records.py", "numbers.py"):
        assert _imports(ROOT / "policykg" / name) == set(), name


def test_nothing_imports_the_cli():
    users = [str(p.relative_to(ROOT)) for folder in [*PARTS, "bench"] for p in _modules(folder)
             if p.name != "cli.py" and any(n == "policykg.cli" for n in _imports(p))]
    assert users == []


def test_the_check_sees_forbidden_imports():
    """The walk above is not vacuous: plain and relative imports of the graph layer are caught."""
    probe = ROOT / "loaders" / "probe.py"
    assert "policykg.graph.model" in _imports(probe, "from policykg.graph.model import to_graph\n")
    assert "policykg.graph.model" in _imports(probe, "from ..graph.model import to_graph\n")
    assert "policykg.graph" in _imports(probe, "import policykg.graph\n")
    assert _imports(probe, "from .agencies import resolve\n") >= {"policykg.loaders.agencies"}
