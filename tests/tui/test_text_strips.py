"""TextStrips: lines laid out ahead (by a load's worker) are painted when the widget's look is
the one they were made for, even after a paint at another look (a layout on its way); and the
lines `text_strips` makes are the ones Textual makes of the same text, whichever way it takes."""

from __future__ import annotations

from collections.abc import Hashable
from unittest.mock import patch

import pytest
from rich.style import Style
from rich.text import Span, Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from screens.widgets.text_strips import TextStrips, text_strips


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


def textual_strips(widget: Widget, text: Text, size: Size) -> list[Strip]:
    """What Textual itself paints of `text` (`Widget._render_content`'s calls)."""
    content = Content.from_rich_text(text, console=widget.app.console)
    return Visual.to_strips(widget, content, size.width, size.height, widget.visual_style)


def made_by_runs(widget: Widget, text: Text, size: Size) -> bool:
    """Did `text_strips` make these strips run by run (not through Textual's calls)?"""
    with patch.object(Visual, "to_strips", side_effect=AssertionError("Textual's way")):
        try:
            text_strips(widget, text, size, widget.visual_style)
        except AssertionError:
            return False
    return True


def red_on(text: str, *ranges: tuple[int, int], style: str | Style = "bold red") -> Text:
    return Text(text, spans=[Span(start, end, style) for start, end in ranges])


TEXTS = {  # text, whether it is made run by run (else Textual's calls make it)
    "runs and gaps": (red_on("ab cd\nefgh", (0, 2), (3, 5), (6, 8)), True),
    "adjacent runs": (red_on("abcd", (0, 2), (2, 4), style=Style(color="#00ff00")), True),
    "no spans": (Text("plain\n\nlines"), True),
    "empty lines and a last newline": (red_on("\nab\n\n", (1, 3)), True),
    "a line as wide as the widget": (red_on("x" * 20, (5, 20)), True),
    "styled rest": (red_on("abc\ndef", (1, 2), (5, 7)), True),
    "more lines than the height": (red_on("1\n2\n3\n4\n5\n6\n7", (0, 1), (12, 13)), True),
    "a line wider than the widget": (red_on("y" * 25, (0, 3)), False),
    "overlapping spans": (red_on("abcdef", (0, 4), (2, 6)), False),
    "a span across lines": (red_on("ab\ncd", (1, 4)), False),
    "a tab": (red_on("a\tb", (0, 1)), False),
    "a base style": (Text("abc", style="italic"), False),
    "a combining accent then spaces": (red_on("Sa\u0303o" + " " * 17, (0, 4)), False),
    "an action's span": (red_on("abc", (0, 2), style=Style.from_meta({"@click": "bell"})), False),
}


@pytest.mark.parametrize("case", TEXTS)
async def test_strips_made_by_runs_are_the_ones_textual_makes(case: str) -> None:
    text, by_runs = TEXTS[case]
    app = ProbeApp()
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        probe = app.query_one(Probe)
        size = probe.size
        assert made_by_runs(probe, text, size) is by_runs
        made = text_strips(probe, text, size, probe.visual_style)
        assert made == textual_strips(probe, text, size)
        assert [strip.cell_length for strip in made] == [
            strip.cell_length for strip in textual_strips(probe, text, size)
        ]
