"""The README stays current: its key table names every key the help screen lists, its
two commands are the ones CI runs, and its links and the docs' lead to files and headings
of the repository."""

from __future__ import annotations

import re
from pathlib import Path

from quizzer.tui.app import QuizzerApp
from quizzer.tui.screens.help import NOT_KEYS, help_sections

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match is not None, f"README has no '## {title}' section"
    return match.group(1)


def test_every_help_key_is_in_the_readme_key_table() -> None:
    table = _section("Keys")
    documented = set(re.findall(r"`([^`]+)`", table))
    listed = {
        key
        for section, rows in help_sections(QuizzerApp)
        if section not in NOT_KEYS
        for key, _ in rows
    }
    assert listed - documented == set()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", _section("Two commands"), re.S)
    assert len(commands) == 2
    assert commands[1] in ci


def test_the_deck_format_reference_is_a_file_of_the_repository() -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", README)
    assert "docs/deck-format.md" in links
    assert "design notes" not in README
    outside = [link for link in links if ".." in Path(link).parts or link.startswith("/")]
    assert outside == []


def _without_code_blocks(markdown: str) -> str:
    """A `# comment` in a YAML or shell example is no heading."""
    return re.sub(r"^ *```.*?^ *```", "", markdown, flags=re.M | re.S)


def _prose(markdown: str) -> str:
    """The text outside code: a link written as an example in code is none."""
    return re.sub(r"(`+).+?(?<!`)\1(?!`)", "", _without_code_blocks(markdown), flags=re.S)


def _links(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", _prose(markdown))


def _anchors(markdown: str) -> set[str]:
    """The anchors a Markdown viewer gives the headings: lower case, punctuation but `-`
    and `_` dropped, spaces as `-`."""
    headings = re.findall(r"^#{1,6} (.+)$", _without_code_blocks(markdown), re.M)
    return {re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-") for title in headings}


def test_every_relative_link_of_the_documentation_is_a_file_of_the_repository() -> None:
    broken = []
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        markdown = page.read_text(encoding="utf-8")
        for link in _links(markdown):
            if re.match(r"[a-z][a-z0-9+.-]*:", link):  # a web or mail address
                continue
            path, _, anchor = link.partition("#")
            target = (page.parent / path).resolve() if path else page
            if REPO not in target.parents or not target.is_file():
                broken.append(f"{page.name}: {link}")
            elif anchor and anchor not in _anchors(target.read_text(encoding="utf-8")):
                broken.append(f"{page.name}: {link} (no such heading)")
    assert broken == []


def test_the_anki_section_links_the_import_and_export_reference() -> None:
    links = _links(_section("Moving from Anki or Quizlet"))
    assert "docs/import-export.md" in [link.partition("#")[0] for link in links]


def test_the_scoring_rule_is_the_formula_the_round_uses() -> None:
    from quizzer.core.speed import RoundScore, answer_points

    scoring = _section("Speed challenge")
    match = re.search(r"min\((\d+) × \(streak − 1\), (\d+)\)", scoring)
    assert match is not None, "the streak bonus is stated as a formula"
    step, cap = int(match.group(1)), int(match.group(2))
    score = RoundScore()
    for streak in range(1, 12):  # answers at 2 s: the README's points, answer by answer
        readme_points = answer_points(2000) + min(step * (streak - 1), cap)
        assert score.record(True, 2000) == readme_points


def test_the_help_explains_both_schedulers_answers() -> None:
    sections = dict(help_sections(QuizzerApp))
    assert dict(sections["Grades (SM-2)"])["0"].startswith("complete blackout")
    assert dict(sections["Answers (FSRS)"]) == {
        "4 Easy": "recalled easily",
        "3 Good": "recalled after a hesitation",
        "2 Hard": "recalled, with serious difficulty",
        "1 Again": "forgot it",
    }
