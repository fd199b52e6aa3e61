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
    _scan_sheet(data, ["Chỉ tiêu"], limits, quick)
    _scan_sheet_exactly(data, ["Chỉ tiêu"], limits, exact)
    assert quick.problems == exact.problems
    assert quick.cell_flags == exact.cell_flags
