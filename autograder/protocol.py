"""The wire format between the grader and the sandboxed worker: length-prefixed JSON frames.

Only plain data crosses: None, bool, int, float (NaN/inf included), str, lists, and tagged objects
for tuples, dicts, sets, complex numbers, numpy arrays of numeric dtype (dtype, shape, base64
bytes), remote handles, the RNG/Tensor markers and references to grader-side functions (a number:
the function itself never leaves the grader). Decoding builds fresh objects and validates
every tag, so whatever the worker sends can at worst be a wrong answer: nothing is unpickled,
nothing is executed.

The worker runs this file as a top-level module (it imports numpy only), the grader as
`autograder.protocol`.
"""
import base64
import json
import math
import os
import select
import struct
import time

import numpy as np

TAG = "__ag__"
HEADER = struct.Struct(">Q")
MAX_FRAME_BYTES = 128 * 1024 * 1024
MAX_DEPTH = 64
# Numeric dtypes only: object, string and structured arrays could smuggle anything.
ARRAY_KINDS = set("biufc")


class HandleRef:
    """An object the worker keeps, named by its key: how the grader sends a handle back."""

    def __init__(self, key: int):
        self.key = key


class GraderFunctionRef:
    """A grader-side function handed to the student's code, named by its number in one request."""

    def __init__(self, key: int):
        self.key = key


class ProtocolError(Exception):
    """A frame was malformed, too large, too deep, or not plain data."""


class ChannelClosed(ProtocolError):
    """The other end closed the pipe (the worker exited or was killed)."""


class ChannelTimeout(ProtocolError):
    """No complete frame arrived before the deadline."""


def encode(value, to_handle=None, depth=0):
    """Plain data -> JSON-able structure. Values that are not plain go to `to_handle(value)`
    (the worker turns them into remote handles); without it they raise ProtocolError."""
    if depth > MAX_DEPTH:
        raise ProtocolError("value nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, complex):
        return {TAG: "complex", "re": value.real, "im": value.imag}
    if isinstance(value, np.generic) and value.dtype.kind in ARRAY_KINDS:
        return encode(value.item(), to_handle, depth + 1)
    if isinstance(value, np.ndarray) and value.dtype.kind in ARRAY_KINDS:
        data = np.ascontiguousarray(value)
        return {TAG: "ndarray", "dtype": data.dtype.str, "shape": list(data.shape),
                "data": base64.b64encode(data.tobytes()).decode("ascii")}
    if type(value) in (list, tuple, set, frozenset, dict):
        try:
            return _encode_container(value, depth)
        except ProtocolError:
            if to_handle is None:
                raise
    marker = _encode_marker(value)
    if marker is not None:
        return marker
    if to_handle is None:
        raise ProtocolError(f"{type(value).__name__} is not plain data")
    return to_handle(value)


def _encode_container(value, depth):
    # Containers are all-or-nothing: one non-plain element makes the whole container a handle.
    if isinstance(value, list):
        return [encode(item, None, depth + 1) for item in value]
    if isinstance(value, tuple):
        return {TAG: "tuple", "items": [encode(item, None, depth + 1) for item in value]}
    if isinstance(value, (set, frozenset)):
        return {TAG: "set", "items": [encode(item, None, depth + 1) for item in value]}
    return {TAG: "dict", "items": [[encode(k, None, depth + 1), encode(v, None, depth + 1)]
                                   for k, v in value.items()]}


def _encode_marker(value):
    if isinstance(value, HandleRef):
        return {TAG: "handle", "id": value.key}
    if isinstance(value, GraderFunctionRef):
        return {TAG: "grader_function", "id": value.key}
    kind = type(value).__name__
    module = type(value).__module__
    if module == "autograder.api" and kind == "RNG":
        return {TAG: "rng", "seed": value.seed}
    if module == "autograder.api" and kind == "Tensor":
        return {TAG: "tensor", "array": encode(value.array)}
    return None


def decode(data, from_handle=None, from_marker=None, depth=0):
    """JSON structure -> fresh Python values, validating every tag.

    `from_handle(id, type_name)` and `from_marker(kind, payload)` rebuild handles (grader side) and
    RNG/Tensor markers and grader-function references (worker side); a tag with no rebuilder is a
    ProtocolError."""
    if depth > MAX_DEPTH:
        raise ProtocolError("value nested too deeply")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(item, from_handle, from_marker, depth + 1) for item in data]
    if not isinstance(data, dict) or not isinstance(data.get(TAG), str):
        raise ProtocolError("untagged object in frame")
    tag = data[TAG]
    recurse = lambda item: decode(item, from_handle, from_marker, depth + 1)  # noqa: E731
    if tag == "tuple":
        return tuple(recurse(item) for item in _items(data))
    if tag == "set":
        return set(_hashable(recurse(item)) for item in _items(data))
    if tag == "dict":
        pairs = _items(data)
        if not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
            raise ProtocolError("dict items must be [key, value] pairs")
        return {_hashable(recurse(k)): recurse(v) for k, v in pairs}
    if tag == "complex":
        return complex(_number(data.get("re")), _number(data.get("im")))
    if tag == "ndarray":
        return _decode_array(data)
    if tag == "handle" and from_handle is not None:
        return from_handle(_int(data.get("id")), str(data.get("type", "object"))[:200])
    if tag in ("rng", "tensor", "grader_function") and from_marker is not None:
        payload = _decode_array(data.get("array")) if tag == "tensor" else \
            _int(data.get("seed" if tag == "rng" else "id"))
        return from_marker(tag, payload)
    raise ProtocolError(f"unexpected tag {tag!r}")


def _items(data):
    items = data.get("items")
    if not isinstance(items, list):
        raise ProtocolError("container without items")
    return items


def _hashable(key):
    try:
        hash(key)
    except TypeError:
        raise ProtocolError("unhashable dict key or set item") from None
    return key


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProtocolError("expected a number")
    return value


def _int(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError("expected an integer")
    return value


def _decode_array(data):
    if not isinstance(data, dict) or data.get(TAG) != "ndarray":
        raise ProtocolError("expected an array")
    try:
        dtype = np.dtype(str(data.get("dtype")))
    except TypeError:
        raise ProtocolError("unknown array dtype") from None
    shape = data.get("shape")
    if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise ProtocolError(f"array dtype {dtype} is not numeric")
    if not isinstance(shape, list) or not all(isinstance(n, int) and not isinstance(n, bool)
                                              and n >= 0 for n in shape) or len(shape) > 32:
        raise ProtocolError("bad array shape")
    try:
        raw = base64.b64decode(str(data.get("data", "")), validate=True)
        if len(raw) != math.prod(shape) * dtype.itemsize:  # exact ints: no overflow tricks
            raise ProtocolError("array data does not match its shape")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    except (ValueError, TypeError) as error:  # bad base64, impossible reshape
        raise ProtocolError(f"malformed array: {error}") from None


def write_frame(fd, message) -> None:
    """Send one message (already encoded) as a length-prefixed JSON frame."""
    payload = json.dumps(message, separators=(",", ":")).encode("utf-8")
    if len(payload) > MAX_FRAME_BYTES:
        raise ProtocolError(f"message of {len(payload)} bytes exceeds {MAX_FRAME_BYTES}")
    view = memoryview(HEADER.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view):]


def read_frame(fd, deadline=None):
    """Read one frame; `deadline` is a time.monotonic() value (None waits forever)."""
    (size,) = HEADER.unpack(_read_exactly(fd, HEADER.size, deadline))
    if size > MAX_FRAME_BYTES:
        raise ProtocolError(f"frame of {size} bytes exceeds {MAX_FRAME_BYTES}")
    try:
        return json.loads(_read_exactly(fd, size, deadline).decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise ProtocolError(f"malformed frame: {type(error).__name__}") from None


def _read_exactly(fd, size, deadline):
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ChannelTimeout("no answer before the deadline")
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed("the pipe was closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
