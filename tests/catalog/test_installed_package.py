"""kcstats works when installed from its wheel, not only from the source tree: the catalogues
in schemas/ travel inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    "aliases.json",
    "catalogue.json",
    "messages.json",
    "provinces.json",
    "report.schema.json",
]
PROBE = """
import json, kcstats
from kcstats.catalog import load_catalogue, schemas_dir
catalogue = load_catalogue()
print(json.dumps({
    "package": kcstats.__file__,
    "schemas": str(schemas_dir()),
    "indicators": len(catalogue.indicators),
    "provinces": len(catalogue.provinces_of("63")) + len(catalogue.provinces_of("34")),
}))
"""


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow
def test_wheel_carries_the_catalogues_and_loads_them_when_installed(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)], ROOT)
    (wheel,) = wheels.glob("kcstats-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {f"kcstats/schemas/{name}" for name in CATALOGUES} <= names
    assert "kcstats/catalog.py" in names

    target = tmp_path / "site"
    run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    found = json.loads(run([sys.executable, "-c", PROBE], elsewhere, env))
    assert Path(found["package"]).is_relative_to(target)
    assert Path(found["schemas"]) == target / "kcstats" / "schemas"
    assert (found["indicators"], found["provinces"]) == (18 + 13, 97)
