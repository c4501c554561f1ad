"""The grader's half of grader-side functions (`autograder.api.GraderFunction`).

The functions one request hands to the student's code are numbered in the order its arguments are
encoded (`GraderCalls.ref`); the worker's stub (autograder.dispatch) sends
{"grader_call": number, "args": ..., "kwargs": ...} and waits for the reply that `answer` builds.
Whose fault is what:
- the student's (StudentError): a call of a number this request did not hand over, arguments that
  are not plain data or do not fit the function's signature, more calls than the function's
  `max_calls`, or arguments the function refuses (it raises AssertionError or StudentError);
- the grader's (the exception propagates, and the test ends in error): anything else the function
  raises, or a result that is not plain data.
"""
import inspect

from autograder import dispatch, plain, protocol
from autograder.api import GraderFunction, StudentError


class GraderCalls:
    """The grader functions of one request, and how often the student's code called each."""

    def __init__(self):
        self.functions: list[GraderFunction] = []
        self.calls: list[int] = []
        self.failure: BaseException | None = None  # the first call that failed, in this process

    def ref(self, function: GraderFunction) -> protocol.GraderFunctionRef:
        self.functions.append(function)
        self.calls.append(0)
        return protocol.GraderFunctionRef(len(self.functions) - 1)

    def answer(self, frame) -> dict:
        """The reply frame to one grader call from the student's code (see the module's docstring)."""
        key = frame.get("grader_call") if isinstance(frame, dict) else None
        if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key < len(self.functions):
            raise StudentError("your code called a grader function that this call did not hand it")
        function = self.functions[key]
        self.calls[key] += 1
        if self.calls[key] > function.max_calls:
            raise StudentError(f"your code called `{function.name}` more than {function.max_calls} "
                               f"times in one call")
        try:
            args, kwargs = protocol.decode(frame.get("args")), protocol.decode(frame.get("kwargs"))
        except protocol.ProtocolError as error:
            raise StudentError(f"your code passed `{function.name}` something that is not plain "
                               f"data ({error})") from None
        if not isinstance(args, list) or not isinstance(kwargs, dict) or \
                not all(isinstance(name, str) for name in kwargs):
            raise StudentError(f"your code's call of `{function.name}` was malformed")
        try:
            inspect.signature(function.function).bind(*args, **kwargs)
        except TypeError as error:
            raise StudentError(f"your code called `{function.name}` with the wrong arguments: "
                               f"{error}") from None
        except ValueError:  # a builtin without a signature: let the call itself decide
            pass
        try:
            result = function.function(*args, **kwargs)
        except (AssertionError, StudentError) as error:
            raise StudentError(f"your code called `{function.name}` with arguments it refuses: "
                               f"{error or 'a check failed'}") from None
        try:
            return {"ok": True, "value": protocol.encode(plain.to_plain(result))}
        except protocol.ProtocolError as error:
            raise TypeError(f"grader function `{function.name}` returned something that is not "
                            f"plain data: {error}") from None

    def call_here(self, key: int, args: list, kwargs: dict):
        """A grader call made in this process (the in-process session, diagnosis's replay): the
        same frames as through the worker's channel, without the pipe. A failure is also kept in
        `failure`: the caller raises it even if the student's code caught it, as the sandboxed
        session does (there the worker is stopped)."""
        frame = dispatch.grader_call_frame(key, args, kwargs)  # raises in the student's code, as there
        try:
            reply = self.answer(frame)
        except BaseException as error:
            self.failure = self.failure or error
            raise
        return dispatch.grader_reply_value(reply)
