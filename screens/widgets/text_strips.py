"""A widget's text turned into the lines Textual paints, off the event loop.

A widget whose `render` returns a Rich `Text` is painted by Textual as Textual `Content` made of
it, laid out into strips at the widget's size in its visual style (`Widget._render_content`).
For a chart or the map (thousands of cells in runs of colour) that was 8-17 ms of the event
loop each time the widget was first painted at a size, on top of drawing the text. `TextStrips`
widgets make the strips where they make the text: a load's worker draws and lays them out for
the size and style the widget will be shown at, and `render_line` serves them when they are
still what the widget would paint; anything else is laid out on the loop, as before.

A chart's text is lines that fit the widget, in runs of one style each: `text_strips` makes
the strips of such text directly, the segments Textual makes of it (one per run, its style the
widget's style and the run's, with the run's offset for a mouse selection), without building
Textual `Content` and its per-run style stack first: 5-6 us a run instead of 15-30 (a chart
has 100-500 runs). Any other text (a line wider than the widget or of more characters than
cells, tabs, overlapping spans, an action's span, a mouse selection, aligned or padded text)
goes through Textual's own calls.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget


def text_strips(widget: Widget, text: Text, size: Size, style: Style) -> list[Strip]:
    """The strips Textual paints for `widget` rendering `text` at `size` in `style`: the same
    calls `Widget._render_content` makes. It only reads the widget (its styles, its selection),
    so a worker may call it."""
    strips = _runs_strips(widget, text, size, style)
    if strips is not None:
        return strips
    content = Content.from_rich_text(text, console=widget.app.console)
    return Visual.to_strips(widget, content, size.width, size.height, style)


def _runs_strips(widget: Widget, text: Text, size: Size, style: Style) -> list[Strip] | None:
    """What `Visual.to_strips` makes of `text` when each line fits `size` and its spans do not
    overlap, made run by run; None for any other text or widget (see the module's note)."""
    width, height = size
    rules = widget.styles
    plain = text.plain
    if (
        not width
        or text.style
        or "\t" in plain
        or widget.text_selection is not None
        or rules.get_rule("text_align", "left") != "left"
        or rules.get_rule("line_pad", 0)
        or rules.content_align != ("left", "top")
        or "@click" in style.meta
    ):
        return None
    lines = plain.split("\n")[:height]
    ends, cells = [], []  # where each line ends in `plain`, and its cells
    end = -1
    for line in lines:
        cells.append(cell_len(line))
        if len(line) > width or cells[-1] > width:
            # (more characters than cells, a combining accent: Textual crops trailing spaces
            # by characters, not cells)
            return None
        end += len(line) + 1
        ends.append(end)
    spans = sorted(text.spans, key=lambda span: span.start)
    ansi_theme = widget.app.ansi_theme
    styles: dict[RichStyle | str, Style] = {}  # a span's style -> the runs' style over `style`
    unstyled = style + style  # a run outside every span (Textual adds the base twice)
    strips: list[Strip] = []
    next_span = 0
    start = 0
    for y, (line, end, line_cells) in enumerate(zip(lines, ends, cells, strict=True)):
        segments: list[Segment] = []
        x = 0  # the offset in the line, as Textual counts it (characters)
        while next_span < len(spans) and spans[next_span].start < end:
            span = spans[next_span]
            if span.end > end or span.start < start + x or span.end <= span.start:
                return None  # across lines, overlapping or empty: Textual's way
            if span.start > start + x:
                gap = plain[start + x : span.start]
                segments.append(Segment(gap, unstyled.rich_style_with_offset(x, y)))
                x += len(gap)
            combined = styles.get(span.style)
            if combined is None:
                rich = span.style
                if isinstance(rich, str):
                    rich = widget.app.console.get_style(rich)
                if "@click" in rich.meta:
                    return None  # an action: Textual gives it the widget's link style
                combined = style + (style + Style.from_rich_style(rich, ansi_theme))
                styles[span.style] = combined
            run = plain[span.start : span.end]
            segments.append(Segment(run, combined.rich_style_with_offset(x, y)))
            x += len(run)
            next_span += 1
        if not segments or x < len(line):
            # Textual: a line without spans is one run, even empty; else the rest, if any
            segments.append(Segment(line[x:], unstyled.rich_style_with_offset(x, y)))
        strips.append(Strip(segments, line_cells))
        start = end + 1
    return strips


class TextStrips(Widget):
    """Second base of a widget (Textual takes a widget's CSS type and defaults from its first
    base) painted from text it draws itself (`look` says what the text depends on,
    `text_for` draws it), laid out into strips once per look: by a worker ahead of time
    (`keep_ahead`), else on the loop when first painted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._strips: tuple[Hashable, list[Strip]] | None = None  # (look and style, strips)
        self._strips_ahead: tuple[Hashable, list[Strip]] | None = None
        self.strips_made = 0  # on the loop (tests read it)
        self.strips_ahead = 0  # made by a worker and painted

    def look(self) -> Hashable | None:
        """What the text drawn now depends on (figures, size, focus, theme), or None when there
        is no text of its own to draw (painted the usual way)."""
        raise NotImplementedError

    def text_for(self, look: Hashable) -> Text:
        raise NotImplementedError

    def ahead_used(self, look: Hashable) -> None:
        """The strips a worker made for `look` are painted (what the widget keeps of them)."""

    def keep_ahead(self, look: Hashable, style: Style, text: Text, size: Size) -> None:
        """From a worker: `text`, drawn for `look` at `size`, laid out in `style` (the widget's
        visual style when the worker was started) for `render_line` to use."""
        self._strips_ahead = ((look, style), text_strips(self, text, size, style))

    def render_line(self, y: int) -> Strip:
        look = self.look()
        if look is None or self.text_selection is not None:
            # Textual draws a mouse selection into the lines it lays out: the selected widget
            # is painted its way, with the highlight; the lines kept here have none.
            return super().render_line(y)
        key = (look, self.visual_style)
        if self._strips is None or self._strips[0] != key:
            ahead = self._strips_ahead
            if ahead is not None and ahead[0] == key:
                # Taken when it matches only: a paint at a passing size (a layout on its way)
                # leaves it for the size it was made for.
                self._strips, self._strips_ahead = ahead, None
                self.strips_ahead += 1
                self.ahead_used(look)
            else:
                self._strips = (key, text_strips(self, self.text_for(look), self.size, key[1]))
                self.strips_made += 1
        lines = self._strips[1]
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)
