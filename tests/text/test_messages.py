"""The message table holds every text kcstats shows in both languages, each language's text
names the same parameters, and a problem is shown in the language asked for only."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from string import Formatter

import pytest

from kcstats.messages import (
    Lang,
    MessageError,
    Section,
    count,
    joined,
    label,
    quoted,
    render,
    say,
    show,
    table,
)
from kcstats.model import FileResult, FileStatus, from_wire, to_wire
from kcstats.problems import CATALOGUE, problem
from languages import english_prose, other_language, vietnamese_prose

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = ROOT / "schemas" / "messages.json"
SRC = ROOT / "src" / "kcstats"


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def without_fields(template: str) -> str:
    return re.sub(r"\{[^{}]*\}", " ", template)


def test_every_message_has_both_languages() -> None:
    raw = json.loads(MESSAGES.read_text(encoding="utf-8"))
    entries = {key: value for key, value in raw.items() if not key.startswith("$")}
    assert len(entries) > 200
    for key, texts in entries.items():
        assert set(texts) == {"vi", "en"}, key
        assert all(isinstance(t, str) and t.strip() for t in texts.values()), key


def test_both_languages_of_a_message_name_the_same_parameters() -> None:
    differ = {
        key: (sorted(fields(texts["vi"])), sorted(fields(texts["en"])))
        for key, texts in table().items()
        if fields(texts["vi"]) != fields(texts["en"])
    }
    assert differ == {}


def test_every_problem_code_has_its_message_and_every_problem_message_a_code() -> None:
    messages = {key.removeprefix("problem.") for key in table() if key.startswith("problem.")}
    assert messages == set(CATALOGUE)


def test_every_message_id_the_code_names_is_in_the_table() -> None:
    groups = {key.split(".", 1)[0] for key in table()}
    ids = "(?:" + "|".join(groups) + r")\.[a-z0-9_.-]*"
    literal = re.compile(r"""(?<![\w{])["'](""" + ids + r""")["']""")
    named = {
        (path.relative_to(SRC).as_posix(), found)
        for path in SRC.rglob("*.py")
        for found in literal.findall(path.read_text(encoding="utf-8"))
    }
    assert len(named) > 60
    sections = {name for _, name in named if name.endswith(".")}
    assert all(any(key.startswith(s) for key in table()) for s in sections), sections
    missing = sorted((path, name) for path, name in named if not name.endswith("."))
    missing = [(path, name) for path, name in missing if name not in table()]
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_text_holds_prose_of_the_other_language(lang: Lang) -> None:
    found = {
        key: words
        for key, texts in table().items()
        if (words := other_language(without_fields(texts[lang]), lang))
    }
    assert found == {}


def test_the_checks_find_the_other_language_in_the_old_combined_texts() -> None:
    # What problems said before the table, whatever --lang asked: each check must catch it.
    for combined in ("mã thoát / exit code 3", "không rõ / unknown", "một số / a number"):
        assert vietnamese_prose(combined) and english_prose(combined), combined


def test_a_problem_is_shown_in_the_language_asked_for() -> None:
    made = problem(
        "unpacked-too-large",
        found=say("limit.cells", sheet="Kinh phí", count=count(600_000)),
        expected=say("limit.max-cells", count=count(500_000)),
    )
    assert made.as_dict("vi") == {
        "code": "unpacked-too-large",
        "severity": "error",
        "sheet": None,
        "cell": None,
        "found": "Kinh phí: 600.000 ô",
        "expected": "≤ 500.000 ô",
        "message": "Tệp giải nén ra quá lớn (có thể là zip bomb): Kinh phí: 600.000 ô, "
        "giới hạn ≤ 500.000 ô.",
    }
    english = made.as_dict("en")
    assert (english["found"], english["expected"]) == ("Kinh phí: 600,000 cells", "≤ 500,000 cells")
    assert english["message"].startswith("The workbook unpacks to too much data")


def test_a_problem_holds_parameters_and_no_prose() -> None:
    made = problem(
        "not-a-number", sheet="Kinh phí", cell="C5", found="abc", expected=say("expected.number")
    )
    assert made.found == ("text", "abc")
    assert made.expected == ("msg", "expected.number", ())
    assert made.params == ()
    assert not hasattr(made, "message_vi") and not hasattr(made, "message_en")


def test_a_figure_or_date_given_as_found_is_quoted_as_written() -> None:
    made = problem("duplicate-superseded", found=Decimal("1.50"), expected=2024, other="a.xlsx")
    assert (made.found_text("en"), made.expected_text("en")) == ("1.50", "2024")
    assert made.params == (("other", ("text", "a.xlsx")),)


def test_every_kind_of_parameter_shows_in_each_language() -> None:
    params = (quoted("Hà Nội"), count(1234567), label("Tỉnh", "Province"))
    assert [show(p, "vi") for p in params] == ["Hà Nội", "1.234.567", "Tỉnh"]
    assert [show(p, "en") for p in params] == ["Hà Nội", "1,234,567", "Province"]
    lines = joined(
        "; ", [say("region.line.blank", where="r.csv:2"), say("region.line.era", where="r.csv:5")]
    )
    assert (
        show(lines, "en") == "r.csv:2: province or region is blank; r.csv:5: era must be 63 or 34"
    )
    assert show(lines, "vi") == "r.csv:2: thiếu tỉnh hoặc vùng; r.csv:5: era phải là 63 hoặc 34"


def test_a_long_quoted_text_is_cut_and_says_its_length_in_each_language() -> None:
    cut = quoted("x" * 1000, limit=10)
    assert cut == ("cut", "x" * 10, 1000)
    assert show(cut, "vi") == "xxxxxxxxxx… [1.000 ký tự]"
    assert show(cut, "en") == "xxxxxxxxxx… [1,000 characters]"


def test_a_file_name_that_is_not_utf8_is_quoted_with_escapes() -> None:
    name = b"b\xe1o-c\xe1o.xlsx".decode("utf-8", "surrogateescape")
    assert show(quoted(name), "en") == "b\\xe1o-c\\xe1o.xlsx"


def test_a_parameter_not_given_is_shown_blank() -> None:
    assert render("damaged.bad-crc", "en") == ": bad CRC"


def test_a_section_gives_the_texts_of_a_group_by_language() -> None:
    status = Section("view.status.")
    assert status["vi"]["refused"] == "từ chối" and status["en"]["refused"] == "refused"
    assert set(status) == {"vi", "en"}
    with pytest.raises(KeyError):
        status["fr"]


def test_an_error_from_the_table_says_itself_in_either_language() -> None:
    error = MessageError("region.error.empty", path="vùng.csv")
    assert error.message("vi") == "vùng.csv: tệp trống."
    assert error.message("en") == "vùng.csv: the file is empty."
    assert str(error) == "vùng.csv: tệp trống.\nvùng.csv: the file is empty."


def test_a_problem_crosses_the_wire_with_its_parameters() -> None:
    made = [
        problem(
            "duplicate-conflict",
            found="a.xlsx (+3)",
            expected="Long An H1 2024",
            other="a.xlsx",
            more=say("text.more-files", count=count(3)),
        ),
        problem(
            "prior-year-mismatch",
            found="2",
            expected="1",
            other="b.xlsx",
            measure=say("measure.money"),
            indicator=label("Khuyến công quốc gia", "National"),
        ),
    ]
    result = FileResult(path="x.xlsx", status=FileStatus.REFUSED, problems=made)
    again = from_wire(to_wire(result))
    assert again == result
    assert [p.message("en") for p in again.problems] == [p.message("en") for p in made]
    assert 'Money "National"' in again.problems[1].message("en")
    assert "and 3 other files" in again.problems[0].message("en")
