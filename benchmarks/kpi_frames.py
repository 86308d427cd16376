"""What the event loop does for each KPI view key, frame by frame (a diagnostic, not a timing).

Usage: python benchmarks/kpi_frames.py [--keys x c l v t h o n a] [--size 120x40] [--scale 1]
                                       [--cache DIR]

Opens the KPI screen on the warehouse `screens.py` uses, waits for every view to be loaded
ahead, then presses each key and prints, from the key (wall ms, loop-thread CPU ms): every frame
written, every layout of the screen (with the widgets whose Layout messages asked for it, and
its CPU), every widget whose virtual size a layout changed (which asks for another layout),
every Layout message the screen handled, what each compositor refresh repainted, and every
message that took more than 0.8 ms of CPU. It wraps Textual internals (`Screen._refresh_layout`,
`Widget._size_updated`, `Screen._on_layout`, ...) to watch them: a tool for finding where a
key's frames come from, not for measuring them (`screens.py` does that, without such hooks).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
_spec = importlib.util.spec_from_file_location("bench_screens", HERE / "screens.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)  # (it takes its own folder off the import path again)

from textual.message_pump import MessagePump  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widget import Widget  # noqa: E402

EVENTS: list[tuple[float, float, str]] = []
WATCHING = [False]


def named(node: object) -> str:
    node_id = getattr(node, "id", None)
    return f"{type(node).__name__}#{node_id}" if node_id else type(node).__name__


def note(text: str, cpu_from: float | None = None) -> None:
    if WATCHING[0]:
        wall, cpu = time.perf_counter(), time.thread_time()
        spent = f" [{(cpu - cpu_from) * 1000:.1f} cpu]" if cpu_from is not None else ""
        EVENTS.append((wall, cpu, text + spent))


def watch() -> None:
    dispatch = MessagePump._dispatch_message

    async def timed_dispatch(self: MessagePump, message: Any) -> None:
        cpu = time.thread_time()
        await dispatch(self, message)
        if WATCHING[0] and time.thread_time() - cpu > 0.0008:
            note(f"  message {named(self)}.{type(message).__name__}", cpu)

    refresh_layout = Screen._refresh_layout

    def timed_layout(self: Screen[Any], size: Any = None, scroll: bool = False) -> None:
        asked = [named(widget) for widget in self._layout_widgets]
        cpu = time.thread_time()
        refresh_layout(self, size, scroll)
        note(f"LAYOUT asked by {asked}", cpu)

    size_updated = Widget._size_updated

    def watched_size(self: Widget, size: Any, virtual: Any, container: Any, layout: bool = True):  # type: ignore[no-untyped-def]
        before = self.virtual_size
        changed = size_updated(self, size, virtual, container, layout)
        if layout and before != virtual:
            note(f"    virtual size {named(self)} {tuple(before)} -> {tuple(virtual)}")
        return changed

    on_layout = Screen._on_layout

    async def watched_on_layout(self: Screen[Any], message: Any) -> None:
        note(f"    Layout message from {named(message.widget)}")
        await on_layout(self, message)

    compositor_refresh = Screen._compositor_refresh

    def watched_refresh(self: Screen[Any]) -> None:
        note(f"  paint {[named(widget) for widget in self._dirty_widgets][:8]}")
        compositor_refresh(self)

    flush = bench.FrameDriver.flush

    def watched_flush(self: Any) -> None:
        flush(self)
        note("FRAME")

    MessagePump._dispatch_message = timed_dispatch  # type: ignore[method-assign]
    Screen._refresh_layout = timed_layout  # type: ignore[method-assign]
    Widget._size_updated = watched_size  # type: ignore[method-assign]
    Screen._on_layout = watched_on_layout  # type: ignore[method-assign]
    Screen._compositor_refresh = watched_refresh  # type: ignore[method-assign]
    bench.FrameDriver.flush = watched_flush


async def run(args: argparse.Namespace) -> list[str]:
    size = tuple(int(n) for n in args.size.split("x"))
    data_dir = bench.warehouse_dir(args.cache, args.scale, 42)
    container = bench.build_container(bench.load_settings({"data_dir": data_dir}, env={}))
    app = bench.WorkbenchApp(container)
    app.driver_class = bench.FrameDriver
    out: list[str] = []
    try:
        async with app.run_test(size=size, headless=False) as pilot:
            await bench.painted(pilot)
            await pilot.press("4")
            await bench.painted(pilot, besides=())
            for key in args.keys:
                await bench.painted(pilot, besides=())
                EVENTS.clear()
                WATCHING[0] = True
                wall, cpu = time.perf_counter(), time.thread_time()
                await pilot.press(key)
                await bench.painted(pilot)
                WATCHING[0] = False
                frames = sum(text == "FRAME" for _, _, text in EVENTS)
                layouts = sum(text.startswith("LAYOUT") for _, _, text in EVENTS)
                out.append(f"===== key {key}: {frames} frames, {layouts} layouts")
                out += [
                    f"{(w - wall) * 1000:7.1f} {(c - cpu) * 1000:7.1f}  {text}"
                    for w, c, text in EVENTS
                ]
    finally:
        container.shutdown_resources()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keys", nargs="+", default=list(bench.KPI_VIEWS))
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--cache", type=Path, default=bench.DEFAULT_CACHE)
    args = parser.parse_args()
    watch()
    lines = asyncio.run(run(args))
    sys.__stdout__.write("\n".join(lines) + "\n")  # (the app captured print while it ran)


if __name__ == "__main__":
    main()
