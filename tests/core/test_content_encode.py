"""A card's payload JSON is exactly what the JSON encoder writes of its fields, whether
`encode` writes it field by field (texts and nulls) or hands it to the encoder."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from quizzer.core.content import (
    BasicContent,
    CardContent,
    ChoiceContent,
    ClozeContent,
    ConfusionContent,
    MappingContent,
    ModelContent,
    TermContent,
    TrueFalseContent,
    decode,
    encode,
)

TEXTS = [
    "plain",
    "",
    'quotes " and \\ backslashes',
    "tab\tnew\nline\rcarriage \x00 nul \x1f unit",
    "ねこ größe сырой 🐈 é\u0301",
    "\u2028 line separator \u2029",
    "</script> & <b>",
    "\ud800 lone surrogate",
]

PAYLOADS: list[tuple[str, CardContent]] = [
    *[("term", TermContent(text, text[::-1], None)) for text in TEXTS],
    *[("term", TermContent("t", "d", text)) for text in TEXTS],
    ("model", ModelContent("name", "summary", (("a", "b"), ("c", "d")))),
    ("model", ModelContent("name", "summary", ())),
    ("mapping", MappingContent("model", "concept", 'picture "x"')),
    *[("confusion", ConfusionContent(text, "answer")) for text in TEXTS],
    ("basic", BasicContent("front", "back")),
    ("cloze", ClozeContent("a {{c1::b}}", 1, None)),
    ("cloze", ClozeContent("a {{c12::b}}", 12, "extra")),
    ("choice", ChoiceContent("q", "a", ("b", "c"), None)),
    ("true_false", TrueFalseContent("statement", True, None)),
    ("true_false", TrueFalseContent("statement", False, "why")),
]


@pytest.mark.parametrize(("kind", "content"), PAYLOADS)
def test_the_payload_is_what_the_encoder_writes(kind: str, content: CardContent) -> None:
    written = encode(content)
    assert written == json.dumps(asdict(content), ensure_ascii=False, separators=(",", ":"))
    assert decode(kind, written) == content  # type: ignore[arg-type]
