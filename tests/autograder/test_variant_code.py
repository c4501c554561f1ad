"""replay.variant_code: how a variant file becomes a whole submission (the meta-tests and diagnosis use it)."""
from autograder.replay import variant_code

REFERENCE = '''def pair(x):
    return x + 1


def window(xs, pair_fn=pair):
    return sum(pair_fn(x) for x in xs)
'''


def run(code: str) -> dict:
    namespace: dict = {}
    exec(compile(code, "submission", "exec"), namespace)  # noqa: S102 - our own test code
    return namespace


def test_a_redefined_function_replaces_the_reference_where_it_is_defined(tmp_path):
    variant = tmp_path / "bug_pair.py"
    variant.write_text('def pair(x):\n    return x + 2\n')
    namespace = run(variant_code(REFERENCE, variant))
    assert namespace["window"]([0, 0]) == 4, "the default argument must bind to the variant's pair"


def test_a_variant_that_wraps_the_reference_keeps_it(tmp_path):
    variant = tmp_path / "ok_pair_wrapped.py"
    variant.write_text('_reference_pair = pair\n\n\ndef pair(x):\n    return _reference_pair(x) * 10\n')
    namespace = run(variant_code(REFERENCE, variant))
    assert namespace["pair"](1) == 20, "the wrapper must call the reference's pair, not itself"
