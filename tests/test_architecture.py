"""core/ stays pure: importing it loads no Textual, SQLAlchemy or SQLModel."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("textual", "sqlalchemy", "sqlmodel", "sqlite3")


def _modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_core_imports_no_ui_or_sql() -> None:
    loaded = _modules_after_import("quizzer.core.deck, quizzer.core.cards, quizzer.core.loader")
    leaked = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert leaked == []


def test_cli_parser_imports_nothing_heavy() -> None:
    loaded = _modules_after_import("quizzer.cli")
    leaked = sorted(m for m in loaded if m.split(".")[0] in (*FORBIDDEN, "pydantic", "yaml"))
    assert leaked == []
