"""A TCP proxy on 127.0.0.1 between the workbench and the real PostgreSQL, that fails on cue.

It forwards both ways until the client sends a chosen byte string (e.g. the text of one
statement: the proxy sees it in the wire protocol, so the test knows where the run is); then
it fails in one of two ways, from that byte on and for every new connection:

- `stall`: forwards nothing more and closes nothing (a server or network gone silent, whose
  kernel still acknowledges; what no TCP keepalive can tell from a slow answer);
- `reset`: closes every connection with a TCP reset (a server restarting, a firewall dropping
  the session), and resets each new one as soon as it is accepted.

`heal()` ends the fault: the held connections are reset and new ones are forwarded again
(`reset_all()` does the same without a fault before: a server that restarts). The
proxy runs an asyncio loop in a thread of the test process; the workbench runs as a real
subprocess that connects to it with `sslmode=disable`, so the statements can be seen.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Literal

Fault = Literal["stall", "reset"]
_RESET = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends RST


class StoreProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = 0
        self.tripped = threading.Event()  # set when the fault begins
        self._trigger: tuple[bytes, Fault] | None = None
        self._fault: Fault | None = None
        self._held: set[asyncio.StreamWriter] = set()
        self._healed: asyncio.Event | None = None
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="store-proxy", daemon=True)

    # -- what a test calls (from its own thread) --------------------------------------------------
    def fail_on(self, trigger: bytes, fault: Fault) -> None:
        """From the next time the client sends `trigger`, fail as `fault`."""
        self.tripped.clear()
        self._call(self._arm, trigger, fault)

    def heal(self) -> None:
        """The store is back: reset what the fault held, forward new connections again."""
        self._call(self._heal)

    def reset_all(self) -> None:
        """Reset every open connection now (a server restart), and go on forwarding."""
        self._call(self._heal)

    # -- the loop ---------------------------------------------------------------------------------
    def _call(self, function, *args) -> None:  # type: ignore[no-untyped-def]
        async def call() -> None:
            function(*args)

        asyncio.run_coroutine_threadsafe(call(), self._loop).result(timeout=10)

    def _arm(self, trigger: bytes, fault: Fault) -> None:
        self._trigger = (trigger, fault)

    def _heal(self) -> None:
        self._trigger = None
        self._fault = None
        for writer in list(self._held):
            _reset(writer)
        self._held.clear()
        assert self._healed is not None
        self._healed.set()
        self._healed = asyncio.Event()

    def _trip(self, fault: Fault) -> None:
        self._trigger = None
        self._fault = fault
        if fault == "reset":
            for writer in list(self._held):
                _reset(writer)
        self.tripped.set()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._listen())
        self._loop.run_forever()

    async def _listen(self) -> None:
        self._healed = asyncio.Event()
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()

    async def _serve(self, client_in: asyncio.StreamReader, client: asyncio.StreamWriter) -> None:
        self._held.add(client)
        if self._fault == "reset":
            _reset(client)
            return
        if self._fault == "stall":
            return  # accepted, never answered: held until healed
        try:
            server_in, server = await asyncio.open_connection(*self.upstream)
        except OSError:
            _reset(client)
            return
        self._held.add(server)
        await asyncio.gather(
            self._pump(client_in, server, watch=True),
            self._pump(server_in, client, watch=False),
            return_exceptions=True,
        )
        for writer in (client, server):
            if self._fault is None:
                writer.close()
                self._held.discard(writer)

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, watch: bool
    ) -> None:
        seen = b""
        while data := await reader.read(65536):
            if watch and self._trigger is not None:
                trigger, fault = self._trigger
                seen = seen[-len(trigger) :] + data
                if trigger in seen:
                    self._trip(fault)
            if self._fault is not None:
                return  # nothing more goes through; heal() or the reset ends the connection
            writer.write(data)
            await writer.drain()
        if self._fault is None and writer.can_write_eof():
            writer.write_eof()  # the client said goodbye: pass it on


def _reset(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET)
    writer.transport.abort()


@contextmanager
def store_proxy(upstream_host: str, upstream_port: int) -> Iterator[StoreProxy]:
    proxy = StoreProxy(upstream_host, upstream_port)
    proxy._thread.start()
    if not proxy._ready.wait(timeout=10):
        raise RuntimeError("the store proxy did not start")
    try:
        yield proxy
    finally:
        proxy._call(proxy._heal)
        proxy._loop.call_soon_threadsafe(proxy._loop.stop)
        proxy._thread.join(timeout=10)
