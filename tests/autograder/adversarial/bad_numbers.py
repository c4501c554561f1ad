"""NaN, infinity, wrong shapes, wrong types and arrays too large to send."""
import numpy as np


def softmax(x):
    if x.shape[0] == 1 and x.shape[1] == 2 and x[0, 0] == 1000:
        return np.zeros((4200, 4200))  # 141 MB of float64: over the 128 MiB frame limit
    if x.shape[0] == 1:
        return np.full(x.shape, np.nan)
    return np.full((x.shape[1], x.shape[0]), 0.2)


class Counter:
    def __init__(self):
        self.counts = {"a": float("inf"), "b": float("nan")}

    def add(self, token):
        pass

    def total(self):
        return float("inf")


def sample_mean(rng, n):
    return np.array(["0.5"])
