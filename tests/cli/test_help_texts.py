"""Help in the user's language: Vietnamese by default, English with --lang en or an English
locale; every option described from the message table with a word for its value, never a
type name; the exit statuses in every command's help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from commandline import run_installed
from kcstats.cli import app
from kcstats.messages import table

COMMANDS = ["validate", "merge", "template"]
VIETNAMESE = ("Cách dùng:", "Tùy chọn", "Mã thoát: 0")
ENGLISH = ("Usage:", "Options", "Exit status: 0")
# What Typer shows when an option has no metavar: <int range>, PATH <list[Path]>, <str>.
TYPE_NAME = re.compile(r"<[a-z][\w \[\]|.]*>|\[x[<>]=|\[required\]|\[default: ")


def helps(args: list[str], env: dict[str, str] | None = None) -> str:
    environment = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", **(env or {})}
    done = CliRunner().invoke(app, args, env=environment)
    assert done.exit_code == 0, done.output
    return done.stdout


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_vietnamese_by_default_with_the_exit_statuses(command: list[str]) -> None:
    shown = helps([*command, "--help"])
    assert all(word in shown for word in VIETNAMESE), shown
    assert not any(word in shown for word in ENGLISH)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_english_with_lang_en(command: str) -> None:
    shown = helps([command, "--help", "--lang", "en"])
    assert all(word in shown for word in ENGLISH), shown
    assert "Mã thoát" not in shown


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_english_in_an_english_locale(command: list[str]) -> None:
    shown = helps([*command, "--help"], {"LANG": "en_US.UTF-8"})
    assert all(word in shown for word in ENGLISH), shown
    assert "Mã thoát" not in shown


@pytest.mark.parametrize("command", COMMANDS)
def test_lang_vi_wins_over_an_english_locale(command: str) -> None:
    shown = helps([command, "--lang", "vi", "--help"], {"LANG": "en_US.UTF-8"})
    assert all(word in shown for word in VIETNAMESE), shown


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_a_word_for_each_value_never_a_type_name(command: str, lang: str) -> None:
    shown = helps([command, "--help", "--lang", lang])
    assert TYPE_NAME.findall(shown) == []


def test_merge_help_names_its_values_as_a_user_types_them() -> None:
    shown = helps(["merge", "--help"])
    for usage in (
        "kcstats merge [OPTIONS] PATH...",
        "PATH...",
        "-o, --output FILE",
        "-j, --jobs N",
        "--min-pct N",
        "--compare BASE TARGET",
        "--regions conference|socioeconomic|FILE",
        "-f, --format table|json|csv|md",
        "--force",
    ):
        assert usage in shown, usage
    words = " ".join(shown.split())  # the help is wrapped to the terminal
    assert "Ghi kết quả vào tệp FILE (.json .csv .md .xlsx .parquet)" in words


def test_every_option_and_argument_of_every_command_has_its_help_in_both_languages() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    texts = table()
    missing = []
    for name, command in [("kcstats", root), *root.commands.items()]:
        for param in command.params:
            own, shared = f"help.{name}.{param.name}", f"help.common.{param.name}"
            if own not in texts and shared not in texts:
                missing.append(own)
        for key in (f"help.{name}", f"help.{name}.exit"):
            if key not in texts:
                missing.append(key)
    assert missing == []


def test_every_option_that_takes_a_value_has_a_metavar() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    bare = [
        f"{name} {param.name}"
        for name, command in root.commands.items()
        for param in command.params
        if not getattr(param, "is_flag", False) and not param.metavar
    ]
    assert bare == []


def test_the_installed_command_answers_help_in_either_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    vietnamese = run_installed("merge", "--help", cwd=tmp_path)
    assert vietnamese.returncode == 0
    assert all(word in vietnamese.stdout for word in VIETNAMESE)
    english = run_installed("merge", "--help", "--lang", "en", cwd=tmp_path)
    assert all(word in english.stdout for word in ENGLISH)
    assert TYPE_NAME.findall(vietnamese.stdout + english.stdout) == []


def test_the_installed_command_follows_an_english_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    done = run_installed("merge", "--help", cwd=tmp_path)
    assert done.returncode == 0
    assert all(word in done.stdout for word in ENGLISH)
    usage_error = run_installed("merge", "--bogus", cwd=tmp_path)
    assert usage_error.returncode == 2
    assert usage_error.stderr.startswith("Usage: kcstats merge [OPTIONS] PATH...")
