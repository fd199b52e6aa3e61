"""One model for both formats: the same report written as format 1 and as format 2 reads to
the same facts (report-format-2.md, "What format 2 gives")."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import write_report
from format2_builder import Row, report_rows, write_format2
from kcstats.catalog import load_catalogue
from kcstats.model import FileStatus
from kcstats.reader import read_file

CATALOGUE = load_catalogue()
MONEY = st.decimals(min_value=0, max_value=999_999, places=3, allow_nan=False)
COUNT = st.integers(min_value=0, max_value=5000)
FUNDING = st.tuples(
    st.none() | st.integers(0, 60),
    st.none() | MONEY,
    st.none() | st.integers(0, 60),
    st.none() | MONEY,
)


@st.composite
def reports(
    draw: st.DrawFn,
) -> tuple[dict[str, tuple[object, ...]], dict[str, tuple[object, object]]]:
    sources = draw(
        st.lists(st.sampled_from(["national", "local", "counterpart", "other"]), unique=True)
    )
    funding = {source: draw(FUNDING) for source in sources}
    codes = draw(st.lists(st.sampled_from(sorted(CATALOGUE.indicators)), unique=True, max_size=12))
    indicators: dict[str, tuple[object, object]] = {}
    for code in codes:
        figure = MONEY if CATALOGUE.indicators[code].kind == "money" else COUNT
        indicators[code] = (draw(st.none() | figure), draw(st.none() | figure))
    return funding, indicators


def labelled_rows(
    funding: dict[str, tuple[object, ...]],
    indicators: dict[str, tuple[object, object]],
    header: str,
) -> list[Row]:
    activity_of = {code: CATALOGUE.indicators[code].activity for code in indicators}
    money = [c for c, i in CATALOGUE.indicators.items() if i.kind == "money"]
    rows = report_rows(funding, indicators, activity_of, header, money)
    for row in rows:  # the catalogue's own label and unit for every indicator
        code = next((c for c, i in CATALOGUE.indicators.items() if row.label == c), None)
        if code is not None:
            row.label, row.unit = (
                CATALOGUE.indicators[code].label_vi,
                CATALOGUE.indicators[code].unit,
            )
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    report=reports(),
    text_money=st.booleans(),
    period=st.sampled_from(["H1", "9M", "FY"]),
    header=st.sampled_from(["simple", "count_money", "sources"]),
)
def test_a_report_written_in_either_format_reads_to_the_same_facts(
    report: tuple[dict[str, tuple[object, ...]], dict[str, tuple[object, object]]],
    text_money: bool,
    period: str,
    header: str,
) -> None:
    funding, indicators = report
    labels = {"H1": "6 tháng", "9M": "9 tháng", "FY": "Cả năm"}
    with TemporaryDirectory() as folder:
        one = read_file(
            write_report(
                Path(folder) / "one.xlsx",
                period=labels[period],
                funding=funding,
                indicators={CATALOGUE.indicators[c].label_vi: v for c, v in indicators.items()},
                use_codes=False,
                indicator_units={
                    CATALOGUE.indicators[c].label_vi: CATALOGUE.indicators[c].unit
                    for c in indicators
                },
            )
        )
        two = read_file(
            write_format2(
                Path(folder) / "two.xlsx",
                labelled_rows(funding, indicators, header),
                period=period,
                header=header,
                sources=("national", "local", "counterpart", "other"),
                # The money of a count-and-money table has its unit in its header: the ĐVT
                # cell is the count's.
                unit_at={"simple": "row", "count_money": "header", "sources": "line"}[header],
                text_money=text_money,
            ).path
        )
    assert one.status == FileStatus.ACCEPTED, [p.message("en") for p in one.problems]
    assert two.status == FileStatus.ACCEPTED, [p.message("en") for p in two.problems]
    assert [p.code for p in two.problems] == []
    assert one.report is not None and two.report is not None
    assert (one.report.format, two.report.format) == (1, 2)
    assert two.report.figures() == one.report.figures()
