"""The charts' escape codes read as Rich reads them: `ansi_text` gives the same Text as
`Text.from_ansi` (text, spans, settings) for what plotext builds and for odd input."""

from __future__ import annotations

import plotext
import pytest
from rich.text import Text

from screens.widgets.ansi_text import ansi_text


def same(a: Text, b: Text) -> bool:
    settings = ("style", "justify", "overflow", "no_wrap", "end", "tab_size")
    return (
        a.plain == b.plain
        and a.spans == b.spans
        and all(getattr(a, name) == getattr(b, name) for name in settings)
    )


def plotext_chart() -> str:
    figure = plotext
    figure.clear_figure()
    figure.plotsize(60, 14)
    figure.theme("dark")
    figure.bar(["a", "b", "c"], [3, 1, 2], color=(1, 120, 212))
    figure.plot([0, 1, 2], [1, 3, 2], color=(224, 224, 224), marker="braille")
    figure.title("a chart")
    return figure.build()


@pytest.mark.parametrize(
    "ansi",
    [
        "",
        "plain",
        "two\nlines\n",
        "\n\n",
        "a\x1b[1mbold\nstill bold\x1b[0m plain",
        "x\x1b[38;5;3mred\x1b[48;2;1;2;3m on rgb\n\nz\n",
        "x\x1b[38;2;1;2mshort code\x1b[;1m",
        "a\rcarriage return",  # not colour codes alone: Rich's own decoder
        "a\x1b]8;;https://example.com\x1b\\link",
        "bell\x07",
    ],
)
def test_ansi_text_reads_as_rich_reads(ansi: str) -> None:
    assert same(ansi_text(ansi), Text.from_ansi(ansi))


def test_a_plotext_chart_reads_as_rich_reads() -> None:
    chart = plotext_chart()
    assert "\x1b[" in chart
    assert same(ansi_text(chart), Text.from_ansi(chart))
