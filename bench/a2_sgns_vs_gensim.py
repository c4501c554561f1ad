"""a2_sgns: the reference train_sgns against gensim's Word2Vec on the wiki train split, in the same run.

    .venv/bin/python bench/a2_sgns_vs_gensim.py [--epochs 10] [--repeats 3] [--workers 2] [--profile]

Both train skip-gram with negative sampling with the same dim (50), window (5), negatives (5), epochs and
min_count (5). gensim runs with --workers threads (2: the grading machine's cores) at its default learning
rate 0.025 and, as a second row, at the reference's starting rate 0.05; the reference is single-threaded
numpy. Runs alternate (reference, gensim, gensim at 0.05, ...) so that load on the machine hits all alike;
the table gives medians of wall and CPU time, the wall-time ratio (goal: reference <= 2x gensim) and the
WordSim-353 / SimLex-999 Spearman rho (goal: within 0.02 of gensim or better). --profile prints where the
reference spends its time.
"""
import argparse
import cProfile
import pstats
import statistics
import time
import types

import numpy as np
from gensim.models import Word2Vec

from autograder.submission import extract_code
from nlpcourse import evaluate_similarity, load_corpus, load_word_pairs

SOLUTION = "solutions/a2_sgns/a2_sgns.ipynb"
SETTINGS = dict(dim=50, window=5, negatives=5, min_count=5, seed=0)


def reference_module():
    module = types.ModuleType("a2_reference")
    exec(compile(extract_code(SOLUTION), SOLUTION, "exec"), module.__dict__)
    return module


def timed(train):
    wall, cpu = time.perf_counter(), time.process_time()
    vocab, vectors = train()
    return vocab, vectors, time.perf_counter() - wall, time.process_time() - cpu


def trainers(reference, sentences, epochs, workers):
    def ours():
        return reference.train_sgns(sentences, epochs=epochs, **SETTINGS)

    def gensim(alpha):
        def train():
            model = Word2Vec(sentences, sg=1, vector_size=SETTINGS["dim"], window=SETTINGS["window"],
                             negative=SETTINGS["negatives"], epochs=epochs, min_count=SETTINGS["min_count"],
                             seed=SETTINGS["seed"], workers=workers, alpha=alpha)
            return model.wv.index_to_key, model.wv.vectors
        return train
    return {"reference (numpy)": ours, "gensim alpha=0.025": gensim(0.025), "gensim alpha=0.05": gensim(0.05)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sentences = load_corpus("wiki", "train")
    print(f"wiki train: {len(sentences)} sentences, {sum(map(len, sentences))} tokens; epochs={args.epochs}, "
          f"gensim workers={args.workers}")
    reference = reference_module()
    pair_sets = {name: load_word_pairs(name) for name in ("wordsim353", "simlex999")}
    runs = trainers(reference, sentences, args.epochs, args.workers)
    rows = {name: {"wall": [], "cpu": []} for name in runs}
    for _ in range(args.repeats):
        for name, train in runs.items():
            vocab, vectors, wall, cpu = timed(train)
            rows[name]["wall"].append(wall)
            rows[name]["cpu"].append(cpu)
            rows[name]["rho"] = {pairs: evaluate_similarity(vocab, np.asarray(vectors), pair_sets[pairs]).spearman
                                 for pairs in pair_sets}
    baseline = statistics.median(rows["gensim alpha=0.025"]["wall"])
    print(f"{'':20} {'wall s':>8} {'cpu s':>8} {'wall / gensim':>14} {'wordsim353':>11} {'simlex999':>10}")
    for name, row in rows.items():
        wall, cpu = statistics.median(row["wall"]), statistics.median(row["cpu"])
        print(f"{name:20} {wall:8.1f} {cpu:8.1f} {wall / baseline:14.2f} "
              f"{row['rho']['wordsim353']:11.3f} {row['rho']['simlex999']:10.3f}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(runs["reference (numpy)"])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
