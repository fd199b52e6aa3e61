"""The README stays honest: every command it shows runs, every option it names exists, and
its Python example works."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
KCSTATS = str(Path(sys.executable).with_name("kcstats"))
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == language]


def shown_commands() -> list[str]:
    lines = [line.split("#")[0].strip() for body in blocks("sh") for line in body.splitlines()]
    return [line for line in lines if line.startswith("kcstats ")]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where the README's relative paths work and its outputs can be written."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "sample_data").symlink_to(ROOT / "sample_data", target_is_directory=True)
    return folder


def test_the_readme_shows_commands_of_every_kind() -> None:
    verbs = {shlex.split(command)[1] for command in shown_commands()}
    assert {"validate", "merge", "template"} <= verbs


@pytest.mark.parametrize("command", shown_commands())
def test_every_command_shown_runs(command: str, workdir: Path) -> None:
    args = shlex.split(command)
    done = subprocess.run(
        [KCSTATS, *args[1:]],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "120"},
        check=False,
    )
    # 1 is a real answer (a refused file, a plan check); 2 would be a command line that is wrong.
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    if "problems" not in command and "--min-pct" not in command:
        assert done.returncode == 0, done.stderr


def test_every_option_the_readme_names_exists() -> None:
    helps = "\n".join(
        subprocess.run(
            [KCSTATS, *verb, "--help"], capture_output=True, text=True, check=True
        ).stdout
        for verb in ([], ["validate"], ["merge"], ["template"])
    )
    named = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", README))
    missing = sorted(option for option in named if option not in helps)
    assert missing == []


def test_the_python_example_runs(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    (example,) = blocks("python")
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)
    assert "result" in namespace and "report" in namespace


def test_the_demo_output_shown_is_what_make_demo_prints_today(workdir: Path) -> None:
    block = README.split("<!-- demo-output -->")[1].split("<!-- /demo-output -->")[0]
    shown = [line.rstrip() for line in block.splitlines()[3:-1] if line.strip()]
    done = subprocess.run(
        [KCSTATS, "merge", "sample_data/south-2012-2014"],
        cwd=workdir,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=True,
    )
    printed = [line.rstrip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert shown == printed


def test_the_two_formats_output_shown_is_what_kcstats_prints_today(workdir: Path) -> None:
    """The README's two-format example: every line it shows (between the '…' it leaves out)
    is printed today, in that order, by the commands it names."""
    block = README.split("<!-- two-formats-output -->")[1].split("<!-- /two-formats-output -->")[0]
    shown = [
        line.rstrip()
        for line in block.splitlines()[2:-1]
        if line.strip() and line.strip() != "…" and not line.startswith("$ ")
    ]
    env = {**os.environ, "COLUMNS": "100"}
    merge = subprocess.run(
        [KCSTATS, "merge", "sample_data/north-2024-h1-two-formats"],
        cwd=workdir, capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    subprocess.run(
        [KCSTATS, "merge", "sample_data/north-2024-h1-two-formats", "--format", "csv",
         "-o", "hai-mau.csv", "--force"],  # the README's own command wrote it already
        cwd=workdir, capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    csv_lines = (workdir / "hai-mau.csv").read_text(encoding="utf-8-sig").splitlines()
    printed = [line.rstrip() for line in (merge.stdout + merge.stderr).splitlines()]
    printed += [line for line in csv_lines if line.startswith("region,") and "consulting" in line]
    position = 0
    for line in shown:
        assert line in printed[position:], line
        position = printed.index(line, position) + 1


def test_the_validate_report_shown_is_what_kcstats_prints_today(workdir: Path) -> None:
    """Every line of the README's validate example (between the '…' it leaves out) is in
    today's report, in that order, on standard output alone."""
    block = README.split("<!-- validate-output -->")[1].split("<!-- /validate-output -->")[0]
    shown = [line.rstrip() for line in block.splitlines()[2:-1] if line.strip() not in ("", "…")]
    done = subprocess.run(
        [KCSTATS, "validate", "sample_data/problems"],
        cwd=workdir, capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"},
        check=False,
    )  # fmt: skip
    assert done.returncode == 1 and done.stderr == ""
    printed = [line.rstrip() for line in done.stdout.splitlines()]
    position = 0
    for line in shown:
        assert line in printed[position:], line
        position = printed.index(line, position) + 1
