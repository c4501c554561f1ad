"""Writes forged and garbage frames on every open fd, and replaces the worker's channel code."""
import os
import struct
import sys


def _spray(payload):
    for fd in range(3, 64):
        try:
            os.write(fd, payload)
        except OSError:
            pass


def softmax(x):
    _spray(struct.pack(">Q", 2 ** 40) + b"garbage")
    return x


class Counter:
    def __init__(self):
        # A well-formed frame (JSON length, one blob, its length, JSON, blob) of an object array.
        body = b'{"ok": true, "value": {"__ag__": "ndarray", "dtype": "|O", "shape": [1], "blob": 0}}'
        _spray(struct.pack(">QIQ", len(body), 1, 8) + body + b"\0" * 8)


def sample_mean(rng, n):
    protocol = sys.modules.get("protocol")
    if protocol is not None:
        protocol.write_frame = lambda fd, message: os.write(fd, b"\x00" * protocol.HEADER.size)
    return 0.25
