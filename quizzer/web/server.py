"""The web server of `quizzer serve` (aiohttp, as textual-serve uses).

Each websocket is one browser tab and one quizzer process, started by textual-serve's
AppService with the tab's player name in its environment (`QUIZZER_PLAYER`), so every
tab's answers land in the one database under its own player. The page is our own
(page.html, page.js): it asks the player's name, keeps it in the tab's sessionStorage,
and loads nothing from another origin (textual-serve's stock page links a web font).
"""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from aiohttp import WSMsgType, web
from aiohttp.typedefs import Middleware
from textual_serve.app_service import AppService
from textual_serve.download_manager import Download, DownloadManager

from quizzer.errors import QuizzerError
from quizzer.web.access import codes_match, is_loopback, player_from_segment

__all__ = ["COOKIE", "ServeOptions", "build_app", "run_server"]

COOKIE = "quizzer_code"
HERE = Path(__file__).resolve().parent
SECURITY_HEADERS = {
    # Nothing but this server: no font, script or connection to another origin.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class ServeOptions:
    """`command`: the argv of one tab's quizzer process. `code`: the access code every
    request must carry (None: none asked, on a loopback address only). `max_tabs`: how
    many tabs (processes) may run at once; one more is refused with 503."""

    host: str
    port: int
    command: Sequence[str]
    environment: Mapping[str, str] = field(default_factory=dict)
    """Added to each tab process's environment (the database URL: commands/serve.py)."""
    code: str | None = None
    max_tabs: int = 60
    on_listening: Callable[[str, int], None] = field(default=lambda host, port: None)


class _PlayerAppService(AppService):
    """textual-serve's AppService with the tab's player in the process environment (never
    in the shell command line, which AppService runs through a shell)."""

    def __init__(
        self, command: str, player: str, environment: Mapping[str, str], **kwargs: object
    ) -> None:
        super().__init__(command, **kwargs)  # type: ignore[arg-type]
        self.player = player
        self.environment = environment

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.update(self.environment)
        environment["QUIZZER_PLAYER"] = self.player
        return environment

    async def run(self) -> None:
        # A process that ends (quit, or failed before its first frame) closes its tab's
        # websocket, so the page says the session ended instead of staying blank.
        await super().run()
        await self.remote_close()


def build_app(options: ServeOptions) -> web.Application:
    """The aiohttp application: the page, its script, textual-serve's static files and
    the websocket, all behind `_guard`."""
    import shlex

    import textual_serve

    command = shlex.join(options.command)
    static = Path(textual_serve.__file__).resolve().parent / "static"
    downloads = DownloadManager()
    sockets: set[web.WebSocketResponse] = set()

    async def page(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(HERE / "page.html")

    async def no_icon(request: web.Request) -> web.StreamResponse:
        return web.Response(status=204)  # browsers ask; there is none, and no 404 to log

    async def script(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(HERE / "page.js")

    async def websocket(request: web.Request) -> web.StreamResponse:
        player = player_from_segment(request.match_info["player"])
        if player is None:
            raise web.HTTPBadRequest(text="a player name is 1 to 40 printable characters")
        if len(sockets) >= options.max_tabs:
            raise web.HTTPServiceUnavailable(
                text=f"{options.max_tabs} tabs are open already, the most this server runs"
            )
        width = _bounded(request.query.get("width"), 80)
        height = _bounded(request.query.get("height"), 24)
        socket = web.WebSocketResponse(heartbeat=15)
        await socket.prepare(request)
        sockets.add(socket)
        service = _PlayerAppService(
            command,
            player,
            options.environment,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=socket.close,
            download_manager=downloads,
        )
        try:
            await service.start(width, height)
            await _relay(socket, service)
        finally:
            sockets.discard(socket)
            await service.stop()
        return socket

    async def download(request: web.Request) -> web.StreamResponse:
        """A file a tab's process sent (`o` on a card's image: tui/widgets/card_images.py),
        once, by the unguessable key it was given."""
        try:
            sent = await downloads.get_download_metadata(request.match_info["key"])
        except KeyError:
            return web.Response(status=404, text="no such file: each is sent once\n")
        response = web.StreamResponse(headers=_delivery_headers(sent))
        await response.prepare(request)
        async for chunk in downloads.download(request.match_info["key"]):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def close_tabs(app: web.Application) -> None:
        for socket in list(sockets):
            await socket.close()

    app = web.Application(middlewares=[_guard(options.code)])
    app.add_routes(
        [
            web.get("/", page),
            web.get("/quizzer/page.js", script),
            web.get("/favicon.ico", no_icon),
            web.get("/ws/{player}", websocket),
            web.get("/download/{key}", download),
            web.static("/static", static),
        ]
    )
    app.on_shutdown.append(close_tabs)
    return app


def _delivery_headers(sent: Download) -> dict[str, str]:
    """A sent file's headers: its type as the process named it, shown in the tab or saved
    under its own name, and a sandbox, so a deck's SVG or HTML file runs no script with
    this server's origin."""
    name = sent.file_name or "file"
    ascii_name = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
                         for c in name)  # fmt: skip
    disposition = "inline" if sent.open_method == "browser" else "attachment"
    encoded = quote(name, safe="")
    return {
        **SECURITY_HEADERS,
        "Content-Security-Policy": (
            "default-src 'none'; img-src 'self' data:; media-src 'self'; "
            "style-src 'unsafe-inline'; sandbox"
        ),
        "Content-Type": sent.mime_type or "application/octet-stream",
        "Content-Disposition": (
            f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"
        ),
    }


def _guard(code: str | None) -> Middleware:
    """Every request, page, file or websocket: 403 without the access code (from `?code=`
    or the cookie the page's first response sets), 403 for a websocket opened by a page
    of another origin; and the security headers on every answer."""

    @web.middleware
    async def guard(
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        from_query = request.query.get("code")
        if code is None and not _loopback_host(request.host):
            # No code: only this machine's browsers, by a loopback name (a site whose name
            # is made to point at 127.0.0.1 would otherwise be this page's origin).
            return _forbidden("open this server by its loopback address")
        if code is not None and not (
            codes_match(from_query, code) or codes_match(request.cookies.get(COOKIE), code)
        ):
            return _forbidden("this quizzer needs its access code: open the address with ?code=")
        if request.path.startswith("/ws/") and not _same_origin(request):
            return _forbidden("a websocket from another site")
        response = await handler(request)
        if not response.prepared:
            response.headers.update(SECURITY_HEADERS)
            if code is not None and codes_match(from_query, code):
                response.set_cookie(COOKIE, code, httponly=True, samesite="Strict", path="/")
        return response

    return guard


def _forbidden(reason: str) -> web.Response:
    return web.Response(status=403, text=f"403 forbidden: {reason}\n", headers=SECURITY_HEADERS)


def _loopback_host(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return is_loopback(name.strip("[]"))


def _same_origin(request: web.Request) -> bool:
    """A browser names the page that opens a websocket in Origin: only this server's own
    page may (a page elsewhere could otherwise drive a loopback server)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser
    from urllib.parse import urlsplit

    return urlsplit(origin).netloc.lower() == request.host.lower()


def _bounded(text: str | None, default: int) -> int:
    if text is None or not text.isdecimal() or len(text) > 4:
        return default
    return min(max(int(text), 10), 1000)


async def _relay(socket: web.WebSocketResponse, service: AppService) -> None:
    """The browser's messages to the process: keys, resizes, focus, pings."""
    async for message in socket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        except (ValueError, TypeError, IndexError, KeyError):
            continue
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            width, height = data.get("width"), data.get("height")
            if isinstance(width, int) and isinstance(height, int):
                await service.set_terminal_size(width, height)
        elif kind == "ping":
            await socket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def run_server(options: ServeOptions) -> None:
    """Serve until SIGINT or SIGTERM; a port already taken is a one-line error."""
    asyncio.run(_serve(options))


async def _serve(options: ServeOptions) -> None:
    runner = web.AppRunner(build_app(options), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, options.host, options.port)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        reason = error.strerror or str(error)
        raise QuizzerError(f"cannot listen on {options.host}:{options.port}: {reason}") from None
    port = runner.addresses[0][1] if runner.addresses else options.port
    options.on_listening(options.host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
