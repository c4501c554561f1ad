"""Writes 200 MB to stdout and stderr."""
import sys

CHUNK = "x" * (1 << 20)
for _ in range(100):
    sys.stdout.write(CHUNK)
    sys.stderr.write(CHUNK)


def softmax(x):
    for _ in range(200):
        print(CHUNK)
    return x
