"""The JSON Schema of the validated report model, for programs that read kcstats' reports.

schemas/report.schema.json is generated from :class:`kcstats.model.Report`; regenerate it
after changing the model (a test fails while the committed file differs):

    python -m kcstats.schema_dump schemas/report.schema.json

Without a path the schema is printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kcstats.model import Report


def report_schema() -> dict[str, Any]:
    return Report.model_json_schema()


def render() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stdout.write(render())
    else:
        Path(args[0]).write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
