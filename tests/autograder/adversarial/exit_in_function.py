"""Every way out of the process, one per function."""
import os
import sys


def softmax(x):
    os._exit(0)


class Counter:
    def __init__(self):
        sys.exit(0)

    def add(self, token):
        raise KeyboardInterrupt

    def total(self):
        raise SystemExit("all tests passed")


def sample_mean(rng, n):
    raise KeyboardInterrupt
