"""Run the workbook reader in isolated worker processes.

A reader can die in ways Python cannot catch (calamine aborts the process when it cannot
allocate), loop for ever, or eat all memory. `run_isolated` runs `work` on each item in
long-lived worker processes, each with a memory limit, and turns what went wrong into a
`Failure` for that item alone: the other items' results are intact and in order.

- A worker that dies (a signal, an exit) fails its item with read-crashed and is replaced.
- An item that takes longer than `timeout` seconds (wall clock) has its worker killed
  (SIGKILL): read-timeout, and a fresh worker takes the remaining items.
- MemoryError inside `work` fails the item with read-crashed "MemoryError"; the worker,
  whose failed allocation left it sound, goes on with the next item.
- Any other exception inside `work` is a bug: it is raised in the caller, with the
  worker's traceback as its cause. The workers are stopped first.

Workers are forked on Linux (cheap, and `work` need not be importable by name) and spawned
on macOS and Windows. Nothing here starts threads. A worker never outlives its parent: on
Linux the kernel kills it when the parent dies (PR_SET_PDEATHSIG), and a forked worker
holds none of the parent's pipes nor its stdin/stdout, so a killed kcstats leaves neither a
worker blocked for ever nor its output held open. What a worker writes to stderr (Rust's
last words before an abort) is kept out of the terminal: its first line becomes part of
the failure's detail.
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Literal, TypeVar

from kcstats.interrupts import deferred, temporary_folder
from kcstats.messages import Param, quoted, say
from kcstats.safety.limits import DEFAULT_LIMITS

if sys.platform != "win32":
    import resource

T = TypeVar("T")
R = TypeVar("R")

_PARENT_CHECK_SECONDS = 1.0  # how often an idle worker checks that its parent still lives
_PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies
_STDERR_DETAIL_CHARS = 160


@dataclass(frozen=True)
class Failure:
    """What happened to an item whose worker did not return normally."""

    code: Literal["read-timeout", "read-crashed"]
    # How it stopped, a parameter of kcstats.messages shown in the language asked for:
    # "SIGABRT", "SIGKILL (memory limit)", "exit code 1: MemoryError".
    detail: Param


class WorkerError(RuntimeError):
    """`work` raised an exception that could not be carried back as itself."""


class _RemoteTraceback(Exception):
    """The worker's traceback, attached as the cause of an exception re-raised here."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------------------------------------
# The worker side


def _address_space_bytes() -> int:
    """This process's current virtual size; 0 where /proc is not available."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _limit_memory(memory_bytes: int) -> None:
    """Let the address space grow by memory_bytes from here (a forked worker starts with
    its parent's mappings, which it mostly shares): allocations beyond fail. And no core
    files: a reader that aborts would otherwise leave one the size of its memory."""
    if sys.platform == "win32":
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space_bytes() + memory_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):  # a platform that will not set it
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))


def _limit_cpu(timeout: float) -> None:
    """A backstop for the parent's wall-clock deadline: should the parent be gone, a worker
    stuck in a loop is still stopped (SIGXCPU) once this item has used its CPU share."""
    if sys.platform == "win32":
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime + 2 * timeout + 5)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _portable(exc: BaseException) -> BaseException | None:
    """The exception if it survives pickling both ways, else None (its text still travels)."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - pickling a foreign exception can fail in any way
        return None
    return exc


def _die_with_parent(parent_pid: int) -> None:
    """On Linux, have the kernel kill this worker the moment its parent dies, whatever the
    worker is doing (the idle check below cannot see it while an item is being read)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the other safeguards remain
        return
    if os.getppid() != parent_pid:  # it died before prctl took effect
        os._exit(0)


def _let_go(inherited: tuple[int, ...]) -> None:
    """Close what a forked worker inherited but must not hold: the parent's ends of the
    pipes to this and the other workers (held here, a pipe never reports its reader gone,
    so a worker orphaned mid-reply would block in send for ever), and the terminal's or
    caller's stdin and stdout (held here, a caller waiting for kcstats' output to end would
    wait for an orphaned worker too). Each is pointed at /dev/null rather than closed: its
    number stays taken, so no file the reader opens later can be closed by a stale copy of
    a parent's object that still names that number."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, *inherited):
        with contextlib.suppress(OSError):
            os.dup2(devnull, fd)
    os.close(devnull)


def _worker_main(
    conn: Connection,
    work: Callable[[Any], Any],
    memory_bytes: int,
    timeout: float,
    parent_pid: int,
    stderr_path: str,
    inherited: tuple[int, ...] = (),
) -> None:
    _die_with_parent(parent_pid)
    _let_go(inherited)
    gc.enable()  # forked while the parent had it paused (kcstats.collector): a worker needs it
    # A service manager stops the whole group with SIGTERM: the parent cleans up, and a
    # worker (which holds nothing to clean) just ends, not through the parent's handler.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held them back
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    from kcstats.reader import utf8_path  # links for names calamine cannot take go here

    utf8_path.scratch = Path(stderr_path).parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # What the reader prints before it dies (Rust's "memory allocation of … failed" and a
    # backtrace) goes to a file the parent reads for the failure's detail, not the terminal.
    fd = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    if faulthandler.is_enabled():  # pytest, PYTHONFAULTHANDLER: keep it, but there too
        faulthandler.enable(file=2)
    _limit_memory(memory_bytes)
    while True:
        while not conn.poll(_PARENT_CHECK_SECONDS):
            if os.getppid() != parent_pid:
                return  # orphaned: nobody wants the answer
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        os.ftruncate(2, 0)
        os.lseek(2, 0, os.SEEK_SET)
        _limit_cpu(timeout)
        reply: tuple[Any, ...]
        try:
            reply = ("ok", work(message[0]))
        except MemoryError:
            reply = ("crashed", "MemoryError")
        except Exception as exc:  # noqa: BLE001 - carried to the parent and raised there
            reply = ("error", _portable(exc), traceback.format_exc())
        except BaseException as exc:  # noqa: BLE001 - a panic, SystemExit: this worker ends
            conn.send(("crashed", _describe(exc)))
            return
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("crashed", "MemoryError"))
        except (OSError, EOFError):
            return
        except Exception as exc:  # noqa: BLE001 - the result would not pickle: a bug
            conn.send(("error", _portable(exc), traceback.format_exc()))


def _describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    return text[:_STDERR_DETAIL_CHARS]


# ---------------------------------------------------------------------------------------------
# The parent side


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    stderr_path: Path
    index: int | None = None  # the item it is working on
    deadline: float = 0.0


def _signal_detail(exitcode: int | None, stderr_path: Path) -> Param:
    detail: Param
    if exitcode is None:
        detail = say("crash.unknown")
    else:
        try:
            name = signal.Signals(-exitcode).name if exitcode < 0 else None
        except ValueError:
            name = None
        if name == "SIGKILL":
            detail = say("crash.memory", signal=name)
        elif name == "SIGXCPU":
            detail = say("crash.cpu", signal=name)
        elif name is not None:
            detail = quoted(name)
        elif exitcode < 0:
            detail = say("crash.signal", number=-exitcode)
        else:
            detail = say("crash.exit-code", code=exitcode)
    said = _first_line(stderr_path)
    return say("crash.said", detail=detail, said=said) if said else detail


def _first_line(path: Path) -> str:
    """The first line the worker wrote to stderr for this item, if any, unless it is only
    faulthandler's "Fatal Python error: Aborted" (the signal already says as much)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return ""
    for line in head.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            said = line.strip()
            return "" if said.startswith("Fatal Python error") else said[:_STDERR_DETAIL_CHARS]
    return ""


def _context() -> ForkContext | SpawnContext:
    """Fork on Linux and the like (cheap, and `work` need not be importable by name); spawn
    on macOS and Windows, where forking a process that used system frameworks is unsafe."""
    if sys.platform == "win32" or sys.platform == "darwin":
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("fork")


class _Pool:
    def __init__(
        self, work: Callable[[Any], Any], memory_bytes: int, timeout: float, folder: Path
    ) -> None:
        self.context = _context()
        self.work = work
        self.memory_bytes = memory_bytes
        self.timeout = timeout
        self.folder = folder
        self.workers: list[_Worker] = []
        self.started = 0

    def start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        stderr_path = self.folder / f"worker-{self.started}.stderr"
        self.started += 1
        # A forked worker inherits every descriptor open here; a spawned one starts clean.
        inherited = (
            tuple(end.fileno() for end in (parent_end, *(w.conn for w in self.workers)))
            if isinstance(self.context, ForkContext)
            else ()
        )
        process = self.context.Process(
            target=_worker_main,
            args=(
                child_end,
                self.work,
                self.memory_bytes,
                self.timeout,
                os.getpid(),
                str(stderr_path),
                inherited,
            ),
            name=f"kcstats-reader-{self.started}",
            daemon=True,
        )
        # A worker started is a worker known here, so that it is stopped before its folder
        # is removed, whenever Ctrl-C or SIGTERM comes.
        with deferred():
            try:
                process.start()
            finally:
                child_end.close()  # else its death would never show as EOF here
            worker = _Worker(process, parent_end, stderr_path)
            self.workers.append(worker)
        return worker

    def retire(self, worker: _Worker, *, kill: bool) -> None:
        """Stop one worker and release everything it holds."""
        self.workers.remove(worker)
        if kill:
            worker.process.kill()
        elif worker.process.is_alive():
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        worker.process.close()
        with contextlib.suppress(OSError):
            worker.stderr_path.unlink()

    def close(self) -> None:
        # Busy ones first, killed at once; idle ones are asked to stop and joined.
        for worker in sorted(self.workers, key=lambda w: w.index is None):
            self.retire(worker, kill=worker.index is not None)


def run_isolated(
    items: Sequence[T],
    work: Callable[[T], R],
    *,
    jobs: int = 1,
    timeout: float = DEFAULT_LIMITS.read_timeout_seconds,
    memory_bytes: int = DEFAULT_LIMITS.worker_memory_bytes,
    on_done: Callable[[int, int], None] | None = None,
    on_result: Callable[[int, R | Failure], None] | None = None,
    on_started: Callable[[], object] | None = None,
) -> list[R | Failure]:
    """work(item) for every item, in worker processes; results in the order of items.

    `work` must be a module-level function (it is pickled by name where workers are
    spawned). `jobs` workers run at once (never more than there are items); each may grow
    its address space by `memory_bytes`; an item gets `timeout` seconds of wall clock.
    `on_result(index, outcome)` then `on_done(done, total)` are called here after each item,
    whatever its outcome, once its worker has been given the next item: what they do here
    keeps no worker waiting. `on_started()` is called once every worker has its first item:
    what this process does then overlaps the workers' work (a worker that finishes its item
    meanwhile waits for the next one until it returns).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    total = len(items)
    if total == 0:
        return []
    results: dict[int, R | Failure] = {}
    pending = deque(range(total))
    with temporary_folder(prefix="kcstats-workers-") as folder:
        pool = _Pool(work, memory_bytes, timeout, Path(folder))
        try:

            def assign(worker: _Worker) -> None:
                index = pending.popleft()
                worker.index, worker.deadline = index, time.monotonic() + timeout
                try:
                    worker.conn.send((items[index],))
                except OSError:  # it died between two items: a fresh one takes this one
                    worker.index = None
                    pool.retire(worker, kill=True)
                    worker = pool.start()
                    worker.index, worker.deadline = index, time.monotonic() + timeout
                    worker.conn.send((items[index],))

            def finish(worker: _Worker, outcome: R | Failure, *, replace: bool) -> None:
                index = worker.index
                assert index is not None
                results[index] = outcome
                worker.index = None
                if replace:
                    pool.retire(worker, kill=True)
                    if pending:
                        assign(pool.start())
                elif pending:
                    assign(worker)
                if on_result is not None:
                    on_result(index, outcome)
                if on_done is not None:
                    on_done(len(results), total)

            for _ in range(min(jobs, total)):
                assign(pool.start())
            if on_started is not None:
                on_started()
            while len(results) < total:
                busy = {w.conn: w for w in pool.workers if w.index is not None}
                nearest = min(w.deadline for w in busy.values())
                ready = wait(list(busy), timeout=max(0.0, nearest - time.monotonic()))
                for conn in ready:
                    assert isinstance(conn, Connection)
                    worker = busy[conn]
                    try:
                        reply = conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(timeout=5)
                        detail = _signal_detail(worker.process.exitcode, worker.stderr_path)
                        finish(worker, Failure("read-crashed", detail), replace=True)
                        continue
                    if reply[0] == "ok":
                        finish(worker, reply[1], replace=False)
                    elif reply[0] == "crashed":
                        # MemoryError leaves the worker sound; anything else ended it.
                        ended = reply[1] != "MemoryError"
                        finish(worker, Failure("read-crashed", quoted(reply[1])), replace=ended)
                    else:
                        _, exc, text = reply
                        if exc is None:
                            raise WorkerError(text)
                        raise exc from _RemoteTraceback(text)
                now = time.monotonic()
                for worker in busy.values():
                    if worker.index is not None and worker.deadline <= now:
                        timed_out = Failure(
                            "read-timeout", say("crash.timeout", seconds=f"{timeout:g}")
                        )
                        finish(worker, timed_out, replace=True)
        finally:
            pool.close()
    return [results[i] for i in range(total)]
