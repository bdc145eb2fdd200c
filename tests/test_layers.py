"""The import contract between Jianfu's apps (docs/architecture.md, "Layers").

Every module of the project is parsed (``ast``) and every ``import`` it can execute is collected,
including imports inside functions (the way a cycle hides). Imports under ``if TYPE_CHECKING:``
never run and are left out. Tests and migrations are not part of the contract.

The contract: core imports no app; each app imports only the apps its row of ``ALLOWED`` names;
the table (and so the graph) has no cycle; other apps reach supervision only through its sink
(``do_open_case``, its choices and the scoreboard registry).
"""

from __future__ import annotations

import ast
import graphlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent / "jianfu"

# Which apps each app may import, lowest layer first (docs/architecture.md). An app missing here,
# or an import not allowed here, fails the test: add the row or the edge on purpose, with a reason.
ALLOWED: dict[str, set[str]] = {
    "core": set(),  # the engine, audit, registries: knows no app
    "orgs": {"core"},  # the org tree, users, scoping, org-tree helpers
    "notify": {"core", "orgs"},
    "catalog": {"core", "orgs", "notify"},
    "matching": {"core", "orgs", "catalog"},  # the text matcher and lexicon every rule check shares
    "admission": {"core", "orgs", "notify", "catalog", "matching"},
    "supervision": {"core", "orgs", "notify"},  # the sink: reported into, imports no domain app
    "burden": {"core", "orgs", "notify", "catalog", "supervision"},
    "dispatch": {"core", "orgs", "notify", "catalog", "matching", "admission", "burden", "supervision"},
    # the draft review: asks the gate (dispatch) and reports into supervision's sink
    "drafts": {"core", "orgs", "notify", "catalog", "matching", "admission", "dispatch", "supervision"},
    # grid events: workdays from admission, burden hours beside events, supervision's sink
    "events": {"core", "orgs", "notify", "admission", "burden", "supervision"},
    # the forms registry: lists (catalog), admission for unlisted forms, the ledger (burden) for
    # the time a form took, supervision's sink for breaches and unregistered forms
    "formsreg": {"core", "orgs", "notify", "catalog", "matching", "admission", "burden", "supervision"},
    # certificates and the seal: asks the gate's certificate logic (dispatch, matching), records
    # certificates and seal breaches in the burden ledger, reports demands into supervision
    "certs": {"core", "orgs", "catalog", "matching", "dispatch", "burden", "supervision"},
    # assessment: indicators from the current lists (catalog); ratings of departments onto the
    # scoreboard through supervision.scoreboard; data-driven scores from events and dispatch (read
    # only); a department's attempt to assess communities into supervision's sink
    "assess": {"core", "orgs", "catalog", "supervision", "events", "dispatch"},
    # resident projects (民生微实事): the org tree and the engine only
    "projects": {"core", "orgs"},
    # special campaigns: overdue 整改 items into supervision's sink
    "campaigns": {"core", "orgs", "notify", "supervision"},
    "api": {"core", "orgs"},  # mounts every app's router by name (importlib), imports none
}
# Modules at the top of the package (urls, cli, settings, testing, wsgi) sit above every app.
PROJECT = "(project)"

# What other apps may import from supervision: the one documented action, the choices it takes,
# and the scoreboard registry. None of: its models, selectors, views, transitions.
SINK: dict[str, set[str] | None] = {
    "jianfu.supervision.actions": {"do_open_case"},
    "jianfu.supervision.choices": None,  # any name
    "jianfu.supervision.scoreboard": None,
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. "jianfu.burden.apps"
    target: str  # the imported module, e.g. "jianfu.supervision.scoreboard"
    names: tuple[str, ...]  # names taken from it ("from x import a, b"), () for "import x"
    line: int
    local: bool  # inside a function or method

    @property
    def where(self) -> str:
        return f"{self.module}:{self.line}{' (function-local)' if self.local else ''}"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def is_module(name: str) -> bool:
    path = ROOT.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[Import]:
    """Every import in ``source`` that can run, with relative imports made absolute and
    ``from package import module`` read as an import of that module."""
    found: list[Import] = []

    def visit(node: ast.AST, local: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for stmt in child.orelse:
                    visit(stmt, local)
                continue
            if isinstance(child, ast.Import):
                found.extend(Import(module, a.name, (), child.lineno, local) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    package = module.split(".") if is_package else module.split(".")[:-1]
                    package = package[: len(package) - (child.level - 1)]
                    base = ".".join(package + ([child.module] if child.module else []))
                names = tuple(a.name for a in child.names)
                modules = tuple(n for n in names if child.module is None or is_module(f"{base}.{n}"))
                found.extend(Import(module, f"{base}.{n}", (), child.lineno, local) for n in modules)
                if set(names) - set(modules):
                    rest = tuple(n for n in names if n not in modules)
                    found.append(Import(module, base, rest, child.lineno, local))
            inner = local or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, inner)

    visit(ast.parse(source), False)
    return found


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "jianfu":
        return None
    if len(parts) == 1 or (parts[1] not in ALLOWED and not (ROOT / parts[1]).is_dir()):
        return PROJECT
    return parts[1]


def project_imports() -> list[Import]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "tests" in rel.parts or "migrations" in rel.parts:
            continue
        is_package = path.name == "__init__.py"
        parts = rel.parent.parts if is_package else (*rel.parent.parts, path.stem)
        module = ".".join(("jianfu", *parts))
        found.extend(imports_of(path.read_text(encoding="utf-8"), module, is_package=is_package))
    return found


def app_edges(found: list[Import]) -> dict[tuple[str, str], list[Import]]:
    edges: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for imp in found:
        source, target = app_of(imp.module), app_of(imp.target)
        if source and target and source != target and target != PROJECT:
            edges[(source, target)].append(imp)
    return edges


# --- the checker checks what it claims ------------------------------------------------------------


def test_the_parser_sees_function_local_imports_and_skips_type_checking_blocks():
    source = (
        "from typing import TYPE_CHECKING\n"
        "from jianfu.core import audit\n"
        "from .models import Case\n"
        "if TYPE_CHECKING:\n"
        "    from jianfu.orgs.models import User\n"
        "def f():\n"
        "    from jianfu.burden.selectors import hours_by_department\n"
        "    import jianfu.catalog.models\n"
    )
    found = {(i.target, i.local) for i in imports_of(source, "jianfu.supervision.selectors")}
    assert ("jianfu.core.audit", False) in found  # a module imported from its package
    assert ("jianfu.supervision.models", False) in found
    assert ("jianfu.burden.selectors", True) in found
    assert ("jianfu.catalog.models", True) in found
    assert not any(t.startswith("jianfu.orgs") for t, _ in found)


def test_the_checker_reports_the_cycle_that_function_local_imports_used_to_hide():
    hidden = imports_of(
        "def burden_hours():\n    from jianfu.burden.selectors import hours_by_department\n",
        "jianfu.supervision.selectors",
    )
    edges = app_edges([*hidden, Import("jianfu.burden.actions", "jianfu.supervision.actions", ("x",), 1, False)])
    assert set(edges) == {("supervision", "burden"), ("burden", "supervision")}
    sorter = graphlib.TopologicalSorter({a: set() for a in ALLOWED})
    for source, target in edges:
        sorter.add(source, target)
    try:
        sorter.prepare()
    except graphlib.CycleError:
        return
    raise AssertionError("a cycle went unnoticed")


# --- the contract -----------------------------------------------------------------------------------


def test_every_jianfu_app_has_a_row_in_the_allowed_dependency_table():
    installed = {
        c.name.split(".")[1] for c in apps.get_app_configs() if c.name.count(".") == 1 and c.name[:7] == "jianfu."
    }
    assert installed == set(ALLOWED)


def test_the_allowed_dependency_table_is_a_layer_order_without_cycles():
    order = list(graphlib.TopologicalSorter(ALLOWED).static_order())
    assert order[0] == "core"
    for app, deps in ALLOWED.items():
        assert deps <= set(ALLOWED), app


def test_core_imports_no_app():
    core = [i for i in project_imports() if app_of(i.module) == "core" and app_of(i.target) not in (None, "core")]
    assert core == [], "\n".join(f"{i.where} imports {i.target}" for i in core)


def test_every_import_between_apps_is_allowed():
    wrong = [
        f"{imp.where} imports {imp.target} ({source} may import only {sorted(ALLOWED.get(source, set()))})"
        for (source, target), found in app_edges(project_imports()).items()
        if source != PROJECT and target not in ALLOWED.get(source, set())
        for imp in found
    ]
    assert wrong == [], "\n".join(wrong)


def test_the_app_import_graph_has_no_cycle():
    graph: dict[str, set[str]] = {app: set() for app in ALLOWED}
    for source, target in app_edges(project_imports()):
        if source != PROJECT:
            graph[source].add(target)
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError naming the cycle


def test_other_apps_reach_supervision_only_through_its_sink():
    wrong = []
    for imp in project_imports():
        if app_of(imp.target) != "supervision" or app_of(imp.module) in ("supervision", PROJECT):
            continue
        allowed = SINK.get(imp.target, set())
        if allowed is not None and (not imp.names or not set(imp.names) <= allowed):
            wrong.append(f"{imp.where} imports {imp.target} {list(imp.names)}")
    assert wrong == [], "\n".join(wrong)


def test_burden_fills_the_scoreboard_registry_that_supervision_reads():
    from jianfu.supervision import scoreboard

    assert "burden_hours" in {f.key for f in scoreboard.figures()}
