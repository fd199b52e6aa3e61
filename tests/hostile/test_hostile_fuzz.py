"""Fuzzing: damaged copies of a real report never make kcstats raise, crash or hang.

Two kinds of damage: bytes flipped, inserted or deleted anywhere in the zip container (most
land in compressed data, some in the headers and the central directory), and the same done
to the XML inside a part, re-zipped with a correct CRC so that the parsers meet damaged XML
rather than a damaged container. Every damaged file must end accepted or refused with
problem codes from the catalogue, through read_many (the isolated reader) and through
`kcstats validate`. A file the reader could not handle shows as read-crashed or read-timeout;
those must not happen either: preflight and the reader must answer for any damage.
"""

from __future__ import annotations

import functools
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from hostile_run import invoke, no_traceback
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcstats.model import FileResult, FileStatus
from kcstats.pipeline import ReadOptions, read_many
from kcstats.problems import CATALOGUE

BATCH = 2  # damaged files per example, read by one call
XML_TOKENS = [
    b"<",
    b">",
    b'"',
    b"'",
    b"&",
    b"&#0;",
    b"&amp",
    b"/>",
    b"</c>",
    b"<c>",
    b"<row>",
    b"</row>",
    b"<v>",
    b"</v>",
    b"<f>1+1</f>",
    b' t="e"',
    b' t="s"',
    b' t="inlineStr"',
    b' r="XFD1048576"',
    b' r="A0"',
    b' r="-1"',
    b"<v>99999999999999999999</v>",
    b"<v>1e308</v>",
    b"<v>NaN</v>",
    b' count="4294967296"',
    b"<!DOCTYPE x>",
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"]]>",
    b"<![CDATA[",
]
UNSOUND = {"read-crashed", "read-timeout"}  # the reader could not answer for the file

Mutation = tuple[str, int, bytes]  # (flip|insert|delete|token, position, bytes)


def mutations(max_size: int = 6) -> st.SearchStrategy[list[Mutation]]:
    position = st.integers(min_value=0, max_value=1 << 20)
    one = st.one_of(
        st.tuples(st.just("flip"), position, st.binary(min_size=1, max_size=1)),
        st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=8)),
        st.tuples(st.just("delete"), position, st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("token"), position, st.sampled_from(XML_TOKENS)),
    )
    return st.lists(one, min_size=1, max_size=max_size)


def mutate(data: bytes, changes: list[Mutation], anchors: list[int] | None = None) -> bytes:
    """Apply the changes; a position picks a place in data (or, when `anchors` are given,
    half the time one near an anchor: a zip header, where damage matters most)."""
    out = bytearray(data)
    for kind, raw, payload in changes:
        if not out:
            out += payload
            continue
        if anchors and raw % 2:
            where = (anchors[(raw // 2) % len(anchors)] + (raw >> 8) % 48) % len(out)
        else:
            where = raw % len(out)
        if kind == "flip":
            out[where] ^= payload[0] or 0xFF
        elif kind in ("insert", "token"):
            out[where:where] = payload
        else:
            del out[where : where + len(payload)]
    return bytes(out)


def headers(data: bytes) -> list[int]:
    """Offsets of the zip's local headers, central-directory entries and its end record."""
    found: list[int] = []
    for signature in (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"):
        at = data.find(signature)
        while at >= 0:
            found.append(at)
            at = data.find(signature, at + 1)
    return sorted(found)


@functools.cache
def parts_of(base: Path) -> dict[str, bytes]:
    """The parts of a zip (kept out of the test's arguments, which hypothesis prints)."""
    with zipfile.ZipFile(base) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


XML_PARTS = [
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/worksheets/sheet3.xml",
    "xl/sharedStrings.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "xl/styles.xml",
]


def check_results(results: list[FileResult]) -> None:
    for result in results:
        assert result.status in (FileStatus.ACCEPTED, FileStatus.REFUSED), result
        found = {p.code for p in result.problems}
        assert found <= set(CATALOGUE), found
        assert not found & UNSOUND, [p.as_dict("en") for p in result.problems]
        if result.status == FileStatus.REFUSED:
            assert result.errors, result


def check_batch(files: list[Path]) -> None:
    """read_many, then `kcstats validate` on the folder: both answer for every file."""
    check_results(read_many(files, ReadOptions(jobs=1)))
    outcome = invoke("validate", files[0].parent, "--format", "json", "--jobs", "1")
    no_traceback(outcome.stdout, outcome.stderr)
    assert outcome.exit_code in (0, 1), outcome.output
    entries = json.loads(outcome.stdout)["files"]
    assert len(entries) == len(files)
    for entry in entries:
        # A damaged copy may read as a copy of another (skipped) or conflict with it.
        assert entry["status"] in ("accepted", "refused", "skipped"), entry
        found = {p["code"] for p in entry["problems"]}
        assert found <= set(CATALOGUE) and not found & UNSOUND, entry


def write_batch(folder: Path, make: Callable[[int], bytes]) -> list[Path]:
    files = []
    for i in range(BATCH):
        path = folder / f"damaged-{i}.xlsx"
        path.write_bytes(make(i))
        files.append(path)
    return files


FUZZ = settings(
    # 60 examples of BATCH files each: 120 damaged files per test. KCSTATS_FUZZ_EXAMPLES=2000
    # runs a longer hunt by hand.
    max_examples=int(os.environ.get("KCSTATS_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(batch=st.lists(mutations(), min_size=BATCH, max_size=BATCH))
def test_damaged_containers_are_refused_or_read(
    hostile_base: Path, batch: list[list[Mutation]]
) -> None:
    data = hostile_base.read_bytes()
    anchors = headers(data)
    with tempfile.TemporaryDirectory(prefix="kcstats-fuzz-") as folder:
        files = write_batch(Path(folder), lambda i: mutate(data, batch[i], anchors))
        check_batch(files)


@FUZZ
@given(
    batch=st.lists(
        st.tuples(st.sampled_from(XML_PARTS), mutations(max_size=4)),
        min_size=BATCH,
        max_size=BATCH,
    )
)
def test_damaged_xml_inside_a_sound_zip_is_refused_or_read(
    hostile_base: Path, batch: list[tuple[str, list[Mutation]]]
) -> None:
    parts = parts_of(hostile_base)

    def make(i: int) -> bytes:
        part, changes = batch[i]
        built = io.BytesIO()
        with zipfile.ZipFile(built, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, mutate(data, changes) if name == part else data)
        return built.getvalue()

    with tempfile.TemporaryDirectory(prefix="kcstats-fuzz-") as folder:
        check_batch(write_batch(Path(folder), make))
