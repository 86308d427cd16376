"""A small in-process event dispatcher: subscribe by event type, publish to every handler.

A failing handler does not stop the others; its error is collected and returned to the publisher.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from domain.events.base import DomainEvent

E = TypeVar("E", bound=DomainEvent)
Handler = Callable[[E], None]


@dataclass(frozen=True)
class HandlerFailure:
    event: DomainEvent
    handler: str
    error: Exception


class EventDispatcher:
    def __init__(self) -> None:
        self._handlers: dict[type[DomainEvent], list[Callable[[DomainEvent], None]]] = defaultdict(
            list
        )

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> None:
        """Call `handler` for every published event of `event_type` or a subclass of it."""
        self._handlers[event_type].append(handler)  # type: ignore[arg-type]

    def unsubscribe(self, event_type: type[E], handler: Callable[[E], None]) -> None:
        handlers = self._handlers.get(event_type, [])
        if handler in handlers:
            handlers.remove(cast(Callable[[DomainEvent], None], handler))

    def publish(self, event: DomainEvent) -> list[HandlerFailure]:
        failures: list[HandlerFailure] = []
        for event_type, handlers in list(self._handlers.items()):
            if not isinstance(event, event_type):
                continue
            for handler in list(handlers):
                try:
                    handler(event)
                except Exception as error:  # one bad handler must not silence the others
                    name = getattr(handler, "__qualname__", repr(handler))
                    failures.append(HandlerFailure(event, name, error))
        return failures
