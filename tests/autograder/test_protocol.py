"""The wire format: plain data round-trips as fresh copies; anything else is refused."""
import math
import os

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
    {protocol.TAG: "ndarray", "dtype": "|O", "shape": [1], "data": ""},
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [2], "data": "AAAA"},
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [-1], "data": ""},
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [2 ** 32, 2 ** 32], "data": ""},
    {protocol.TAG: "ndarray", "dtype": "<f8", "shape": [1], "data": "not base64!"},
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


def test_frames_over_a_pipe_and_their_limits():
    read, write = os.pipe()
    try:
        protocol.write_frame(write, {"ok": True})
        assert protocol.read_frame(read, deadline=None) == {"ok": True}
        os.write(write, protocol.HEADER.pack(protocol.MAX_FRAME_BYTES + 1))
        with pytest.raises(protocol.ProtocolError, match="exceeds"):
            protocol.read_frame(read)
        os.write(write, protocol.HEADER.pack(3) + b"{{{")
        with pytest.raises(protocol.ProtocolError, match="malformed"):
            protocol.read_frame(read)
        with pytest.raises(protocol.ChannelTimeout):
            protocol.read_frame(read, deadline=0)
    finally:
        os.close(read)
        os.close(write)
