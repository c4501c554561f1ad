"""A module whose top-level code runs a definition at a time, when a name is first read.

The grader's copies of the reference (the `reference` fixture, autograder.in_process) and diagnosis's
worlds (autograder.replay) are built this way: a test of a4's numpy functions, or a replay of one, must
not pay the seconds of the torch that the notebook imports for its other cells.
"""
import ast
import functools
import types

from autograder import parsing


class LazyModule(types.ModuleType):
    """A module whose top-level statements run only when a name they define is first read (with
    the statements defining the names those use, in their order of the code): a hidden suite that compares with
    the reference's numpy functions does not pay for the torch its notebook imports for other cells.
    Code whose top-level statements do more than define names (a call, a star import) runs whole
    at the first read, as load_module runs it."""

    def __init__(self, name: str, code: str, filename: str):
        super().__init__(name)
        self.__dict__["__pending__"] = list(_statements(code, filename))

    def __getattr__(self, name: str):
        statements = self.__dict__["__pending__"]
        wanted, chosen, grew = {name}, set(), True
        while grew:  # until closed: a function may call one defined further down
            grew = False
            for index, (_, bound, used) in enumerate(statements):
                if index not in chosen and (bound is None or bound & wanted):
                    chosen.add(index)
                    wanted |= used
                    grew = True
        for index in sorted(chosen):
            exec(statements[index][0], self.__dict__)
        statements[:] = [item for index, item in enumerate(statements) if index not in chosen]
        if name in self.__dict__:
            return self.__dict__[name]
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")


@functools.cache
def _statements(code: str, filename: str) -> tuple:
    """The code's top-level statements, compiled one by one, with the names each binds and reads: parsed
    and compiled once per code and process, since diagnosis builds a fresh world of the same code for each
    failed test, cycling through every variant (an assignment's 25-32 of them: a bounded cache would
    evict each before its turn came back)."""
    parsed = parsing.parse(code, filename).body
    bound = [_bound_names(statement) for statement in parsed]
    if not all(names or _is_docstring(statement) for statement, names in zip(parsed, bound)):
        return ((compile(code, filename, "exec"), None, set()),)  # None: it defines every name
    return tuple((parsing.compile_tree(ast.Module(body=[statement], type_ignores=[]), filename), names,
                  _used_names(statement)) for statement, names in zip(parsed, bound))


def _bound_names(statement) -> set[str] | None:
    """The module-level names a definition, an import or an assignment binds (None for a star import)."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {statement.name}
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        if any(alias.name == "*" for alias in statement.names):
            return None
        return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
    if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        return {node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)}
    return set()


def _used_names(statement) -> set[str]:
    """Every name the statement reads, in its body too (more than it needs, never less)."""
    return {node.id for node in ast.walk(statement) if isinstance(node, ast.Name)}


def _is_docstring(statement) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
