"""Rendering results for people (terminal, Markdown, workbooks) and programs (JSON, CSV)."""
