"""Run a step's models on several connections at once, each once every model it reads is written.

One DuckDB query on small or narrow input does not keep both threads busy (measured at scale 1:
the build used 1.3 of 2 cores), so independent models run side by side, each on a connection of
its own to the same database (DuckDB's threads are shared by them). Every model commits on its
own: the file is new and removed whole on any failure, so nothing is lost by it, and a model's
table is visible to the next connection once written.

A temp view is private to the connection that creates it, so it is not a task: a connection
creates the ones a model reads just before it, in their own dependency order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

import duckdb

from domain.cancellation import CancelToken
from infrastructure.interruption import interrupt, interrupted_on_cancel

Work = Callable[[duckdb.DuckDBPyConnection], int]


@dataclass(frozen=True)
class Task:
    """One model to write: what it reads (other tasks' names; anything else is there already),
    the temp views it reads, in creation order, and the work that writes it (its rows)."""

    name: str
    reads: frozenset[str]
    work: Work
    temp_views: tuple[tuple[str, str], ...] = ()  # (name, CREATE TEMP VIEW statement)


def run_concurrently(
    tasks: Sequence[Task],
    *,
    workers: int,
    open_connection: Callable[[], duckdb.DuckDBPyConnection],
    cancel: CancelToken,
) -> dict[str, int]:
    """Run every task, at most `workers` at once, a task only once those it reads are done, the
    others in the order given; return each task's rows. On a failure no task starts any more,
    the running ones end, and the error of the first failed task in the given order is raised
    (as running them one by one would have found first, whatever the timing)."""
    names = {task.name for task in tasks}
    unknown = {r for task in tasks for r in task.reads if r not in names}
    waiting = list(tasks)
    pending_reads = {task.name: set(task.reads) - unknown for task in tasks}
    order = {task.name: index for index, task in enumerate(tasks)}
    connections = _Connections(open_connection)
    rows: dict[str, int] = {}
    failures: dict[str, BaseException] = {}
    running: dict[Future[int], Task] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="model") as pool:
        try:
            while waiting or running:
                if not failures:
                    for task in [t for t in waiting if not pending_reads[t.name]]:
                        if len(running) >= workers:
                            break
                        waiting.remove(task)
                        running[pool.submit(_run, task, connections, cancel)] = task
                if not running:
                    if failures:
                        break  # a failure left tasks waiting: none starts
                    stuck = ", ".join(task.name for task in waiting)
                    raise RuntimeError(f"models that wait on each other: {stuck}")
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    task = running.pop(future)
                    error = future.exception()
                    if error is not None:
                        failures[task.name] = error
                        continue
                    rows[task.name] = future.result()
                    for reads in pending_reads.values():
                        reads.discard(task.name)
        except BaseException:  # the caller stopped waiting (a KeyboardInterrupt): stop them too
            for con in connections.opened():
                interrupt(con)
            raise
        finally:
            for future in running:
                future.cancel()
            wait(running)
            for con in connections.opened():
                con.close()
    if failures:
        raise failures[min(failures, key=order.__getitem__)]
    return {task.name: rows[task.name] for task in tasks}


def _run(task: Task, connections: _Connections, cancel: CancelToken) -> int:
    con, views = connections.mine()
    with interrupted_on_cancel(con, cancel):
        con.begin()  # one commit per model: each commit syncs the log to disk
        created = [name for name, _ in task.temp_views if name not in views]
        for name, statement in task.temp_views:
            if name in created:
                con.execute(statement)
        rows = task.work(con)
        con.commit()
        views.update(created)
        return rows


class _Connections:
    """One connection per worker thread, opened on its first task."""

    def __init__(self, open_connection: Callable[[], duckdb.DuckDBPyConnection]) -> None:
        self._open = open_connection
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[duckdb.DuckDBPyConnection] = []

    def mine(self) -> tuple[duckdb.DuckDBPyConnection, set[str]]:
        if not hasattr(self._local, "con"):
            self._local.con = self._open()
            self._local.views = set()
            with self._lock:
                self._opened.append(self._local.con)
        return self._local.con, self._local.views

    def opened(self) -> list[duckdb.DuckDBPyConnection]:
        with self._lock:
            return list(self._opened)
