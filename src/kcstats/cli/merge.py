"""kcstats merge (placeholder until issue 3 lands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
