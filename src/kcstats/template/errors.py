"""Why a template cannot be written: a usage problem the CLI reports with exit status 2."""

from __future__ import annotations

from kcstats.messages import MessageError


class TemplateError(MessageError):
    """A choice that cannot make a template (unknown or abolished province, unknown region...).

    Its text is in the message table (template.error.*): message(lang) gives it in one
    language."""
