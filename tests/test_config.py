"""config.toml: defaults, every key, and clear errors naming the file and the key."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizzer.config import load_settings
from quizzer.core.schedule import QueueSettings
from quizzer.errors import QuizzerError
from quizzer.paths import config_path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "config.toml") == QueueSettings()
    assert not config_path().exists()
    assert load_settings() == QueueSettings(20, 200, time(4, 0), 36500)


def test_every_key(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "config.toml",
        'new_per_day = 5\nreviews_per_day = 50\nday_starts_at = "23:30"\nmax_interval = 365\n',
    )
    assert load_settings(path) == QueueSettings(
        new_per_day=5, reviews_per_day=50, day_starts_at=time(23, 30), max_interval=365
    )


def test_default_location_is_the_platform_config_file(isolated_home: Path) -> None:
    path = _write(config_path(), "new_per_day = 7\n")
    assert path.is_relative_to(isolated_home)
    assert load_settings() == QueueSettings(new_per_day=7)


def test_some_keys_keep_the_other_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", "# only one\nreviews_per_day = 0\n")
    assert load_settings(path) == QueueSettings(reviews_per_day=0)


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(_write(tmp_path / "config.toml", "")) == QueueSettings()


def test_toml_local_time_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", "day_starts_at = 05:15:00\n")
    assert load_settings(path).day_starts_at == time(5, 15)


def test_bounds_accepted(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "config.toml",
        'new_per_day = 9999\nreviews_per_day = 99999\nday_starts_at = "00:00"\nmax_interval = 1\n',
    )
    assert load_settings(path) == QueueSettings(9999, 99999, time(0, 0), 1)


@pytest.mark.parametrize("order", ["mixed", "deck", "random"])
def test_new_order(tmp_path: Path, order: str) -> None:
    path = _write(tmp_path / "config.toml", f'new_order = "{order}"\n')
    assert load_settings(path) == QueueSettings(new_order=order)  # type: ignore[arg-type]


def test_leech_settings(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", 'leech_threshold = 5\nleech_action = "retire"\n')
    assert load_settings(path) == QueueSettings(leech_threshold=5, leech_action="retire")
    defaults = load_settings(tmp_path / "missing.toml")
    assert (defaults.leech_threshold, defaults.leech_action) == (8, "mark")


def test_new_cards_are_mixed_by_default(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "missing.toml").new_order == "mixed"


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ("new_per_day = -1", "new_per_day", "must be a whole number from 0 to 9999"),
        ("new_per_day = 10000", "new_per_day", "must be a whole number from 0 to 9999"),
        ("new_per_day = 2.5", "new_per_day", "must be a whole number from 0 to 9999"),
        ('new_per_day = "20"', "new_per_day", "must be a whole number from 0 to 9999"),
        ("new_per_day = true", "new_per_day", "must be a whole number from 0 to 9999"),
        ("reviews_per_day = -5", "reviews_per_day", "must be a whole number from 0 to 99999"),
        ("reviews_per_day = [1]", "reviews_per_day", "must be a whole number from 0 to 99999"),
        ("max_interval = 0", "max_interval", "must be a whole number from 1 to 36500"),
        ("max_interval = 36501", "max_interval", "must be a whole number from 1 to 36500"),
        ('day_starts_at = "4:00"', "day_starts_at", 'must be a time of day "HH:MM"'),
        ('day_starts_at = "24:00"', "day_starts_at", 'must be a time of day "HH:MM"'),
        ('day_starts_at = "04:60"', "day_starts_at", 'must be a time of day "HH:MM"'),
        ('day_starts_at = "dawn"', "day_starts_at", 'must be a time of day "HH:MM"'),
        ("day_starts_at = 4", "day_starts_at", 'must be a time of day "HH:MM"'),
        ("day_starts_at = 04:00:30", "day_starts_at", 'must be a time of day "HH:MM"'),
        ('new_order = "shuffled"', "new_order", 'must be "mixed", "deck" or "random"'),
        ("new_order = 1", "new_order", 'must be "mixed", "deck" or "random"'),
        ("leech_threshold = 0", "leech_threshold", "must be a whole number from 1 to 99"),
        ('leech_threshold = "8"', "leech_threshold", "must be a whole number from 1 to 99"),
        ('leech_action = "delete"', "leech_action", 'must be "mark" or "retire"'),
        ("new_cards_per_day = 5", "new_cards_per_day", "unknown setting"),
        ("[review]\nnew_per_day = 5", "review", "unknown setting"),
    ],
)
def test_invalid_value_names_file_and_key(tmp_path: Path, text: str, key: str, reason: str) -> None:
    path = _write(tmp_path / "config.toml", text + "\n")
    with pytest.raises(QuizzerError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: {key}: {reason}")
    assert caught.value.exit_code == 1


def test_message_shape(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", "new_per_day = 100000\n")
    with pytest.raises(QuizzerError, match=r"config\.toml: new_per_day: must be a whole number"):
        load_settings(path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", "new_per_day = \n")
    with pytest.raises(QuizzerError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: not valid TOML")


def test_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"new_per_day = 5 # \xff\xfe\n")
    with pytest.raises(QuizzerError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: cannot read")


def test_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(QuizzerError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: cannot read")


def test_scheduler_settings_and_per_deck_ones(tmp_path: Path) -> None:
    fitted = [*DEFAULT_PARAMETERS[:4], 5.0, *DEFAULT_PARAMETERS[5:]]
    weights = ", ".join(str(w) for w in fitted)
    path = _write(
        tmp_path / "config.toml",
        'scheduler = "fsrs"\ndesired_retention = 0.85\n'
        f'[decks.spanish]\nscheduler = "sm2"\n[decks."ml-basics"]\nfsrs_parameters = [{weights}]\n',
    )
    settings = load_settings(path)
    assert (settings.scheduler, settings.desired_retention) == ("fsrs", 0.85)
    assert settings.scheduling("spanish") == ("sm2", 0.85, None)
    name, retention, parameters = settings.scheduling("ml-basics")
    assert (name, retention) == ("fsrs", 0.85) and parameters is not None
    assert len(parameters) == 21 and parameters[4] == 5.0
    assert settings.scheduling("other") == ("fsrs", 0.85, None)
    assert QueueSettings().scheduling("any") == ("sm2", 0.9, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('scheduler = "anki"', 'scheduler: must be "sm2" or "fsrs"'),
        ("scheduler = 2", 'scheduler: must be "sm2" or "fsrs"'),
        ("desired_retention = 0.99", "desired_retention: must be between 0.70 and 0.97"),
        ("desired_retention = 0.5", "desired_retention: must be between 0.70 and 0.97"),
        ('desired_retention = "high"', "desired_retention: must be between 0.70 and 0.97"),
        ("desired_retention = true", "desired_retention: must be between 0.70 and 0.97"),
        ("fsrs_parameters = [1, 2]", "fsrs_parameters: must be a list of 21 numbers"),
        (
            f"fsrs_parameters = [{', '.join(['100.0'] * 21)}]",
            "fsrs_parameters: not FSRS weights: parameters[4] = 100.0 is out of bounds",
        ),
        ('decks = "x"', "decks: must be tables such as [decks."),
        ('[decks.spanish]\nschedule = "fsrs"', "decks.spanish.schedule: unknown deck setting"),
        ('[decks.spanish]\nscheduler = "fsrs6"', 'decks.spanish.scheduler: must be "sm2" or'),
        (
            "[decks.spanish]\ndesired_retention = 1",
            "decks.spanish.desired_retention: must be between 0.70 and 0.97",
        ),
    ],
)
def test_bad_scheduler_settings_are_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path / "config.toml", text + "\n")
    with pytest.raises(QuizzerError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)
