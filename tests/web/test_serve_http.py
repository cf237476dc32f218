"""`quizzer serve` as a real process, reached over real HTTP and websockets: the code it
asks off loopback, refused pages and websockets, and nothing loaded from elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from web_helpers import served, tiny_deck
from yarl import URL

from quizzer.web.server import COOKIE

PLAYER = "QWRh"  # base64url of "Ada"


async def status(session: aiohttp.ClientSession, url: str) -> int:
    async with session.get(url, allow_redirects=False) as response:
        await response.read()
        return response.status


async def websocket_status(url: str, **headers: str) -> int:
    """The status of the websocket handshake: 101 when it opened."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as socket:
                await socket.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def test_off_loopback_a_code_is_made_and_everything_needs_it(tmp_path: Path) -> None:
    with served(tmp_path / "q.db", host="0.0.0.0") as server:
        assert server.url.startswith("http://0.0.0.0:")
        code = server.url.split("?code=")[1]
        assert len(code) == 10
        base = server.origin
        jar = aiohttp.CookieJar(unsafe=True)  # keeps cookies of an IP address, as browsers do
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            for path in ["/", "/static/js/textual.js", "/quizzer/page.js", "/nothing-here",
                         "/download/0f8d2e6c-7d4b-4a47-9d0e-9c4f3f7f1e11"]:  # fmt: skip
                assert await status(session, base + path) == 403, path
                assert await status(session, f"{base}{path}?code=WRONGCODE1") == 403, path
            assert await status(session, f"{base}/?code={code[:-1]}") == 403
            assert await status(session, f"{base}/?code={code}") == 200
            # the page's first answer sets the code as a cookie: its files load with it
            assert await status(session, f"{base}/static/js/textual.js") == 200
            # a file no tab sent: not found, and the answer carries the headers too
            async with session.get(f"{base}/download/no-such-key") as response:
                assert response.status == 404
                assert response.headers["X-Content-Type-Options"] == "nosniff"
            cookie = session.cookie_jar.filter_cookies(URL(base))[COOKIE]
            assert cookie.value == code
        assert await websocket_status(f"{base}/ws/{PLAYER}") == 403
        assert await websocket_status(f"{base}/ws/{PLAYER}?code=WRONGCODE1") == 403
        assert await websocket_status(f"{base}/ws/{PLAYER}?code={code}") == 101
        assert await websocket_status(f"{base}/ws/{PLAYER}", Cookie=f"{COOKIE}={code}") == 101


async def test_a_code_given_is_asked_on_loopback_too(tmp_path: Path) -> None:
    with served(tmp_path / "q.db", "--code", "class-7b") as server:
        assert server.url.endswith("/?code=class-7b")
        async with aiohttp.ClientSession() as session:
            assert await status(session, server.origin + "/") == 403
            assert await status(session, server.origin + "/?code=class-7b") == 200


async def test_loopback_needs_no_code_but_refuses_other_sites(tmp_path: Path) -> None:
    with served(tmp_path / "q.db") as server:
        assert server.url == server.origin + "/"
        async with aiohttp.ClientSession() as session:
            assert await status(session, server.origin + "/") == 200
        ws = server.origin.replace("http:", "ws:") + f"/ws/{PLAYER}"
        # a page of another site may not open a websocket on this server
        assert await websocket_status(ws, Origin="http://evil.test") == 403
        assert await websocket_status(ws, Origin=server.origin) == 101
        # a player name that is not 1 to 40 printable characters
        assert await websocket_status(ws.replace(PLAYER, "Cg")) == 400  # "\n"


async def test_without_a_code_only_loopback_names_are_served(tmp_path: Path) -> None:
    """A site whose name is made to point at 127.0.0.1 is not this server's origin."""
    with served(tmp_path / "q.db") as server:
        port = server.origin.rsplit(":", 1)[1]
        async with aiohttp.ClientSession() as session:
            for host, expected in [
                (f"evil.test:{port}", 403),
                (f"localhost:{port}", 200),
                (f"127.0.0.1:{port}", 200),
                (f"[::1]:{port}", 200),
            ]:
                async with session.get(server.origin + "/", headers={"Host": host}) as got:
                    assert got.status == expected, host
        ws = server.origin.replace("http:", "ws:") + f"/ws/{PLAYER}"
        assert await websocket_status(ws, Host=f"evil.test:{port}") == 403


async def test_one_tab_more_than_allowed_is_refused(tmp_path: Path) -> None:
    with served(tmp_path / "q.db", "--max-tabs", "1") as server:
        ws = server.origin.replace("http:", "ws:") + f"/ws/{PLAYER}"
        async with aiohttp.ClientSession() as session, session.ws_connect(ws) as first:
            assert await websocket_status(ws) == 503
            await first.close()


async def test_the_page_names_only_this_server(tmp_path: Path) -> None:
    """No font, script or style from another origin, and a policy that forbids them."""
    with served(tmp_path / "q.db") as server:
        async with aiohttp.ClientSession() as session, session.get(server.origin + "/") as got:
            page = await got.text()
            policy = got.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert "http" not in page.replace('lang="en"', "")


def quizzer(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--code", "a b"], "--code must be 6 to 64 letters"),
        (["--port", "70000"], "must be a whole number from 0 to 65535"),
        (["--deck", "nope", "--decks", "."], "nope"),
        (["--deck", "capitals", "--join", "QZ-7K3M"], "give --deck or --join, not both"),
    ],
)
def test_bad_options_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    done = quizzer(tmp_path, "serve", *args)
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    tiny_deck(tmp_path / "decks")
    with served(tmp_path / "q.db") as server:
        port = server.origin.rsplit(":", 1)[1]
        done = quizzer(tmp_path, "serve", "--port", port)
    assert done.returncode == 1
    assert done.stderr.startswith(f"quizzer: error: cannot listen on 127.0.0.1:{port}")
    assert done.stderr.count("\n") == 1
