import time


def answer():
    return 42


def mood():
    time.sleep(600)
    return "fine"
