"""Ignores termination signals, arms an alarm, stops itself."""
import os
import signal

for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, signal.SIG_IGN)


def softmax(x):
    os.kill(os.getpid(), signal.SIGSTOP)
    return x


class Counter:
    def __init__(self):
        signal.alarm(1)
        while True:
            pass


def sample_mean(rng, n):
    signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
    while True:
        pass
