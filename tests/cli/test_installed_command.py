"""The installed `kcstats` command, run the way a user runs it, from another folder."""

from __future__ import annotations

import json
from pathlib import Path

from builders import write_report
from commandline import KCSTATS, run_installed
from kcstats.validate import validate


def test_installed_command_exists() -> None:
    assert KCSTATS.is_file()


def test_installed_command_accepts_a_clean_report_with_exit_status_0(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    write_report(tmp_path / "reports" / "a.xlsx")
    done = run_installed("validate", "reports", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Long An" in done.stdout


def test_installed_command_refuses_with_exit_status_1_and_english_json(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", year=1999)
    done = run_installed("validate", path, "--format", "json", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document == validate([path]).as_dict("en")
    assert document["files"][0]["problems"][0]["message"].startswith('Report year "1999"')


def test_installed_command_exits_2_on_usage_errors_without_a_traceback(tmp_path: Path) -> None:
    for args in (["validate", "--bogus", "."], ["validate", "missing-folder"], ["no-such-command"]):
        done = run_installed(*args, cwd=tmp_path)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stdout + done.stderr


def test_installed_command_never_shows_a_traceback_for_broken_files(tmp_path: Path) -> None:
    (tmp_path / "text.xlsx").write_text("Báo cáo gửi sau", encoding="utf-8")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "zip.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    done = run_installed("validate", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr


def test_version_and_help_exit_0(tmp_path: Path) -> None:
    assert run_installed("--version", cwd=tmp_path).stdout.startswith("kcstats ")
    assert run_installed("--help", cwd=tmp_path).returncode == 0
