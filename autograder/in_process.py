"""Calling a submission's module in the current process, the way the sandboxed proxy calls it: every
argument and every result goes through the same encoding (autograder.protocol) and the same
conversion (autograder.plain) as in grading, so a local check and a grade never disagree on what a
value is.

No isolation at all: used by the students' own `pytest assignments/<a>` (their code, their
machine), by the overhead benchmark as the unsandboxed peer, and to load our own reference
solutions in the trusted grader. Never for a submission being graded.
"""
import linecache
import types
from pathlib import Path

from autograder import layout, plain, protocol
from autograder.submission import extract_code


class Local:
    """An object of the submission, reached the way tests reach `student`."""

    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return _outgoing(getattr(self._target, name))

    def __call__(self, *args, **kwargs):
        args, kwargs = _incoming([list(args), kwargs], self._target)
        return _outgoing(self._target(*args, **kwargs))

    def __getitem__(self, key):
        return _outgoing(self._target[_incoming(key, self._target)])

    def __len__(self):
        return len(self._target)

    def __iter__(self):
        return iter(_outgoing(list(self._target)))

    def with_timeout(self, seconds):
        return self

    def accepts_keyword(self, name: str) -> bool:
        return plain.accepts_keyword(self._target, name)

    def keep(self, value):
        return Local(_incoming(value, None))


def _incoming(value, target):
    """An argument as the worker would receive it: encoded and decoded, markers rebuilt."""
    objects = []

    def ref(item):
        if not isinstance(item, Local):
            return item
        objects.append(item._target)
        return protocol.HandleRef(len(objects) - 1)

    return protocol.decode(protocol.encode(plain.map_leaves(value, ref)), lambda key, _kind: objects[key],
                           lambda kind, payload: plain.rebuild_marker(kind, payload, target))


def _outgoing(value):
    """A result as the grader would receive it: plain data, or a handle (Local) to the rest."""
    objects = []

    def to_handle(item):
        objects.append(item)
        return {protocol.TAG: "handle", "id": len(objects) - 1, "type": type(item).__name__}

    return protocol.decode(protocol.encode(plain.to_plain(value), to_handle),
                           lambda key, _kind: Local(objects[key]))


def load_module(path, name: str) -> types.ModuleType:
    """Extract the graded code of `path` (as grading does) and run it here, as module `name`."""
    code = extract_code(path)
    # Tracebacks should show the extracted code, not the lines of the notebook's JSON.
    filename = f"<graded cells of {Path(path).name}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    module = types.ModuleType(name)
    module.__file__ = str(path)
    exec(compile(code, filename, "exec"), module.__dict__)
    return module


def load_reference(assignment: str) -> types.ModuleType:
    """The reference solution of `assignment`: the graded code of its solution notebook (ours, trusted)."""
    return load_module(layout.course().assignment(assignment).reference, f"{assignment}_reference")


def load(path, name: str = "submission") -> Local:
    """The submission at `path`, run here and reached the way tests reach `student`."""
    return Local(load_module(path, name))
