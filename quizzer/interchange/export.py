"""`quizzer export DECK -o FILE.apkg|FILE.csv`: a deck as Anki notes.

Each item is one note (docs/import-export.md): terms and basic cards as "Basic" or, with `reverse:
true`, "Basic (and reversed card)" (a term's example in a third field, Example); cloze
as "Cloze"; mental models and confusions as "Basic" (a model's mapping listed); choice
and true/false as "Basic (quizzer item)", Basic with the options listed, carrying the
item for the way back (faithful.py). A note's guid comes from the item's card id
(`identity.guid_for`), so exporting again updates the notes in Anki instead of adding
copies, and importing the package back gives the same card ids. Markdown becomes simple
HTML; the images the review shows (files in the deck's folder) are packed. The file is
written to a temp file and renamed into place.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path, PurePath
from typing import Any

from quizzer.core.cards import item_keys
from quizzer.core.deck import (
    BasicItem,
    ChoiceItem,
    ClozeItem,
    Confusion,
    Deck,
    MentalModel,
    Term,
    TrueFalseItem,
)
from quizzer.core.images import image_path
from quizzer.core.media_names import media_files
from quizzer.errors import QuizzerError
from quizzer.interchange.anki_decks import EMPTY
from quizzer.interchange.anki_media_names import AnkiMediaNames
from quizzer.interchange.anki_tags import anki_tags_once
from quizzer.interchange.atomic import replacing, write_atomic
from quizzer.interchange.faithful import ITEM_TYPE, NOTE_FIELDS, faces, item_field
from quizzer.interchange.html import SOUND
from quizzer.interchange.identity import exported_deck_id, guid_for
from quizzer.interchange.markdown_html import markdown_to_html
from quizzer.interchange.scratch import scratch_folder, temp_files_in
from quizzer.store import Store
from quizzer.store.imports import TakenAlong, add_taken_along, taken_along

__all__ = ["ExportNote", "example_after", "export_deck", "export_notes"]

BASIC, REVERSED, CLOZE = "Basic", "Basic (and reversed card)", "Cloze"
_MODEL_IDS = {
    BASIC: 1_708_300_001,
    REVERSED: 1_708_300_002,
    CLOZE: 1_708_300_003,
    ITEM_TYPE: 1_708_300_004,
}
_SPACES = re.compile(r"\s+")
_GAP = re.compile(r"c([1-9][0-9]*)")
_NONE: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class ExportNote:
    """One Anki note: its note type, field values (HTML), tags and guid, and the
    ordinals of its cards that go to Anki suspended (retired in quizzer)."""

    note_type: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    guid: str
    suspended: frozenset[int] = frozenset()


def export_deck(store: Store, spec: str, dirs: list[Path], output: Path) -> dict[str, Any]:
    """Export the deck named `spec` to `output` (.apkg or .csv); what was written."""
    suffix = output.suffix.lower()
    if suffix not in (".apkg", ".csv"):
        raise QuizzerError(f"{output}: export writes .apkg or .csv files, not {suffix or '(none)'}")
    if os.path.isdir(output):  # not Path.is_dir: it raises on a name over the system's limit
        raise QuizzerError(f"{output}: is a folder; give the file to write")
    from quizzer.core.loader import load_deck
    from quizzer.library import resolve_deck

    deck_id = resolve_deck(store, spec, dirs)
    source = store.deck_source(deck_id)
    if source is None or not os.path.exists(source):
        raise QuizzerError(f"deck {deck_id!r}: its file is gone; nothing to export")
    loaded = load_deck(Path(source))
    if isinstance(loaded, list):
        raise QuizzerError(f"{source}: the deck has errors; run `quizzer check {source}`")
    media: dict[Path, str] = {}  # a file the deck shows -> its name in Anki
    names = AnkiMediaNames(packed=suffix == ".apkg")

    def image(path: str) -> str:
        # Only a file the review shows (core/images.py: inside the deck's folder, a
        # regular file, at most 20 MiB): Markdown also reads images `quizzer check`
        # does not see (`![x][r]` with `[r]: /proc/self/environ`), which must not take
        # a file from elsewhere into a package that is made to be shared.
        file = image_path(source, path)
        if isinstance(file, str):
            return PurePath(path).name
        if file not in media:
            media[file] = names.name_for(file.name)
        return media[file]

    notes = list(export_notes(loaded.deck, deck_id, image, store.deck_leeches(deck_id)))
    if suffix == ".apkg":
        _pack_sounds(notes, source, deck_id, names, media)
    warnings = [
        f"tag {tag!r} left out: it holds nothing Anki keeps as a tag (Anki names it 'blank')"
        for tag in _tags_left_out(loaded.deck)
    ]
    description = loaded.deck.description
    stamp = None  # the time the package gives its notes: one no export of the deck gave
    try:
        if suffix == ".apkg":
            about = markdown_to_html(description, image) if description else ""
            stamp = _stamp(taken_along(store, deck_id))
            _write_apkg(loaded.deck.title, about, deck_id, notes, media, output, stamp)
        else:
            write_atomic(output, _csv(loaded.deck.title, notes).encode("utf-8"))
    except OSError as error:
        in_the_way = _file_in_the_way(output)
        if in_the_way is not None:
            raise QuizzerError(f"{in_the_way}: not a folder (the file goes to {output})") from None
        raise QuizzerError(f"{output}: cannot write file: {error.strerror or error}") from None
    # Once the file is written: an import of the deck coming back keeps the items its
    # file has that no export took along (store/imports.py).
    try:
        keys = (f"{k.section}/{k.key}" for k in item_keys(loaded.deck))
        add_taken_along(store, deck_id, keys, stamp=stamp)
    except QuizzerError as error:  # the file is what was asked for: written all the same
        warnings.append(
            f"{error}: what the export took along is not recorded, so importing the deck "
            "back takes out the items written into its file since"
        )
    result = {"deck": deck_id, "path": str(output), "notes": len(notes), "media": len(media)}
    return result | {"warnings": warnings} if warnings else result


def _pack_sounds(
    notes: list[ExportNote], source: str, deck_id: str, names: AnkiMediaNames,
    media: dict[Path, str],
) -> None:  # fmt: skip
    """The files of the notes' `[sound:...]` beside the deck (`<deck id>.media/`, where an
    import copies them: core/media_names.py) added to `media` under the names the notes
    give them, so Anki plays them again; as an image is, only a file in the deck's folder."""
    for note in notes:
        for field in note.fields:
            for name in SOUND.findall(unescape(field)) if "[sound:" in field else ():
                files = (image_path(source, file) for file in media_files(deck_id, name))
                file = next((f for f in files if isinstance(f, Path)), None)
                if file is not None and file not in media and names.name_for(name) == name:
                    media[file] = name


def _file_in_the_way(output: Path) -> Path | None:
    """The nearest of `output`'s folders that exists, when it is no folder (the system
    says only "File exists" or "Not a directory")."""
    for place in output.parents:
        if os.path.lexists(place):
            return None if os.path.isdir(place) else place
    return None


def export_notes(
    deck: Deck, deck_id: str, image: Callable[[str], str], retired: Collection[str] = ()
) -> Iterator[ExportNote]:
    """The deck's items as notes, in deck order; a card whose id is in `retired` (a
    leech, or a card suspended in Anki and imported) is suspended in its note."""
    ords = _suspended_ords(retired)

    def md(text: str | None, *, cloze: bool = False) -> str:
        return "" if not text else markdown_to_html(text, image, cloze=cloze)

    for key in item_keys(deck):
        item = getattr(deck, key.section)[key.index]
        tags = _anki_tags(item.tags)
        guid = guid_for(deck_id, key.section, key.key)
        suspended = ords.get(f"{deck_id}/{key.section}/{key.key}", _NONE) if ords else _NONE
        if isinstance(item, ClozeItem):
            text = md(item.text, cloze=True)
            yield ExportNote(CLOZE, (text, md(item.extra)), tags, guid, suspended)
            continue
        if isinstance(item, ChoiceItem | TrueFalseItem | MentalModel):
            front, back = faces(item)
            fields = (md(front), md(back), item_field(item))
            yield ExportNote(ITEM_TYPE, fields, tags, guid, suspended)
            continue
        kind = REVERSED if isinstance(item, Term | BasicItem) and item.reverse else BASIC
        front, back, example = _faces(item)
        back = "" if back == EMPTY else back  # an Anki field left empty: empty there again
        yield ExportNote(kind, (md(front), md(back), md(example)), tags, guid, suspended)


def _anki_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """An item's tags as its note's (`_anki_tag`, the empty ones left out), each Anki
    tag once: Anki keeps the first of a note's tags that differ only in case or in
    Unicode normalization (it compares NFC text, case folded: `ß` is `SS`), so `two
    words` and `two_words`, both Anki's `two_words`, are written once (checked with the
    real Anki, from a package and a CSV: test_export_anki_reads.py)."""
    return anki_tags_once(anki for tag in tags if (anki := _anki_tag(tag)))


def _anki_tag(tag: str) -> str:
    """`tag` as Anki takes it: white space as `_` (Anki splits tags at spaces), and
    without the parts between its `::` that Anki empties (`a::::b` as `a::b`, `::x` as
    `x`; a part of only `"`, which it drops): Anki names each "blank", so `x::` became
    `x::blank` and `::` `blank::blank`. A part of white space alone (and `"`) is as
    empty: as `_` it was a part Anki kept (`a:: ::b` was `a::_::b`). "" where no part
    is left (the tag is left out: `_tags_left_out`)."""
    if ":" in tag or '"' in tag:  # few tags
        tag = "::".join(part for part in tag.split("::") if part.replace('"', "").strip())
    return _SPACES.sub("_", tag)


def _tags_left_out(deck: Deck) -> list[str]:
    """The deck's tags that `_anki_tag` leaves nothing of, each once, in deck order."""
    items = (getattr(deck, key.section)[key.index] for key in item_keys(deck))
    return list(dict.fromkeys(tag for item in items for tag in item.tags if not _anki_tag(tag)))


def _suspended_ords(card_ids: Iterable[str]) -> dict[str, frozenset[int]]:
    """The card id an item's first card has (`deck/section/key`) -> the ordinals of
    its Anki cards among `card_ids`: the first card 0, a reverse 1, a cloze's gap `cN`
    N - 1 (genanki numbers a cloze note's cards so). A mental model's mapping cards
    have no Anki card."""
    found: dict[str, set[int]] = defaultdict(set)
    for card_id in card_ids:
        found[card_id].add(0)
        prefix, _, variant = card_id.rpartition("/")
        if variant == "reverse":
            found[prefix].add(1)
        elif (gap := _GAP.fullmatch(variant)) is not None:
            found[prefix].add(int(gap.group(1)) - 1)
    return {prefix: frozenset(ords) for prefix, ords in found.items()}


def _faces(item: object) -> tuple[str, str, str]:
    if isinstance(item, Term):
        return item.term, item.definition, item.example or ""
    if isinstance(item, BasicItem):
        return item.front, item.back, ""
    if isinstance(item, Confusion):
        return item.question, item.answer, ""
    if isinstance(item, ChoiceItem | TrueFalseItem | MentalModel):
        return (*faces(item), "")
    raise TypeError(f"no Anki note for {type(item).__name__}")


def _write_apkg(
    title: str,
    description: str,
    deck_id: str,
    notes: list[ExportNote],
    media: dict[Path, str],
    output: Path,
    stamp: int,
) -> None:
    """The package, each note modified at `stamp`; `description` is the Anki deck's
    (HTML)."""
    import genanki

    models = _models(genanki)
    deck = genanki.Deck(exported_deck_id(deck_id), title, description)
    for note in notes:
        model = models[note.note_type]
        fields = list(note.fields[: len(model.fields)])
        anki_note = genanki.Note(model=model, fields=fields, tags=list(note.tags), guid=note.guid)
        for card in anki_note.cards if note.suspended else ():
            card.suspend = card.ord in note.suspended
        deck.add_note(anki_note)
    with scratch_folder("quizzer-media-") as renamed:
        files = []  # genanki names a media file by its path's last part
        for path, name in sorted(media.items(), key=lambda entry: entry[1]):
            if path.name != name:
                path = Path(shutil.copyfile(path, renamed / name))
            files.append(str(path))
        package = genanki.Package(deck, media_files=files)
        with replacing(output) as temp, temp_files_in(renamed):  # genanki's collection
            package.write_to_file(str(temp), timestamp=stamp)


def _stamp(record: TakenAlong | None) -> int:
    """Now, in Unix seconds, or a second after the latest a package export of the deck
    gave its notes: a time of this export's own, which Anki keeps on a note not edited
    there since, so that a package made there says it knew this export (kept.py,
    `source_had`)."""
    latest = max(record.stamps, default=0) if record is not None else 0
    return max(int(time.time()), latest + 1)


def _models(genanki: Any) -> dict[str, Any]:
    answer = "{{FrontSide}}<hr id=answer>{{Back}}{{#Example}}<br><br><i>{{Example}}</i>{{/Example}}"
    fields = [{"name": "Front"}, {"name": "Back"}, {"name": "Example"}]
    card1 = {"name": "Card 1", "qfmt": "{{Front}}", "afmt": answer}
    card2 = {"name": "Card 2", "qfmt": "{{Back}}", "afmt": "{{FrontSide}}<hr id=answer>{{Front}}"}
    plain = {"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}
    item_fields = [{"name": name} for name in NOTE_FIELDS]
    return {
        BASIC: genanki.Model(_MODEL_IDS[BASIC], BASIC, fields=fields, templates=[card1]),
        ITEM_TYPE: genanki.Model(
            _MODEL_IDS[ITEM_TYPE], ITEM_TYPE, fields=item_fields, templates=[plain]
        ),
        REVERSED: genanki.Model(
            _MODEL_IDS[REVERSED], REVERSED, fields=fields, templates=[card1, card2]
        ),
        CLOZE: genanki.Model(
            _MODEL_IDS[CLOZE],
            CLOZE,
            fields=[{"name": "Text"}, {"name": "Back Extra"}],
            templates=[
                {
                    "name": "Cloze",
                    "qfmt": "{{cloze:Text}}",
                    "afmt": "{{cloze:Text}}<br>{{Back Extra}}",
                }
            ],
            model_type=genanki.Model.CLOZE,
        ),
    }


def example_after(back: str, example: str) -> str:
    """A back (HTML) with a term's example after it, as a CSV row holds both (it has no
    column for the example): in italics."""
    return f"{back}<br><br><i>{example}</i>"


def _csv(title: str, notes: list[ExportNote]) -> str:
    """Anki's text format: headers, then guid, note type, deck, two fields, tags."""
    out = io.StringIO()
    out.write(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
        "#tags column:6\n"
    )
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for note in notes:
        front, back = note.fields[:2]
        if note.note_type in (BASIC, REVERSED) and len(note.fields) > 2 and note.fields[2]:
            back = example_after(back, note.fields[2])
        kind = BASIC if note.note_type == ITEM_TYPE else note.note_type  # no hidden field
        if note.guid.startswith("#"):  # an Anki guid may: quoted, the row is no comment
            out.write('"' + note.guid.replace('"', '""') + '"\t')
            writer.writerow([kind, title, front, back, " ".join(note.tags)])
        else:
            writer.writerow([note.guid, kind, title, front, back, " ".join(note.tags)])
    return out.getvalue()
