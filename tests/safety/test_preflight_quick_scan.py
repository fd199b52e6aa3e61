"""The quick sheet scan decides exactly as the exact one: whatever a sheet's XML, taking the
quick path never changes a problem or a cell flag, only the time it takes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kcstats.problems import cell_name
from kcstats.safety.limits import Limits
from kcstats.safety.preflight import Preflight, _scan_sheet, _scan_sheet_exactly

BODIES = [
    b"",
    b"<v>1</v>",
    b"<v></v>",
    b"<f>A1*2</f>",
    b"<f>A1*2</f><v>2</v>",
    b'<f t="shared" si="0">A1</f>',
    b'<f t="shared" si="0"/>',
    b"<is><t>x</t></is>",
    b"<x:f>1+1</x:f>",
]
ATTRIBUTES = [b"", b' t="e"', b' s="3"', b' t="str"', b' t="s"', b' xr="A1"']


@st.composite
def cell(draw: st.DrawFn) -> bytes:
    row = draw(st.sampled_from([0, 1, 8, 9, 10, 98, 99, 100, 9_999, 19_999, 20_000, 20_001]))
    col = draw(st.sampled_from([0, 1, 25, 26, 27, 51, 52, 199, 200, 16_383]))
    ref = cell_name(row, col).encode()
    ref = draw(
        st.sampled_from(
            [ref, ref, ref, ref.lower(), ref[:1] + b"0" + ref[1:], b"0" + ref, ref + b"x"]
        )
    )
    start = draw(
        st.sampled_from(
            [
                b'<c r="%s"' % ref,
                b'<c r="%s"' % ref,
                b'<c r="%s"' % ref,
                b"<c",
                b'<c\tr="%s"' % ref,
                b'<c  r="%s"' % ref,
                b'<c r ="%s"' % ref,
                b"<x:c r='%s'" % ref,
                b'<c s="1" r="%s"' % ref,
                b'<c r="A1" r="%s"' % ref,
            ]
        )
    )
    attributes = draw(st.sampled_from(ATTRIBUTES))
    body = draw(st.sampled_from(BODIES))
    if not body and draw(st.booleans()):
        return start + attributes + b"/>"
    close = b"</x:c>" if start.startswith(b"<x:c") else b"</c>"
    return start + attributes + b">" + body + close


@st.composite
def sheet(draw: st.DrawFn) -> bytes:
    rows = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        opening = draw(st.sampled_from([b'<row r="%d">' % number, b"<row>", b'<row\tr="7">']))
        rows.append(opening + b"".join(draw(st.lists(cell(), max_size=4))) + b"</row>")
    return (
        b'<?xml version="1.0"?><worksheet xmlns="urn:s" xmlns:x="urn:s"><sheetData>'
        + b"".join(rows)
        + b"</sheetData></worksheet>"
    )


LIMITS = st.builds(
    Limits,
    max_rows=st.sampled_from([1, 9, 10, 99, 100, 20_000]),
    max_cols=st.sampled_from([1, 26, 27, 52, 200, 16_384]),
)


@settings(max_examples=600, deadline=None)
@given(data=sheet(), limits=LIMITS)
def test_the_quick_scan_finds_what_the_exact_scan_finds(data: bytes, limits: Limits) -> None:
    quick, exact = Preflight(), Preflight()
    _scan_sheet(data, lambda: ["Chỉ tiêu"], limits, quick)
    _scan_sheet_exactly(data, lambda: ["Chỉ tiêu"], limits, exact)
    assert quick.problems == exact.problems
    assert quick.cell_flags == exact.cell_flags


# Sheets as office suites write them (every cell <c r="B7" ...>, values only), with at most a
# few of the things that make a sheet worth a closer look: most of these are quiet, and
# those that are not are quiet but for one detail. A quiet test that overlooked any of
# these details would take a sheet with something to record for one without.
PLAIN_ATTRIBUTES = [b"", b' s="3"', b' t="s"', b' t="n"', b' t="inlineStr"', b' t="str"']
PLAIN_BODIES = [b"<v>1</v>", b"<v></v>", b"<is><t>x</t></is>", b'<is><t>r="Z9" "e"</t></is>']
# Each detail: what it replaces in a plain near cell <c r="B7" t="n"><v>1</v></c> (the
# start '<c r="B7"', the attributes after it, or the body), and with what.
FAR_CELLS = [
    *((row, 0) for row in (8, 9, 99, 9_999, 19_999, 20_000, 99_999, 1_048_575)),
    *((0, col) for col in (25, 26, 27, 52, 199, 200, 16_383)),
]
FAR_REFS = [cell_name(row, col).encode() for row, col in FAR_CELLS]
DETAILS = (
    [("start", b'<c r="%s"' % ref) for ref in FAR_REFS]
    + [("start", b'<c r="0%s"' % ref) for ref in FAR_REFS[:3]]
    + [("start", start) for start in (b'<x:c r="B7"', b'<c\tr="B7"', b'<c  r="B7"', b"<c")]
    + [("start", b'<c s="1" r="%s"' % ref) for ref in (b"B7", b"GS1", b"A20001")]
    + [("attributes", b' t="e"'), ("attributes", b" t='e'"), ("attributes", b' t = "e"')]
    + [("attributes", b' xr="GS1"'), ("attributes", b' r="B2"')]
    + [
        ("attributes", space + b"r" + equals + b"%s" % ref)
        for space in (b" ", b"\t", b"\n", b"\r", b"\x0b", b"\x0c")
        for equals, ref in ((b"=", b'"GS1"'), (b" =", b'"A20001"'), (b"=", b"'XFD1'"))
    ]
    + [
        ("body", body)
        for body in (
            b"<f>A1*2</f>",
            b"<f>A1*2</f><v>2</v>",
            b'<f t="shared" si="0"/>',
            b"<x:f>1+1</x:f>",
            b"<x:f>1+1</x:f><v>2</v>",
            b"<f\n>1</f>",
            b"<v>#DIV/0!</v>",
        )
    ]
)


def near_ref(draw: st.DrawFn) -> bytes:
    return cell_name(draw(st.integers(0, 8)), draw(st.integers(0, 5))).encode()


@st.composite
def near_cell(draw: st.DrawFn, detail: tuple[str, bytes] | None = None) -> bytes:
    """A plain cell inside any limits a sheet can be found quiet under, or one with a
    detail in it."""
    start = b'<c r="%s"' % near_ref(draw)
    attributes = draw(st.sampled_from(PLAIN_ATTRIBUTES))
    body: bytes | None = draw(st.none() | st.sampled_from(PLAIN_BODIES))
    if detail is not None:
        where, what = detail
        if where == "start":
            start = what
        elif where == "attributes":
            attributes += what
        else:
            body = what
    close = b"</x:c>" if start.startswith(b"<x:c") else b"</c>"
    return start + attributes + (b"/>" if body is None else b">" + body + close)


@st.composite
def plain_sheet(draw: st.DrawFn) -> bytes:
    cells = draw(st.lists(near_cell(), max_size=12))
    for detail in draw(st.lists(st.sampled_from(DETAILS), max_size=2)):
        cells.insert(draw(st.integers(0, len(cells))), draw(near_cell(detail)))
    rows, row = [], 1
    while cells or row == 1:
        take = draw(st.integers(0, 4))
        opening = draw(st.sampled_from([b'<row r="%d">' % row, b'<row r="%d" spans="1:6">' % row]))
        rows.append(opening + b"".join(cells[:take]) + b"</row>")
        cells, row = cells[take:], row + 1
    return (
        b'<?xml version="1.0"?>\r\n<worksheet xmlns="urn:s" xmlns:x="urn:s"><sheetData>'
        + b"".join(rows)
        + b"</sheetData></worksheet>"
    )


# Mostly limits under which a sheet can be found quiet (a last column of two letters or
# more, a last row of two digits or more).
QUIET_LIMITS = st.builds(
    Limits,
    max_rows=st.sampled_from([10, 99, 100, 20_000, 20_000, 1]),
    max_cols=st.sampled_from([27, 52, 200, 200, 16_384, 26]),
)


@settings(max_examples=600, deadline=None)
@given(data=plain_sheet(), limits=QUIET_LIMITS)
def test_the_quick_scan_finds_what_the_exact_scan_finds_in_nearly_plain_sheets(
    data: bytes, limits: Limits
) -> None:
    quick, exact = Preflight(), Preflight()
    _scan_sheet(data, lambda: ["Chỉ tiêu"], limits, quick)
    _scan_sheet_exactly(data, lambda: ["Chỉ tiêu"], limits, exact)
    assert quick.problems == exact.problems
    assert quick.cell_flags == exact.cell_flags


def test_every_single_detail_in_a_plain_sheet_is_seen_as_the_exact_scan_sees_it() -> None:
    """Each detail alone, among plain cells, under limits where the sheet could otherwise
    be found quiet: hypothesis may draw some of them seldom, this draws each one."""
    plain = b'<c r="A1" t="n"><v>1</v></c><c r="B2" t="inlineStr"><is><t>x</t></is></c>'
    for where, what in DETAILS:
        start, attributes, body = b'<c r="C3"', b"", b"<v>1</v>"
        if where == "start":
            start = what
        elif where == "attributes":
            attributes = what
        else:
            body = what
        close = b"</x:c>" if start.startswith(b"<x:c") else b"</c>"
        data = (
            b'<worksheet xmlns:x="urn:s"><sheetData><row r="1">'
            + plain
            + start
            + attributes
            + b">"
            + body
            + close
            + b"</row></sheetData></worksheet>"
        )
        for max_rows in (10, 100, 20_000):
            for max_cols in (27, 200, 16_384):
                limits = Limits(max_rows=max_rows, max_cols=max_cols)
                quick, exact = Preflight(), Preflight()
                _scan_sheet(data, lambda: ["Chỉ tiêu"], limits, quick)
                _scan_sheet_exactly(data, lambda: ["Chỉ tiêu"], limits, exact)
                assert (quick.problems, quick.cell_flags) == (exact.problems, exact.cell_flags), (
                    data,
                    limits,
                )
