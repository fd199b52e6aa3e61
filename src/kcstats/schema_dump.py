"""The JSON Schema of the validated report model, for programs that read kcstats' reports.

schemas/report.schema.json is generated from :class:`kcstats.model.Report`; regenerate it
after changing the model (a test fails while the committed file differs):

    python -m kcstats.schema_dump schemas/report.schema.json

Without a path the schema is printed.
"""

from __future__ import annotations

import json
from typing import Any

from kcstats.generated import write_or_print
from kcstats.model import Report


def report_schema() -> dict[str, Any]:
    return Report.model_json_schema()


def render() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_or_print(render, argv)


if __name__ == "__main__":
    raise SystemExit(main())
