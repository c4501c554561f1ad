"""The wire format: plain data round-trips as fresh copies; anything else is refused."""
import json
import math
import os
import time

import numpy as np
import pytest

from autograder import protocol
from autograder.api import RNG, Tensor


@pytest.mark.parametrize("value", [None, True, 3, -2.5, "text", [1, [2, "x"]], (1, 2.0), {"a": 1},
                                   {("a", "b"): 2, 3: [None]}, {1, 2}, 1 + 2j,
                                   np.arange(6, dtype=np.int32).reshape(2, 3),
                                   np.array([True, False]), np.zeros((0, 4))])
def test_plain_data_round_trips(value):
    back = protocol.decode(protocol.encode(value))
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        assert np.array_equal(back, value) and back.flags.writeable
    else:
        assert back == value and type(back) is type(value)


class Token(str):
    """A str subclass: not plain by type, so a container holding one is walked, not copied."""


@pytest.mark.parametrize("value", [[["the", "cat", "</s>"], ["a", 1, 2.5, None, True]],
                                   ("x", np.float64(0.5), Token("y")), {1, np.int64(2)},
                                   [["tok"] * 3, [np.float32(1.5)]]])
def test_containers_come_back_fresh_and_plain(value):
    """Containers of scalars take a shortcut (copied, not walked); they and their items still come back
    as fresh plain values: numpy scalars and str subclasses among them are converted as before."""
    encoded = protocol.encode(value)
    # Over the wire (JSON between), and in process (the in-process session decodes what encode made).
    for back in (protocol.decode(json.loads(json.dumps(encoded))), protocol.decode(encoded)):
        assert back == value and type(back) is type(value)
        rows = [row for row in back if isinstance(row, list)] if isinstance(back, list) else []
        assert all(got is not sent for got, sent in zip(rows, value)), "a list was passed on, not rebuilt"
    numeric = [x for row in rows for x in row] if rows else list(protocol.decode(encoded))
    assert not [x for x in numeric if isinstance(x, np.generic)], "a numpy scalar was passed on, not converted"


def test_nan_and_infinity_survive():
    back = protocol.decode(protocol.encode([math.nan, math.inf, np.float32(-math.inf)]))
    assert math.isnan(back[0]) and back[1] == math.inf and back[2] == -math.inf


@pytest.mark.parametrize("value", [object(), np.array(["a"]), np.array([object()]), lambda: 1,
                                   [1, object()]])
def test_non_plain_values_are_refused(value):
    with pytest.raises(protocol.ProtocolError):
        protocol.encode(value)


def test_non_plain_values_become_handles_when_asked():
    assert protocol.encode([1, object()], lambda v: "handle") == "handle"


@pytest.mark.parametrize("data", [
    {"a": 1},  # untagged object
    {protocol.TAG: "pickle", "data": "gASV"},
    {protocol.TAG: "ndarray", "dtype": "|O", "shape": [1], "blob": b"\0" * 8},
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [2], "blob": b"\0" * 8},
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [-1], "blob": b""},
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [2 ** 32, 2 ** 32], "blob": b""},
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [1], "blob": 0},  # an index never attached
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [1], "blob": "AAAAAAAAAAA="},  # base64 text
    {protocol.TAG: "ndarray", "dtype": "no such dtype", "shape": [1], "blob": b"\0" * 8},
    {protocol.TAG: "dict", "items": [[[1], 2]]},  # unhashable key
    {protocol.TAG: "handle", "id": 1},  # no handles expected here
    {protocol.TAG: "rng", "seed": 1},
])
def test_bad_frames_are_refused(data):
    with pytest.raises(protocol.ProtocolError):
        protocol.decode(data)


def test_too_deep_is_refused():
    nested = []
    for _ in range(protocol.MAX_DEPTH + 2):
        nested = [nested]
    with pytest.raises(protocol.ProtocolError):
        protocol.decode(nested)


def test_markers_travel_as_data():
    encoded = protocol.encode([RNG(3), Tensor(np.ones(2))])
    rebuilt = protocol.decode(encoded, from_marker=lambda kind, payload: (kind, payload))
    assert rebuilt[0] == ("rng", 3) and rebuilt[1][0] == "tensor"
    assert np.array_equal(rebuilt[1][1], np.ones(2))


def frame(message: dict, blobs=(), lengths=None) -> bytes:
    """A frame written by hand: `lengths` (default: the blobs' own) is what the table claims."""
    payload = json.dumps(message).encode()
    lengths = [len(blob) for blob in blobs] if lengths is None else lengths
    return (protocol.HEADER.pack(len(payload), len(lengths))
            + b"".join(protocol.BLOB_LENGTH.pack(n) for n in lengths) + payload + b"".join(blobs))


def array(blob_index, shape=(2,)) -> dict:
    return {protocol.TAG: "ndarray", "dtype": "<f8", "shape": list(shape), "blob": blob_index}


@pytest.fixture
def pipe():
    read, write = os.pipe()
    yield read, write
    os.close(read)
    os.close(write)


def test_frames_over_a_pipe_and_their_limits(pipe):
    read, write = pipe
    protocol.write_frame(write, {"ok": True})
    assert protocol.read_frame(read, deadline=None) == {"ok": True}
    os.write(write, protocol.HEADER.pack(protocol.MAX_FRAME_BYTES + 1, 0))
    with pytest.raises(protocol.ProtocolError, match="exceeds|over"):
        protocol.read_frame(read)
    os.write(write, protocol.HEADER.pack(3, 0) + b"{{{")
    with pytest.raises(protocol.ProtocolError, match="malformed"):
        protocol.read_frame(read)
    with pytest.raises(protocol.ChannelTimeout):
        protocol.read_frame(read, deadline=0)


def test_arrays_travel_as_blobs_both_ways(pipe):
    """Answers and Tensor markers alike: raw bytes after the JSON, decoded to writable fresh arrays."""
    read, write = pipe
    values = [np.arange(12, dtype=np.float32).reshape(3, 4), np.zeros((0, 4)), (np.int8(-1), 2 + 1j)]
    protocol.write_frame(write, {"value": protocol.encode([*values, Tensor(np.ones((2, 2)))])})
    received = protocol.read_frame(read)
    back = protocol.decode(received["value"], from_marker=lambda kind, payload: (kind, payload))
    assert np.array_equal(back[0], values[0]) and back[0].dtype == np.float32 and back[0].flags.writeable
    assert back[1].shape == (0, 4) and back[2] == (-1, 2 + 1j)
    assert back[3][0] == "tensor" and np.array_equal(back[3][1], np.ones((2, 2)))


def test_an_encoded_array_is_a_snapshot():
    value = np.zeros(3)
    encoded = protocol.encode(value)
    value[0] = 1.0
    assert protocol.decode(encoded)[0] == 0.0


def test_the_frame_limit_counts_the_blobs(pipe):
    read, write = pipe
    too_big = np.zeros(protocol.MAX_FRAME_BYTES // 8 + 1)  # float64: 8 bytes over
    with pytest.raises(protocol.ProtocolError, match="exceeds"):
        protocol.write_frame(write, {"value": protocol.encode(too_big)})
    os.write(write, frame({"value": array(0)}, lengths=[protocol.MAX_FRAME_BYTES]))
    with pytest.raises(protocol.ProtocolError, match="exceeds"):
        protocol.read_frame(read)


@pytest.mark.parametrize("message, blobs, problem", [
    ({"value": array(0)}, [b"\0" * 12], "does not match"),  # 12 bytes for 2 float64s
    ({"value": array(0, shape=(1,))}, [b"\0" * 16], "does not match"),
    ({"value": array(1)}, [b"\0" * 16], "missing or already used"),  # index out of range
    ({"value": array(-1)}, [b"\0" * 16], "missing or already used"),
    ({"value": array(True)}, [b"\0" * 16], "missing or already used"),
    ({"value": [array(0), array(0)]}, [b"\0" * 16], "missing or already used"),  # reused
    ({"value": array(0)}, [b"\0" * 16, b"trailing"], "belong to no array"),  # bytes no array claims
    ({"value": 1}, [b"\0" * 16], "belong to no array"),
])
def test_malformed_binary_frames_are_refused(pipe, message, blobs, problem):
    read, write = pipe
    os.write(write, frame(message, blobs))
    with pytest.raises(protocol.ProtocolError, match=problem):
        protocol.decode(protocol.read_frame(read)["value"])


def test_blobs_shorter_than_their_table_time_out(pipe):
    """A table that promises more bytes than follow: the reader waits for them, up to its deadline."""
    read, write = pipe
    os.write(write, frame({"value": array(0)}, [b"\0" * 8], lengths=[16]))
    with pytest.raises(protocol.ChannelTimeout):
        protocol.read_frame(read, deadline=time.monotonic() + 0.2)
