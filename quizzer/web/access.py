"""Who may use the server: the access code, the loopback rule and the player name a tab
sends. Pure functions, so that each rule is tested without a server."""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import secrets

from quizzer.errors import QuizzerError

__all__ = [
    "CODE_ALPHABET",
    "codes_match",
    "is_loopback",
    "new_code",
    "player_from_segment",
    "validate_code",
]

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I: a code is read aloud in a classroom and typed from a projector."""
CODE_LENGTH = 10


def new_code() -> str:
    """A random access code: 10 characters of 32, about 50 bits."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def validate_code(code: str) -> str:
    """A --code given on the command line: 6 to 64 letters, digits, '-' or '_' (it
    travels in a URL and a cookie, unescaped)."""
    ok = 6 <= len(code) <= 64 and all(c.isascii() and (c.isalnum() or c in "-_") for c in code)
    if not ok:
        raise QuizzerError("--code must be 6 to 64 letters, digits, '-' or '_'", exit_code=2)
    return code


def codes_match(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so that response times tell nothing about the code."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def is_loopback(host: str) -> bool:
    """Whether binding `host` keeps the server on this machine ("localhost" too)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any address


def player_from_segment(segment: str) -> str | None:
    """The player name a tab puts in its websocket path (base64url of its UTF-8, so that
    any name survives the URL), or None unless it is a valid player (players.py)."""
    from quizzer.players import validate_player

    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        return validate_player(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError, QuizzerError):
        return None
