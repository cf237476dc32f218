"""The access rules of `quizzer serve` (quizzer/web/access.py), one by one."""

from __future__ import annotations

import base64

import pytest

from quizzer.errors import QuizzerError
from quizzer.web.access import (
    CODE_ALPHABET,
    codes_match,
    is_loopback,
    new_code,
    player_from_segment,
    validate_code,
)


def segment(name: str) -> str:
    return base64.urlsafe_b64encode(name.encode("utf-8")).decode("ascii").rstrip("=")


def test_new_codes_are_random_and_readable() -> None:
    codes = {new_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(code) == 10 and set(code) <= set(CODE_ALPHABET) for code in codes)


def test_codes_match_only_the_same_code() -> None:
    assert codes_match("ABCDEF2345", "ABCDEF2345")
    assert not codes_match("ABCDEF2344", "ABCDEF2345")
    assert not codes_match("", "ABCDEF2345")
    assert not codes_match(None, "ABCDEF2345")
    assert not codes_match("ABCDEF23456", "ABCDEF2345")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.test", ""])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def test_a_code_from_the_command_line_is_checked() -> None:
    assert validate_code("class-7B_x") == "class-7B_x"
    for bad in ["short", "has space", "x" * 65, "é" * 8, "a&b=cdef"]:
        with pytest.raises(QuizzerError):
            validate_code(bad)


def test_player_names_come_back_from_the_websocket_path() -> None:
    assert player_from_segment(segment("Ada")) == "Ada"
    assert player_from_segment(segment("  Zoë / 猫 <b>  ")) == "Zoë / 猫 <b>"
    assert player_from_segment(segment("x" * 40)) == "x" * 40


@pytest.mark.parametrize("name", ["", "   ", "x" * 41, "a\nb", "a\x1b[31mb", "tab\there"])
def test_bad_player_names_are_refused(name: str) -> None:
    assert player_from_segment(segment(name)) is None


def test_a_path_that_is_not_base64_is_refused() -> None:
    assert player_from_segment("!!!") is None
    assert player_from_segment(segment("x")[:-1] + "\xff") is None
    assert player_from_segment(base64.urlsafe_b64encode(b"\xff\xfe").decode()) is None
