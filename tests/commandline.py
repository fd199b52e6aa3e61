"""Running kcstats as a user does: through Typer's test runner, or as the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner, Result

from kcstats.cli import app

# The console script that `pip install` put next to this interpreter.
KCSTATS = Path(sys.executable).parent / "kcstats"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def run_installed(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed command in `cwd`, with `env` added to this process's environment."""
    return subprocess.run(
        [str(KCSTATS), *map(str, args)],
        cwd=cwd,
        env=None if env is None else {**os.environ, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
