"""Compact encoding of a run's customer → segment assignment (about 17 bytes per customer).

Ids are 32-char hex in the Olist format, so they pack into 16 bytes; the segment is a 1-byte index
into a name table. Any other id format falls back to compressed text lines.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Sequence

BINARY = "hex16-zlib-v1"
TEXT = "tsv-zlib-v1"


def encode(assignments: Sequence[tuple[str, str]]) -> tuple[str, bytes]:
    try:
        return BINARY, _encode_binary(assignments)
    except ValueError:
        lines = "\n".join(f"{customer}\t{segment}" for customer, segment in assignments)
        return TEXT, zlib.compress(lines.encode("utf-8"), 6)


def decode(encoding: str, payload: bytes) -> dict[str, str]:
    raw = zlib.decompress(payload)
    if encoding == TEXT:
        text = raw.decode("utf-8")
        return dict(line.split("\t", 1) for line in text.split("\n")) if text else {}
    if encoding != BINARY:
        raise ValueError(f"unknown segment assignment encoding {encoding!r}")
    (header_len,) = struct.unpack_from(">I", raw)
    names = json.loads(raw[4 : 4 + header_len])
    body = memoryview(raw)[4 + header_len :]
    return {bytes(body[i : i + 16]).hex(): names[body[i + 16]] for i in range(0, len(body), 17)}


def _encode_binary(assignments: Sequence[tuple[str, str]]) -> bytes:
    names = sorted({segment for _, segment in assignments})
    if len(names) > 255:
        raise ValueError("too many segments for a 1-byte code")
    code = {name: i for i, name in enumerate(names)}
    body = bytearray()
    for customer, segment in assignments:
        packed = bytes.fromhex(customer)
        if len(packed) != 16 or customer != packed.hex():
            raise ValueError("not a lowercase 32-char hex id")
        body += packed
        body.append(code[segment])
    header = json.dumps(names).encode("utf-8")
    return zlib.compress(struct.pack(">I", len(header)) + header + bytes(body), 6)
