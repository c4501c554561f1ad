"""Diagnosis from bug signatures: when a hidden test fails, say which known mistake the student's code
reproduces, if any.

Trusted side only (the grading run's pytest process); nothing here reaches the worker.

- `Recorder` watches every request a test sends to the student's code through the proxy (what was
  sent, what came back: a plain value, a handle, or the name of the exception the student's code
  raised) and which test or shared fixture sent it.
- When a test FAILED, `Recorder.diagnose(item)` replays the same requests, in the same order and with
  the same inputs, on the reference solution and on every known-buggy variant of the assignment
  (the assignment's declared variants, bug_*.py, each appended to the reference code, as the meta-tests do), here
  in-process: both are our code. A variant is named only if, for a function the test called, every
  recorded call of that function gave the same result as the variant (floats within relative 1e-6;
  draws from a seeded RNG: the same draws, or counts a chi-square test cannot tell apart) and at least
  one call shows the variant's difference from the reference. Without a variant, cheap structural
  checks against the reference's results: sign flipped, transposed, or scaled by a size of the input.
  No match: nothing is said.
- Requests made inside a metered stage (training runs), attribute reads of anything but the
  submission's own graded functions and classes, and requests that depend on those are never
  replayed; a function with such a call is not diagnosed. Neither is a request with more than MAX_ITEMS
  values (a corpus: not kept in memory either).
- Cost: only variants that redefine a function or method the test's requests reach are replayed, a
  replay stops once no function of the test has calls left to check, and one diagnosis has SECONDS of
  wall clock (a test whose replay is too dear, e.g. a training call, gets none).

The sentence shown for a variant is its `# diagnosis: ...` comment line, else the first paragraph of
its docstring. It describes the mistake, never hidden inputs or expected values.
"""
import ast
import functools
import inspect
import math
import re
import signal
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from autograder import plain, protocol
from autograder.submission import extract_code

RTOL = 1e-6  # how close the student's result must be to a variant's: far looser than rounding
WITNESS_RTOL = 1e-3  # a real difference, not rounding: also for values far below 1 (sigmoid's tails)
WITNESS_SCALE = 1e-10  # ... or one far above rounding, relative to the largest value of the array
SAME_DRAWS_P = 1e-3  # chi-square p above this: the draws may come from the variant's distribution
OTHER_DRAWS_P = 1e-6  # below this: they do not come from the reference's
MIN_DRAWS = 100
MAX_ITEMS = 20_000  # a request with more values than this (a corpus) is never replayed, nor kept
SECONDS = 10.0  # wall-clock budget of one test's diagnosis; past it, nothing is said
DIAGNOSIS_LINE = re.compile(r"^#\s*diagnosis:\s*(?P<text>.+)$", re.M)


class OutOfTime(Exception):
    pass


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


@dataclass
class Node:
    made_by: int | None  # index of the event that produced it (None: the module)
    root: str = ""  # the graded name it comes from, e.g. "NGramLM"
    replayable: bool = True
    kept: bool = False  # a value the test kept in the worker (student.keep), or read from one


def _refs(data, found):
    """Handle ids, whether an RNG marker occurs in encoded data, and (up to MAX_ITEMS) its size."""
    found["items"] = found.get("items", 0) + 1
    if found["items"] > MAX_ITEMS:
        return found
    if isinstance(data, list):
        for item in data:
            _refs(item, found)
    elif isinstance(data, dict):
        tag = data.get(protocol.TAG)
        if tag == "handle":
            found["handles"].append(data.get("id"))
        elif tag == "rng":
            found["rng"] = True
        for key, value in data.items():
            if key != protocol.TAG:
                _refs(value, found)
    return found


class Recorder:
    """Pytest plugin object of one grading run: records requests, diagnoses failed tests."""

    def __init__(self, assignment: str, solution, variants_dir=None):
        self.assignment, self.solution = assignment, Path(solution)
        self.variants_dir = Path(variants_dir) if variants_dir else None  # None: nothing to diagnose with
        self.events: list[Event] = []
        self.nodes: dict[tuple, Node] = {}
        self.test: str | None = None
        self.fixtures: list = []  # fixture definitions being set up, innermost last
        self.graded_names: set[str] | None = None
        self._code = None

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

    # ---- the proxy's hook ----------------------------------------------------------------------
    def observe(self, generation: int, request: dict, value=None, raised: str | None = None,
                metered: bool = False) -> None:
        """Called by proxy.Session for every answered request: `value` is the decoded answer, or
        `raised` the student's exception text."""
        try:
            self._observe(generation, request, value, raised, metered)
        except Exception:  # never let the recording break grading
            pass

    def _observe(self, generation, request, value, raised, metered):
        from autograder.proxy import RemoteHandle
        if self.graded_names is None:
            self.graded_names = _graded_names(self._reference_code())
        module = (generation, 0)
        self.nodes.setdefault(module, Node(None, ""))
        op, target = request.get("op"), (generation, request.get("target"))
        fields = {k: v for k, v in request.items() if k not in ("op", "target")}
        found = _refs([fields.get("args"), fields.get("kwargs"), fields.get("key"), fields.get("value")],
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
        elif op not in ("call", "getitem", "keep", "len", "list"):
            replayable = False
        index = len(self.events)
        if raised is not None:
            outcome = ("raised", raised.split(":", 1)[0].strip())
        elif isinstance(value, RemoteHandle):
            key = (generation, object.__getattribute__(value, "_key"))
            outcome = ("handle", key)
        elif _has_handle(value):
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
                      stochastic=found["rng"], label=label)
        self.events.append(event)
        if op == "call":  # a kept value handed to a function is that function's to change
            for key in used:
                if key in self.nodes and self.nodes[key].kept:
                    self.nodes[key].root = label
        if outcome[0] == "handle":
            self.nodes[outcome[1]] = Node(index, root, replayable, kept=op == "keep" or
                                          (parent is not None and parent.kept))

    # ---- diagnosis ------------------------------------------------------------------------------
    def diagnose(self, item) -> list[str]:
        """Lines of feedback for a failed test: the known mistakes its results match. Never raises."""
        if self.variants_dir is None or not self.variants_dir.is_dir():
            return []
        owners = {("test", item.nodeid)}
        for defs in getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {}).values():
            owners.update(("fixture", id(d)) for d in defs)
        relevant = [e for e in self.events if e.owner in owners]
        observed = [e for e in relevant if e.outcome[0] in ("value", "raised") and e.op != "accepts_keyword"]
        if not observed:
            return []
        labels = {}
        for event in observed:
            labels.setdefault(event.label, []).append(event)
        labels = {label: events for label, events in labels.items()
                  if label and all(e.replayable for e in events)}
        if not labels:
            return []
        needed = self._closure([e for events in labels.values() for e in events] +
                               [e for e in relevant if e.replayable])
        previous = signal.signal(signal.SIGALRM, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, SECONDS)
        try:
            return self._diagnose(labels, needed)
        except OutOfTime:
            print(f"autograder.diagnosis: {item.nodeid}: out of time ({SECONDS:g} s), nothing said", file=sys.stderr)
            return []
        except Exception as error:  # a fault here must not turn a failed test into an error
            print(f"autograder.diagnosis: gave up on {item.nodeid}: {type(error).__name__}: {error}",
                  file=sys.stderr)
            return []
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def _closure(self, events) -> list[Event]:
        """The events to replay: these and every event producing a handle they use, in order."""
        keep, todo = {}, list(events)
        while todo:
            event = todo.pop()
            if event.index in keep or not event.replayable:
                continue
            keep[event.index] = event
            used = [event.target] + [(event.target[0], key) for key in _refs(
                [event.fields.get("args"), event.fields.get("kwargs"), event.fields.get("key"),
                 event.fields.get("value")], {"handles": [], "rng": False})["handles"]]
            for key in used:
                node = self.nodes.get(key)
                if node is not None and node.made_by is not None:
                    todo.append(self.events[node.made_by])
        return [keep[i] for i in sorted(keep)]

    def _diagnose(self, labels, needed) -> list[str]:
        _load(self._reference_code(), None)  # its imports (torch...) are paid once, not per variant
        started = time.monotonic()
        reference = self._replay(None, needed)
        uses, candidates = _uses(self._reference_code()), []
        reached = {label: _touched(self._closure(events), uses) for label, events in labels.items()}
        for path in sorted(self.variants_dir.glob("bug_*.py")):
            # Only a variant that redefines something these requests reach can change their results.
            changed = _changed(path.read_text())
            relevant = {label: events for label, events in labels.items() if changed & reached[label]}
            if relevant:
                candidates.append((path, relevant))
        cost = time.monotonic() - started
        if cost * 4 > SECONDS:  # e.g. a training run: too dear to replay even for a few variants
            print(f"autograder.diagnosis: replaying this test costs {cost:.1f} s per variant, "
                  f"{len(candidates)} variants: nothing said", file=sys.stderr)
            return []
        lines, replayed = [], 0
        for path, relevant in candidates:
            named, replayed = self._matches(path, needed, relevant, reference), replayed + 1
            if named:
                lines.append(f"Diagnosis: on every call this test made, your {_names(named)} returned "
                             f"what a known mistake gives: {describe_variant(path)}")
        if not lines:
            for label, events in labels.items():
                lines += structural(label, events, reference, self._signature(label))
        print(f"autograder.diagnosis: {len(needed)} requests replayed on the reference and {replayed} "
              f"variants in {time.monotonic() - started:.1f} s", file=sys.stderr)
        return lines

    def _reference_code(self) -> str:
        if self._code is None:
            self._code = extract_code(self.solution)
        return self._code

    def _signature(self, label):
        try:
            module = _load(self._reference_code(), None)
            return list(inspect.signature(getattr(module, label)).parameters)
        except Exception:
            return None

    def _replay(self, variant: Path | None, events, check=None) -> dict:
        """Each event's outcome in a fresh module of the reference (+ the variant); stops early once
        `check(event, outcome)` says there is nothing left to learn."""
        module = _load(self._reference_code(), variant)
        objects, outcomes = {}, {}
        for event in events:
            module_key = (event.target[0], 0)
            objects[module_key] = module
            outcome = _perform(event, objects)
            outcomes[event.index] = outcome
            if event.outcome[0] == "handle":
                objects[event.outcome[1]] = outcome[1] if outcome[0] == "object" else _Failed(outcome)
            if check is not None and not check(event, outcome):
                break
        return outcomes

    def _matches(self, variant: Path, events, relevant: dict, reference: dict) -> list[str]:
        """The labels of `relevant` whose every observation the variant reproduces (and one shows
        the variant's difference from the reference). A label is dropped at its first mismatch."""
        alive = {label: False for label in relevant}  # label -> witnessed yet
        observations = {e.index for events in relevant.values() for e in events}
        last = {label: max(e.index for e in events) for label, events in relevant.items()}

        def check(event, outcome):
            if event.index in observations and event.label in alive:
                same, witness = _judge(event.outcome, outcome, reference[event.index], event.stochastic)
                if not same:
                    del alive[event.label]
                else:
                    alive[event.label] = alive[event.label] or witness
            return any(last[label] > event.index for label in alive)  # anything left to learn

        self._replay(variant, events, check)
        return [label for label, witnessed in alive.items() if witnessed]


class _Failed:
    def __init__(self, outcome):
        self.outcome = outcome


def _out_of_time(signum, frame):
    raise OutOfTime()


def _has_handle(value) -> bool:
    from autograder.proxy import RemoteHandle
    if isinstance(value, RemoteHandle):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_has_handle(item) for item in value)
    if isinstance(value, dict):
        return any(_has_handle(item) for item in value.values())
    return False


def _graded_names(code: str) -> set[str]:
    return {node.name for node in ast.parse(code).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


def _defined(code: str) -> set[str]:
    """Top-level names a piece of code defines or assigns."""
    names = set()
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


@functools.lru_cache(maxsize=256)
def _changed(code: str) -> set[str]:
    """What a variant redefines: top-level names, and `C.m` for the methods of a `class C(C)` that
    overrides some methods of the reference's class C (a whole new class C changes all of C)."""
    changed = set()
    for node in ast.parse(code).body:
        if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == node.name for b in node.bases):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    changed.add(f"{node.name}.{item.name}")
                elif isinstance(item, (ast.Assign, ast.AnnAssign)):
                    for target in item.targets if isinstance(item, ast.Assign) else [item.target]:
                        changed.update(f"{node.name}.{n.id}" for n in ast.walk(target) if isinstance(n, ast.Name))
        else:
            changed |= _defined(ast.unparse(node))
    return changed


@functools.lru_cache(maxsize=8)
def _uses(code: str) -> dict[str, set[str]]:
    """Each top-level function, class C and method `C.m` of the reference code -> itself and every
    top-level name and method it uses, directly or through what it calls (`self.x` in a method of C
    is `C.x`; using a class at all counts as using all of it)."""
    tree = ast.parse(code)
    defined = _defined(code)
    direct, members = {}, {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            direct[node.name] = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in defined}
        elif isinstance(node, ast.ClassDef):
            members[node.name] = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    key = f"{node.name}.{item.name}"
                    members[node.name].add(key)
                    direct[key] = {n.id for n in ast.walk(item) if isinstance(n, ast.Name) and n.id in defined} | \
                        {f"{node.name}.{n.attr}" for n in ast.walk(item) if isinstance(n, ast.Attribute)
                         and isinstance(n.value, ast.Name) and n.value.id == "self"}
            direct[node.name] = set(members[node.name]) | {
                n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in defined}
    closure = {}
    for name in direct:
        seen, todo = {name}, [name]
        while todo:
            current = todo.pop()
            for used in direct.get(current, set()) | members.get(current, set()):
                if used not in seen:
                    seen.add(used)
                    todo.append(used)
        closure[name] = seen
    return closure


def _touched(events: list, uses: dict) -> set[str]:
    """Every reference name and method the replayed requests reach (what a variant must change to
    change their results)."""
    reached = set()
    for event in events:
        if event.op == "getattr" and event.outcome[0] == "handle":
            continue  # looking a function or method up computes nothing; calling it does
        key = event.label if event.label in uses else event.label.split(".")[0]
        if key in uses and "." not in key and f"{key}.__init__" in uses and event.op == "call":
            key = f"{key}.__init__"  # a class called: its constructor
        reached |= uses.get(key, {key})
    return reached


_COMPILED: dict = {}


def variant_code(reference_code: str, variant: Path) -> str:
    """A variant as a whole submission: the reference's code with the variant's definitions appended
    (what the variant meta-tests grade and what diagnosis replays)."""
    return f"{reference_code}\n\n# ---- variant {variant.name} ----\n{variant.read_text()}"


def _load(reference_code: str, variant: Path | None) -> types.ModuleType:
    """A fresh module: the reference code, with the variant appended (as the meta-tests build it)."""
    key = (hash(reference_code), str(variant))
    if key not in _COMPILED:
        code = reference_code if variant is None else variant_code(reference_code, variant)
        _COMPILED[key] = compile(code, f"<diagnosis {variant.name if variant else 'reference'}>", "exec")
    module = types.ModuleType("diagnosis_world")
    exec(_COMPILED[key], module.__dict__)
    return module


def _perform(event: Event, objects: dict) -> tuple:
    """("value", plain) | ("object", obj) | ("raised", type name) | ("failed",) in one world."""
    target = objects.get(event.target)
    if target is None or isinstance(target, _Failed):
        return ("failed",)
    generation = event.target[0]

    def decode(data):
        def from_handle(key, _kind):
            found = objects.get((generation, key))
            if found is None or isinstance(found, _Failed):
                raise LookupError("a value this call needs could not be rebuilt")
            return found
        return protocol.decode(data, from_handle, lambda kind, payload: plain.rebuild_marker(kind, payload, target))

    try:
        op, fields = event.op, event.fields
        if op == "keep":
            result = decode(fields.get("value"))
        elif op == "getattr":
            result = getattr(target, str(fields.get("name")))
        elif op == "getitem":
            result = target[decode(fields.get("key"))]
        elif op == "len":
            result = len(target)
        elif op == "list":
            result = list(target)
        else:
            args = decode(fields.get("args", []))
            kwargs = decode(fields.get("kwargs", {protocol.TAG: "dict", "items": []}))
            with np.errstate(all="ignore"):
                result = target(*args, **kwargs)
    except OutOfTime:
        raise
    except LookupError:
        return ("failed",)
    except Exception as error:
        return ("raised", type(error).__name__)
    if event.outcome[0] == "handle":
        return ("object", result)
    try:  # the value as the grader would have received it: plain data, copied
        return ("value", protocol.decode(protocol.encode(plain.to_plain(result))))
    except protocol.ProtocolError:
        return ("object", result)


# ---- comparing results ---------------------------------------------------------------------------
@dataclass
class Verdict:
    same: bool = True  # the student's result agrees with the variant's
    witness: bool = False  # ... at a place where the variant's differs from the reference's


def _explains(students, variants, references, stochastic) -> bool:
    """Every outcome agrees with the variant, and one shows the variant's difference from the reference."""
    witness = False
    for student, variant, reference, rng in zip(students, variants, references, stochastic):
        same, seen = _judge(student, variant, reference, rng)
        if not same:
            return False
        witness = witness or seen
    return witness


def _judge(student, variant, reference, rng) -> tuple[bool, bool]:
    """(the student's outcome agrees with the variant's, it shows the variant's difference from the reference)."""
    if student[0] == "raised" or variant[0] == "raised":
        return student == variant, student == variant and reference != variant
    if variant[0] != "value" or student[0] != "value":
        return False, False
    verdict = Verdict()
    _compare(student[1], variant[1], reference[1] if reference[0] == "value" else _MISSING, rng, verdict)
    return verdict.same, verdict.same and (verdict.witness or reference[0] != "value")


_MISSING = object()


def _compare(student, variant, reference, rng: bool, verdict: Verdict) -> None:
    if not verdict.same:
        return
    if isinstance(variant, dict):
        if not isinstance(student, dict) or set(student) != set(variant):
            verdict.same = False
            return
        if not isinstance(reference, dict) or set(reference) != set(variant):
            verdict.witness = True
        for key in variant:
            _compare(student[key], variant[key],
                     reference.get(key, _MISSING) if isinstance(reference, dict) else _MISSING, rng, verdict)
        return
    if isinstance(variant, (list, tuple)) and not _numeric(variant):
        if not isinstance(student, (list, tuple)) or len(student) != len(variant):
            verdict.same = False
            return
        if not isinstance(reference, (list, tuple)) or len(reference) != len(variant):
            verdict.witness, reference = True, [_MISSING] * len(variant)
        for s, v, r in zip(student, variant, reference):
            _compare(s, v, r, rng, verdict)
        return
    if _scalar(variant) and _scalar(student) and not rng:
        _compare_scalars(student, variant, reference, verdict)
        return
    if _numeric(variant) and _numeric(student):
        _compare_numbers(np.asarray(student), np.asarray(variant), reference, rng, verdict)
        return
    try:
        equal = bool(student == variant)
    except Exception:
        equal = False
    if not equal:
        verdict.same = False
        return
    try:
        verdict.witness = verdict.witness or not bool(reference == variant)
    except Exception:
        verdict.witness = True


def _numeric(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, np.ndarray, np.generic)):
        return np.asarray(value).dtype.kind in "iuf"
    if isinstance(value, (list, tuple)) and value:
        try:
            return np.asarray(value).dtype.kind in "iuf"
        except (ValueError, TypeError):
            return False
    return False


def _close(a, b, rtol) -> np.ndarray:
    """Elementwise: within rtol of the larger magnitude, or within 1e-12 of the arrays' scale;
    NaN matches NaN and infinities match themselves."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    finite = np.isfinite(a) & np.isfinite(b)
    scale = max(float(np.max(np.abs(a[finite]), initial=0.0)), float(np.max(np.abs(b[finite]), initial=0.0)))
    with np.errstate(all="ignore"):
        close = np.abs(a - b) <= rtol * np.maximum(np.abs(a), np.abs(b)) + 1e-12 * scale
    return np.where(finite, close, (a == b) | (np.isnan(a) & np.isnan(b)))


def _rel_close(a, b, rtol) -> np.ndarray:
    """Elementwise, relative only (values far below 1 count): the witness of a real difference."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    with np.errstate(all="ignore"):
        close = np.abs(a - b) <= rtol * np.maximum(np.abs(a), np.abs(b))
    return close | (a == b) | (np.isnan(a) & np.isnan(b))


def _witness(student, variant, reference) -> np.ndarray:
    """Elementwise: the variant differs from the reference for real (not by rounding), and the student's
    result sides with the variant. Relative, for differences in values far below 1 (sigmoid's tails);
    absolute against the arrays' scale, for small numerical errors (a cancellation in 1 - sigmoid)."""
    s, v, r = (x.astype(np.float64) for x in (student, variant, reference))
    finite = np.isfinite(v) & np.isfinite(r)
    scale = max(float(np.max(np.abs(v[finite]), initial=0.0)), float(np.max(np.abs(r[finite]), initial=0.0)))
    with np.errstate(all="ignore"):
        gap, off = np.abs(v - r), np.abs(s - v)
        relative = ~_rel_close(v, r, WITNESS_RTOL) & _rel_close(s, v, WITNESS_RTOL)
        scaled = (gap > WITNESS_SCALE * scale) & (off <= 0.01 * gap)
    return relative | (finite & scaled)


def _scalar(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _compare_scalars(student, variant, reference, verdict):
    """_compare_numbers for plain numbers, without numpy's per-call overhead (a3 compares thousands)."""
    s, v = float(student), float(variant)
    if not (s == v or (math.isnan(s) and math.isnan(v)) or
            (math.isfinite(s) and math.isfinite(v) and abs(s - v) <= RTOL * max(abs(s), abs(v)) + 1e-12 * max(abs(s), abs(v)))):
        verdict.same = False
        return
    if reference is _MISSING or not _scalar(reference):
        verdict.witness = True
        return
    r = float(reference)
    if not (math.isfinite(v) and math.isfinite(r)):
        gap_real = not (v == r or (math.isnan(v) and math.isnan(r)))
        verdict.witness = verdict.witness or gap_real
        return
    gap, off, scale = abs(v - r), abs(s - v), max(abs(v), abs(r))
    relative = gap > WITNESS_RTOL * scale and off <= WITNESS_RTOL * max(abs(s), abs(v))
    verdict.witness = verdict.witness or relative or (gap > WITNESS_SCALE * scale and off <= 0.01 * gap)


def _compare_numbers(student, variant, reference, rng, verdict):
    if student.shape != variant.shape:
        verdict.same = False
        return
    reference = np.asarray(reference) if reference is not _MISSING and _numeric(reference) else None
    if rng:
        if np.array_equal(student, variant):
            verdict.witness = verdict.witness or reference is None or not np.array_equal(reference, variant)
            return
        if student.dtype.kind in "iu" and variant.dtype.kind in "iu" and student.size >= MIN_DRAWS and \
                reference is not None and reference.dtype.kind in "iu" and student.ndim == 1:
            if _draws_p(student, variant) > SAME_DRAWS_P:
                verdict.witness = verdict.witness or (_draws_p(student, reference) < OTHER_DRAWS_P and
                                                      _draws_p(variant, reference) < OTHER_DRAWS_P)
                return
        verdict.same = False
        return
    if not np.all(_close(student, variant, RTOL)):
        verdict.same = False
        return
    if reference is None or reference.shape != variant.shape:
        verdict.witness = True
        return
    verdict.witness = verdict.witness or bool(np.any(_witness(student, variant, reference)))


def _draws_p(a, b) -> float:
    """p-value of a chi-square test that two samples of indices come from one distribution."""
    from scipy.stats import chi2_contingency
    if min(a.min(initial=0), b.min(initial=0)) < 0:
        return 0.0
    size = int(max(a.max(initial=0), b.max(initial=0))) + 1
    table = np.array([np.bincount(a, minlength=size), np.bincount(b, minlength=size)])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        return 1.0
    return float(chi2_contingency(table)[1])


# ---- structural checks ---------------------------------------------------------------------------
def _leaves(value, path=()):
    """(path, numeric array) of every numeric leaf of a plain value."""
    if isinstance(value, dict):
        for key in value:
            yield from _leaves(value[key], path + (("key", key),))
    elif isinstance(value, (list, tuple)) and not _numeric(value):
        for i, item in enumerate(value):
            yield from _leaves(item, path + (("item", i, len(value)),))
    elif _numeric(value):
        yield path, np.asarray(value, dtype=np.float64)


def _where(label, path) -> str:
    """The part of the result, as code: `naive_softmax_loss_and_gradient(...)[1]`, `f(...)[1]['W_h']`."""
    parts = "".join(f"[{step[1]!r}]" for step in path)
    return f"`{label}(...){parts}`"


def _sizes(event, parameters):
    """{description: size} of every length in the call's arguments."""
    found = {}
    try:
        args = protocol.decode(event.fields.get("args", []), lambda k, t: None, lambda k, p: None)
    except protocol.ProtocolError:
        return found
    for i, arg in enumerate(args or []):
        name = f"`{parameters[i]}`" if parameters and i < len(parameters) else f"argument {i + 1}"
        try:
            shape = np.shape(arg)
        except Exception:
            continue
        for axis, size in enumerate(shape):
            if size > 1:
                found[f"len({name[1:-1]})" if axis == 0 and name.startswith("`") else
                      f"the size of axis {axis} of {name}"] = size
    return found


def structural(label, events, reference, parameters) -> list[str]:
    """Lines for results that are the reference's with the sign flipped, transposed, or scaled by a
    size of the input, on every call of `label` in the test."""
    if any(e.stochastic or e.outcome[0] != "value" or reference[e.index][0] != "value" for e in events):
        return []
    students = [dict(_leaves(e.outcome[1])) for e in events]
    expected = [dict(_leaves(reference[e.index][1])) for e in events]
    if any(set(s) != set(r) for s, r in zip(students, expected)):
        paths = set()
    else:
        paths = set(expected[0]) if expected else set()
    found = []
    for path in sorted(paths, key=str):
        pairs = [(s[path], r[path]) for s, r in zip(students, expected)]
        if all(a.shape == b.shape and np.all(_close(a, b, RTOL)) for a, b in pairs):
            continue
        what = _kind(pairs, [_sizes(e, parameters) for e in events])
        if what:
            found.append(f"{_where(label, path)} {what}")
    return [f"Diagnosis: on every call this test made, {line}." for line in found]


def _kind(pairs, sizes) -> str | None:
    finite = all(np.all(np.isfinite(a)) and np.all(np.isfinite(b)) for a, b in pairs)
    if not finite:
        return None
    if all(a.shape == b.shape and np.all(_close(a, -b, RTOL)) for a, b in pairs):
        return "is the expected value with its sign flipped"
    if all(b.ndim == 2 and a.shape == b.T.shape and np.all(_close(a, b.T, RTOL)) for a, b in pairs):
        return "is the transpose of the expected value"
    if not all(a.shape == b.shape and np.any(b != 0) for a, b in pairs):
        return None
    factors = [float(np.sum(a * b) / np.sum(b * b)) for a, b in pairs]
    if not all(np.all(_close(a, c * b, RTOL)) for (a, b), c in zip(pairs, factors)):
        return None
    names = sorted(set.intersection(*(set(s) for s in sizes)) if sizes else (), key=lambda n: (not n.startswith("len"), n))
    times = [n for n in names if all(abs(c - s[n]) <= RTOL * s[n] for c, s in zip(factors, sizes))]
    if times:
        return f"is the expected value multiplied by {' or '.join(times)} (a sum where a mean belongs, or a factor too many?)"
    over = [n for n in names if all(abs(c * s[n] - 1) <= RTOL for c, s in zip(factors, sizes))]
    if over:
        return f"is the expected value divided by {' or '.join(over)} (a mean where a sum belongs?)"
    if len(pairs) >= 2 and all(abs(c - factors[0]) <= RTOL * abs(factors[0]) for c in factors):
        return f"is {factors[0]:.6g} times the expected value"
    return None


# ---- wording --------------------------------------------------------------------------------------
def describe_variant(path: Path) -> str:
    """The variant's sentence for students: its `# diagnosis:` line, else its docstring's first paragraph."""
    text = path.read_text()
    line = DIAGNOSIS_LINE.search(text)
    if line:
        return line.group("text").strip()
    docstring = ast.get_docstring(ast.parse(text)) or path.stem
    return " ".join(docstring.split("\n\n")[0].split())


def _names(labels) -> str:
    names = [f"`{label}`" for label in labels]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
