"""Rows inside a table that carry no figures, though they are not blank.

Vietnamese forms often put a row of column numbers under the header ('(1) (2) (3)', or
'A B 1 2 3'), and signature lines ('Người lập biểu', 'Giám đốc') below the table, sometimes
in the figure columns. Neither reports anything.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from kcstats.reader.grid import Grid

_TOKEN = r"[\(\[]?(?:\d{1,2}|[A-Za-z]{1,2})[\)\]]?"
_COLUMN_NUMBER = re.compile(rf"^{_TOKEN}(?:\s*[=+\-*/x×:]\s*{_TOKEN})*$")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+")
_BULLETS = " \t\u00a0-–—+*•·"


def is_column_numbering(grid: Grid, row: int, first_col: int, last_col: int) -> bool:
    """Three or more cells, every one a column number or letter, the numbers increasing."""
    texts = []
    for col in range(first_col, last_col + 1):
        if grid.is_empty(row, col):
            continue
        text = grid.text(row, col)
        if not _COLUMN_NUMBER.match(text):
            return False  # a figure, a label: the row says something
        texts.append(text)
    if len(texts) < 3:
        return False
    numbers = [int(m.group()) for t in texts if (m := _NUMBER.search(t))]
    return all(a < b for a, b in pairwise(numbers))


def is_note_line(grid: Grid, row: int, figure_cols: list[int]) -> bool:
    """The figure cells hold nothing but words: a signature block ('Giám đốc', 'KT. GIÁM ĐỐC',
    names), a 'Nơi nhận:' list or a place-and-date line ('Bắc Ninh, ngày 15 tháng 6 năm 2024')
    below or beside a table. Only for a row whose label names no source or indicator: a known
    row with words in a figure cell is text where a number belongs, and is refused.

    A text that begins with a letter (after a list's dash: '- Lưu: VT.') is words, even with
    digits further on; a figure begins with a digit or a sign right before one ('12 cơ sở',
    '-5'), so every figure still reads as one."""
    for col in figure_cols:
        if grid.is_empty(row, col):
            continue
        value = grid.value(row, col)
        if grid.flag(row, col) is not None:
            return False
        if isinstance(value, dt.date | dt.time):
            continue  # the date of a signature ('15/06/2024' typed as a date)
        if not isinstance(value, str) or not value.lstrip(_BULLETS)[:1].isalpha():
            return False
    return True


def is_words_only(grid: Grid, row: int, label_cols: list[int], figure_cols: list[int]) -> bool:
    """No label, and the figure cells hold only words without a digit (a signature line)."""
    if any(not grid.is_empty(row, c) for c in label_cols):
        return False
    for col in figure_cols:
        if grid.flag(row, col) is not None:
            return False
        value = grid.value(row, col)
        if not isinstance(value, str) and not grid.is_empty(row, col):
            return False
        if isinstance(value, str) and _DIGIT.search(value):
            return False
    return True
