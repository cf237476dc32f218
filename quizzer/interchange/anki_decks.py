"""An Anki collection -> one quizzer deck per Anki deck, as plain YAML-ready items.

Note types (docs/import-export.md, "What comes in" and "Note types"; which type is
which: anki_kinds.py): Basic -> a `cards` item with `front`/`back`; the reversed Basic
types -> the same with `reverse: true` (the optional one only when the note has its
reverse card); Cloze -> a `cloze` item (`Back Extra` as `extra`; an empty cloze taken
out); any other type -> front = first field, back = the other fields, each under its
name, with one warning per note type. A note comes in under the deck of its first card,
in its deck file whether or not its cards are suspended: a suspended card is one of the
file's cards that the import takes out of the schedule, as quizzer retires a leech
(anki_import.py), so an export carries it back to Anki suspended. Each section lists its
items in Anki's new-card order (`_position`), the order quizzer introduces new cards in.
An Anki deck's description is its deck's `description:`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from urllib.parse import unquote

from quizzer.core.images import IMAGE_MAX_BYTES
from quizzer.core.media_names import media_file
from quizzer.interchange.anki_deck_ids import EarlierDecks, deck_ids, deck_title
from quizzer.interchange.anki_furigana import front_filters, reading_filters, with_readings
from quizzer.interchange.anki_kinds import basic_kind, cloze_fields, without_empty_clozes
from quizzer.interchange.anki_notetypes import OCCLUSION, occlusions_left_out
from quizzer.interchange.anki_occlusion import PackageImages, occlusion_cards
from quizzer.interchange.apkg import AnkiCard, AnkiCollection, AnkiNote, Description, NoteType
from quizzer.interchange.cloze_nesting import nested_warning, one_text_per_gap
from quizzer.interchange.faithful import ITEM_FIELD, moved_images, restored_item
from quizzer.interchange.html import SOUND, escaped, html_to_markdown, plain_text
from quizzer.interchange.html_controls import dropped_control
from quizzer.interchange.html_media import has_media, media_as_text
from quizzer.interchange.identity import key_for_guid, numbered, quizzer_guid
from quizzer.interchange.occlusion_draw import Drawing

__all__ = ["EMPTY", "SUSPENDED", "AnkiDeckPlan", "Item", "plan_decks"]

Item = dict[str, object]
EMPTY = "(empty)"
"""What an empty required field becomes: a deck text may not be empty."""

SUSPENDED = -1
"""The queue of a suspended Anki card."""
_ORD = attrgetter("ord")
_FIELD_REF = re.compile(r"\{\{(?![#/^!])([^{}]+)\}\}")
"""A field a template shows: `{{Name}}` or `{{filter:Name}}` (not the section markers)."""


@dataclass(slots=True)
class AnkiDeckPlan:
    """One deck to write: its items per section, the media files it references, and
    which Anki card each card id is (its queue says whether it is suspended)."""

    deck_id: str
    title: str
    anki_id: int
    """The Anki deck's id (its deck file's first line names it)."""
    returning: bool
    """A deck quizzer exported, coming back under its own id (anki_deck_ids.deck_ids)."""
    known: Mapping[str, str]
    """The package's media list (file name -> zip member)."""
    held: frozenset[str] = frozenset()
    """Of a deck coming back, the keys of the notes its file in the folder held before
    (anki_deck_ids.EarlierDecks.notes): quizzer exported those, while a note added in
    Anki since is Anki's HTML (`_build`)."""
    description: str | None = None
    """The Anki deck's description, as Markdown (the deck file's `description:`)."""
    sizes: Mapping[str, int] = field(default_factory=dict)
    """File name -> bytes, of the package's media files."""
    active: dict[str, list[Item]] = field(default_factory=lambda: defaultdict(list))
    """The deck file's items by section (suspended notes' too)."""
    media: set[str] = field(default_factory=set)
    """The media-list names of the files the deck's notes show or play."""
    missing: set[str] = field(default_factory=set)
    """The files its notes name that the package has not got."""
    stamps: set[int] = field(default_factory=set)
    """Of a deck coming back, its notes' modification times (writing.DeckOut's)."""
    too_large: set[str] = field(default_factory=set)
    """The images its notes show that are larger than a deck may show."""
    anki_cards: dict[str, AnkiCard] = field(default_factory=dict)
    drawings: list[Drawing] = field(default_factory=list)
    """The images its Image Occlusion cards show, to draw (anki_occlusion.py)."""
    dropped: list[tuple[str, str]] = field(default_factory=list)
    """The notes whose text lost a control character (deck text may not hold one), in
    the collection's order: each one's front as imported, and the first such character,
    for the import's warning."""
    emptied: dict[str, str] = field(default_factory=dict)
    """The cloze notes an empty cloze (`{{c1::}}`) was taken out of (anki_kinds.py): the
    start of each one's card ids (`deck/cards/key`) -> its text, for the import's
    warning (which counts those written)."""
    notes: dict[tuple[str, int], str] = field(default_factory=dict)
    """(section, index in active) -> the note's first field as text, for warnings."""
    positions: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    """Each item's place in Anki's new-card order (`_position`), by section."""

    def media_path(self, src: str) -> str | None:
        """Where the file of an image `src` of a note is, as the deck file refers to it
        (None: the package has no such file); the file is noted for copying."""
        name = self.media_file(src)
        if name is None:
            return None
        if self.sizes.get(name, 0) > IMAGE_MAX_BYTES:
            self.too_large.add(name)
            return None
        return media_file(self.deck_id, name)

    def media_file(self, src: str) -> str | None:
        """The media-list name `src` refers to (as written, or percent-encoded as
        some editors write a name), noted for copying; None when there is none."""
        for name in (src, unquote(src)):
            if name in self.known:
                self.media.add(name)
                return name
        self.missing.add(src)
        return None


@dataclass(slots=True)
class _Built:
    section: str
    key: str
    item: Item
    variants: dict[int, str]


def plan_decks(
    collection: AnkiCollection,
    warnings: list[str],
    earlier: EarlierDecks,
    images: PackageImages,
) -> list[AnkiDeckPlan]:
    """The decks `collection` makes, in Anki deck-name order; warnings appended.
    `earlier`: the decks imports wrote to the folder before (anki_deck_ids.py);
    `images`: the package's images an Image Occlusion note is drawn on."""
    cards_of: dict[int, list[AnkiCard]] = defaultdict(list)
    for card in collection.cards:
        cards_of[card.note_id].append(card)
    plans: dict[int, AnkiDeckPlan] = {}
    ids, returning = deck_ids(collection, cards_of, earlier)
    custom_types: set[str] = set()
    sounds = unmapped = untyped = players = 0
    occlusions: Counter[str] = Counter()  # why Image Occlusion notes were left out
    copies: dict[str, int] = defaultdict(int)  # guid -> the notes kept that have it
    split: list[tuple[int, int, str]] = []  # (a card's Anki deck, its note's, the front)
    nested: list[str] = []  # the first field of each cloze note whose gaps nest
    for note in collection.notes:
        cards = sorted(cards_of.get(note.id, []), key=_ORD)
        note_type = collection.note_types.get(note.type_id)
        if not cards or note_type is None:
            untyped += note_type is None and bool(cards)
            continue
        occluded = note_type.cloze and any(OCCLUSION in value for value in note.fields)
        if has_media("".join(note.fields)):  # audio, video, a page: as text (html_media.py)
            note = note._replace(fields=tuple(map(media_as_text, note.fields)))
            players += 1
        # A later note with the guid of an earlier one (Anki keeps both) is keyed as if
        # its guid were `guid (2)`, `guid (3)`, ...: a card id of its own, the same at
        # each import while the notes keep their order (by note id), and its guid when
        # exported. Only a guid's first note has the card id of the guid.
        copies[note.guid] += 1
        guid = note.guid if copies[note.guid] == 1 else f"{note.guid} ({copies[note.guid]})"
        home = cards[0].deck_id
        plan = plans.get(home)
        if plan is None:
            title = deck_title(collection, home, warnings)
            back = home in returning
            plan = plans[home] = AnkiDeckPlan(
                ids[home], title, home, back, known=collection.media,
                held=earlier.notes.get(ids[home], frozenset()) if back else frozenset(),
                description=_description(collection.descriptions.get(home), exported=back),
                sizes=collection.media_sizes,
            )  # fmt: skip
        if plan.returning:
            plan.stamps.add(note.mod)
        if "[sound:" in "".join(note.fields):  # one test for most notes, which have none
            sounds += any(SOUND.search(value) for value in note.fields)
        if occluded:  # its cards' items, or why there are none (anki_occlusion.py)
            made = occlusion_cards(note, note_type, cards, key_for_guid(guid), plan, images)
            if isinstance(made, str):
                occlusions[made] += 1
                continue
            built_items = [_Built("cards", own, item, {n - 1: ""}) for n, own, item in made]
        else:
            built_items = _build(note, guid, note_type, cards, plan, custom_types)
            if note_type.cloze and len(built_items) > 1:
                nested.append(note.fields[0])
        if len(cards) > 1:  # a card moved to another deck comes along (`_split_warning`)
            split += [
                (card.deck_id, home, note.fields[0]) for card in cards if card.deck_id != home
            ]
        for built in built_items:
            own = [card for card in cards if card.ord in built.variants]
            items = plan.active[built.section]
            plan.notes[(built.section, len(items))] = note.fields[0][:60]
            plan.positions[built.section].append(_position(own))
            items.append(built.item)
            base = f"{plan.deck_id}/{built.section}/{built.key}"
            for card in own:
                plan.anki_cards[base + built.variants[card.ord]] = card
            unmapped -= len(own)
        unmapped += len(cards)
    for name in sorted(custom_types):
        warnings.append(
            f"note type {name!r} is not Basic or Cloze: each of its cards came in as a "
            "card item, front = the fields its template shows, back = the other fields"
        )
    if untyped:
        warnings.append(f"{untyped} note(s) of a note type the package does not hold were left out")
    for why, count in sorted(occlusions.items()):
        warnings.append(occlusions_left_out(count, why))
    if players:
        warnings.append(
            f"{players} note(s) hold an audio or video player (<audio>, <video>, <iframe>); "
            "each came in as [sound:...] (a file) or a link (the web)"
        )
    if sounds:
        warnings.append(
            f"{sounds} note(s) play sound ([sound:...]); kept as text, which `o` in the "
            "review plays in the system's player"
        )
    if unmapped:
        warnings.append(f"{unmapped} card(s) with no template in their note type were left out")
    if split:
        warnings.append(_split_warning(collection, split))
    if nested:
        warnings.append(nested_warning(len(nested), plain_text(nested[0])))
    for plan in plans.values():
        _in_new_card_order(plan)
    # (a deck of Image Occlusion notes none of which could be drawn has no item)
    kept = [plan for plan in plans.values() if any(plan.active.values())]
    return sorted(kept, key=lambda p: p.title.casefold())


def _split_warning(collection: AnkiCollection, split: list[tuple[int, int, str]]) -> str:
    """The warning for the cards that came in to another deck than their own: a note's
    cards in two Anki decks are written together, into its first card's deck."""
    other, home, front = split[0]
    return (
        f"{len(split)} card(s) came in to the deck of their note's first card, not to "
        f"their own Anki deck: a deck file holds all of a note's cards (first: "
        f"{plain_text(front)[:40]!r}, of Anki deck {deck_title(collection, other)!r}, now in "
        f"{deck_title(collection, home)!r})"
    )


def _position(cards: Iterable[AnkiCard]) -> tuple[int, int]:
    """Where an item goes in its section: at the first place in Anki's new-card order
    of its cards (a new card's `due` is its position, which Browse > Reposition and the
    random new-card order set; a studied card keeps its position in its data), so the
    file does not reorder as notes are studied; an item whose cards have no known
    position (studied in an older Anki, which did not keep it) before the others.
    Ties keep the notes' order (creation)."""
    known = [card.position for card in cards if card.position is not None]
    return (1, min(known)) if known else (0, 0)


def _in_new_card_order(plan: AnkiDeckPlan) -> None:
    """Sort each section's items by `_position`: quizzer introduces new cards
    in deck order, so they come in the order Anki would show them."""
    for section, items in plan.active.items():
        positions = plan.positions[section]
        order = sorted(range(len(items)), key=positions.__getitem__)
        if order == list(range(len(items))):
            continue
        plan.active[section] = [items[index] for index in order]
        labels = {index: plan.notes.pop((section, index), None) for index in order}
        for at, index in enumerate(order):
            if (label := labels[index]) is not None:
                plan.notes[(section, at)] = label


def _description(found: Description | None, *, exported: bool) -> str | None:
    """An Anki deck's description as Markdown: its HTML converted (an image named as
    text: a deck's description shows none; `exported`: a deck quizzer exported, coming
    back: html.html_to_markdown), or its text when Anki's Markdown option is on for it;
    None when it has none."""
    if found is None:
        return None
    if found.markdown:
        return found.text.strip() or None
    text = html_to_markdown(found.text, lambda src: None, exported=exported)
    return text.strip() or None


def _build(
    note: AnkiNote,
    guid: str,
    note_type: NoteType,
    cards: list[AnkiCard],
    plan: AnkiDeckPlan,
    custom_types: set[str],
) -> list[_Built]:
    """The items of `note`, keyed on `guid` (its own, or its copy's: `plan_decks`). Its
    HTML is read as quizzer wrote it (html.py: `exported`) when its guid is quizzer's, or
    when its deck comes back and its file held the note: a deck first imported from Anki
    keeps its notes' Anki guids, so the guid alone cannot tell; a note added in Anki to
    the deck since is Anki's."""
    ours = quizzer_guid(guid)
    key = ours.key if ours else key_for_guid(guid)
    exported = ours is not None or key in plan.held
    texts = []
    dropped = note.dropped  # one written as it is, dropped as the field was read
    readings = reading_filters(note_type)  # fields shown through `{{furigana:F}}`, ...
    for index, html in enumerate(note.fields):
        if "[sound:" in html:
            for name in SOUND.findall(html):
                plan.media_file(name)
        if index in readings:
            html = with_readings(html, readings[index])
        texts.append(
            html_to_markdown(html, plan.media_path, exported=exported, cloze=note_type.cloze)
        )
        if dropped is None and "&#" in html:  # one written as a reference
            dropped = dropped_control(html)
    if dropped is not None:
        plan.dropped.append((texts[0] if texts else "", dropped))
    tags: Item = {"tags": list(note.tags)} if note.tags else {}
    ords = {card.ord for card in cards}
    if note_type.cloze:
        at, extra_at = cloze_fields(note_type, len(texts))
        text = texts[at]
        if (kept := without_empty_clozes(text)) is not None:
            text = plan.emptied[f"{plan.deck_id}/cards/{key}"] = kept
        extra = texts[extra_at] if extra_at is not None else ""
        if len(texts) > 2 or extra_at is None:  # a field besides the text and extra
            added = _rest(note_type, _without(texts, {at, extra_at}), skip=0)
            extra = f"{extra}\n\n{added}" if extra and added else extra or added
        more: Item = {"extra": extra} if extra else {}
        if (gaps := one_text_per_gap(text)) is not None:  # gaps in gaps: an item per gap
            return _gap_items(plan, key, gaps, ords, more | tags)
        item: Item = {"type": "cloze", "id": key, "text": text or EMPTY}
        return [_Built("cards", key, item | more | tags, {o: f"/c{o + 1}" for o in ords})]
    if ITEM_FIELD in note_type.fields:  # a choice, true/false or mental model from quizzer
        values = dict(zip(note_type.fields, note.fields, strict=False))
        restored = restored_item(values, lambda path: path.rsplit("/", 1)[-1])
        if restored is None:  # edited in Anki (or not ours): a basic card of its texts
            back = texts[1] if len(texts) > 1 else ""
            restored = "cards", {"front": texts[0] or EMPTY, "back": back or EMPTY}
        section, item = restored
        item = moved_images(item, plan.media_path)
        return [_Built(section, key, {"id": key, **item} | tags, {0: ""})]
    basic = basic_kind(note_type)
    front = texts[0] if texts else ""
    if basic is None:
        custom_types.add(note_type.name)

        def filtered(index: int, kind: str) -> str:  # a field as one front shows it
            html = with_readings(note.fields[index], kind)
            return html_to_markdown(html, plan.media_path, exported=exported)

        return [_custom(note_type, texts, card.ord, key, tags, filtered) for card in cards]
    back = texts[1] if len(texts) > 1 else ""
    # the note may have more fields than its type names (a damaged package)
    example = texts[2] if len(texts) > 2 and note_type.fields[2:3] == ("Example",) else ""
    section = ours.section if ours and ours.section in ("terms", "confusions") else "cards"
    # Fields after Front and Back (one the user added): on the back, each under its
    # name; not the optional reverse's switch (`Add Reverse`), nor a term's example.
    if len(texts) > 2:  # most notes have two
        used = {0, 1, basic.switch, 2 if section == "terms" and example else None}
        added = _rest(note_type, _without(texts, used), skip=0)
        back = f"{back}\n\n{added}" if back and added else back or added
    reverse = basic.reverse and 1 in ords
    variants = {0: "", 1: "/reverse"} if reverse else {0: ""}
    if section == "terms":
        item = {"id": key, "term": front or EMPTY, "definition": back or EMPTY}
        if example:
            item["example"] = example
    elif section == "confusions":
        item = {"id": key, "question": front or EMPTY, "answer": back or EMPTY}
        variants = {0: ""}
    else:
        item = {"id": key, "front": front or EMPTY, "back": back or EMPTY}
    if reverse and section != "confusions":
        item["reverse"] = True
    return [_Built(section, key, item | tags, variants)]


def _gap_items(
    plan: AnkiDeckPlan, key: str, gaps: dict[int, str], ords: set[int], rest: Item
) -> list[_Built]:
    """The items of a cloze note whose gaps nest, one per gap number (cloze_nesting.py):
    the note's key for c1, the key and its number for the others (`key-2`, as
    `_custom`). The card of an empty gap (anki_kinds.without_empty_clozes) goes with the
    first item, which has no such gap: it is left out as an empty gap's card is."""
    built = []
    for number, text in gaps.items():
        if number - 1 in ords:
            own = key if number == 1 else numbered(key, number)
            item: Item = {"type": "cloze", "id": own, "text": text.strip()}
            built.append(_Built("cards", own, item | rest, {number - 1: f"/c{number}"}))
    if built:
        built[0].variants |= {o: f"/c{o + 1}" for o in ords if o + 1 not in gaps}
        if (emptied := plan.emptied.pop(f"{plan.deck_id}/cards/{key}", None)) is not None:
            plan.emptied[f"{plan.deck_id}/cards/{built[0].key}"] = emptied
    return built


def _custom(
    note_type: NoteType, texts: list[str], ord_: int, key: str, tags: Item,
    filtered: Callable[[int, str], str],
) -> _Built:  # fmt: skip
    """The card of template `ord_` of a note of another type, as a card item: front =
    the fields the template's front shows (the first field when it names none; not one
    it asks to type, `{{type:F}}`), back =
    the other fields, each under its name. The first template's item keeps the note's
    key; the others add their number (`key-2`; the key cut where it would be longer
    than a card id may be). A field the front shows with less of its readings than the
    other templates (`{{kanji:F}}`: anki_furigana.py) is so on the front (`filtered`)
    and on the back too."""
    names = note_type.fields
    template = note_type.fronts[ord_] if ord_ < len(note_type.fronts) else ""
    refs = [[part.strip() for part in ref.split(":")] for ref in _FIELD_REF.findall(template)]
    # (`{{type:F}}`: a box to type F in, its answer: not shown on the front)
    on_front = {names.index(ref[-1]) for ref in refs if ref[-1] in names and "type" not in ref}
    readings = reading_filters(note_type)
    less = {i: kind for i, kind in front_filters(note_type, ord_).items()
            if i in on_front and i < len(texts) and kind != readings.get(i)}  # fmt: skip
    pieces = [filtered(i, less[i]) if i in less else texts[i]
              for i in sorted(on_front) if i < len(texts)]  # fmt: skip
    front = "\n\n".join(piece for piece in pieces if piece)
    if not front:
        on_front, front = {0}, texts[0] if texts else ""
    on_back = [t if i not in on_front or i in less else "" for i, t in enumerate(texts)]
    back = _rest(note_type, on_back, skip=0)
    own = key if ord_ == 0 else numbered(key, ord_ + 1)
    item: Item = {"id": own, "front": front or EMPTY, "back": back or EMPTY}
    return _Built("cards", own, item | tags, {ord_: ""})


def _without(texts: list[str], used: Container[int | None]) -> list[str]:
    """`texts` with the fields at `used` blanked (so `_rest` leaves them out)."""
    return [text if index not in used else "" for index, text in enumerate(texts)]


def _rest(note_type: NoteType, texts: Iterable[str], *, skip: int) -> str:
    """The fields after the first `skip`, each under its name (as text; empty ones left
    out)."""
    parts = [
        f"**{label}:** {text}" if "\n" not in text else f"**{label}:**\n\n{text}"
        for name, text in list(zip(note_type.fields, texts, strict=False))[skip:]
        if text and (label := escaped(name))
    ]
    return "\n\n".join(parts)
