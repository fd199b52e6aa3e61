"""What a stranger's file name or cell holds reaches the terminal as visible text: no
escape sequence, no rich markup, and no table layout failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import write_report
from kcstats.cli import app
from kcstats.render.safe import terminal_text


def test_control_and_zero_width_characters_become_visible_escapes() -> None:
    assert terminal_text("\x1b[31mRED\x07") == "\\x1b[31mRED\\x07"
    assert terminal_text("a\u200db\u202ec\ufeff") == "a\\u200db\\u202ec\\ufeff"
    assert terminal_text("Bà Rịa – Vũng Tàu") == "Bà Rịa – Vũng Tàu"


@pytest.mark.parametrize(
    "name",
    ["\x1b]0;PWNED\x07.xlsx", "[bold red]x.xlsx", "\u200d\u200d中0000中.xlsx"],
    ids=["escape-sequence", "rich-markup", "zero-width-joiners"],
)
def test_a_hostile_file_name_is_shown_as_text_in_validate(tmp_path: Path, name: str) -> None:
    write_report(tmp_path / name, province="Không có tỉnh này")
    done = CliRunner().invoke(app, ["validate", str(tmp_path)], env={"COLUMNS": "60"})
    shown = done.stdout + done.stderr
    assert done.exit_code == 1, shown
    assert "\x1b" not in shown and "\x07" not in shown
    assert "internal error" not in shown and "lỗi nội bộ" not in shown
    assert terminal_text(name)[:3] in shown.replace("\n", "")


@pytest.mark.parametrize(
    "province",
    ["_x001B_]0;PWNED_x0007_", "\u200d\u200d中0000中"],
    ids=["escape-sequence-in-a-cell", "zero-width-joiners-in-a-cell"],
)
def test_a_hostile_province_cell_is_shown_as_text_in_merge(tmp_path: Path, province: str) -> None:
    # OOXML spells control characters _x001B_; calamine decodes them.
    write_report(tmp_path / "bad.xlsx", province=province)
    write_report(tmp_path / "good.xlsx", province="Long An")
    done = CliRunner().invoke(app, ["merge", str(tmp_path)], env={"COLUMNS": "60"})
    shown = done.stdout + done.stderr
    assert done.exit_code == 1, shown
    assert "\x1b" not in shown and "\x07" not in shown and "\u200d" not in shown
    assert "internal error" not in shown and "lỗi nội bộ" not in shown
    assert "1 báo cáo được chấp nhận, 1 bị từ chối" in shown
