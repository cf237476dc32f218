"""Audio, video and embedded players in an Anki note (`<audio>`, `<video>`, `<iframe>`,
as pasted from a web page or a video site's "embed"): each came in as nothing, the file
left behind and no warning. Now a file in the package is `[sound:name]`, copied beside
the deck as a note's sounds are, and an address on the web a link to it; a warning
names how many notes held one."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import export_apkg, import_into_anki
from conftest import deck_file, html_csv_cards, imported, run_cli

from quizzer.interchange.html_media import media_as_text

FIELDS = {  # front -> (back as Anki holds it, back as it comes in)
    "audio": ('<audio controls src="say.mp3"></audio> listen', "[sound:say.mp3] listen"),
    "video": (
        '<video controls><source src="clip.mp4" type="video/mp4">'
        '<source src="clip.webm">Your browser plays no video.</video>',
        "[sound:clip.mp4]",
    ),
    "embed": (
        '<iframe width="560" src="https://www.youtube.com/embed/abc?t=1&amp;x=2"></iframe>',
        "[https://www.youtube.com/embed/abc?t=1&x=2](https://www.youtube.com/embed/abc?t=1&x=2)",
    ),
    "plain": ("no player here", "no player here"),
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("players")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Players")
        for name, data in (("say.mp3", b"ID3 say"), ("clip.mp4", b"mp4 clip")):
            (folder / name).write_bytes(data)
            assert col.media.add_file(str(folder / name)) == name
        for front, (back, _) in FIELDS.items():
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
        path = folder / "players.apkg"
        export_apkg(col, path, scheduling=False, media=True, legacy=False)
    finally:
        col.close()
    return path


def test_a_player_comes_in_as_its_sound_or_its_address(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, package)
    (deck,) = report["decks"]
    backs = {card.front: card.back for card in deck_file(Path(deck["path"])).cards}
    assert backs == {front: shown for front, (_, shown) in FIELDS.items()}
    media = Path(deck["path"]).with_name(Path(deck["path"]).stem + ".media")
    assert sorted(p.name for p in media.iterdir()) == ["clip.mp4", "say.mp3"]
    assert (media / "say.mp3").read_bytes() == b"ID3 say"
    assert (
        "3 note(s) hold an audio or video player (<audio>, <video>, <iframe>); each came in "
        "as [sound:...] (a file) or a link (the web)"
    ) in report["warnings"]
    assert (
        "2 note(s) play sound ([sound:...]); kept as text, which `o` in the review plays in "
        "the system's player"
    ) in report["warnings"]


def test_a_text_files_html_cell_reads_a_player_so_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [(front, back) for front, (back, _) in FIELDS.items()]
    cards = html_csv_cards(capsys, tmp_path, rows)
    assert cards == [(front, shown) for front, (_, shown) in FIELDS.items()]


def test_the_sounds_go_back_to_anki_with_their_files(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exported again, the package holds the files the notes' `[sound:...]` play (it
    held none: Anki showed the sound's name and played nothing), under their names."""
    (deck,) = imported(capsys, tmp_path, package)["decks"]
    out = tmp_path / "back.apkg"
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "--decks", str(tmp_path / "decks"),
        "export", deck["id"], "-o", str(out),
    )  # fmt: skip
    assert status == 0, err
    fields = {fields[0]: fields[1] for _, _, fields in import_into_anki(tmp_path, out)}
    assert fields["audio"] == "[sound:say.mp3] listen"
    media = tmp_path / f"check-{out.stem}.media"
    assert {p.name: p.read_bytes() for p in media.iterdir()} == {
        "say.mp3": b"ID3 say", "clip.mp4": b"mp4 clip",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("a<audio src=x></audio>b<audio src=y></audio>c", "a[sound:x]b[sound:y]c"),
        ('<video src="https://x.org/v.mp4">tail', '<a href="https://x.org/v.mp4">https://x.org/v.mp4</a>tail'),
        ("<video src=a><audio src=b></audio></video>z", "[sound:a]z"),
        ('<audio src="data:audio/mp3;base64,AAA"></audio>x', "x"),
        ("<audio>no source</audio>x", "x"),
        ("<videos src=a>", "<videos src=a>"),
        ("<video src=a>" * 3, "[sound:a]" * 3),  # no end tag: each start tag alone
    ],
)  # fmt: skip
def test_each_player_is_read_once(html: str, text: str) -> None:
    """Start tags with no end tag (a field of thousands took 27 s when each searched the
    rest of the field for one: each end tag is now searched for once)."""
    assert media_as_text(html) == text


def test_a_hand_written_decks_sound_goes_to_anki_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its file under the name the text gives (an import would have written a plain one)."""
    decks = tmp_path / "decks"
    (decks / "words.media").mkdir(parents=True)
    (decks / "words.media" / "hello world.mp3").write_bytes(b"ID3 hello")
    (decks / "words.yaml").write_text(
        "id: words\ntitle: Words\ncards:\n  - front: 'hello [sound:hello world.mp3]'\n"
        "    back: hi\n", encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "words.apkg"
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "--decks", str(decks), "export", "words",
        "-o", str(out),
    )  # fmt: skip
    assert status == 0, err
    import_into_anki(tmp_path, out)
    media = tmp_path / f"check-{out.stem}.media"
    assert {p.name: p.read_bytes() for p in media.iterdir()} == {"hello world.mp3": b"ID3 hello"}
