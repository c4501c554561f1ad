"""Recurses until the C stack overflows, and returns data nested too deeply to send."""
import sys

sys.setrecursionlimit(10 ** 7)


def softmax(x, depth=0):
    return softmax(x, depth + 1)


class Counter:
    def __init__(self):
        nested = []
        for _ in range(100_000):
            nested = [nested]
        self.counts = nested


def sample_mean(rng, n):
    return sample_mean(rng, n)
