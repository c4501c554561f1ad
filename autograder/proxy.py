"""The object proxy: what hidden tests hold of the student's code.

`StudentModule` (the `student` fixture) is the submission's module; `RemoteHandle` an object that
stays wherever the student's code runs. Attribute reads, calls, indexing, len() and iteration become
requests to the run's session (autograder.session: the sandboxed worker, or the in-process peer of
the overhead benchmark); answers come back as validated plain data or as new handles. Arguments may
be plain data, RNG/Tensor markers, handles of the current worker and grader-side functions
(`autograder.api.GraderFunction`), also inside containers. Handles from a dead worker are stale and
raise StudentError.
"""
from autograder import plain, protocol
from autograder.api import GraderFunction, StudentError
from autograder.grader_functions import GraderCalls


# Calls sent together by call_each: a request of a few tens of KB, far under the frame limit.
CALLS_PER_REQUEST = 256


def call_each(function, arguments, **keywords) -> list:
    """`[function(*args, **keywords) for args in arguments]`, for the student's function and the
    reference's alike: the student's (a RemoteHandle) gets them in few requests (RemoteHandle.call_each)."""
    if isinstance(function, RemoteHandle):
        return function.call_each(arguments, **keywords)
    return [function(*args, **keywords) for args in arguments]


def encode_argument(value, calls: GraderCalls):
    """Plain data, markers, handles of the current worker and grader functions (numbered in
    `calls`), also inside containers, may be sent; anything else is the test's mistake: TypeError."""
    def reference(item):
        if isinstance(item, RemoteHandle):
            return protocol.HandleRef(object.__getattribute__(item, "_key"))
        return calls.ref(item) if isinstance(item, GraderFunction) else item
    try:
        return protocol.encode(plain.map_leaves(value, reference))
    except protocol.ProtocolError as error:
        raise TypeError(f"cannot send this to the student's code: {error}") from None


class RemoteHandle:
    """An object living in the worker. Attribute reads, calls, indexing, len() and iteration are
    forwarded; dunder lookups (numpy and pytest probe for them) are not."""

    __slots__ = ("_session", "_generation", "_key", "_kind", "_timeout")

    def __init__(self, session, generation, key, kind, timeout=None):
        for name, value in (("_session", session), ("_generation", generation), ("_key", key),
                            ("_kind", kind), ("_timeout", timeout)):
            object.__setattr__(self, name, value)

    def _send(self, op, **fields):
        get = lambda name: object.__getattribute__(self, name)  # noqa: E731
        request, calls = self._request(op, fields)
        return get("_session").request(get("_generation"), get("_timeout"), request, calls, self._make_handle)

    def _request(self, op, fields: dict) -> tuple[dict, GraderCalls]:
        """The encoded request `op` with `fields` about this object, and the grader functions it hands over."""
        get = lambda name: object.__getattribute__(self, name)  # noqa: E731
        for handle in _handles_in(fields):
            if object.__getattribute__(handle, "_generation") != get("_generation"):
                raise StudentError("this object belonged to a worker that has since been stopped")
        calls = GraderCalls()
        request = {"op": op, "target": get("_key"),
                   **{name: encode_argument(value, calls) for name, value in fields.items()}}
        return request, calls

    def _make_handle(self, generation, key, kind) -> "RemoteHandle":
        return RemoteHandle(object.__getattribute__(self, "_session"), generation, key, kind,
                            object.__getattribute__(self, "_timeout"))

    def call_each(self, arguments, **keywords) -> list:
        """`[self(*args, **keywords) for args in arguments]`: the same calls in the same order, each with its own
        time limit, answered and recorded (for diagnosis) as if made alone, stopping at the first that
        raises; only sent CALLS_PER_REQUEST at a time, so the worker does not wait for the grader
        between them. For the thousands of small calls a suite makes in a loop (a3's `prob`), where
        the round trips cost more than the calls. Grader functions cannot be passed this way."""
        get = lambda name: object.__getattribute__(self, name)  # noqa: E731
        requests = []
        for args in arguments:
            request, calls = self._request("call", {"args": list(args), "kwargs": keywords})
            if calls.functions:
                raise TypeError("call_each cannot pass grader functions: call the function once per argument")
            requests.append(request)
        values = []
        for start in range(0, len(requests), CALLS_PER_REQUEST):
            values += get("_session").request_each(get("_generation"), get("_timeout"),
                                                   requests[start:start + CALLS_PER_REQUEST], self._make_handle)
        return values

    def with_timeout(self, seconds: float) -> "RemoteHandle":
        """The same object, with a longer per-call wall-clock limit."""
        get = lambda name: object.__getattribute__(self, name)  # noqa: E731
        return RemoteHandle(get("_session"), get("_generation"), get("_key"), get("_kind"), seconds)

    def accepts_keyword(self, name: str) -> bool:
        """Whether this remote function takes a keyword argument `name` (so a suite can pass an
        optional argument, e.g. `time_budget`, only to code written for it)."""
        answer = self._send("accepts_keyword", name=name)
        if not isinstance(answer, bool):
            raise StudentError("the submission's process gave a malformed answer")
        return answer

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self._send("getattr", name=name)

    def __setattr__(self, name, value):
        raise AttributeError("attributes of the student's objects are read-only from tests")

    def __call__(self, *args, **kwargs):
        return self._send("call", args=list(args), kwargs=kwargs)

    def __getitem__(self, key):
        return self._send("getitem", key=key)

    def __len__(self):
        length = self._send("len")
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            raise StudentError("len() of the student's object is not a non-negative int")
        return length

    def __iter__(self):
        items = self._send("list")
        if not isinstance(items, list):
            raise StudentError("iterating the student's object did not give a list of values")
        return iter(items)

    def __bool__(self):
        return True  # an object exists; without this, bool() would ask the worker for len()

    def __repr__(self):
        return f"<student {object.__getattribute__(self, '_kind')}>"


def _handles_in(value):
    if isinstance(value, RemoteHandle):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)) and not protocol.only_scalars(value):
        for item in value:
            yield from _handles_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _handles_in(item)


class StudentModule(RemoteHandle):
    """The `student` fixture: the submission's module in whichever worker is current, so it stays
    usable (in later tests) after a worker was replaced."""

    def __init__(self, session, timeout=None):
        super().__init__(session, None, 0, "module", timeout)

    def _send(self, op, **fields):
        session = object.__getattribute__(self, "_session")
        session.current()
        object.__setattr__(self, "_generation", session.generation)
        return RemoteHandle._send(self, op, **fields)

    def with_timeout(self, seconds: float) -> "StudentModule":
        return StudentModule(object.__getattribute__(self, "_session"), seconds)

    def keep(self, value) -> RemoteHandle:
        """A copy of the plain `value` kept in the worker, as a handle: pass it to the student's code,
        then read it back (e.g. `kept.copy()` of a dict) to see whether the code changed its input."""
        return self._send("keep", value=value)

    def __getattr__(self, name):
        try:
            return super().__getattr__(name)
        except StudentError as error:
            if str(error).startswith("AttributeError"):
                raise StudentError(f"the submission does not define `{name}`") from None
            raise
