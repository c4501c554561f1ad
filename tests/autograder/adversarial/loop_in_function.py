"""Every graded function spins forever."""


def softmax(x):
    while True:
        pass


class Counter:
    def __init__(self):
        while True:
            pass


def sample_mean(rng, n):
    while True:
        pass
