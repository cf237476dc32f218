"""Choice, true/false and mental-model items through Anki and back.

Anki has no note type for them, so they are exported as Basic-style notes (note type
"Basic (quizzer item)": the question with its options listed, the statement with "True
or false?", or "Mental model: <name>", on the front; the answer and the explanation, or
the summary and the mapping listed, on the back) that carry the item itself in one more
field, which no template shows (a mental model's mapping cards live in quizzer only).
Importing such a note back gives the same item, as long as its front and back are still
what the export wrote (or what an export before a loose list's paragraphs went as `<p>`
wrote, the list as a tight one, or one before quizzer's math went to Anki as MathJax,
its formulas as text): a note edited in Anki comes back as a basic card with the edited
texts.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from pydantic import ValidationError

from quizzer.core.deck import ChoiceItem, MentalModel, TrueFalseItem
from quizzer.core.images import images
from quizzer.interchange.html_escape import escape
from quizzer.interchange.markdown_html import markdown_to_html

__all__ = [
    "ITEM_FIELD", "ITEM_TYPE", "NOTE_FIELDS", "Faithful", "exported_as", "faces", "item_data",
    "item_field", "moved_images", "restored_item", "section_of",
]  # fmt: skip

ITEM_TYPE = "Basic (quizzer item)"
ITEM_FIELD = "Quizzer item"
NOTE_FIELDS = ("Front", "Back", ITEM_FIELD)
"""The fields of an ITEM_TYPE note, in order."""

Faithful = ChoiceItem | TrueFalseItem | MentalModel
_ALT_ESCAPED = re.compile(r"([\[\]\\])")
_RUBY = re.compile(r"<ruby>([^<]*)<rp>([^<]*)</rp><rt>([^<]*)</rt><rp>([^<]*)</rp></ruby>")
"""A reading as the export writes it (markdown_html.py): the word, `(`, reading, `)`."""
_BESIDE_BLOCK = re.compile(
    r"(</(?:ul|ol|pre|blockquote|h[1-6])>|<hr>)<br><br>"
    r"|<br><br>(?=<(?:ul|ol|pre|blockquote|h[1-6]|hr)\b)"
)


def faces(item: Faithful) -> tuple[str, str]:
    """The item's front and back as Markdown (what Anki shows)."""
    if isinstance(item, MentalModel):
        mapping = "\n".join(f"- **{k}**: {v}" for k, v in (item.mapping or {}).items())
        return f"Mental model: {item.name}", "\n\n".join(p for p in (item.summary, mapping) if p)
    if isinstance(item, ChoiceItem):
        options = sorted([item.answer, *item.distractors], key=str.casefold)
        listed = "\n".join(f"- {option}" for option in options)
        back = "\n\n".join(p for p in (item.answer, item.explanation or "") if p)
        return f"{item.question}\n\n{listed}", back
    verdict = "True" if item.answer else "False"
    return f"{item.statement}\n\nTrue or false?", "\n\n".join(
        p for p in (verdict, item.explanation or "") if p
    )


def item_data(item: Faithful) -> dict[str, object]:
    """The item's values that its note carries (all but its id and tags), in the item's
    own order: a mapping's order is the order of its cards."""
    return item.model_dump(mode="json", exclude_none=True, exclude={"id", "tags"})


def item_field(item: Faithful) -> str:
    """The hidden field: the item as JSON (HTML-escaped: an Anki field is HTML)."""
    return html.escape(json.dumps(item_data(item), ensure_ascii=False), quote=False)


def restored_item(
    fields: dict[str, str], image: Callable[[str], str]
) -> tuple[str, dict[str, object]] | None:
    """The deck section and the item a "Basic (quizzer item)" note carries, when its
    front and back are still the ones exported from it (`image` maps an image path as
    the export did); None otherwise."""
    try:
        data = json.loads(html.unescape(fields.get(ITEM_FIELD, "")))
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        item: Faithful
        if data.get("type") == "choice":
            item = ChoiceItem.model_validate(data)
        elif data.get("type") == "true_false":
            item = TrueFalseItem.model_validate(data)
        elif "type" not in data and "name" in data:
            item = MentalModel.model_validate(data)
        else:
            return None
    except ValidationError:
        return None
    if not exported_as(item, fields.get("Front", ""), fields.get("Back", ""), image):
        return None
    return section_of(item), data


def section_of(item: Faithful) -> str:
    """The deck section an item of these kinds is in."""
    return "mental_models" if isinstance(item, MentalModel) else "cards"


def exported_as(item: Faithful, front: str, back: str, image: Callable[[str], str]) -> bool:
    """Whether `front` and `back` (HTML) are still what an export wrote for `item`
    (`image` maps an image path as the export did): today's export, or one of
    2026-12-06 or before (a loose list written tight), or one before that which wrote
    math as text."""
    shown = faces(item)
    exported = (_unspaced(front), _unspaced(back))

    def written(*, math: bool = True, loose: bool = True) -> bool:
        """Whether the note holds what an export wrote (`markdown_to_html`'s options)."""
        return exported == tuple(
            _unspaced(markdown_to_html(text, image, math=math, loose=loose)) for text in shown
        )

    earlier_math = "$" in shown[0] + shown[1]
    return written() or written(loose=False) or (earlier_math and written(math=False, loose=False))


def _unspaced(field: str) -> str:
    """`field` without a `<br><br>` beside a block Anki sets apart by its margins, and
    with one `<br>` after a table (before text or a table): exports before 2026-12-06
    wrote `<br><br>` there, today's none and one (markdown_html.py); and with a reading
    as text, `日本(にほん)`, as exports before 2026-12-07 wrote it, today's as ruby."""
    field = _BESIDE_BLOCK.sub(lambda found: found[1] or "", field)
    if "<ruby>" in field:
        field = _RUBY.sub(r"\1\2\3\4", field)
    return field.replace("</table><br><br>", "</table><br>")


def moved_images(item: dict[str, object], media: Callable[[str], str | None]) -> dict[str, object]:
    """A restored item whose images name the files the import copied: each image's path
    is the one `media` gives for its last part (the name the export gave the file, as
    `restored_item` matched it), or, where the package has no such file, the image is
    named as text, as the rest of the import names one. The item's own paths are the
    exported deck's, relative to its folder: kept, they made a deck `quizzer check`
    refuses (image not found)."""

    def moved(text: str) -> str:
        out, last = [], 0
        for ref in images(text):
            name = ref.target.rsplit("/", 1)[-1]
            path = media(name)
            alt = _ALT_ESCAPED.sub(r"\\\1", ref.alt)
            out += [
                text[last : ref.start],
                f"![{alt}]({path})" if path else escape(f"[image: {name}]"),
            ]
            last = ref.end
        return "".join(out) + text[last:]

    def value(found: object) -> object:
        if isinstance(found, str):
            return moved(found)
        if isinstance(found, list):
            return [value(entry) for entry in found]
        if isinstance(found, dict):  # a mental model's mapping: its keys name its cards
            return {key: value(entry) for key, entry in found.items()}
        return found

    return {key: value(found) for key, found in item.items()}
