"""Building pydantic models from values already known to be valid, without validating again.

The reader checks every figure as it reads it and the problem catalogue fixes every message;
validating those values once more cost a third of the reader's time.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


def trusted(cls: type[M], fields: dict[str, Any]) -> M:
    """A model of `cls` holding `fields` (every field, in declaration order) as they are.

    What BaseModel.model_construct does, without its per-field bookkeeping: only for values
    that are known to be valid."""
    model = cls.__new__(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", set(fields))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model
