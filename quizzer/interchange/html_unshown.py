"""The parts of a field a browser never shows: a `<script>` (run), a `<style>` (its CSS
applied), a `<noscript>` (scripts run in Anki's reviewer), a `<template>` and a
`<title>`, each up to its end tag. Their text came in as the card's
(`p.MsoNormal {margin:0}` from a page pasted out of Word, a script's code); they are
dropped before the field is read, as Anki's reviewer shows nothing of them."""

from __future__ import annotations

import re

__all__ = ["unshown"]

_UNSHOWN = re.compile(
    r"<(script|style|noscript|template|title)(?=[\t\n\r\f />])[^>]*>.*?(?:</\1[\t\n\r\f ]*>|\Z)",
    re.I | re.S,
)
"""One, up to its end tag, or the field's end without one (as a browser reads its text:
nothing but its end tag ends it, a comment in it included)."""


_MAY_HOLD = re.compile("<[sSnNtT]")


def unshown(html: str) -> str:
    """`html` without what a browser does not show of it (the module's)."""
    if not _MAY_HOLD.search(html):
        return html  # nearly every field
    return _UNSHOWN.sub("", html)
