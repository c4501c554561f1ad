"""The wire format between the grader and the sandboxed worker: binary frames of JSON and raw blobs.

A frame is a header (the JSON part's length, the number of blobs), one length per blob, the JSON
part, then the blobs' raw bytes in order (all lengths big-endian uint64, the count uint32). Only plain
data crosses: None, bool, int, float (NaN/inf included), str, lists, and tagged objects for tuples,
dicts, sets, complex numbers, numpy arrays of numeric dtype (dtype, shape, and the index of the blob
holding their bytes: arrays never pass through text), remote handles, the RNG/Tensor markers and
references to grader-side functions (a number: the function itself never leaves the grader).
Decoding builds fresh objects and validates every tag; each blob must belong to exactly one array
and match its shape x itemsize to the byte, so whatever the worker sends can at worst be a wrong
answer: nothing is unpickled, nothing is executed.

In memory, an encoded array holds its bytes (`"blob": bytes`) until `write_frame` numbers them;
`read_frame` puts each received blob back in its array's place, so `decode` reads both alike.

The worker runs this file as a top-level module (it imports numpy only), the grader as
`autograder.protocol`.
"""
import json
import math
import os
import select
import struct
import time

import numpy as np

TAG = "__ag__"
HEADER = struct.Struct(">QI")  # length of the JSON part, number of blobs
BLOB_LENGTH = struct.Struct(">Q")
# Everything after the header (the blob lengths, the JSON, the blobs) counts towards the limit.
MAX_FRAME_BYTES = 128 * 1024 * 1024
MAX_DEPTH = 64
# Numeric dtypes only: object, string and structured arrays could smuggle anything.
ARRAY_KINDS = set("biufc")
# What JSON carries as it is: a container holding only these (exactly these types) needs no walk.
SCALAR_TYPES = frozenset({type(None), bool, int, float, str})


def only_scalars(items) -> bool:
    """Whether every item is None, a bool, an int, a float or a str (not a subclass): checked at C
    speed, so a corpus (lists of tokens) is not walked token by token on either side."""
    return SCALAR_TYPES.issuperset(map(type, items))


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


class FrameTooLarge(ProtocolError):
    """A message to send is over MAX_FRAME_BYTES: refused before any byte of it is written."""


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
        # tobytes(): a C-order snapshot, so later changes to `value` do not reach the frame.
        return {TAG: "ndarray", "dtype": value.dtype.str, "shape": list(value.shape),
                "blob": value.tobytes()}
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
    if isinstance(value, dict):
        return {TAG: "dict", "items": [[encode(k, None, depth + 1), encode(v, None, depth + 1)]
                                       for k, v in value.items()]}
    # Encoding a scalar returns it as it is: a container of scalars only is copied, not walked.
    items = list(value) if only_scalars(value) else [encode(item, None, depth + 1) for item in value]
    if isinstance(value, list):
        return items
    return {TAG: "tuple" if isinstance(value, tuple) else "set", "items": items}


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
        if only_scalars(data):  # decoding a scalar returns it as it is
            return list(data)
        return [decode(item, from_handle, from_marker, depth + 1) for item in data]
    if not isinstance(data, dict) or not isinstance(data.get(TAG), str):
        raise ProtocolError("untagged object in frame")
    tag = data[TAG]
    recurse = lambda item: decode(item, from_handle, from_marker, depth + 1)  # noqa: E731
    if tag == "tuple":
        items = _items(data)
        return tuple(items) if only_scalars(items) else tuple(recurse(item) for item in items)
    if tag == "set":
        items = _items(data)
        return set(items) if only_scalars(items) else set(_hashable(recurse(item)) for item in items)
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
    except (TypeError, ValueError):
        raise ProtocolError("unknown array dtype") from None
    shape = data.get("shape")
    if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise ProtocolError(f"array dtype {dtype} is not numeric")
    if not isinstance(shape, list) or not all(isinstance(n, int) and not isinstance(n, bool)
                                              and n >= 0 for n in shape) or len(shape) > 32:
        raise ProtocolError("bad array shape")
    raw = data.get("blob")  # bytes from encode, a bytearray put here by read_frame; JSON makes neither
    if not isinstance(raw, (bytes, bytearray)):
        raise ProtocolError("array without its blob")
    if len(raw) != math.prod(shape) * dtype.itemsize:  # exact ints: no overflow tricks
        raise ProtocolError("array data does not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape)
    # A received blob is this frame's own fresh buffer: the array may keep it. encode's bytes are
    # read-only and may be shared (in-process sessions, replays): copy those.
    return array if isinstance(raw, bytearray) else array.copy()


def write_frame(fd, message) -> None:
    """Send one message (already encoded) as a frame: its arrays' bytes go as blobs, uncopied."""
    write_parts(fd, frame_parts(message))


def write_parts(fd, parts: list) -> None:
    for part in parts:
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view):]


def frame_parts(message) -> list:
    """The bytes of one message's frame, in order (FrameTooLarge when over the limit: then nothing is sent)."""
    blobs = []

    def number_blob(value):
        if not isinstance(value, (bytes, bytearray)):
            raise TypeError(f"{type(value).__name__} is not encoded data")
        blobs.append(value)
        return len(blobs) - 1
    payload = json.dumps(message, separators=(",", ":"), default=number_blob).encode("utf-8")
    size = len(payload) + sum(BLOB_LENGTH.size + len(blob) for blob in blobs)
    if size > MAX_FRAME_BYTES:
        raise FrameTooLarge(f"message of {size} bytes exceeds {MAX_FRAME_BYTES}")
    head = HEADER.pack(len(payload), len(blobs)) + b"".join(BLOB_LENGTH.pack(len(blob)) for blob in blobs)
    return [head + payload, *blobs]


def read_frame(fd, deadline=None):
    """Read one frame; `deadline` is a time.monotonic() value (None waits forever)."""
    json_size, count = HEADER.unpack(_read_exactly(fd, HEADER.size, deadline))
    if json_size + count * BLOB_LENGTH.size > MAX_FRAME_BYTES:
        raise ProtocolError(f"frame of over {MAX_FRAME_BYTES} bytes")
    table = _read_exactly(fd, count * BLOB_LENGTH.size, deadline)
    lengths = [length for (length,) in BLOB_LENGTH.iter_unpack(table)]
    size = json_size + len(table) + sum(lengths)
    if size > MAX_FRAME_BYTES:
        raise ProtocolError(f"frame of {size} bytes exceeds {MAX_FRAME_BYTES}")
    payload = _read_exactly(fd, json_size, deadline)
    blobs = [_read_exactly(fd, length, deadline) for length in lengths]
    used = set()

    def attach_blob(obj):  # json calls it for every object, innermost first
        if obj.get(TAG) == "ndarray":
            index = obj.get("blob")
            if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count \
                    or index in used:
                raise ProtocolError("an array names a missing or already used blob")
            used.add(index)
            obj["blob"] = blobs[index]
        return obj
    try:
        message = json.loads(payload.decode("utf-8"), object_hook=attach_blob)
    except (ValueError, RecursionError) as error:
        raise ProtocolError(f"malformed frame: {type(error).__name__}") from None
    if len(used) != count:
        raise ProtocolError(f"{count - len(used)} blob(s) of the frame belong to no array")
    return message


def _read_exactly(fd, size, deadline) -> bytearray:
    """`size` bytes read straight into one fresh buffer (no joining of chunks)."""
    buffer = bytearray(size)
    view, done = memoryview(buffer), 0
    while done < size:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ChannelTimeout("no answer before the deadline")
        got = os.readv(fd, [view[done:]])
        if not got:
            raise ChannelClosed("the pipe was closed")
        done += got
    return buffer
