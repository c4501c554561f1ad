"""The honest all-zeros submission of the toy assignment: defines every name, returns zeros."""
import numpy as np


def softmax(x):
    return np.zeros_like(x)


class Counter:
    def __init__(self):
        self.counts = {}

    def add(self, token):
        pass

    def total(self):
        return 0.0


def sample_mean(rng, n):
    return 0.0
