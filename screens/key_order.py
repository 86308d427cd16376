"""Keys act in the order they were typed, each on the screen as the keys before it left it.

Textual hands a key to the widget focused when the app reads it. Keys typed together (fast
typing, a terminal's burst) are all read before the first one's action runs, so after `5` (to the
Explorer) the id typed next went to the Ingestion screen, and after `f` (focus the date box)
`2017-01-01` fired `2` (Quality), `0`, `1` (Ingestion): the focus moved by a key, or the screen
it switched to, was applied only after the keys behind it had gone astray.

`KeysInOrder` (mixed into the app) sends one key at a time: the next is held until the one before
it has done all it does (handled by a widget, or bubbled up to the app's bindings and its action
run) and what that set in motion has run too (the new screen resumed and focused its first
field, a focus moved). A `KeyFollowed` message is posted behind each key to the widget it went
to; it bubbles up the same way, so it reaches the app only once the key is done; then the screen's
widgets are given the rounds they need to empty their queues (the messages the key set off).

A screen may also hold the keys while a load decides where they belong (`hold_keys(owner)` ...
`release_keys(owner)`): dates applied with enter keep the focus in their box until the load
accepts or refuses them, so keys typed meanwhile would be typed into the box; held, they act on
the view once it shows the result (or in the box, if refused). The cancel key (escape) is never
held by a load: it cancels it, and the keys held before it are dropped (they were typed for the
result it cancels). A hold ends on its own after HOLD_LIMIT seconds, so no key is ever lost to a
hold that was not released.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

# Keys never held by a load: cancel it (escape), quit (ctrl+q asks first while a run goes on).
PASS_A_LOAD = frozenset({"escape", "ctrl+q"})
CHECK_EVERY = 0.5  # seconds between looks at a key not done yet: has its widget gone?
HOLD_LIMIT = 30.0  # seconds a load may hold the keys (a safety net: loads release them)
SETTLE_ROUNDS = 200  # rounds of the queues a key's aftermath may take (a safety net)


class KeyFollowed(Message, bubble=True):
    """Posted right behind a key to the widget it went to: reaches the app once the key is done."""

    def __init__(self, key: events.Key, target: MessagePump) -> None:
        super().__init__()
        self.key = key
        self.path: list[MessagePump] = [target, *getattr(target, "ancestors", ())][:-1]


class KeysInOrder(App[Any]):
    """The app's side: see the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: deque[events.Key] = deque()
        self._key_in_flight: events.Key | None = None
        self._key_timer: Timer | None = None
        self._key_holders: set[object] = set()
        self._hold_timer: Timer | None = None

    # -- holds by loads ----------------------------------------------------------------------
    def hold_keys(self, owner: object) -> None:
        """Hold the keys typed from now until `owner` releases them (or HOLD_LIMIT passes)."""
        self._key_holders.add(owner)
        if self._hold_timer is not None:
            self._hold_timer.stop()
        self._hold_timer = self.set_timer(HOLD_LIMIT, self._end_holds)

    def release_keys(self, owner: object) -> None:
        """Let the held keys go once what the owner set in motion has run (a focus moved)."""
        if owner in self._key_holders:
            self._key_holders.discard(owner)
            self._after_settling(self._next_key)

    async def _end_holds(self) -> None:
        self._key_holders.clear()
        await self._next_key()

    # -- one key at a time -------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._held_keys.append(event)
            await self._next_key()
        else:
            await super().on_event(event)

    async def _next_key(self) -> None:
        if self._key_in_flight is not None or not self._held_keys:
            return
        if self._key_holders:  # only a key that passes a load goes (the keys before it are
            # dropped: they were typed for the result it cancels)
            passing = next((key for key in self._held_keys if key.key in PASS_A_LOAD), None)
            if passing is None:
                return
            while self._held_keys[0] is not passing:
                self._held_keys.popleft()
        await self._send_key(self._held_keys.popleft())

    async def _send_key(self, key: events.Key) -> None:
        self._key_in_flight = key
        target = self.focused or self.screen
        await super().on_event(key)  # priority bindings, else forwarded to the target
        if self._key_in_flight is not key:
            return
        if not target.post_message(KeyFollowed(key, target)):
            await self._key_done(key)  # the target closed meanwhile
            return

        async def check() -> None:  # no time limit (a loaded machine is slow): only a key
            # whose widget went away with its KeyFollowed is let go without it
            if self._key_in_flight is key and not target.is_attached:
                await self._key_done(key)

        self._key_timer = self.set_interval(CHECK_EVERY, check)

    def on_key_followed(self, message: KeyFollowed) -> None:
        message.stop()
        path = [node for node in message.path if node.is_attached]
        self._after_settling(lambda: self._key_done(message.key), path)

    def _after_settling(
        self, callback: Callable[[], Awaitable[None]], path: list[MessagePump] | None = None
    ) -> None:
        """Run `callback` on the app once the messages the key set off have been handled: the
        screen's resume (it focuses the first field), an enter's Submitted on its way up `path`
        (the key's widget and its ancestors) and what its handlers post there, a focus moved.
        Goes round their queues until they are empty."""
        nodes = [*(path or ()), self.screen]

        async def check(rounds: int) -> None:
            if rounds < SETTLE_ROUNDS and any(not node._message_queue.empty() for node in nodes):
                self.screen.call_later(lambda: self.call_later(check, rounds + 1))
            else:
                await callback()

        self.screen.call_later(lambda: self.call_later(check, 0))

    async def _key_done(self, key: events.Key) -> None:
        if self._key_in_flight is not key:
            return  # already done (the limit passed first)
        if self._key_timer is not None:
            self._key_timer.stop()
            self._key_timer = None
        self._key_in_flight = None
        await self._next_key()
