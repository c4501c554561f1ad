"""Syntax trees made and compiled one thread at a time.

CPython 3.11 (3.11.7 here) counts recursion depth in interpreter-wide state while it converts a syntax
tree between C and Python objects (`ast.parse`, `compile` of a tree). If the garbage collector runs a
finalizer in the middle, another thread may convert a tree meanwhile, and the first fails with
"SystemError: AST constructor recursion depth mismatch". The engine converts trees in threads (batch and
Dask grade submissions from a pool of threads; the meta-tests' grading queue prepares variants in two),
so every tree it makes or compiles goes through here.
"""
import ast
import threading

_LOCK = threading.Lock()


def parse(source: str, filename: str = "<unknown>") -> ast.Module:
    with _LOCK:
        return ast.parse(source, filename)


def compile_tree(tree: ast.AST, filename: str):
    with _LOCK:
        return compile(tree, filename, "exec")
