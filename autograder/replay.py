"""Replaying a test's recorded requests on the reference solution and on known-buggy variants, in the
grader (both are our code), through the same request handling as the worker (autograder.dispatch).

Also what a variant can change: the names it redefines (`changed_names`) against what the replayed
requests reach in the reference (`uses`, `touched`).
"""
import ast
import functools
import types
from pathlib import Path

import numpy as np

from autograder import dispatch, parsing, plain, protocol
from autograder.grader_functions import GraderCalls
from autograder.lazy_module import LazyModule


class OutOfTime(Exception):
    """A diagnosis ran past its CPU-time budget (raised from a SIGPROF handler)."""


class Failed:
    """An object the replay could not rebuild (the call that makes it failed)."""

    def __init__(self, outcome):
        self.outcome = outcome


def _defined(code: str) -> set[str]:
    """Top-level names a piece of code defines or assigns."""
    names = set()
    for node in parsing.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


@functools.lru_cache(maxsize=256)
def changed_names(code: str) -> set[str]:
    """What a variant redefines: top-level names, and `C.m` for the methods of a `class C(C)` that
    overrides some methods of the reference's class C (a whole new class C changes all of C)."""
    changed = set()
    for node in parsing.parse(code).body:
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
def uses(code: str) -> dict[str, set[str]]:
    """Each top-level function, class C and method `C.m` of the reference code -> itself and every
    top-level name and method it uses, directly or through what it calls (`self.x` in a method of C
    is `C.x`; using a class at all counts as using all of it)."""
    tree = parsing.parse(code)
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


def touched(events: list, uses: dict) -> set[str]:
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


_CODE: dict = {}  # (reference, variant) -> the world's code, built once per grading process


def variant_code(reference_code: str, variant: Path) -> str:
    """A variant as a whole submission (what the variant meta-tests grade and what diagnosis replays):
    the reference's code with each top-level function the variant redefines replaced where the
    reference defines it, as a student's notebook would define it (so a default argument such as
    skipgram's `loss_and_gradient=naive_softmax_loss_and_gradient` binds to the variant's function),
    and the rest of the variant (classes such as `class C(C)`, constants, new helpers) appended."""
    text = variant.read_text()
    body = parsing.parse(text).body
    redefined = {node.name: node for node in body if isinstance(node, ast.FunctionDef)}
    # A function the variant's own top-level code reads before redefining it (`_reference_f = f`) keeps the
    # reference's definition where it is: the variant wraps it, so its redefinition is appended instead.
    for node in body:
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            for name in ast.walk(node):
                if isinstance(name, ast.Name) and name.id in redefined and name.lineno < redefined[name.id].lineno:
                    del redefined[name.id]
    lines, variant_lines = reference_code.splitlines(), text.splitlines()
    replaced = [node for node in parsing.parse(reference_code).body
                if isinstance(node, ast.FunctionDef) and node.name in redefined]
    for node in sorted(replaced, key=lambda node: node.lineno, reverse=True):
        start, end = _lines_of(node)
        new_start, new_end = _lines_of(redefined[node.name])
        lines[start:end] = variant_lines[new_start:new_end]
    moved = sorted({node.name for node in replaced}, key=lambda name: redefined[name].lineno, reverse=True)
    for name in moved:
        start, end = _lines_of(redefined[name])
        del variant_lines[start:end]
    return "\n".join(lines) + f"\n\n\n# ---- variant {variant.name} ----\n" + "\n".join(variant_lines) + "\n"


def _lines_of(node) -> tuple[int, int]:
    """The 0-based line slice of a definition, decorators included."""
    return min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1, node.end_lineno


def load_world(reference_code: str, variant: Path | None) -> types.ModuleType:
    """A fresh module: the reference code, with the variant in it as the meta-tests build it (variant_code).
    Lazy (autograder.lazy_module): a replay runs the definitions its calls read, so replaying a4's numpy
    functions does not import the torch the notebook needs for training."""
    key = (hash(reference_code), str(variant))
    if key not in _CODE:
        _CODE[key] = reference_code if variant is None else variant_code(reference_code, variant)
    return LazyModule("diagnosis_world", _CODE[key], f"<diagnosis {variant.name if variant else 'reference'}>")


def perform(event, objects: dict) -> tuple:
    """What recorded request `event` (a recording.Event) gives in one world: ("value", plain) |
    ("object", obj) | ("raised", type name) | ("failed",)."""
    target = objects.get(event.target)
    if target is None or isinstance(target, Failed):
        return ("failed",)
    generation = event.target[0]
    calls = GraderCalls()
    for function in event.functions:  # the grader functions the test handed over, called again
        calls.ref(function)

    def from_handle(key, _kind):
        found = objects.get((generation, key))
        if found is None or isinstance(found, Failed):
            raise LookupError("a value this call needs could not be rebuilt")
        return found

    def from_marker(kind, payload):
        if kind == "grader_function":
            return dispatch.grader_function_stub(calls.call_here, payload)
        return plain.rebuild_marker(kind, payload, target)

    try:
        with np.errstate(all="ignore"):
            result = dispatch.perform(event.op, target, event.fields,
                                      lambda data: protocol.decode(data, from_handle, from_marker))
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


def replay(reference_code: str, variant: Path | None, events, check=None) -> dict:
    """Each event's outcome in a fresh module of the reference (+ the variant); stops early once
    `check(event, outcome)` says there is nothing left to learn."""
    module = load_world(reference_code, variant)
    objects, outcomes = {}, {}
    for event in events:
        objects[(event.target[0], 0)] = module
        outcome = perform(event, objects)
        outcomes[event.index] = outcome
        if event.outcome[0] == "handle":
            objects[event.outcome[1]] = outcome[1] if outcome[0] == "object" else Failed(outcome)
        if check is not None and not check(event, outcome):
            break
    return outcomes
