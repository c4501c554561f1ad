"""Corpora, contexts, model settings and helpers of the a3_ngram hidden suite (no fixtures: see conftest.py)."""
import math
from fractions import Fraction

import numpy as np

from autograder.checks import assert_close
from autograder.proxy import call_each
from students_counting import either

# Hand-checkable corpus: the expected values in test_add_k.py and test_kneser_ney.py are derived from it.
# Word counts: a 3, b 3, c 1. As a bigram model, histories: <s> 3, a 3, b 3, c 1, </s> never.
HAND = [["a", "b"], ["a", "c"], ["b", "a", "b"]]

# The lecture's example, with rare words (count 1) so that min_count matters.
SMALL = [
    "students opened their books".split(),
    "students opened their laptops".split(),
    "the students opened their exams".split(),
    "the teacher opened the door".split(),
    "students read their books".split(),
    "the door opened".split(),
    "their books".split(),
    "students".split(),
]

# Seen and unseen histories, short (padded) and long (cut) contexts, out-of-vocabulary and rare
# tokens, explicit padding, and histories that end a sentence (never a history in training).
CONTEXTS = [
    [], ["students"], ["students", "opened"], ["students", "opened", "their"],
    ["the", "students", "opened", "their"], ["opened", "the"], ["their", "students"],
    ["zebra"], ["opened", "zebra"], ["books", "</s>"], ["</s>"], ["<s>", "students"],
    ["laptops", "opened"], ["the", "door", "opened"],
]

# (n, keyword arguments) of the models compared with the reference and checked for sum-to-one.
ADD_K_CONFIGS = [(1, {"k": 0.5}), (2, {"k": 1.0}), (3, {"k": 0.5, "min_count": 2}), (4, {"k": 0.1})]
KNESER_NEY_CONFIGS = [(1, {"discount": 0.75}), (2, {"discount": 0.5}),
                      (3, {"discount": 0.75, "min_count": 2}), (4, {"discount": 0.9})]

# Tolerances, each stated once in the notebook above the NGramLM cell (tests/assignments/test_a3_ngram_stated_bars.py
# checks that it states these numbers).
# prob against hand-computed values and against the reference's, absolute.
PROB_TOLERANCE = 1e-10
# prob summed over the vocabulary, off from one by at most this.
SUM_TOLERANCE = 1e-9
# prob compared with the student's own prob (an unknown word against `<unk>`, a context against the same context
# padded or cut), and logprob against log(prob), absolute.
CONSISTENCY_TOLERANCE = 1e-12
# perplexity against exp of the mean negative logprob, relative.
PERPLEXITY_TOLERANCE = 1e-9
# generate: the first tokens of this many samples are compared with prob by a chi-square test, which fails below
# P_VALUE_FLOOR (a correct sampler fails one check in 10,000).
GENERATE_SAMPLES = 400
P_VALUE_FLOOR = 1e-4

# The add-k trigram graded on the wiki corpus; k = 0.01 is near the best on the validation split. Its test
# perplexity must equal the reference's within WIKI_ADD_K_TOLERANCE, relative.
WIKI_ADD_K = 0.01
WIKI_ADD_K_TOLERANCE = 1e-6
# Test tokens on which the grader recomputes logprob to check a reported perplexity.
SAMPLED_TOKENS = 300
# The reported log-perplexity may differ from the sampled estimate by this many standard errors (plus a
# little for rounding): a correct model is off by about one.
STANDARD_ERRORS = 5.0


def describe(n, smoothing, kwargs):
    """How feedback names a model: its settings, never the corpus or the expected values."""
    settings = ", ".join(f"{key}={value}" for key, value in kwargs.items())
    return f"NGramLM({n}, smoothing={smoothing!r}{', ' + settings if settings else ''})"


def fit(module, n, smoothing, corpus, **kwargs):
    """module.NGramLM(n, smoothing=..., **kwargs).fit(corpus); works for the student and the reference."""
    return as_model(module.NGramLM(n, smoothing=smoothing, **kwargs).fit(corpus), describe(n, smoothing, kwargs))


def as_model(value, what):
    """The model `fit` returned, or an AssertionError when it returned plain data (None: no `return self`)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes, list, tuple, dict, set)):
        raise AssertionError(f"{what}: fit must return the model itself (return self), got {type(value).__name__}")
    return value


def as_number(value, what):
    """A float the student's code returned, or an AssertionError saying what came back instead."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AssertionError(f"{what}: expected a float, got {type(value).__name__}")
    return float(value)


def vocab_of(lm, what):
    """lm.vocab as a list of str, or an AssertionError."""
    vocab = lm.vocab
    if not isinstance(vocab, list) or not all(isinstance(word, str) for word in vocab):
        raise AssertionError(f"{what}: vocab must be a list of str, got {type(vocab).__name__}")
    return vocab


def prob_table(lm, words, contexts):
    """prob(word, context) for every context (rows) and word (columns), one call each (sent together)."""
    values = call_each(lm.prob, [(word, list(context)) for context in contexts for word in words])
    return np.array([as_probability(value) for value in values], dtype=float).reshape(len(contexts), len(words))


def as_probability(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AssertionError(f"prob must return a float, got {type(value).__name__}")
    return float(value)


def predicted_tokens(sentences):
    """(word, context) for every token a model predicts: each word and one `</s>` per sentence."""
    return [(word, sentence[:i]) for sentence in sentences
            for i, word in enumerate(list(sentence) + ["</s>"])]


def assert_fraction(actual, expected: Fraction, what: str, tolerance=PROB_TOLERANCE):
    """actual is a finite float within `tolerance` of the exact value `expected`."""
    if not isinstance(actual, (int, float)) or not math.isfinite(actual):
        raise AssertionError(f"{what}: expected a finite float, got {type(actual).__name__} {actual!r}")
    error = abs(actual - float(expected))
    assert error <= tolerance, f"{what}: off by {error:.3g} (tolerance {tolerance:g})"


def check_hand_values(student, reference, smoothing, corpus, values, **kwargs):
    """prob of the student's models equals each hand-computed value (n, word, context, Fraction, what) on
    `corpus`, or else what the reference gives when it counts with the student's helpers (students_counting)."""
    def check(value_of):
        for n, word, context, expected, what in values:
            lm = fit(student, n, smoothing, corpus, **kwargs)
            assert_fraction(lm.prob(word, context), value_of(n, word, context, expected),
                            f"{describe(n, smoothing, kwargs)}, {what} on a {len(corpus)}-sentence corpus")
    either(check, reference, student, from_reference=lambda _: lambda n, word, context, expected: expected,
           from_students_counting=lambda module: lambda n, word, context, expected: Fraction(
               fit(module, n, smoothing, corpus, **kwargs).prob(word, context)))


def check_matches_reference(student, reference, smoothing, configs, tolerance=PROB_TOLERANCE):
    """prob of the student's models equals the reference's on every context, for every vocabulary word
    and one out-of-vocabulary word (or the reference's counting with the student's helpers)."""
    def check(module):
        for n, kwargs in configs:
            expected_lm = fit(module, n, smoothing, SMALL, **kwargs)
            words = expected_lm.vocab + ["zebra"]
            actual = prob_table(fit(student, n, smoothing, SMALL, **kwargs), words, CONTEXTS)
            assert_close(actual, prob_table(expected_lm, words, CONTEXTS), atol=tolerance,
                         what=f"{describe(n, smoothing, kwargs)}: prob over {len(CONTEXTS)} contexts x {len(words)} words")
    either(check, reference, student, from_reference=lambda module: module,
           from_students_counting=lambda module: module)


def check_sums_to_one(student, reference, smoothing, configs, tolerance=SUM_TOLERANCE):
    """prob sums to one over the student's own vocab for every context, seen or not (or, where the student's
    helpers are wrong, to what the reference counting with them sums to)."""
    def check(target_sums):
        for n, kwargs in configs:
            lm = fit(student, n, smoothing, SMALL, **kwargs)
            vocab = vocab_of(lm, describe(n, smoothing, kwargs))
            sums = prob_table(lm, vocab, CONTEXTS).sum(axis=1)
            worst = float(np.max(np.abs(sums - target_sums(n, kwargs, vocab))))
            assert worst <= tolerance, (
                f"{describe(n, smoothing, kwargs)}: prob summed over vocab is off from 1 by up to {worst:.3g} "
                f"(tolerance {tolerance:g}) over {len(CONTEXTS)} seen and unseen contexts")
    either(check, reference, student, from_reference=lambda _: lambda n, kwargs, vocab: 1.0,
           from_students_counting=lambda module: lambda n, kwargs, vocab: prob_table(
               fit(module, n, smoothing, SMALL, **kwargs), vocab, CONTEXTS).sum(axis=1))


def assert_reported_honestly(lm, expected, perplexity, wiki, what):
    """The reported `perplexity` of `lm` on wiki.test agrees with lm.logprob on sampled test tokens.

    The gap between the reference's logprob (`expected.model`) and the student's on a token has a small
    spread, so its sample mean estimates log(perplexity) - log(expected.perplexity) tightly (a control
    variate): a reported number that does not come from the model fails."""
    assert isinstance(perplexity, float) and math.isfinite(perplexity) and perplexity > 0, \
        f"{what}: perplexity must be a positive finite float, got {perplexity!r}"
    tokens = predicted_tokens(wiki.test)
    picks = np.random.default_rng(0).choice(len(tokens), size=SAMPLED_TOKENS, replace=False)
    logprobs = call_each(lm.logprob, [tokens[i] for i in picks])
    gaps = np.array([expected.model.logprob(*tokens[i]) - as_number(value, f"{what}: logprob")
                     for i, value in zip(picks, logprobs)])
    if not np.all(np.isfinite(gaps)):
        raise AssertionError(f"{what}: logprob is not finite for some test tokens")
    expected_gap = math.log(perplexity) - math.log(expected.perplexity)
    error = abs(gaps.mean() - expected_gap)
    allowed = STANDARD_ERRORS * gaps.std(ddof=1) / math.sqrt(SAMPLED_TOKENS) + 1e-6
    assert error <= allowed, (
        f"{what}: the reported perplexity does not agree with logprob on {SAMPLED_TOKENS} sampled test tokens "
        f"(log-perplexity off by {error:.3g}, allowed {allowed:.3g})")
