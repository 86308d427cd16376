"""TextStrips: lines laid out ahead (by a load's worker) are painted when the widget's look is
the one they were made for, even after a paint at another look (a layout on its way)."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.app import App, ComposeResult

from screens.widgets.text_strips import TextStrips


class Probe(TextStrips):
    def __init__(self) -> None:
        super().__init__()
        self.current = "passing"

    def look(self) -> Hashable | None:
        return self.current

    def text_for(self, look: Hashable) -> Text:
        return Text(f"drawn on the loop for {look}")


class ProbeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Probe()


async def test_lines_laid_out_ahead_wait_for_their_look() -> None:
    app = ProbeApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        probe = app.query_one(Probe)
        probe.keep_ahead("final", probe.visual_style, Text("laid out ahead"), probe.size)

        made = probe.strips_made
        probe.current = "on its way"  # another look painted first
        assert "on the loop for on its way" in probe.render_line(0).text
        assert (probe.strips_made, probe.strips_ahead) == (made + 1, 0)

        probe.current = "final"
        assert probe.render_line(0).text.startswith("laid out ahead")
        assert probe.strips_ahead == 1
