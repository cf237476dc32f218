"""A deck id is ASCII (`[a-z0-9-]`), and an imported deck's comes from its name. Letters
of other scripts used to be dropped: `Idiomas::Español` gave `idiomas-espa-ol.yaml`,
`Deutsch::Übungen` `deutsch-bungen.yaml`, and a name with no ASCII letter at all
(`Русский`, `日本語`) a number (`anki-deck-1796632290903.yaml`) or `imported-2.yaml`.
They are now spelled in ASCII first. A deck an earlier import named the old way keeps
its id, so importing its file again adds no second deck."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from anyascii import anyascii
from conftest import imported, run_cli
from hypothesis import example, given
from hypothesis import strategies as st
from test_anki_deck_ids import _package

from quizzer.core.deck import SLUG_MAX_LENGTH, SLUG_PATTERN
from quizzer.interchange.identity import deck_slug
from quizzer.store import Store

NAMES = {
    "Русский::Глаголы": "russkiy-glagoly",
    "Idiomas::Español": "idiomas-espanol",
    "日本語": "ribenyu",
    "Deutsch::Übungen": "deutsch-ubungen",
    "Ελληνικά": "ellinika",
    "Ça va, 2e édition": "ca-va-2e-edition",
}


def test_anki_deck_names_are_spelled_in_ascii(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decks = {100 + n: name for n, name in enumerate([*NAMES, "★ ☆"])}
    package = _package(tmp_path / "p.apkg", decks, [(f"g{d}", f"note {d}", d) for d in decks])
    report = imported(capsys, tmp_path, package)
    ids = {deck["title"]: deck["id"] for deck in report["decks"]}
    assert ids == {**NAMES, "★ ☆": "anki-deck-106"}  # no letter to spell: its number
    assert sorted(p.name for p in (tmp_path / "decks").glob("*.yaml")) == sorted(
        f"{deck_id}.yaml" for deck_id in ids.values()
    )


def test_csv_deck_names_are_spelled_in_ascii(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"front {n}\tback\t{name}\n" for n, name in enumerate(NAMES))
    table = tmp_path / "set.txt"
    table.write_text(f"#separator:tab\n#deck column:3\n{rows}", encoding="utf-8")
    report = imported(capsys, tmp_path, table)
    assert {deck["title"]: deck["id"] for deck in report["decks"]} == NAMES


def test_a_csv_deck_an_earlier_import_named_keeps_its_id_and_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files as an earlier import wrote them, ids made of the ASCII letters alone (or
    `imported` where there were none), each deck in the database with an answer."""
    folder, db = tmp_path / "decks", tmp_path / "q.db"
    folder.mkdir()
    earlier = {"idiomas-espa-ol": "Idiomas::Español", "imported-2": "日本語"}
    for deck_id, title in earlier.items():
        (folder / f"{deck_id}.yaml").write_text(
            f"# Imported from set.txt by `quizzer import`.\nid: {deck_id}\ntitle: {title}\n\n"
            "cards:\n  - front: uno\n    back: one\n",
            encoding="utf-8",
        )
    status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(folder), "stats")
    assert status == 0, err
    at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    with Store.open(db) as store:
        for deck_id in earlier:
            store.record_answer(
                f"{deck_id}/cards/uno", 4, response_ms=900, kind="scheduled",
                reviewed_at=at, study_day=at.date(),
            )  # fmt: skip

    table = tmp_path / "set.txt"
    rows = "".join(f"uno\tone\t{title}\ndos\ttwo\t{title}\n" for title in earlier.values())
    table.write_text(f"#separator:tab\n#deck column:3\n{rows}", encoding="utf-8")
    report = imported(capsys, tmp_path, table)
    assert {deck["title"]: deck["id"] for deck in report["decks"]} == {
        title: deck_id for deck_id, title in earlier.items()
    }
    assert sorted(p.name for p in folder.glob("*.yaml")) == [
        "idiomas-espa-ol.yaml", "imported-2.yaml"
    ]  # fmt: skip
    with Store.open(db) as store:
        for deck_id in earlier:
            assert [c.front for c in store.cards(deck_id)] == ["uno", "dos"]
            assert store.answer_count(f"{deck_id}/cards/uno") == 1


@given(st.text(max_size=200))
@example("ítem")  # spelled `item`: a name, not the empty slug
@example("Item::★")
def test_any_name_gives_a_deck_id(name: str) -> None:
    deck_id = deck_slug(name, "fallback")
    assert len(deck_id) <= SLUG_MAX_LENGTH and re.fullmatch(SLUG_PATTERN, deck_id)
    if deck_id == "fallback":
        spelled = anyascii(name).lower()
        assert not any(ch.isascii() and ch.isalnum() for ch in spelled) or "fallback" in spelled
    else:
        assert deck_id.replace("-", "") in re.sub("[^a-z0-9]", "", anyascii(name).lower())
