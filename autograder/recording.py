"""What a grading run's tests sent to the student's code and got back: the record diagnosis replays.

`Recording` is a pytest plugin object: it knows which test or shared fixture is asking, and the
session's observer (`observe`) records every answered request (what was sent, what came back: a
plain value, a handle, or the name of the exception the student's code raised). Requests made inside
a metered stage (training runs), attribute reads of anything but the submission's own graded
functions and classes, requests that depend on those, and requests with more than MAX_ITEMS values
(a corpus: not kept in memory either) are marked not replayable, and their values are dropped.
"""
import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograder import dispatch, parsing, protocol
from autograder.proxy import RemoteHandle
from autograder.submission import extract_code

MAX_ITEMS = 20_000  # a request with more values than this (a corpus) is never replayed, nor kept


# ---- what the test sent and got ------------------------------------------------------------------
@dataclass
class Event:
    index: int
    owner: tuple
    op: str
    target: tuple  # node id (generation, key)
    fields: dict  # the encoded request fields (args, kwargs, name, key, value)
    outcome: tuple  # ("value", plain) | ("raised", type name) | ("handle", node id) | ("opaque",)
    replayable: bool
    stochastic: bool = False
    label: str = ""
    functions: tuple = ()  # the grader functions (api.GraderFunction) the request handed over


@dataclass
class Node:
    made_by: int | None  # index of the event that produced it (None: the module)
    root: str = ""  # the graded name it comes from, e.g. "NGramLM"
    replayable: bool = True
    kept: bool = False  # a value the test kept in the worker (student.keep), or read from one


def refs(data, found):
    """Handle ids, whether an RNG marker occurs in encoded data, and (up to MAX_ITEMS) its size."""
    found["items"] = found.get("items", 0) + 1
    if found["items"] > MAX_ITEMS:
        return found
    if isinstance(data, list):
        for item in data:
            refs(item, found)
    elif isinstance(data, dict):
        tag = data.get(protocol.TAG)
        if tag == "handle":
            found["handles"].append(data.get("id"))
        elif tag == "rng":
            found["rng"] = True
        for key, value in data.items():
            if key != protocol.TAG:
                refs(value, found)
    return found


class Recording:
    """Records the requests of one grading run (see the module's docstring)."""

    def __init__(self, solution):
        self.solution = Path(solution)
        self.events: list[Event] = []
        self.nodes: dict[tuple, Node] = {}
        self.test: str | None = None
        self.fixtures: list = []  # fixture definitions being set up, innermost last
        self.graded_names: set[str] | None = None
        self._code = None

    def reference_code(self) -> str:
        if self._code is None:
            self._code = extract_code(self.solution)
        return self._code


    # ---- pytest hooks: who is asking ---------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        self.test = item.nodeid

    @staticmethod
    def _shared(fixturedef) -> bool:
        return getattr(fixturedef, "scope", "function") != "function"

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef, request):
        self.fixtures.append(fixturedef)
        yield
        self.fixtures.pop()

    def owner(self) -> tuple:
        for fixturedef in self.fixtures:  # the outermost shared fixture owns what it asks
            if self._shared(fixturedef):
                return ("fixture", id(fixturedef))
        return ("test", self.test)

    # ---- the session's observer ----------------------------------------------------------------------
    def observe(self, generation: int, request: dict, value=None, raised: str | None = None,
                metered: bool = False, grader_functions: tuple = ()) -> None:
        """Called by the session for every answered request: `value` is the decoded answer, or
        `raised` the student's exception text; `grader_functions` those the request handed over."""
        try:
            self._observe(generation, request, value, raised, metered, grader_functions)
        except Exception:  # never let the recording break grading
            pass

    def _observe(self, generation, request, value, raised, metered, grader_functions):
        if self.graded_names is None:
            self.graded_names = graded_names(self.reference_code())
        module = (generation, 0)
        self.nodes.setdefault(module, Node(None, ""))
        op, target = request.get("op"), (generation, request.get("target"))
        fields = {k: v for k, v in request.items() if k not in ("op", "target")}
        found = refs([fields.get("args"), fields.get("kwargs"), fields.get("key"), fields.get("value")],
                      {"handles": [], "rng": False})
        used = [(generation, key) for key in found["handles"]]
        parent = self.nodes.get(target)
        replayable = not metered and parent is not None and parent.replayable and \
            found["items"] <= MAX_ITEMS and all(key in self.nodes and self.nodes[key].replayable for key in used)
        if op == "getattr":
            name = str(fields.get("name"))
            if target == module:
                replayable = replayable and name in self.graded_names
            else:
                replayable = replayable and not name.startswith("_")
        elif op not in dispatch.OPERATIONS or op == "accepts_keyword":
            replayable = False
        index = len(self.events)
        if raised is not None:
            outcome = ("raised", raised.split(":", 1)[0].strip())
        elif isinstance(value, RemoteHandle):
            key = (generation, object.__getattribute__(value, "_key"))
            outcome = ("handle", key)
        elif has_handle(value):
            outcome, replayable = ("opaque",), False
        else:
            outcome = ("value", value)
        root = parent.root if parent else ""
        if op == "getattr" and target == module:
            root = str(fields.get("name"))
        label = root
        if parent is not None and op == "getattr" and target != module and not parent.kept:
            label = f"{root}.{fields.get('name')}"
        elif op == "call" and parent is not None and parent.made_by is not None:
            made = self.events[parent.made_by]
            label = made.label if made.op == "getattr" else root
        if not replayable:  # never replayed: keep no inputs or results alive (corpora, models)
            fields, outcome = {}, (outcome if outcome[0] == "handle" else ("opaque",))
        event = Event(index, self.owner(), op, target, fields, outcome, replayable,
                      stochastic=found["rng"], label=label, functions=tuple(grader_functions))
        self.events.append(event)
        if op == "call":  # a kept value handed to a function is that function's to change
            for key in used:
                if key in self.nodes and self.nodes[key].kept:
                    self.nodes[key].root = label
        if outcome[0] == "handle":
            self.nodes[outcome[1]] = Node(index, root, replayable, kept=op == "keep" or
                                          (parent is not None and parent.kept))

    def closure(self, events) -> list[Event]:
        """The events to replay: these and every event producing a handle they use, in order."""
        keep, todo = {}, list(events)
        while todo:
            event = todo.pop()
            if event.index in keep or not event.replayable:
                continue
            keep[event.index] = event
            used = [event.target] + [(event.target[0], key) for key in refs(
                [event.fields.get("args"), event.fields.get("kwargs"), event.fields.get("key"),
                 event.fields.get("value")], {"handles": [], "rng": False})["handles"]]
            for key in used:
                node = self.nodes.get(key)
                if node is not None and node.made_by is not None:
                    todo.append(self.events[node.made_by])
        return [keep[i] for i in sorted(keep)]


def has_handle(value) -> bool:
    if isinstance(value, RemoteHandle):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(has_handle(item) for item in value)
    if isinstance(value, dict):
        return any(has_handle(item) for item in value.values())
    return False


def graded_names(code: str) -> set[str]:
    return {node.name for node in parsing.parse(code).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
