"""autograder.parsing: threads that parse while the garbage collector runs finalizers do not break each
other's parse (CPython 3.11's "AST constructor recursion depth mismatch")."""
import ast
import threading
import time
from pathlib import Path

from autograder import parsing

CODE = (Path(__file__).resolve().parents[2] / "autograder" / "replay.py").read_text()


class Finalized:
    def __del__(self):
        time.sleep(0)  # Python code in a finalizer: where the interpreter may switch threads


def errors_when_threads_parse(convert, threads=3, rounds=60) -> list[str]:
    """SystemErrors of `threads` threads each converting CODE (source -> tree -> code) `rounds` times while
    the garbage collector runs finalizers. With ast.parse and compile, 1 in 1.5 s on this machine."""
    errors = []

    def work():
        for _ in range(rounds):
            try:
                for _ in range(50):  # cyclic garbage with finalizers, collected in the middle of a parse
                    a, b = Finalized(), Finalized()
                    a.other, b.other = b, a
                convert(CODE)
            except SystemError as error:
                errors.append(str(error))
                return

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return errors


def test_threads_parse_without_breaking_each_other():
    def convert(code):
        return parsing.compile_tree(parsing.parse(code, "<parsed>"), "<parsed>")

    assert errors_when_threads_parse(convert) == []


def test_the_trees_are_ast_s():
    tree = parsing.parse("x = 1\n", "<x>")
    assert isinstance(tree, ast.Module)
    namespace = {}
    exec(parsing.compile_tree(tree, "<x>"), namespace)
    assert namespace["x"] == 1
