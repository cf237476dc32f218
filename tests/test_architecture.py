"""Data flows one way (style.md): core/ imports no UI or SQL, screens build no SQL, and
the CLI parser loads nothing heavy before a command needs it."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import quizzer.core
import quizzer.sessions

PACKAGE = Path(quizzer.core.__file__).resolve().parent.parent
UI = ("textual", "rich")
UI_AND_SQL = (*UI, "sqlalchemy", "sqlmodel", "sqlite3")
SQL = ("sqlalchemy", "sqlmodel", "sqlite3")


def _modules_after_import(*modules: str) -> set[str]:
    code = f"import sys, {', '.join(modules)}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def _top_level_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_every_core_module_is_pure() -> None:
    core = [f"quizzer.core.{m.name}" for m in pkgutil.iter_modules(quizzer.core.__path__)]
    assert "quizzer.core.loader" in core
    loaded = _modules_after_import(*core)
    assert sorted(m for m in loaded if m.split(".")[0] in UI_AND_SQL) == []


def test_core_imports_no_textual() -> None:
    core = [f"quizzer.core.{m.name}" for m in pkgutil.iter_modules(quizzer.core.__path__)]
    loaded = _modules_after_import(*core)
    assert sorted(m for m in loaded if m.split(".")[0] in UI) == []


def test_sessions_import_no_textual() -> None:
    """Sessions are plain objects beside the screens: tested, and usable, without a UI."""
    sessions = [
        f"quizzer.sessions.{m.name}" for m in pkgutil.iter_modules(quizzer.sessions.__path__)
    ]
    assert {"quizzer.sessions.review", "quizzer.sessions.speed"} <= set(sessions)
    loaded = _modules_after_import(*sessions)
    assert sorted(m for m in loaded if m.split(".")[0] in UI) == []


def test_screens_and_widgets_build_no_sql() -> None:
    ui_files = sorted((PACKAGE / "tui").rglob("*.py"))
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(_top_level_imports(path) & set(SQL))
        for path in ui_files
        if _top_level_imports(path) & set(SQL)
    }
    assert offenders == {}


def test_cli_parser_imports_nothing_heavy() -> None:
    loaded = _modules_after_import("quizzer.cli")
    heavy = (*UI_AND_SQL, "pydantic", "yaml")
    assert sorted(m for m in loaded if m.split(".")[0] in heavy) == []


def test_every_package_is_installed() -> None:
    """pyproject.toml lists its packages by hand (the shipped decks sit outside the
    package folder): a package missing there is missing from a non-editable install."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(PACKAGE.parent).parts)
        for init in PACKAGE.rglob("__init__.py")
    }
    assert sorted(found - listed) == []


def test_core_schedulers_load_no_optimiser() -> None:
    """FSRS's package is pure Python; its optimiser (torch, pandas) stays out of core."""
    assert "fsrs" not in _modules_after_import("quizzer.core.schedulers")  # only when used
    loaded = _modules_after_import("quizzer.core.fsrs_scheduler")
    assert "fsrs.scheduler" in loaded
    heavy = ("torch", "numpy", "pandas")
    assert sorted(m for m in loaded if m.split(".")[0] in heavy or m == "fsrs.optimizer") == []


# -- small rooms ------------------------------------------------------------------------------

MAX_LINES = 450
# The rule is "no module in quizzer/ over MAX_LINES lines". KNOWN_LONG held the modules
# that were over it while issue 9 split them; every one is under it now, so it is empty.
# An entry may only be added with a reason, and the test fails on one that is gone or
# small again, so the list can only shrink.
KNOWN_LONG: set[str] = set()


def _length(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_the_line_limit() -> None:
    modules = {str(p.relative_to(PACKAGE)): _length(p) for p in PACKAGE.rglob("*.py")}
    long = {name: n for name, n in modules.items() if n > MAX_LINES}
    assert {n: long[n] for n in long if n not in KNOWN_LONG} == {}
    stale = sorted(n for n in KNOWN_LONG if modules.get(n, 0) <= MAX_LINES)
    assert stale == [], "split now: remove these from KNOWN_LONG"
    assert not any(n.startswith("store/") for n in KNOWN_LONG)


# -- storage seams ------------------------------------------------------------------------------

# What a screen may import from quizzer.store: the Store facade (the package) and the
# records it hands out. Everything else there is SQL.
STORE_RECORDS = {"quizzer.store", "quizzer.store.records", "quizzer.store.speed"}
# Everything specific to SQLite sits in these (sqlite_backend.py says why).
SQLITE_MODULES = {
    "store/sqlite_backend.py",
    "store/sqlite_file.py",
    "store/file_locks.py",
    "store/sqlite_attached.py",
    "store/sqlite_side_sums.py",
    "store/sqlite_dangling.py",
}
# Importers read other programs' files that happen to be SQLite (an Anki collection,
# another machine's quizzer.db): a file format, not quizzer's storage backend. (The log
# worker reads an Anki collection and sends its rows back as an SQLite database.)
FOREIGN_SQLITE_READERS = {
    "interchange/apkg.py",
    "interchange/anki_notetypes.py",
    "interchange/anki_rows.py",
    "interchange/merge.py",
    "interchange/merge_theirs.py",
    "interchange/log_worker.py",
}


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (TYPE_CHECKING blocks included), with
    `from package import module` counted as the module."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _is_module(name: str) -> bool:
    return (PACKAGE.parent / (name.replace(".", "/") + ".py")).exists() or (
        PACKAGE.parent / name.replace(".", "/") / "__init__.py"
    ).exists()


def test_screens_import_only_the_store_facade_and_its_records() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name
            for name in _imported_modules(path)
            if name.startswith("quizzer.store.") and _is_module(name) and name not in STORE_RECORDS
        )
        for path in sorted((PACKAGE / "tui").rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_store_records_modules_hold_no_sql() -> None:
    for name in STORE_RECORDS - {"quizzer.store"}:
        path = PACKAGE.parent / (name.replace(".", "/") + ".py")
        imported = _imported_modules(path)
        assert {m.split(".")[0] for m in imported} & set(SQL) == set(), name
        assert not {m for m in imported if m.startswith("quizzer.store.")} - STORE_RECORDS, name


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module's code (docstrings left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_everything_sqlite_specific_sits_in_the_sqlite_backend() -> None:
    """A second backend is one more module: no other module imports sqlite3 or says a
    pragma, BEGIN IMMEDIATE or sqlite_master."""
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = str(path.relative_to(PACKAGE))
        if name in SQLITE_MODULES | FOREIGN_SQLITE_READERS:
            continue
        found = sorted(m for m in _imported_modules(path) if m.split(".")[0] == "sqlite3")
        found += sorted(
            {
                word
                for text in _code_strings(path)
                for word in ("PRAGMA", "BEGIN IMMEDIATE", "sqlite_master")
                if word.lower() in text.lower()
            }
        )
        if found:
            offenders[name] = found
    assert offenders == {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _quizzer_imports(path: Path, modules: set[str]) -> set[str]:
    """The quizzer modules that `path` imports anywhere: at the top, inside functions,
    and under `if TYPE_CHECKING:` (a circle of type-only imports is still a circle for
    a reader). `from package import name` counts as importing `package.name` when that
    is a module, else `package`."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                if f"{source}.{alias.name}" in modules:
                    found.add(f"{source}.{alias.name}")
                elif source in modules:
                    found.add(source)
    found.discard(name)
    return found


def _import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return circles


def test_no_import_circle_between_modules() -> None:
    """Screens ask the app for navigation with messages (tui/messages.py) instead of
    importing it; no two modules of quizzer/ import each other, even indirectly."""
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(path) for path in files}
    graph = {_module_name(path): _quizzer_imports(path, modules) for path in files}
    assert graph["quizzer.tui.app"]  # the walk sees imports (inside functions too)
    assert "quizzer.tui.screens.home" in graph["quizzer.tui.app"]
    assert _import_circles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _import_circles(graph) == [["a", "b", "c"]]


def test_only_the_app_reads_the_clock_or_works_out_today() -> None:
    """One clock and one "today" (QuizzerApp.clock, QuizzerApp.today), handed to the
    screens: no other UI module reads the time or computes a study day itself."""
    offenders: dict[str, list[str]] = {}
    for path in sorted((PACKAGE / "tui").rglob("*.py")):
        if path.name == "app.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = ast.unparse(node.func)
            if called in ("study_day", "datetime.now", "date.today", "datetime.today"):
                offenders.setdefault(str(path.relative_to(PACKAGE)), []).append(called)
    assert offenders == {}
