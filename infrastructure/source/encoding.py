"""Explain a UTF-8 decoding failure: which byte, and what the text looks like in Latin-1."""

from __future__ import annotations


def describe_bad_utf8(raw: bytes, exc: UnicodeDecodeError) -> str:
    """A sentence naming the first invalid byte, its position and the text around it."""
    bad = raw[exc.start]
    start = max(0, exc.start - 20)
    context = raw[start : exc.start + 20].decode("latin-1").replace("\r", " ").replace("\n", " ")
    return (
        f"byte 0x{bad:02X} (byte {exc.start + 1} of the line) is not valid UTF-8 "
        f"(text: {context!r}); the file looks Latin-1/Windows-1252 encoded. Re-save it as UTF-8."
    )
