"""The writer registry is the one list of outputs: every writer it names loads, writes the
files it says it writes with -o, and --format offers exactly those that go to standard
output."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_helpers import invoke, report

from kcstats.export.registry import WRITERS, Writer, by_extension, stdout_names


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    report(folder, "a.xlsx", province="Long An", funding={"national": (1, 100, 1, 90)})
    return folder


@pytest.mark.parametrize("writer", [w for w in WRITERS if w.extensions], ids=lambda w: w.name)
def test_every_file_writer_writes_what_it_says_for_its_extension(
    writer: Writer, reports: Path, tmp_path: Path
) -> None:
    for extension in writer.extensions:
        output = tmp_path / f"out{extension.upper()}"  # extensions are matched in any case
        assert by_extension(output) is writer
        done = invoke("merge", reports, "-o", output)
        assert done.exit_code == 0, done.output
        written = sorted(p.name for p in tmp_path.iterdir())
        assert written == sorted(p.name for p in writer.paths(output))
        assert all(p.stat().st_size > 0 for p in tmp_path.iterdir())


def test_every_writer_loads_its_write_function() -> None:
    assert all(callable(writer.load()) for writer in WRITERS)
    names = [writer.name for writer in WRITERS]
    assert len(names) == len(set(names))


def test_format_offers_exactly_the_writers_that_go_to_standard_output(reports: Path) -> None:
    for name in stdout_names():
        assert invoke("merge", reports, "--format", name).exit_code == 0, name
    for writer in WRITERS:
        if not writer.stdout:
            assert invoke("merge", reports, "--format", writer.name).exit_code == 2
