"""The sizes a layout will find, given to widgets before it runs, so it is the only one.

When Textual lays a screen out, every widget placed at a new size gets a new virtual size (its
scrollable size), and that change asks for another layout (`virtual_size` is a reactive with
`layout=True`): a pane shown for the first time, or a footer key that now says something
longer, is laid out in one frame and laid out again, to the same places, in the next one. A
table that now needs its scrollbar shows it a layout later still, and its new scrollbar one
more. Each of those frames costs at least 1/60 s of wall time (Textual renders at most 60 a
second) and a layout of the screen.

`settle` works out, with the layouts Textual arranges with (`Widget.arrange`), what the next
layout will give each widget under a container whose own size is known, and sets those virtual
sizes and scrollbars beforehand, without a refresh (`set_reactive`): the layout finds them
unchanged and asks for no other. A guess that turns out wrong costs what it did before: the
layout sets the size it found and lays out again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

# How long a key's answer holds the screen's updates (`App.delay_update`): the widgets it changed,
# the focus it moved and the footer's keys for it each ask for a layout from their own message
# queue, some after the screen has laid out and painted the first of them; each late one took a
# layout and a frame of its own (>= 1/60 s later). Held this long, they are one layout and one
# frame.
HOLD_SECONDS = 0.012
_held_until: WeakKeyDictionary[App[object], float] = WeakKeyDictionary()  # (time.monotonic)


def hold_updates(app: App[object]) -> None:
    """Hold the screen's updates `HOLD_SECONDS`, while a key's answer is put in place."""
    app.delay_update(HOLD_SECONDS)
    _held_until[app] = time.monotonic() + HOLD_SECONDS


def frames_ready(screen: Screen[Any]) -> None:
    """Start the screen's frame timer now, as it mounts, rather than when the switch's hold ends.

    `App.switch_mode` holds every frame 50 ms (`delay_update`). Textual paints a screen from a
    timer that ticks every 1/60 s once it first runs (`Screen._update_timer`), and a new
    screen's first runs only when that hold ends and asks for the screen's repaint: its first
    tick, the frame that shows the opened screen, comes a full 1/60 s later, with the loop idle
    meanwhile. Started as the screen mounts, it has ticked (painting nothing, inside the hold)
    by the time the hold ends, and the repaint is painted at the next turn of the loop. Textual
    has no public way to start it: this leans on `Screen._update_timer` (Textual 8), and does
    nothing if that is gone."""
    timer = getattr(screen, "_update_timer", None)
    if isinstance(timer, Timer):
        timer.resume()


def answer_at_once(widget: Widget, *, hold: bool = True) -> None:
    """A load's answer just put into `widget` (laid out already, at the size it keeps): the
    screen's updates held a moment (`hold_updates`, unless held already) and `widget` settled
    at its size, so the answer is painted in one layout and one frame."""
    if hold:
        hold_updates(widget.app)
    size = widget.region.size
    if size.width and size.height:
        settle(widget, size)


def after_painted(widget: Widget, callback: Callable[..., object], *args: object) -> None:
    """`callback(*args)` after the frame that paints what was just changed: after the next
    refresh (`call_after_refresh`), or, while the updates are held, after the refresh that
    follows the hold (a held refresh paints nothing; background work started then would
    compete with the painting of the answer)."""
    left = _held_until.get(widget.app, 0.0) - time.monotonic()
    if left > 0:
        widget.set_timer(left, lambda: widget.call_after_refresh(callback, *args))
    else:
        widget.call_after_refresh(callback, *args)


def settle(widget: Widget, size: Size) -> None:
    """`widget`, laid out at `size` (its region's size, as `Widget.size` reads once laid out),
    and everything displayed under it: their virtual sizes and scrollbars as that layout will
    set them."""
    with suppress(Exception):  # a guess: when it cannot be made, Textual lays out as usual
        _settle(widget, size)


def foreseen_size(widget: Widget) -> Size:
    """The size inside its gutter that the layout will give `widget`, for a screen not laid
    out yet (opening): worked out from the screen (the app's size) down to it with the layouts
    Textual arranges with. Size(0, 0) when it cannot be worked out."""
    with suppress(Exception):
        return _foreseen(widget)
    return Size(0, 0)


def _foreseen(widget: Widget) -> Size:
    screen = widget.screen
    chain = [node for node in widget.ancestors_with_self if isinstance(node, Widget)]
    chain = chain[: chain.index(screen)]  # from `widget` up to the screen's child
    container: Widget = screen
    room = widget.app.size - screen.styles.gutter.totals
    for child in reversed(chain):
        arranged = container.arrange(room)
        # Not kept: the layout to come arranges anew (a widget changed meanwhile would not
        # clear a result kept from before it was laid out).
        container._clear_arrangement_cache()
        region = next(p.region for p in arranged.placements if p.widget is child)
        room = region.size - child.styles.gutter.totals
        container = child
    return room


def _settle(widget: Widget, size: Size) -> None:
    container = size - widget.styles.gutter.totals  # as Textual's compositor works it out
    if widget.is_container:
        inner = Size(
            max(container.width - widget.scrollbar_size_vertical, 0),
            max(container.height - widget.scrollbar_size_horizontal, 0),
        )
        # `Widget.arrange` keeps its result per size until a child's pending refresh clears
        # it on the child's next idle: a child changed just now (a footer key told to say
        # something else) would be found at its old size. Textual has no public way to drop
        # that cache; it is only a cache (the layout would work the same out again).
        widget._clear_arrangement_cache()
        arranged = widget.arrange(inner)
        for placement in arranged.placements:
            _settle(placement.widget, placement.region.size)
        virtual = inner.region.union(arranged.total_region).size
        widget.set_reactive(Widget.virtual_size, virtual)
    elif widget.is_scrollable:
        _scrollbars(widget, container)  # a scroll view: its virtual size is its own
    else:
        widget.set_reactive(Widget.virtual_size, size)


def _scrollbars(view: Widget, container: Size) -> None:
    """The scrollbars a scroll view of its virtual size needs in `container`, shown ahead (as
    `Widget._refresh_scrollbars` decides them when the view is laid out)."""
    if not container.width or not container.height:
        return
    styles, virtual = view.styles, view.virtual_size
    horizontal = styles.overflow_x == "scroll" or (
        styles.overflow_x == "auto" and virtual.width > container.width
    )
    vertical = styles.overflow_y == "scroll" or (
        styles.overflow_y == "auto" and virtual.height > container.height
    )
    if styles.overflow_x == "auto" and vertical and not horizontal:
        horizontal = virtual.width > container.width - styles.scrollbar_size_vertical
    if styles.overflow_y == "auto" and horizontal and not vertical:
        vertical = virtual.height > container.height - styles.scrollbar_size_horizontal
    # Shown first, then made: a scrollbar takes its thickness from whether it is shown.
    view.set_reactive(Widget.show_vertical_scrollbar, vertical)
    view.set_reactive(Widget.show_horizontal_scrollbar, horizontal)
    for shown, bar in ((vertical, "vertical_scrollbar"), (horizontal, "horizontal_scrollbar")):
        if shown:
            made = getattr(view, f"_{bar}") is None
            scrollbar: Widget = getattr(view, bar)  # made (and mounted) when first asked for
            if made:
                # Textual styles a scrollbar when its view is next restyled (its focus
                # moving): its size's rules set then would ask for a layout of their own.
                view.app.stylesheet.apply(scrollbar)
            if not scrollbar.display:
                scrollbar.display = True  # (set again, it asked for a layout of its own)
            # A scrollbar's virtual size is its view's container size (Textual's compositor).
            scrollbar.set_reactive(Widget.virtual_size, container)
