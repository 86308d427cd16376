"""Terminal text with colour codes (what plotext builds) as a Rich Text, as `Text.from_ansi`
makes it but faster: a chart is a few thousand cells in runs of a handful of colours, and Rich
works out the style of each run from its escape codes again (a new Style per code), which cost
as much as plotext's own drawing. Here each (style, codes) step is worked out once, by Rich's own
decoder, and remembered; the text is built from the runs in one pass. Text with anything but
colour codes (cursor moves, links, carriage returns) goes to `Text.from_ansi` itself."""

from __future__ import annotations

import re

from rich.ansi import AnsiDecoder
from rich.control import strip_control_codes
from rich.style import Style
from rich.text import Span, Text

SGR = re.compile(r"\x1b\[([0-9;]*)m")
LINES = re.compile(r"(?<=\n)")  # as Rich's decoder splits: a text ending in a newline ends
# with an empty line
_after: dict[tuple[Style, str], Style] = {}  # (style, codes) -> the style Rich gets to


def _step(style: Style, codes: str) -> Style:
    key = (style, codes)
    found = _after.get(key)
    if found is None:
        decoder = AnsiDecoder()
        decoder.style = style
        decoder.decode_line(f"\x1b[{codes}m")
        found = _after[key] = decoder.style
    return found


def ansi_text(ansi: str) -> Text:
    """`Text.from_ansi(ansi)`, equal to it (the same text and spans)."""
    bare = SGR.sub("", ansi)
    if "\x1b" in bare or "\r" in bare or strip_control_codes(bare) != bare:
        return Text.from_ansi(ansi)
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    style = Style.null()
    for number, line in enumerate(line.rstrip("\n") for line in LINES.split(ansi)):
        if number:
            parts.append("\n")
            offset += 1
        position = 0
        for match in SGR.finditer(line):
            plain = line[position : match.start()]
            if plain:
                parts.append(plain)
                if style:
                    spans.append(Span(offset, offset + len(plain), style))
                offset += len(plain)
            style = _step(style, match.group(1))
            position = match.end()
        plain = line[position:]
        if plain:
            parts.append(plain)
            if style:
                spans.append(Span(offset, offset + len(plain), style))
            offset += len(plain)
    return Text("".join(parts), spans=spans, tab_size=8)
