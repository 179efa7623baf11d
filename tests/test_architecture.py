"""The package's import graph follows the data flow (DESIGN.md, *Data flow*).

Stages in flow order: ingest → facts → translate → compose → charts → pdf → mail. A stage may import
earlier stages and the shared modules, never a later stage. Shared modules (model, render, atomic,
resources, and any other top-level module that is not a stage) import only each other. `cli`,
`pipeline`, `__main__` and the package's `__init__` sit on top: nothing below imports them. No cycles,
between stages or between modules. Imports inside functions count: they hide a dependency, they do not
remove it.
"""

from __future__ import annotations

import ast
import dataclasses
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefing"

STAGES = ("ingest", "facts", "translate", "compose", "charts", "pdf", "mail")
TOP = ("cli", "pipeline", "__main__", "")  # "": the package's own __init__

# Known violations (issue #15, "Stage boundaries leak"), allowed until fixed. Only ever remove lines: when
# one is fixed, `test_the_allow_list_holds_only_live_violations` asks for its removal.
KNOWN_VIOLATIONS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def import_edges() -> dict[tuple[str, str], list[str]]:
    """{(importer, imported): ["file:line", ...]} for every import of a briefing module, anywhere in a
    module (top level, functions, TYPE_CHECKING blocks)."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = module_name(path)
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        where = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                # `from briefing import atomic` imports the module briefing.atomic
                targets = [f"{base}.{a.name}" if is_module(f"{base}.{a.name}") else base for a in node.names]
            for target in targets:
                if target.split(".")[0] == "briefing" and target != importer:
                    edges[(importer, target)].append(f"{where}:{node.lineno}")
    return edges


def unit(module: str) -> str:
    """The stage, "top", or the shared module's own name."""
    part = module.split(".")[1] if "." in module else ""
    if part in STAGES:
        return part
    return "top" if part in TOP else f"shared:{part}"


def rank(unit_name: str) -> int:
    if unit_name == "top":
        return len(STAGES) + 1
    if unit_name in STAGES:
        return STAGES.index(unit_name) + 1
    return 0  # shared


def violations(edges) -> dict[tuple[str, str], list[str]]:
    found = {}
    for (importer, imported), places in edges.items():
        a, b = unit(importer), unit(imported)
        if a == b:
            continue
        if rank(b) > rank(a):
            found[(importer, imported)] = places
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def allowed_edges() -> dict[tuple[str, str], list[str]]:
    return {edge: places for edge, places in import_edges().items() if edge not in KNOWN_VIOLATIONS}


def test_the_graph_is_read() -> None:
    """The premise: the scan sees the pipeline's imports, including those inside functions."""
    edges = import_edges()
    assert ("briefing.pipeline", "briefing.compose") in edges
    assert any(unit(a) == "facts" and b == "briefing.model" for a, b in edges)
    assert ("briefing.cli", "briefing.pipeline") in edges  # imported inside the command functions


def test_no_import_against_the_data_flow() -> None:
    bad = violations(allowed_edges())
    assert not bad, (
        "imports against the data flow (earlier stage → later, shared → stage, any → cli/pipeline):\n"
        + ("\n".join(f"  {a} → {b}  ({', '.join(places)})" for (a, b), places in sorted(bad.items())))
    )


def test_no_cycle_between_stages() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for importer, imported in allowed_edges():
        if unit(importer) != unit(imported):
            graph[unit(importer)].add(unit(imported))
    assert not cycles(graph), f"stages import each other: {cycles(graph)}"


def test_no_cycle_between_modules() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for importer, imported in allowed_edges():
        graph[importer].add(imported)
    assert not cycles(graph), f"modules import each other: {cycles(graph)}"


def test_the_allow_list_holds_only_live_violations() -> None:
    edges = import_edges()
    fixed = sorted(edge for edge in KNOWN_VIOLATIONS if edge not in edges)
    assert not fixed, f"fixed, well done: remove {fixed} from KNOWN_VIOLATIONS in tests/test_architecture.py"
    listed = {edge: edges[edge] for edge in KNOWN_VIOLATIONS}
    assert violations(listed).keys() == KNOWN_VIOLATIONS, "KNOWN_VIOLATIONS lists an import that is allowed"


# Data classes a stage still fills in after creating them (issue #15: "Data classes between stages are
# frozen"). Only ever remove names: when one is frozen, `test_the_mutable_list_holds_only_mutable_classes`
# asks for its removal.
MUTABLE_MODEL_CLASSES = {
    "Section",  # ingest sets each section's end, role and period once the following headings are known
    "Article",  # ingest sets each article's end once the next one is found
    "Sentence",  # ingest sets role and period from the governing section
    "Document",  # ingest fills title, issuer, date and sections after the first pass
    "Fact",  # facts numbers the ids; pipeline.extract sets indicator_en after translation
    "BriefSentence",  # compose fills in the English once the batch is translated
}


def model_data_classes() -> dict[str, type]:
    from briefing import model

    return {
        name: cls
        for name, cls in vars(model).items()
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
    }


def frozen(cls: type) -> bool:
    return bool(cls.__dataclass_params__.frozen)  # type: ignore[attr-defined]


def test_data_classes_between_stages_are_frozen() -> None:
    classes = model_data_classes()
    assert "Brief" in classes and "Fact" in classes  # the premise: the scan sees the model
    thawed = sorted(
        name for name, cls in classes.items() if name not in MUTABLE_MODEL_CLASSES and not frozen(cls)
    )
    assert not thawed, f"model data classes to freeze (@dataclass(frozen=True)): {thawed}"


def test_the_mutable_list_holds_only_mutable_classes() -> None:
    classes = model_data_classes()
    done = sorted(name for name in MUTABLE_MODEL_CLASSES if name not in classes or frozen(classes[name]))
    assert not done, f"frozen or gone, well done: remove {done} from MUTABLE_MODEL_CLASSES"
