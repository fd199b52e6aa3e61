"""The merge's tables written without rich's layout engine are exactly what rich writes, on a
console that shows text only, part by part at the widths kcstats.render.layout chooses; rich
draws whatever the quick writer does not take on."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

import kcstats
from kcstats.export.tables import merge_tables
from kcstats.export.text_table import TextTable
from kcstats.export.view_options import ViewOptions
from kcstats.render.layout import layout, shown
from kcstats.render.merge import plain_table, print_table, rich_table

SAMPLE_DATA = Path(__file__).parents[2] / "sample_data"


def _console(width: int) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=width, color_system=None, force_terminal=False), out


def by_rich(model: TextTable, width: int) -> str:
    console, out = _console(width)
    for part, widths in layout(shown(model), width):
        console.print(rich_table(part, widths), crop=False)
        for note in part.notes:
            console.print(note, highlight=False, markup=False, crop=False)
    return out.getvalue()


def by_print_table(model: TextTable, width: int) -> str:
    console, out = _console(width)
    print_table(console, model)
    return out.getvalue()


def _models() -> list[TextTable]:
    models: list[TextTable] = []
    for folder in ("south-2012-2014", "national-2021", "north-2024-h1"):
        result = kcstats.merge(SAMPLE_DATA / folder)
        for lang in ("vi", "en"):
            for by_province in (False, True):
                for unit in ("ty", "trieu"):
                    view = ViewOptions(lang=lang, unit=unit, by_province=by_province)  # type: ignore[arg-type]
                    models += merge_tables(result, view)
    return models


@pytest.fixture(scope="module")
def models() -> list[TextTable]:
    return _models()


@pytest.mark.parametrize("width", [160, 100, 60])
def test_the_merge_tables_are_written_as_rich_writes_them(
    models: list[TextTable], width: int
) -> None:
    assert len(models) > 50
    quick = parts = 0
    for model in models:
        assert by_print_table(model, width) == by_rich(model, width), model.title
        for part, widths in layout(shown(model), width):
            parts += 1
            quick += plain_table(part, widths, width) is not None
    if width == 160:
        assert quick > parts // 2  # most tables fit: the quick writer does take them on


LETTERS = "abc XYZ09,.%+-/()đĐàảãạăắằẳẵặâấầẩẫậêếềểễệ—–中😀\u200b\u200d\u00a0\u0301\t\n"
# Mostly what tables hold (trimmed, printable), sometimes anything.
cell = st.one_of(
    st.text(alphabet=st.sampled_from(list(LETTERS[:-2])), max_size=14).map(str.strip),
    st.text(alphabet=st.sampled_from(list(LETTERS)), max_size=14),
)


@st.composite
def tables(draw: st.DrawFn) -> TextTable:
    columns = draw(st.integers(min_value=1, max_value=7))
    numeric = draw(st.lists(st.booleans(), min_size=columns, max_size=columns))
    rows = draw(
        st.lists(st.lists(cell, min_size=columns, max_size=columns), min_size=0, max_size=6)
    )
    return TextTable(
        title=draw(cell) or "T",
        headers=draw(st.lists(cell, min_size=columns, max_size=columns)),
        numeric=numeric,
        rows=rows,
        emphasis=set(draw(st.lists(st.integers(0, 6)))),
        section_ends=set(draw(st.lists(st.integers(0, 6)))),
    )


@settings(max_examples=300, deadline=None)
@given(tables(), st.sampled_from([20, 40, 80, 160]))
def test_any_table_is_written_as_rich_writes_it(model: TextTable, width: int) -> None:
    try:
        expected = by_rich(model, width)
    except Exception as error:  # noqa: BLE001 - rich's own failures on odd text stay its own
        with pytest.raises(type(error)):
            by_print_table(model, width)
        return
    assert by_print_table(model, width) == expected


# What merge tables hold: names and figures, trimmed, that most often fit on one line.
fitting = (
    st.text(
        alphabet=st.sampled_from(list("abc XYZ09,.%+-/()đĐàảãạăắằẳẵặâấầẩẫậ—–中😀e\u0301")),
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda text: not text.startswith("\u0301"))
)


@st.composite
def fitting_tables(draw: st.DrawFn) -> TextTable:
    columns = draw(st.integers(min_value=1, max_value=8))
    return TextTable(
        title=draw(fitting) or "T",
        headers=draw(st.lists(fitting, min_size=columns, max_size=columns)),
        numeric=draw(st.lists(st.booleans(), min_size=columns, max_size=columns)),
        rows=draw(
            st.lists(st.lists(fitting, min_size=columns, max_size=columns), min_size=1, max_size=8)
        ),
        emphasis=set(draw(st.lists(st.integers(0, 8)))),
        section_ends=set(draw(st.lists(st.integers(0, 8)))),
        notes=draw(st.lists(fitting, max_size=2)),
        breaks=set(draw(st.lists(st.integers(1, 8)))),  # parts where the terminal is narrow
        continued="(tiếp)",
    )


@settings(max_examples=300, deadline=None)
@given(fitting_tables(), st.sampled_from([60, 100, 160, 250]))
def test_tables_that_fit_are_written_as_rich_writes_them(model: TextTable, width: int) -> None:
    assert by_print_table(model, width) == by_rich(model, width)
