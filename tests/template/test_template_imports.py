"""The template writer runs without pandas: it is imported by a bare `kcstats template`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_writing_a_template_never_imports_pandas(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kcstats.template import write_template\n"
        f"write_template(Path({str(tmp_path / 't.xlsx')!r}), province='Long An', year=2024, period='FY')\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert (tmp_path / "t.xlsx").exists()
