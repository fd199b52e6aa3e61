"""The JSON writer makes a money figure's text from its store integer (jsondoc.money_text)
instead of going through Decimal: it must be exactly the text of the Decimal that
kcstats.figures.shown_values gives, for every integer the store can hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kcstats.export.jsondoc import _decimal_text, money_text
from kcstats.figures import shown_values


def through_decimal(numbers: list[int]) -> list[str]:
    shown = shown_values(pd.Series(numbers, dtype=object), np.ones(len(numbers), dtype=bool))
    return [_decimal_text(value) for value in shown.tolist()]


@given(st.lists(st.integers(min_value=-(10**40), max_value=10**40), min_size=1, max_size=50))
def test_a_money_text_is_the_text_of_its_decimal(numbers: list[int]) -> None:
    assert [money_text(n) for n in numbers] == through_decimal(numbers)


def test_money_texts_at_the_edges_of_thousandths() -> None:
    numbers = [0, 1, -1, 10, 100, 999, 1000, -1000, 1001, 1230, -70, 2**63 - 1, -(2**63), 10**27]
    assert [money_text(n) for n in numbers] == through_decimal(numbers)
    assert money_text(1234500) == "1234.5"
    assert money_text(-70) == "-0.07"
