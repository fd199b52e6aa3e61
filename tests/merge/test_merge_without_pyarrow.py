"""kcstats.merge(..., pyarrow=False) imports pandas without pyarrow (issue 16: 0.1 s of CPU and
some 40 MiB less for a command that writes no Parquet), and merges to exactly the same
document. Each merge runs in a fresh interpreter: pandas is imported once per process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).parents[2] / "sample_data" / "south-2012-2014"

MERGE = """
import json, sys
import kcstats
result = kcstats.merge([sys.argv[1]], jobs=1, pyarrow=sys.argv[2] == "with")
document = result.as_dict("en")
print(json.dumps({"pyarrow": "pyarrow" in sys.modules, "document": document}, default=str))
"""


def _merged(pyarrow: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", MERGE, str(SAMPLE), pyarrow],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_a_merge_without_pyarrow_gives_the_same_document() -> None:
    without = _merged("without")
    assert without["pyarrow"] is False
    assert without["document"] == _merged("with")["document"]


COMMAND = """
import json, sys
from typer.testing import CliRunner
from kcstats.cli import app
done = CliRunner().invoke(app, ["merge", *sys.argv[1:]])
print(json.dumps({"code": done.exit_code, "pyarrow": "pyarrow" in sys.modules}))
"""


def _command(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answer: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return answer


def test_the_command_loads_pyarrow_only_to_write_parquet(tmp_path: Path) -> None:
    table = _command(str(SAMPLE), "--jobs", "1")
    assert table == {"code": 0, "pyarrow": False}
    written = _command(str(SAMPLE), "--jobs", "1", "-o", str(tmp_path / "facts.parquet"))
    assert written == {"code": 0, "pyarrow": True}
    assert (tmp_path / "facts.parquet").stat().st_size > 0
