"""Where quizzer keeps its data. `QUIZZER_HOME` overrides everything (tests use it)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "config_dir",
    "config_path",
    "data_dir",
    "default_db_path",
    "default_deck_dirs",
    "same_folder",
    "shipped_decks_dir",
]

APP_NAME = "quizzer"


def _home_override() -> Path | None:
    home = os.environ.get("QUIZZER_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    """The user data dir (database, user decks)."""
    if (home := _home_override()) is not None:
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    if (home := _home_override()) is not None:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_path() -> Path:
    return config_dir() / "config.toml"


def default_db_path() -> Path:
    """`QUIZZER_DB` if set, else quizzer.db in the user data dir."""
    if env := os.environ.get("QUIZZER_DB"):
        return Path(env)
    return data_dir() / "quizzer.db"


def database_target(text: str) -> str | Path:
    """A --db or QUIZZER_DB value: a `postgresql://` URL as it is, else a file path."""
    if text.lower().startswith(("postgresql:", "postgres:")):
        return text
    return Path(text)


def default_database() -> str | Path:
    """The database without --db: `QUIZZER_DB` (a path or a PostgreSQL URL) if set, else
    quizzer.db in the user data dir."""
    if env := os.environ.get("QUIZZER_DB"):
        return database_target(env)
    return default_db_path()


def shipped_decks_dir() -> Path:
    """The decks installed with quizzer: quizzer/decks when installed from a wheel, the
    top-level decks/ folder when running from a checkout (editable install)."""
    package = Path(__file__).resolve().parent
    installed = package / "decks"
    return installed if installed.is_dir() else package.parent / "decks"


def default_deck_dirs() -> list[Path]:
    """./decks when present, the shipped decks, and decks/ in the user data dir."""
    dirs: list[Path] = []
    local = Path("decks")
    if local.is_dir():
        dirs.append(local)
    shipped = shipped_decks_dir()
    if not any(same_folder(shipped, d) for d in dirs):
        dirs.append(shipped)
    dirs.append(data_dir() / "decks")
    return dirs


def same_folder(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name the same folder (or file), as far as they resolve."""
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
