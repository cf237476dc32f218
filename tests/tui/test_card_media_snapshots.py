"""Snapshots of a review card with math (front, and the back with its LaTeX source) and
with an image shown as its `[image: alt]` line, at 100x30 and 80x24."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MakeApp
from PIL import Image

SnapCompare = Callable[..., bool]
DECK = r"""
id: media
title: Media
cards:
  - front: 'Which letter is $\alpha + \beta_1$?'
    back: 'Greek: $$\frac{a}{b}$$ and $\frac{$ stays'
  - front: "Name the animal: ![a cat](img/cat.png)"
    back: "A cat"
"""
SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])


@pytest.fixture
def media_app(make_app: MakeApp, workdir: Path) -> Callable[[], object]:
    (workdir / "decks" / "media.yaml").write_text(DECK, encoding="utf-8")
    (workdir / "decks" / "img").mkdir()
    Image.new("RGB", (8, 6), "orange").save(workdir / "decks" / "img" / "cat.png")
    return lambda: make_app(("review", "decks/media.yaml"))


@SIZES
def test_review_math_revealed(
    snap_compare: SnapCompare, media_app: Callable[[], object], size: tuple[int, int]
) -> None:
    assert snap_compare(media_app(), terminal_size=size, press=["space"])


@SIZES
def test_review_image_line(
    snap_compare: SnapCompare, media_app: Callable[[], object], size: tuple[int, int]
) -> None:
    assert snap_compare(media_app(), terminal_size=size, press=["space", "4"])
