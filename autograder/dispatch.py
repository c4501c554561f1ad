"""The one handling of the grader's requests about a submission's objects.

A request names an object (by the key of a handle; 0 is the submission's module) and an operation:
`keep` (store the grader's plain value here), `getattr`, `getitem`, `len`, `list`,
`accepts_keyword` or `call`. `perform` is the only code that carries one out; every other
operation is refused with `UnknownRequest`. The sandboxed worker (which imports this file as a
top-level module, copied next to worker.py), the in-process session (autograder.in_process) and
diagnosis's replay (autograder.replay) all go through it, so they cannot drift apart.

`call_each` carries several calls of one function in one request (`calls`: a list of {args, kwargs});
`Server.answers` answers each as the `call` it stands for, one answer after the other, and stops after
the first that fails, as a loop of single calls would. It only saves the round trips.

Grader-side functions: an argument may be a reference to a function that stays in the grader
(`autograder.api.GraderFunction`). Here it becomes a stub; calling the stub sends the plain-data
arguments to `call_grader`, which the worker wires to its channel, and returns the grader's plain
answer. Nothing of the grader's function is in this process.
"""
import random
import sys

import numpy as np

if __package__:  # the grader's copy: autograder.dispatch
    from . import plain, protocol
else:  # the sandbox's copy, a top-level module beside plain.py and protocol.py
    import plain
    import protocol

OPERATIONS = ("keep", "getattr", "getitem", "len", "list", "accepts_keyword", "call")
NO_KEYWORDS = {protocol.TAG: "dict", "items": []}
MAX_ERROR_CHARS = 2000


class UnknownRequest(ValueError):
    """A request for an operation that is not in OPERATIONS."""


def perform(op, target, fields: dict, decode):
    """What request `op` with `fields` asks of `target`; `decode(data)` rebuilds encoded arguments.
    Raises whatever the student's code raises, and UnknownRequest for an unknown operation."""
    if op == "keep":  # the grader's own value, kept as an object
        return decode(fields.get("value"))
    if op == "getattr":
        return getattr(target, str(fields.get("name")))
    if op == "getitem":
        return target[decode(fields.get("key"))]
    if op == "len":
        return len(target)
    if op == "list":
        return list(target)
    if op == "accepts_keyword":
        return plain.accepts_keyword(target, str(fields.get("name")))
    if op == "call":
        args, kwargs = decode(fields.get("args", [])), decode(fields.get("kwargs", NO_KEYWORDS))
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            raise protocol.ProtocolError("a call needs a list of arguments and a dict of keywords")
        return target(*args, **kwargs)
    raise UnknownRequest(f"unknown request {op!r}")


class Server:
    """The objects the grader holds handles to, and the answers to its requests about them."""

    def __init__(self, module, call_grader=None):
        self.objects = {0: module}
        self.call_grader = call_grader  # (key, args, kwargs) -> the grader function's plain answer

    def handle(self, value) -> dict:
        key = len(self.objects)
        self.objects[key] = value
        return {protocol.TAG: "handle", "id": key, "type": type(value).__name__}

    def decode(self, data, target):
        return protocol.decode(data, lambda key, _type: self.objects[key],
                               lambda kind, payload: self.rebuild(kind, payload, target))

    def rebuild(self, kind, payload, target):
        if kind == "grader_function":
            return grader_function_stub(self.call_grader, payload)
        return plain.rebuild_marker(kind, payload, target)

    def serve(self, request: dict):
        """The encoded answer to `request`; raises what the student's code raised."""
        target = self.objects[request["target"]]
        op = request.get("op")
        value = perform(op, target, request, lambda data: self.decode(data, target))
        if op == "keep":
            return self.handle(value)
        return protocol.encode(plain.to_plain(value), self.handle)

    def answer(self, request: dict) -> dict:
        """{"ok": True, "value": ...} or {"ok": False, "error": "Type: message"}: the worker's frame."""
        try:
            return {"ok": True, "value": self.serve(request)}
        except BaseException as error:  # the student's exceptions, SystemExit and Ctrl-C included
            return {"ok": False, "error": describe(error)}

    def answers(self, request: dict):
        """The answer frames to `request`, each computed when the previous one has been taken: one, or
        for `call_each` one per call, up to and including the first that fails."""
        if request.get("op") != "call_each":
            yield self.answer(request)
            return
        calls = request.get("calls")
        if not isinstance(calls, list) or not all(isinstance(call, dict) for call in calls):
            yield {"ok": False, "error": "ProtocolError: call_each needs a list of {args, kwargs}"}
            return
        for call in calls:
            answer = self.answer({"op": "call", "target": request.get("target"), "args": call.get("args", []),
                                  "kwargs": call.get("kwargs", NO_KEYWORDS)})
            yield answer
            if not answer["ok"]:
                return


def grader_function_stub(call_grader, key: int):
    """What student code receives for grader function `key`: calling it asks the grader."""
    if call_grader is None:
        raise protocol.ProtocolError("grader functions cannot be called here")

    def grader_function(*args, **kwargs):
        return call_grader(key, list(args), kwargs)
    return grader_function


def grader_call_frame(key: int, args: list, kwargs: dict) -> dict:
    """The frame asking the grader to run its function `key` on plain-data arguments (torch tensors
    become arrays, as in answers); anything that is not plain data raises ProtocolError here."""
    return {"grader_call": key, "args": protocol.encode(plain.to_plain(args)),
            "kwargs": protocol.encode(plain.to_plain(kwargs))}


def grader_reply_value(reply):
    """The grader function's answer from its reply frame, as fresh plain data."""
    if not isinstance(reply, dict) or reply.get("ok") is not True:
        raise RuntimeError("the grader refused this call of its function")
    return protocol.decode(reply.get("value"))


def seed_everything() -> None:
    """Seed the global generators once the submission is loaded, so code that (against the rules)
    draws from them still runs the same way every time."""
    random.seed(0)
    np.random.seed(0)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(0)


def describe(error: BaseException) -> str:
    """`Type: message` of an exception raised by student code, truncated; never raises."""
    try:
        detail = str(error)
    except BaseException:  # a student's exception whose __str__ raises
        detail = ""
    text = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return text[:MAX_ERROR_CHARS]
