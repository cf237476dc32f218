"""What a text import warns of in the file's header lines (text.py): a header given
again or setting nothing (ignored, as in Anki), HTML Anki would guess, a header after
the first row, a column past the last, a control character dropped from a line, and a
first row that looks like a spreadsheet's column names."""

from __future__ import annotations

from pathlib import Path

from quizzer.interchange.text_table import Header, TextTable, unknown_separator

__all__ = ["dropped_warning", "header_warnings"]


def header_warnings(table: TextTable, path: Path) -> list[str]:
    """The warnings of the file's header lines and of what they name (a column past the
    last, a control character dropped from a line left out)."""
    warnings = [_given_again(path, last, earlier) for last, earlier in table.given_again]
    warnings += [_ignored(path, header, table.headers.get(header.name)) for header in table.ignored]
    if table.html_seen is not None:
        line, tag = table.html_seen
        warnings.append(
            f"{path.name}:{line}: {tag[:40]!r} looks like HTML; the cells are read as plain "
            "text and show it as typed (Anki would guess HTML): to read them as HTML, add "
            "the line #html:true at the top"
        )
    warnings += [
        f"{path.name}:{line}: header line after the first row, ignored (headers go first)"
        for line in table.late_headers
    ]
    if not table.headers and table.rows and _column_names(table.rows[0]):
        names = ", ".join(cell.strip() for cell in table.rows[0])
        warnings.append(
            f"{path.name}:{table.lines[0]}: the first row ({names[:60]}) looks like column "
            "names; it came in as a card, as in Anki: delete the row if it is not one"
        )
    widest = max(len(row) for row in table.rows)
    for name, column in table.special.items():
        if column >= widest:
            warnings.append(
                f"{path.name}: #{name} column:{column + 1} is past the last column "
                f"({widest}); ignored"
            )
    rows = set(table.lines)  # a row's, named with the row (unless it is left out)
    left_out = [(line, char) for line, char in table.dropped.items() if line not in rows]
    warnings += [dropped_warning(path, line, char) for line, char in left_out]
    return warnings


_NAMES = tuple(
    frozenset(words.split())
    for words in (
        "front back term definition question answer word meaning translation tag note"
        " extra example hint text prompt response reading source",
        "vorderseite rückseite begriff definition frage antwort wort bedeutung übersetzung"
        " notiz beispiel hinweis text quelle",  # German
        "recto verso terme définition question réponse mot sens signification traduction"
        " note exemple indice texte source",  # French
        "anverso reverso término definición pregunta respuesta palabra significado"
        " traducción etiqueta nota ejemplo pista texto fuente",  # Spanish
        "frente verso termo definição pergunta resposta palavra significado tradução"
        " etiqueta nota exemplo dica texto fonte",  # Portuguese
        "fronte retro termine definizione domanda risposta parola significato traduzione"
        " etichetta nota esempio suggerimento testo fonte",  # Italian
        "voorkant achterkant term definitie vraag antwoord woord betekenis vertaling"
        " notitie voorbeeld hint tekst bron",  # Dutch
    )
)
"""What a spreadsheet's first row names its columns (each also with an `s`), one set per
language: a row of names is in one language, where a vocabulary card (`Frage,question`)
pairs two."""


def _column_names(row: list[str]) -> bool:
    """Whether every cell of `row`, two or more, is a column's usual name in one
    language (`Term,Definition`, `Begriff,Definition`): a spreadsheet's first row,
    which a text file does not tell apart."""
    names = [cell.strip().lower() for cell in row]
    return len(names) >= 2 and any(all(_named(name, words) for name in names) for words in _NAMES)


def _named(name: str, words: frozenset[str]) -> bool:
    return name in words or (name.endswith("s") and name[:-1] in words)


def _given_again(path: Path, last: Header, earlier: list[Header]) -> str:
    """The warning for a header that replaces what earlier ones said; the lines of those
    of another name (a `#deck:` before a `#deck column:`) say which it is."""
    names: dict[str, list[str]] = {}
    for header in earlier:
        names.setdefault(header.name, []).append(str(header.line))
    lines = "; ".join(
        ", ".join(numbers) + ("" if name == last.name else f" as #{name}:")
        for name, numbers in names.items()
    )
    return (
        f"{path.name}:{last.line}: #{last.name}: given again (also on line"
        f"{'s' * (len(earlier) > 1)} {lines}); this last one counts, as in Anki"
    )


def _ignored(path: Path, header: Header, counting: Header | None) -> str:
    """The warning for a header that sets nothing, ignored as Anki ignores it; `counting`
    is the header of that name that counts instead, if any (an unknown separator with
    none is an error instead). The file's text is quoted, as text."""
    where = f"{path.name}:{header.line}"
    if header.name == "separator":
        assert counting is not None
        return (
            f"{where}: {unknown_separator(header.value)}; ignored: the one on line "
            f"{counting.line} counts, as in Anki"
        )
    if header.name == "html":
        instead = (
            f"the one on line {counting.line} counts, as in Anki"
            if counting is not None
            else "the cells are plain text (#html:true reads them as HTML)"
        )
        return f"{where}: #html {header.value[:20]!r} is neither true nor false; ignored: {instead}"
    return (
        f"{where}: #{header.name} {header.value[:20]!r} is not a column number (1 is the "
        "first); ignored"
    )


def dropped_warning(path: Path, line: int, char: str) -> str:
    """The warning for a line whose text lost the control character `char`: what it
    says is not what the file said (an escape sequence's `[1m` stays, say)."""
    return (
        f"{path.name}:{line}: U+{ord(char):04X}, a control character, dropped from its text "
        "(deck text may not hold one)"
    )
