def answer():
    return 42


def mood():
    return "unusual"
