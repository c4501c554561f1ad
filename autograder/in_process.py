"""Calling a submission's module in the current process, the way the sandboxed session calls it: the
same proxy (autograder.proxy), the same request handling (autograder.dispatch), the same encoding
(autograder.protocol) and conversion (autograder.plain), the same grader calls, so a local check
and a grade never disagree on what a value is; only the worker process and its sandbox are missing.

No isolation at all: used by the students' own `pytest assignments/<a>` (their code, their
machine), by the overhead benchmark as the unsandboxed peer, and to load our own reference
solutions in the trusted grader. Never for a submission being graded.
"""
import linecache
import time
import types
from pathlib import Path

from autograder import dispatch, layout
from autograder.api import StudentError
from autograder.budget import call_meter
from autograder.grader_functions import GraderCalls
from autograder.lazy_module import LazyModule
from autograder.proxy import StudentModule
from autograder.session import BaseSession
from autograder.spec import RunSpec
from autograder.submission import extract_code


class InProcessSession(BaseSession):
    """A session whose submission is a module of this process: the requests, encodings and grader
    calls of a sandboxed session, with no worker, no isolation and no time limits."""

    def __init__(self, module, load_error: str | None = None, *, device: str = "cpu",
                 timeout: float = RunSpec.timeout):
        super().__init__(device, timeout)
        self.generation = 1
        self.load_error = load_error
        self.calls: GraderCalls | None = None  # those of the request being served
        self.server = dispatch.Server(module, lambda key, args, kwargs: self.calls.call_here(key, args, kwargs))

    @classmethod
    def from_code(cls, code: str | None, load_error: str | None, **options) -> "InProcessSession":
        """The submission's extracted code run here, as the worker would load it."""
        if load_error is None:
            module = types.ModuleType("submission")
            try:
                exec(compile(code, "submission.py", "exec"), module.__dict__)
                dispatch.seed_everything()
            except Exception as error:
                return cls(None, f"loading the submission failed: {dispatch.describe(error)}", **options)
            return cls(module, **options)
        return cls(None, load_error, **options)

    def current(self) -> None:
        if self.load_error:
            raise StudentError(self.load_error)

    def request(self, generation, timeout, request: dict, calls, make_handle):
        self.check_generation(generation)
        self.current()
        _watch, finish = call_meter(time.process_time, self.usage)  # nothing to stop: no watch
        self.calls, raised = calls, None
        try:
            value = self.server.serve(request)
        except Exception as error:
            raised = error
        finally:
            self.calls = None
            finish()
        if calls is not None and calls.failure is not None:  # as in the sandbox: not the student's to catch
            raise calls.failure
        if raised is not None:
            self._notify(request, calls, raised=dispatch.describe(raised))
            raise StudentError(dispatch.describe(raised)) from raised
        return self._received(request, calls, value, make_handle)


def load_module(path, name: str, *, lazy: bool = False) -> types.ModuleType:
    """Extract the graded code of `path` (as grading does) and run it here, as module `name`;
    `lazy`: as a LazyModule, whose definitions run when first used."""
    code = extract_code(path)
    # Tracebacks should show the extracted code, not the lines of the notebook's JSON.
    filename = f"<graded cells of {Path(path).name}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    module = LazyModule(name, code, filename) if lazy else types.ModuleType(name)
    module.__file__ = str(path)
    if not lazy:
        exec(compile(code, filename, "exec"), module.__dict__)
    return module


def load_reference(assignment: str) -> types.ModuleType:
    """The reference solution of `assignment`: the graded code of its solution notebook (ours, trusted)."""
    return load_module(layout.course().assignment(assignment).reference, f"{assignment}_reference")


def load(path, name: str = "submission") -> StudentModule:
    """The submission at `path`, run here and reached the way tests reach `student`."""
    return StudentModule(InProcessSession(load_module(path, name)))


def reach(value) -> StudentModule:
    """Any object of ours (a model, a module), reached the way tests reach `student`: through the
    requests and encodings of grading (the benchmarks' unsandboxed peer)."""
    return StudentModule(InProcessSession(value))
