"""Creating a temporary file or folder and taking charge of it, with no Ctrl-C or SIGTERM
in between.

Between mkstemp() returning and the `try` that removes the file on the way out, an
interrupt would leave the file behind, its name known to nobody. Inside `deferred()` the
two signals wait and arrive as soon as it ends, where the caller is ready for them: they
are blocked (a signal sent then is held by the system), and one that arrived just before
(whose Python handler has not run yet) is held here by the command line's handlers, which
go through `interrupt()`.
"""

from __future__ import annotations

import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class _State:
    depth = 0  # how many deferred() blocks are open
    pending: BaseException | None = None


_state = _State()


def interrupt(error: BaseException) -> None:
    """What a signal handler calls: raise `error` now, or when the deferred() block it came
    in ends."""
    if _state.depth:
        _state.pending = _state.pending or error
        return
    raise error


def _blockable() -> bool:
    return hasattr(signal, "pthread_sigmask") and (
        threading.current_thread() is threading.main_thread()
    )


@contextmanager
def deferred() -> Iterator[None]:
    blockable = _blockable()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if blockable else None
    _state.depth += 1
    try:
        yield
    finally:
        _state.depth -= 1
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    if _state.depth == 0 and _state.pending is not None:
        error, _state.pending = _state.pending, None
        raise error


@contextmanager
def temporary_folder(**options: Any) -> Iterator[str]:
    """tempfile.TemporaryDirectory(**options), removed however the block ends: an interrupt
    that comes while it is made or removed arrives once it is in charge or gone."""
    made: tempfile.TemporaryDirectory[str] | None = None
    try:
        with deferred():
            made = tempfile.TemporaryDirectory(**options)
        yield made.name
    finally:
        if made is not None:
            with deferred():
                made.cleanup()
