"""kcstats template (placeholder until issue 6 lands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
