"""SIGTERM ends a run as cleanly as Ctrl-C.

Services, schedulers and `timeout` stop programs with SIGTERM, whose default ends the
process at once: the workers' temporary folder, a half-written output's temporary file and
XlsxWriter's scratch folder would stay behind. Here SIGTERM raises the exception Ctrl-C
raises, so every `finally` and `with` on the way out runs, and the run ends with the status
a terminated program has (128 + 15).
"""

from __future__ import annotations

import os
import signal
from types import FrameType

from kcstats.interrupts import interrupt

TERMINATED_STATUS = 128 + signal.SIGTERM
INTERRUPTED_STATUS = 128 + signal.SIGINT  # what Typer exits with on KeyboardInterrupt


class Terminated(KeyboardInterrupt):
    """Raised by SIGTERM: handled wherever Ctrl-C is."""


class _State:
    terminated = False
    interrupted = False
    pid = 0


_state = _State()


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _state.pid:
        # A worker forked the moment SIGTERM reached the parent inherits the signal, not
        # yet handled: it only ends (the parent cleans up).
        os._exit(TERMINATED_STATUS)
    # A second SIGTERM while cleaning up must not cut the cleaning short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _state.terminated = True
    interrupt(Terminated())


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    """Python's own Ctrl-C (KeyboardInterrupt), held while a temporary file is being made."""
    if os.getpid() != _state.pid:  # a worker forked as it came: the parent handles it
        return
    _state.interrupted = True
    interrupt(KeyboardInterrupt())


def stop_on_sigterm() -> None:
    """Called once by the command line's entry point (never by the library)."""
    _state.pid = os.getpid()
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)


def stopped_line(code: object) -> str | None:
    """What to say as a run stopped by Ctrl-C or SIGTERM ends: every temporary file is gone
    by then (the `finally` blocks ran), and an output is only ever renamed into place whole."""
    if _state.terminated or (_state.interrupted and code == INTERRUPTED_STATUS):
        from kcstats.cli.language import language_of
        from kcstats.messages import text

        return text("cli.stopped", language_of())
    return None


def exit_code(code: int) -> int:
    return TERMINATED_STATUS if _state.terminated else code


def exit_status(done: SystemExit) -> SystemExit:
    """The SystemExit to end with: the status of a terminated program after SIGTERM."""
    return SystemExit(TERMINATED_STATUS) if _state.terminated else done
