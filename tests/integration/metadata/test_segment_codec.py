"""The segment assignment codec: compact for Olist ids, exact for any id, old payloads readable."""

from __future__ import annotations

import json
import random
import struct
import zlib

from infrastructure.metadata import segment_codec


def random_assignments(count: int) -> list[tuple[str, str]]:
    chooser = random.Random(7)
    segments = ["Lost", "New", "Loyal", "Can't Lose Them"]
    return [(f"{chooser.getrandbits(128):032x}", chooser.choice(segments)) for _ in range(count)]


def test_hex_ids_take_about_sixteen_bytes_each_and_round_trip() -> None:
    assignments = random_assignments(20_000)
    encoding, payload = segment_codec.encode(assignments)
    assert encoding == segment_codec.COLUMNS
    assert 16 * 20_000 < len(payload) < 16.5 * 20_000
    assert segment_codec.decode(encoding, payload) == dict(assignments)


def test_other_ids_fall_back_to_text() -> None:
    for odd in (("ABCDEF" * 5 + "AB", "Lost"), ("0a" * 15, "Lost"), ("customer-1", "New")):
        encoding, payload = segment_codec.encode([("0a" * 16, "New"), odd])
        assert encoding == segment_codec.TEXT
        assert segment_codec.decode(encoding, payload) == dict([("0a" * 16, "New"), odd])


def test_nobody_round_trips() -> None:
    assert segment_codec.decode(*segment_codec.encode([])) == {}


def test_payloads_of_the_first_format_still_decode() -> None:
    assignments = random_assignments(50)
    names = sorted({segment for _, segment in assignments})
    header = json.dumps(names).encode()
    body = b"".join(bytes.fromhex(c) + bytes([names.index(s)]) for c, s in assignments)
    payload = zlib.compress(struct.pack(">I", len(header)) + header + body)
    assert segment_codec.decode(segment_codec.BINARY, payload) == dict(assignments)
