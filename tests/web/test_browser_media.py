"""A card's image in a real browser (Debian's Chromium): `o` on the review screen sends
the file to the tab, which opens it in a new tab of its own, served by quizzer with a
policy that runs nothing in it; never a viewer started on the server's machine."""

from __future__ import annotations

from pathlib import Path

from browser import BOUND_S, HOOK, drawn, new_tab, sign_in, wait_for_text, wait_until
from playwright.sync_api import Browser, Response
from web_helpers import served


def _colour_deck(folder: Path) -> bytes:
    """A deck of one card whose front shows square.png; the image's bytes."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), (220, 30, 30)).save(folder / "square.png")
    (folder / "colours.yaml").write_text(
        'title: Colours\ncards:\n  - front: "What colour is this square? '
        '![a square](square.png)"\n    back: Red\n',
        encoding="utf-8",
    )
    return (folder / "square.png").read_bytes()


def test_o_opens_the_cards_image_in_a_new_browser_tab(tmp_path: Path, browser: Browser) -> None:
    image = _colour_deck(tmp_path / "decks")
    decks = str(tmp_path / "decks")
    with served(tmp_path / "q.db", "--decks", decks, "--deck", "colours") as server:
        context, page = new_tab(browser)
        sign_in(page, server.url, "Ada")
        wait_for_text(page, "What colour", "[image: a square]")
        downloads: list[Response] = []
        context.on("response", lambda r: downloads.append(r) if "/download/" in r.url else None)
        mark = drawn(page)
        with context.expect_page(timeout=BOUND_S * 1000):
            page.keyboard.press("o")
        response = wait_until(lambda: downloads[0] if downloads else None, "the image's answer")
        assert response.status == 200
        assert response.headers["content-type"] == "image/png"
        assert response.body() == image
        policy = response.headers["content-security-policy"]
        assert "sandbox" in policy and "default-src 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        wait_for_text(page, "new browser tab", since=mark)
        context.close()


def test_a_decks_svg_runs_no_script_in_the_tab_it_opens_in(
    tmp_path: Path, browser: Browser
) -> None:
    """An SVG may hold a script: opened by `o`, it is shown, its script never runs with
    the server's origin (which could then drive the player's tabs)."""
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "plán 1.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
        '<rect width="40" height="30" fill="red"/>'
        "<script>document.documentElement.setAttribute('data-ran', 'yes')</script></svg>",
        encoding="utf-8",
    )
    (decks / "plans.yaml").write_text(
        'title: Plans\ncards:\n  - front: "Which plan? ![a plan](<plán 1.svg>)"\n    back: One\n',
        encoding="utf-8",
    )
    with served(tmp_path / "q.db", "--decks", str(decks), "--deck", "plans") as server:
        # the pages' own policies in force (new_tab sets them aside for its waits)
        context = browser.new_context(viewport={"width": 1100, "height": 700})
        context.add_init_script(path=str(HOOK))
        page = context.new_page()
        sign_in(page, server.url, "Ada")
        wait_for_text(page, "Which plan?", "[image: a plan]")
        with context.expect_page(timeout=BOUND_S * 1000) as opened:
            page.keyboard.press("o")
        tab = opened.value
        tab.wait_for_load_state()
        assert "/download/" in tab.url
        assert tab.locator("rect").count() == 1  # the SVG is shown
        tab.wait_for_timeout(300)
        assert tab.evaluate("document.documentElement.getAttribute('data-ran')") is None
        context.close()
