"""A cloze card's gap and answer as the review draws them, from the marks of
`shown_cloze` (core/content.py): the gap as its brackets (`[...]`, `[hint]`), the answer
in bold, wherever they stand.

The marks are noncharacters, which no Markdown rule reads, so the parser reads the text
around them as it is written; this rule then turns them into what they stand for:

- in text, the gap's marks into its brackets as text (never a link's, as `[...](x)`
  would be), and the answer's into strong emphasis, also when the answer is bold or
  italic itself or stands beside punctuation within a word, where `**` would be drawn
  as asterisks;
- in a code span, the same: the code span is cut in pieces, the answer's bold;
- in a code block, the gap's brackets; the answer's places in the block's code go in
  its token's meta (`CODE_ANSWERS`), for the review's code block to draw it bold and
  underlined (the highlighting bolds operators and keywords);
- an answer over paragraphs is bold in each.
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from quizzer.core.content import SHOWN_MARKS

__all__ = ["CODE_ANSWERS", "cloze_marks"]

(_GAP_OPEN, _GAP_CLOSE), (_OPEN, _CLOSE) = SHOWN_MARKS
_MARK = re.compile(f"([{_OPEN}{_CLOSE}])")
_MARKS = frozenset("".join(SHOWN_MARKS.gap + SHOWN_MARKS.answer))
_BRACKETS = str.maketrans({_GAP_OPEN: "[", _GAP_CLOSE: "]", _OPEN: None, _CLOSE: None})
_GAP_BRACKETS = str.maketrans({_GAP_OPEN: "[", _GAP_CLOSE: "]"})
_CODE_BLOCKS = frozenset({"fence", "code_block"})
_MARKED = frozenset({"text", "code_inline"})
CODE_ANSWERS = "quizzer_answers"
"""A code block token's meta key: the (start, end) of each answer in its code."""


def cloze_marks(state: StateCore) -> None:
    """The core rule (module docstring)."""
    if not _MARKS.intersection(state.src):
        return
    bold = False  # within the answer, from one block to the next
    for block in state.tokens:
        if block.type in _CODE_BLOCKS:
            block.content, answers, bold = _code_answers(block.content, bold)
            if answers:
                block.meta[CODE_ANSWERS] = answers
        if block.type != "inline" or block.children is None:
            continue
        children = [_strong("open")] if bold else []
        for child in block.children:
            if child.type not in _MARKED or not _MARKS.intersection(child.content):
                for grandchild in child.children or ():  # an image's alt text
                    bold = _bold_after(grandchild.content, bold)
                    grandchild.content = grandchild.content.translate(_BRACKETS)
                children.append(child)
                continue
            for piece in _MARK.split(child.content.translate(_GAP_BRACKETS)):
                if piece in (_OPEN, _CLOSE):
                    if bold != (piece == _OPEN):
                        bold = not bold
                        children.append(_strong("open" if bold else "close"))
                elif piece:
                    children.append(Token(child.type, child.tag, 0, content=piece))
        if bold:
            children.append(_strong("close"))
        block.children = children


def _code_answers(code: str, bold: bool) -> tuple[str, tuple[tuple[int, int], ...], bool]:
    """`code` without the answer's marks, where the answer stands in it, and whether the
    answer goes on after it (`bold`: it started before)."""
    pieces: list[str] = []
    answers: list[tuple[int, int]] = []
    start, at = (0 if bold else None), 0
    for piece in _MARK.split(code.translate(_GAP_BRACKETS)):
        if piece == _OPEN:
            start = at if start is None else start
        elif piece == _CLOSE:
            if start is not None and at > start:
                answers.append((start, at))
            start = None
        else:
            pieces.append(piece)
            at += len(piece)
    if start is not None and at > start:
        answers.append((start, at))
    return "".join(pieces), tuple(answers), start is not None


def _bold_after(text: str, bold: bool) -> bool:
    """Whether the answer goes on after `text`, drawn without its marks."""
    last = max(text.rfind(_OPEN), text.rfind(_CLOSE))
    return bold if last < 0 else text[last] == _OPEN


def _strong(edge: str) -> Token:
    return Token(f"strong_{edge}", "strong", 1 if edge == "open" else -1, markup="**")
