"""Writing one setting into the learner's config.toml, keeping the rest of the file (its
comments and order) as it is: `quizzer optimize` stores FSRS's weights this way. The
standard library reads TOML but does not write it; the one value written here is a
single line, and the result is read back to check it before it replaces the file."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from quizzer.errors import QuizzerError

__all__ = ["write_setting"]


def _quoted(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _header_path(line: str) -> list[str] | None:
    """The table a `[a."b"]` header line opens (None: not a header line)."""
    stripped = line.strip()
    if not stripped.startswith("[") or stripped.startswith("[["):
        return None
    try:
        table = tomllib.loads(stripped)
    except tomllib.TOMLDecodeError:
        return None
    path = []
    while isinstance(table, dict) and len(table) == 1:
        ((key, table),) = table.items()
        path.append(key)
    return path


def _value_at(data: dict[str, object], path: list[str]) -> object:
    node: object = data
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def write_setting(path: Path, table: list[str], key: str, value: list[float]) -> None:
    """Set `key = value` in the table `table` ([] = the top level) of the TOML file at
    `path` (made when missing), replacing a one-line setting of that key."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines()
    headers = [(i, _header_path(line)) for i, line in enumerate(lines)]
    headers = [(i, p) for i, p in headers if p is not None]
    start = next((i + 1 for i, p in headers if p == table), 0 if not table else None)
    setting = f"{key} = [{', '.join(repr(v) for v in value)}]"
    if start is None:
        lines += ["", "[" + ".".join(_quoted(part) for part in table) + "]", setting]
    else:
        end = next((i for i, _ in headers if i >= start), len(lines))
        found = [
            i for i in range(start, end) if lines[i].split("=", 1)[0].strip() in (key, _quoted(key))
        ]
        if found:
            lines[found[0]] = setting
        else:
            while end > start and not lines[end - 1].strip():
                end -= 1  # after the table's last setting, not after its blank lines
            lines.insert(end, setting)
    new_text = "\n".join(lines) + "\n"
    try:
        written = _value_at(tomllib.loads(new_text), [*table, key])
    except tomllib.TOMLDecodeError:
        written = None
    if written != value:
        raise QuizzerError(f"{path}: could not update it; add this line yourself: {setting}")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.write_text(new_text, encoding="utf-8")
    os.replace(temporary, path)
