"""Building pydantic models from values already known to be valid, without validating again.

The reader checks every figure as it reads it and the problem catalogue fixes every message;
validating those values once more cost a third of the reader's time.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__
_new = object.__new__
# BaseModel's own slots, set through their descriptors: what object.__setattr__ would find.
_SLOTS = BaseModel.__dict__
_set_fields = _SLOTS["__pydantic_fields_set__"].__set__
_set_extra = _SLOTS["__pydantic_extra__"].__set__
_set_private = _SLOTS["__pydantic_private__"].__set__
# A frozen model's fields-set never changes (a copy gets its own): every instance built here
# with all its fields can share one. None: a model that is not frozen gets its own set.
_SHARED: dict[type[BaseModel], set[str] | None] = {}


def trusted(cls: type[M], fields: dict[str, Any]) -> M:
    """A model of `cls` holding `fields` (every field, in declaration order) as they are.

    What BaseModel.model_construct does, without its per-field bookkeeping: only for values
    that are known to be valid."""
    model = _new(cls) if cls.__new__ is _new else cls.__new__(cls)
    _set(model, "__dict__", fields)
    try:
        shared = _SHARED[cls]
    except KeyError:
        frozen = bool(cls.model_config.get("frozen"))
        shared = _SHARED[cls] = set(cls.model_fields) if frozen else None
    _set_fields(model, shared if shared is not None and len(shared) == len(fields) else set(fields))
    _set_extra(model, None)
    _set_private(model, None)
    return model


def trusted_like(model: M, **changed: Any) -> M:
    """A model of `model`'s class with its fields, those named in `changed` replaced (each one
    a value known to be valid): a copy without pydantic's copying machinery."""
    return trusted(type(model), {**model.__dict__, **changed})
