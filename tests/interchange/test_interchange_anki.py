"""Importing real Anki packages: card by card (texts, kinds, ids, due dates, answers),
both export flavours and genanki's, re-imports, and quizzer's exports read back by the
real Anki."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Packages, imported, run_cli

from quizzer.core.loader import load_deck
from quizzer.core.schedule import study_day
from quizzer.interchange.history import day_zero
from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store


@pytest.mark.parametrize("flavour", ["modern", "legacy", "colpkg"])
def test_every_note_type_comes_in_card_by_card(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str], flavour: str
) -> None:
    report = imported(capsys, tmp_path, getattr(packages, flavour))
    # lang: 犬 and 猫 both ways, 鳥 one way, 水; science: basic, 2 gaps, image, code
    assert {d["id"]: (d["cards"], d["retired"]) for d in report["decks"]} == {
        "lang-ribenyu": (8, 0),
        "science": (5, 1),  # the suspended note
    }
    decks = {d["id"]: d for d in report["decks"]}
    assert set(decks) == {"lang-ribenyu", "science"}
    assert decks["lang-ribenyu"]["title"] == "Lang::日本語"
    science = load_deck(Path(decks["science"]["path"]))
    lang = load_deck(Path(decks["lang-ribenyu"]["path"]))
    assert not isinstance(science, list) and not isinstance(lang, list)  # passes check
    g = packages.expected.guids
    key = {label: key_for_guid(guid) for label, guid in g.items()}
    cards = {c.id: c for c in [*science.cards, *lang.cards]}
    assert sorted(cards) == sorted(
        [
            f"science/cards/{key['basic']}",
            f"science/cards/{key['cloze']}/c1",
            f"science/cards/{key['cloze']}/c2",
            f"science/cards/{key['image']}",
            f"science/cards/{key['code']}",
            f"science/cards/{key['suspended']}",  # in the file, out of the schedule
            f"lang-ribenyu/cards/{key['reversed']}",
            f"lang-ribenyu/cards/{key['reversed']}/reverse",
            f"lang-ribenyu/cards/{key['optional_on']}",
            f"lang-ribenyu/cards/{key['optional_on']}/reverse",
            f"lang-ribenyu/cards/{key['optional_off']}",
            f"lang-ribenyu/cards/{key['custom']}",
            f"lang-ribenyu/cards/{key['kanji']}",
            f"lang-ribenyu/cards/{key['kanji']}-2",
        ]
    )
    basic = cards[f"science/cards/{key['basic']}"]
    assert (basic.kind, basic.front, basic.back) == (
        "basic", "**Mitochondria** & energy", "Powerhouse\\\nof the *cell*",
    )  # fmt: skip
    assert basic.tags == ("bio", "cell::organelle")
    assert cards[f"lang-ribenyu/cards/{key['reversed']}/reverse"].kind == "basic_reverse"
    assert cards[f"lang-ribenyu/cards/{key['reversed']}"].front == "犬"
    cloze = cards[f"science/cards/{key['cloze']}/c2"]
    assert cloze.kind == "cloze"
    assert cloze.content.text == "{{c1::Recall}} is also called {{c2::sensitivity::a word}}."  # type: ignore[union-attr]
    assert cloze.content.extra == "TP / (TP + FN)"  # type: ignore[union-attr]
    custom = cards[f"lang-ribenyu/cards/{key['custom']}"]
    assert (custom.front, custom.back) == (
        "水", "**Meaning:** water\n\n**Usage:** 水を飲む [sound:mizu.mp3]",
    )  # fmt: skip
    assert any("1 note(s) play sound" in w for w in report["warnings"])
    assert any("'Vocab'" in w for w in report["warnings"])
    kanji = cards[f"lang-ribenyu/cards/{key['kanji']}"]
    write = cards[f"lang-ribenyu/cards/{key['kanji']}-2"]
    assert (kanji.front, kanji.back) == ("山", "**Reading:** やま\n\n**Meaning:** mountain")
    assert (write.front, write.back) == ("mountain", "**Kanji:** 山\n\n**Reading:** やま")
    image = cards[f"science/cards/{key['image']}"]
    assert image.front == "![cell.png](science.media/cell.png)"
    media = Path(decks["science"]["path"]).with_name("science.media") / "cell.png"
    assert media.read_bytes() == b"\x89PNG\r\n\x1a\nfake image bytes"
    code = cards[f"science/cards/{key['code']}"]
    assert code.back == "```\nfor i in range(3):\n    print(i <= 2)\n```"


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_history_and_due_dates_come_with_the_cards(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str], flavour: str
) -> None:
    expected = packages.expected
    report = imported(capsys, tmp_path, getattr(packages, flavour))
    assert report["answers_added"] == expected.answers  # manual reschedules are not answers
    assert expected.manual == 2
    g = {label: key_for_guid(guid) for label, guid in expected.guids.items()}
    zero = day_zero(expected.crt)
    today = study_day(datetime.now(UTC))
    with Store.open(tmp_path / "q.db") as store:
        summaries = {s.id: s for s in store.deck_summaries(today, ["science", "lang-ribenyu"])}
        assert summaries["science"].reviews_total + summaries["lang-ribenyu"].reviews_total == (
            expected.answers
        )
        basic = store.card_state(f"science/cards/{g['basic']}")
        assert basic is not None
        assert basic.due == zero + timedelta(days=expected.due["basic"]) == today  # due today
        assert basic.easiness_hundredths == 215  # Anki's 2150: 2500, -200 (lapse), -150 (hard)
        history = store.history(f"science/cards/{g['basic']}")
        assert len(history) == expected.answers_of["basic"]
        assert [e.grade for e in history] == [4, 4, 4, 4, 1, 4, 3]
        assert history[4].grade == 1  # the lapse
        reversed_state = store.card_state(f"lang-ribenyu/cards/{g['reversed']}")
        assert reversed_state is not None
        assert reversed_state.due == today + timedelta(days=3)
        assert store.card_state(f"lang-ribenyu/cards/{g['optional_off']}").due is None  # type: ignore[union-attr]
        retired = store.card_state(f"science/cards/{g['suspended']}")
        assert retired is not None and retired.retired
        assert len(store.history(f"science/cards/{g['suspended']}")) == 1
        queue = store.queue_candidates("science", today, 0)
        assert [c.card_id for c in queue] == [f"science/cards/{g['basic']}"]


def test_reimporting_adds_nothing_and_keeps_ids(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = imported(capsys, tmp_path, packages.modern)
    again = imported(capsys, tmp_path, packages.legacy)  # the other flavour: same notes
    assert again["answers_added"] == 0
    assert again["answers_known"] == first["answers_added"]
    assert [d["cards"] for d in again["decks"]] == [d["cards"] for d in first["decks"]]
    with Store.open(tmp_path / "q.db") as store:
        assert len(store.cards("science")) == 5


_RECOUNTS = (
    "SELECT id, (SELECT sum(answers) FROM review_tally t WHERE t.deck_id = deck.id),"
    " (SELECT count(*) FROM review_log r WHERE r.deck_id = deck.id),"
    " active_cards, (SELECT count(*) FROM card c WHERE c.deck_id = deck.id AND c.retired = 0)"
    " FROM deck",
    "SELECT deck_id, reviews_total, (SELECT count(*) FROM review_log r"
    " WHERE r.player = p.player AND r.deck_id = p.deck_id), scheduled,"
    " (SELECT count(*) FROM card_schedule s WHERE s.player = p.player"
    " AND s.deck_id = p.deck_id AND s.due IS NOT NULL) FROM player_deck p",
)


def test_kept_counts_equal_a_recount_after_an_import(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review log goes in as a bulk insert (store/bulk_log.py): every count the
    triggers keep equals a recount from the rows, after an import and a re-import."""
    for package in (packages.modern, packages.legacy):
        report = imported(capsys, tmp_path, package)
        con = sqlite3.connect(tmp_path / "q.db")
        try:
            rows = [row for sql in _RECOUNTS for row in con.execute(sql).fetchall()]
        finally:
            con.close()
        assert {row[0] for row in rows} == {"lang-ribenyu", "science"}
        assert [r for r in rows if (r[1], r[3]) != (r[2], r[4])] == []
    assert report["answers_added"] == 0 and report["answers_known"] > 0


def test_no_history_imports_cards_only(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, packages.modern, "--no-history")
    assert report["answers_added"] == 0
    with Store.open(tmp_path / "q.db") as store:
        assert all(store.card_state(c.id).due is None for c in store.cards("science"))  # type: ignore[union-attr]


def test_genanki_package(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, packages.genanki)
    (deck,) = report["decks"]
    loaded = load_deck(Path(deck["path"]))
    assert not isinstance(loaded, list)
    assert [(c.kind, c.front) for c in loaded.cards] == [
        ("basic", "Capital of France?"),
        ("cloze", "[...] is in Germany"),
    ]
    assert any("'Simple'" in w for w in report["warnings"])


def test_anki_to_quizzer_to_anki_keeps_every_note(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki_build import import_into_anki

    imported(capsys, tmp_path, packages.modern)
    db = str(tmp_path / "q.db")
    notes = []
    for deck in ("science", "lang-ribenyu"):
        out = tmp_path / f"{deck}.apkg"
        status, _, err = run_cli(
            capsys, "--db", db, "--decks", str(tmp_path / "decks"), "export", deck, "-o", str(out)
        )
        assert status == 0, err
        notes += import_into_anki(tmp_path, out)
    guids = {guid for _, guid, _ in notes}
    every = packages.expected.guids  # the suspended note's too: it is in the deck file
    # The original guids (Anki updates, never duplicates), and one note more: the Kanji
    # note's second card came to quizzer as an item of its own.
    assert guids > set(every.values()) and len(guids) == len(every) + 1
    by_guid = {guid: (kind, fields) for kind, guid, fields in notes}
    assert by_guid[every["suspended"]][1][:2] == ["Old fact", "retired"]
    assert by_guid[every["cloze"]][0].startswith("Cloze")
    assert by_guid[every["reversed"]][0].startswith("Basic (and reversed card)")
    assert by_guid[every["basic"]][1][:2] == [
        "<b>Mitochondria</b> &amp; energy", "Powerhouse<br>of the <i>cell</i>",
    ]  # fmt: skip


def test_quizzer_to_apkg_to_quizzer_keeps_ids_and_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "src" / "ml.yaml"
    deck.parent.mkdir()
    deck.write_text(
        "title: ML\nterms:\n  - term: Parameter\n    definition: Learned from *data*.\n"
        "    example: A weight; `coef_` after `fit()`.\n    reverse: true\n"
        "confusions:\n  - question: Is tuning cheating?\n    answer: |-\n      No.\n\n"
        "      - keep a test set\n      - tune on validation\n"
        "cards:\n  - front: What does `C` do?\n    back: Regularisation **strength**.\n"
        "  - type: cloze\n    text: Parameters are {{c1::learned}}; {{c2::set::when?}}.\n"
        "    extra: See the glossary.\n"
        "  - front: Line structure\n    back: |-\n      hard\\\n      break, then\n"
        "      a soft one\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "a.db")
    status, _, err = run_cli(
        capsys, "--db", db, "export", str(deck), "-o", str(tmp_path / "ml.apkg")
    )
    assert status == 0, err
    status, _out, err = run_cli(
        capsys, "--db", str(tmp_path / "b.db"), "import", str(tmp_path / "ml.apkg"), "-o",
        str(tmp_path / "back"), "--json",
    )  # fmt: skip
    assert status == 0, err
    before = load_deck(deck)
    after = load_deck(tmp_path / "back" / "ml.yaml")
    assert not isinstance(before, list) and not isinstance(after, list)
    assert [(c.id, c.kind, c.front, c.back) for c in after.cards] == [
        (c.id, c.kind, c.front, c.back) for c in before.cards
    ]


def test_export_csv_has_ankis_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text('title: D\ncards:\n  - front: "a, b"\n    back: c\n', encoding="utf-8")
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o",
                             str(tmp_path / "d.csv"))  # fmt: skip
    assert status == 0, err
    lines = (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["#separator:tab", "#html:true"]
    assert lines[-1] == "qz:d/cards/a-b\tBasic\tD\ta, b\tc\t"


def test_choice_and_true_false_export_faithfully(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In Anki: Basic-style notes with the options listed and the verdict on the back.
    Back in quizzer: the same choice and true/false cards (kind, options, answer)."""
    from anki_build import import_into_anki

    deck = tmp_path / "src" / "quiz.yaml"
    deck.parent.mkdir()
    deck.write_text(
        "title: Quiz\ncards:\n"
        "  - type: choice\n    question: Which is a *hyperparameter*?\n"
        "    answer: Learning rate\n    distractors: [A weight, A bias]\n"
        "    explanation: Set before training.\n    tags: [ml]\n"
        "  - type: true_false\n    statement: Early stopping tunes the epochs.\n"
        "    answer: true\n    explanation: It stops when validation loss rises.\n",
        encoding="utf-8",
    )
    package = tmp_path / "quiz.apkg"
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "a.db"), "export", str(deck), "-o",
                             str(package))  # fmt: skip
    assert status == 0, err
    notes = {fields[0]: (kind, fields) for kind, _, fields in import_into_anki(tmp_path, package)}
    kind, fields = notes[
        "Which is a <i>hyperparameter</i>?"
        "<ul><li>A bias</li><li>A weight</li><li>Learning rate</li></ul>"
    ]
    assert kind.startswith("Basic") and fields[1] == "Learning rate<br><br>Set before training."
    kind, fields = notes["Early stopping tunes the epochs.<br><br>True or false?"]
    assert fields[1] == "True<br><br>It stops when validation loss rises."
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "b.db"), "import", str(package), "-o",
        str(tmp_path / "back"), "--json",
    )  # fmt: skip
    assert status == 0, err
    before, after = load_deck(deck), load_deck(tmp_path / "back" / "quiz.yaml")
    assert not isinstance(before, list) and not isinstance(after, list)

    def seen(cards: list) -> list:  # type: ignore[type-arg]
        return [(c.id, c.kind, c.front, c.back, c.answer, c.distractors, c.tags) for c in cards]

    assert seen(after.cards) == seen(before.cards)
    assert [c.kind for c in after.cards] == ["choice", "true_false"]
