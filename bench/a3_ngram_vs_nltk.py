"""a3_ngram: the reference NGramLM against nltk.lm on the wiki corpus, in the same run.

    .venv/bin/python bench/a3_ngram_vs_nltk.py [--sentences 20] [--repeats 3] [--skip-table]

Prints (1) the reference's validation / test perplexity for n = 1..5, add-k (k = 1 and k = 0.01) and
Kneser-Ney (D = 0.9), min_count = 2; (2) fit + perplexity time of the reference and of nltk.lm for
trigrams, and their ratio; (3) how far their perplexities agree. bench/a3_ngram_nltk_alignment.py says how
nltk is fit on exactly the contract's n-grams and where the definitions differ.

nltk's Kneser-Ney rescans every stored n-gram for each probability it computes, so both models fit the whole
train split but are scored on the first --sentences test sentences only.
"""
import argparse
import statistics
import time

from tqdm.auto import tqdm

from a3_ngram_nltk_alignment import kneser_ney, kneser_ney_uniform_floor, laplace, nltk_fit, nltk_perplexity
from autograder.submission import extract_code
from nlpcourse import load_corpus

SOLUTION = "solutions/a3_ngram/a3_ngram.ipynb"
ORDER, DISCOUNT, MIN_COUNT, ADD_K = 3, 0.9, 2, 0.01


def reference_ngram_lm():
    namespace = {}
    exec(compile(extract_code(SOLUTION), SOLUTION, "exec"), namespace)
    return namespace["NGramLM"]


def timed(function):
    start = time.perf_counter()
    value = function()
    return value, time.perf_counter() - start


def perplexity_table(NGramLM, train, valid, test):
    settings = [("add_k k=1", {"smoothing": "add_k", "k": 1.0}),
                (f"add_k k={ADD_K}", {"smoothing": "add_k", "k": ADD_K}),
                (f"kneser_ney D={DISCOUNT}", {"smoothing": "kneser_ney", "discount": DISCOUNT})]
    rows = {}
    for n in tqdm(range(1, 6), desc="perplexity table (n)"):
        for name, kwargs in settings:
            lm = NGramLM(n, min_count=MIN_COUNT, **kwargs).fit(train)
            rows[name, n] = (lm.perplexity(valid), lm.perplexity(test))
    print(f"\nReference perplexity on wiki, valid / test (min_count={MIN_COUNT}, |V| = {len(lm.vocab):,})")
    print("n  " + "".join(f"{name:>24s}" for name, _ in settings))
    for n in range(1, 6):
        print(f"{n}  " + "".join(f"{rows[name, n][0]:>11.1f} /{rows[name, n][1]:>10.1f}" for name, _ in settings))


def compare(name, ours, theirs, repeats):
    """Times ours() and theirs() (each fits and scores) and prints the ratio and the perplexity agreement."""
    our_runs = [timed(ours) for _ in tqdm(range(repeats), desc=f"{name}: reference")]
    our_perplexity, our_seconds = our_runs[0][0], statistics.median(seconds for _, seconds in our_runs)
    their_perplexity, their_seconds = timed(theirs)
    print(f"{name:40s} reference {our_seconds:6.2f} s  nltk {their_seconds:7.2f} s  "
          f"ratio {their_seconds / our_seconds:5.1f}x  perplexity {our_perplexity:.6f} vs {their_perplexity:.6f} "
          f"(rel. diff {abs(our_perplexity / their_perplexity - 1):.1e})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=20, help="test sentences scored (nltk is slow)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of the reference; the median is reported")
    parser.add_argument("--skip-table", action="store_true", help="only the nltk comparison")
    args = parser.parse_args()
    train, valid, test = (load_corpus("wiki", split) for split in ("train", "valid", "test"))
    NGramLM = reference_ngram_lm()
    if not args.skip_table:
        perplexity_table(NGramLM, train, valid, test)

    sample = test[:args.sentences]
    print(f"\nTrigrams fit on {sum(map(len, train)):,} train tokens, perplexity on "
          f"{sum(len(sentence) + 1 for sentence in sample)} test tokens ({args.sentences} sentences); "
          f"reference: median of {args.repeats} runs, nltk: 1 run")
    cases = [
        ("Laplace, min_count=2", {"smoothing": "add_k", "k": 1.0}, laplace, MIN_COUNT),
        ("KneserNeyInterpolated, min_count=2", {"discount": DISCOUNT}, kneser_ney, MIN_COUNT),
        ("KneserNeyInterpolated, min_count=1", {"discount": DISCOUNT}, kneser_ney, 1),
        ("nltk KN + uniform floor, min_count=1", {"discount": DISCOUNT}, kneser_ney_uniform_floor, 1),
    ]
    for name, kwargs, make_model, min_count in cases:
        compare(name,
                lambda: NGramLM(ORDER, min_count=min_count, **kwargs).fit(train).perplexity(sample),
                lambda: nltk_perplexity(nltk_fit(make_model, train, ORDER, min_count, DISCOUNT), sample, ORDER),
                args.repeats)


if __name__ == "__main__":
    main()
