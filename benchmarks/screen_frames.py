"""Frame by frame: what a key's answer does between the key and its last frame.

Runs `benchmarks/screens.py`'s cases (the same app, warehouse cache and Pilot driver) and prints,
for each case whose name starts with `--case`, a timeline in ms from the key: every frame written
(with the loop thread's CPU time then), every screen update (whether it lays out, scrolls or
repaints, and the widgets it paints), every layout's CPU, every footer keys' update, each load's
worker start and end; with `--trace-layouts` each widget's request for a layout and where it came
from, with `--trace CLASS` each refresh of widgets of that class. A diagnostic, not a benchmark:
it patches Textual's private methods to see them (never used by the app or its tests).

Usage: python benchmarks/screen_frames.py [--scale S] [--only GROUP] [--case PREFIX]
       [--repeat R] [--trace-layouts] [--trace CLASS]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("bench_screens", HERE / "screens.py")
assert spec is not None and spec.loader is not None
bench = importlib.util.module_from_spec(spec)
sys.modules["bench_screens"] = bench
spec.loader.exec_module(bench)

from textual.screen import Screen  # noqa: E402
from textual.widget import Widget  # noqa: E402

from screens import loads  # noqa: E402
from screens.widgets import keys_footer  # noqa: E402
from workbench.application.config import load_settings  # noqa: E402
from workbench.container import build_container  # noqa: E402

EVENTS: list[tuple[float, str]] = []
OUT: list[str] = []  # printed at the end: Textual captures stdout while an app runs


def note(what: str, at: float | None = None) -> None:
    EVENTS.append((time.perf_counter() if at is None else at, what))


def patch(args: argparse.Namespace) -> None:
    run_load = loads.Loads._run_load

    def timed_load(self: Any, kind: str, *rest: Any) -> None:
        note(f"worker {kind} starts")
        run_load(self, kind, *rest)
        note(f"worker {kind} posted")

    loads.Loads._run_load = timed_load  # type: ignore[method-assign]

    flush, send = bench.FrameDriver.flush, bench.FrameDriver.send_message

    def frame(self: Any) -> None:
        flush(self)
        note(f"FRAME (loop cpu {time.thread_time() * 1000:.1f})")

    def key(self: Any, message: Any) -> None:
        if isinstance(message, bench.events.Key):
            note(f"KEY {message.key} (loop cpu {time.thread_time() * 1000:.1f})")
        send(self, message)

    bench.FrameDriver.flush, bench.FrameDriver.send_message = frame, key

    layout, update = Screen._refresh_layout, Screen._on_timer_update

    def timed_layout(self: Any, *a: Any, **k: Any) -> None:
        at, cpu = time.perf_counter(), time.thread_time()
        layout(self, *a, **k)
        note(f"  layout {1000 * (time.thread_time() - cpu):.1f} ms cpu", at)

    def seen_update(self: Any) -> None:
        dirty = sorted(f"{type(w).__name__}#{w.id}" for w in self._dirty_widgets)
        note(
            f"  update: layout={self._layout_required} scroll={self._scroll_required} "
            f"repaint={self._repaint_required} paints {dirty[:6]}{'...' if len(dirty) > 6 else ''}"
        )
        update(self)

    Screen._refresh_layout, Screen._on_timer_update = timed_layout, seen_update  # type: ignore[method-assign]

    keys = keys_footer.KeysFooter._update_keys

    def timed_keys(self: Any) -> None:
        at, cpu, before = time.perf_counter(), time.thread_time(), len(self._entries)
        keys(self)
        took = 1000 * (time.thread_time() - cpu)
        note(f"  footer keys {before} -> {len(self._entries)}, {took:.1f} ms cpu", at)

    keys_footer.KeysFooter._update_keys = timed_keys  # type: ignore[method-assign]

    if args.trace_layouts or args.trace:
        refresh = Widget.refresh

        def traced(self: Any, *regions: Any, **options: Any) -> Any:
            if (options.get("layout") and args.trace_layouts) or type(self).__name__ == args.trace:
                stack = traceback.extract_stack(limit=8)[:-1]
                where = " < ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(stack))
                what = "layout" if options.get("layout") else "refresh"
                note(f"    {what} {type(self).__name__}#{self.id} from {where}")
            return refresh(self, *regions, **options)

        Widget.refresh = traced  # type: ignore[method-assign]

    case = bench.Recorder.case

    async def timeline(self: Any, name: str, act: Any) -> None:
        start = len(EVENTS)
        await case(self, name, act)
        if not name.startswith(args.case):
            return
        OUT.append(
            f"== {name}: key→frame {self.key_to_frame[name]:.0f} ms, "
            f"loop cpu {self.loop_cpu[name]:.0f} ms, frames {self.frames[name]}"
        )
        events = EVENTS[start:]
        keys_at = [at for at, what in events if what.startswith("KEY")]
        zero = keys_at[-1] if keys_at else events[0][0]
        OUT.extend(f"  {1000 * (at - zero):8.1f}  {what}" for at, what in events)

    bench.Recorder.case = timeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", choices=bench.GROUPS, default="explorer")
    parser.add_argument("--case", default="", help="the cases whose name starts so")
    parser.add_argument("--repeat", type=int, default=2, help="apps run (the first is cold)")
    parser.add_argument("--trace-layouts", action="store_true")
    parser.add_argument("--trace", help="a widget class whose every refresh is shown")
    args = parser.parse_args()
    patch(args)
    data_dir = bench.warehouse_dir(bench.DEFAULT_CACHE, args.scale, 42)
    container = build_container(load_settings({"data_dir": data_dir}, env={}))
    try:
        found = bench.ids(container)
        for repeat in range(args.repeat):
            container.warehouse().reload()
            OUT.append(f"--- app {repeat + 1}")
            asyncio.run(bench.run_cases(container, (120, 40), found, None, (args.only,)))
    finally:
        container.shutdown_resources()
    print("\n".join(OUT))


if __name__ == "__main__":
    main()
