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
    loaded = _modules_after_import("quizzer.core.schedulers")
    assert "fsrs.scheduler" in loaded
    heavy = ("torch", "numpy", "pandas")
    assert sorted(m for m in loaded if m.split(".")[0] in heavy or m == "fsrs.optimizer") == []
