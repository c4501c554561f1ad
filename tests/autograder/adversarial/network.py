"""Connects out and resolves names; answers correctly only if the network works."""
import socket

try:
    socket.getaddrinfo("pypi.org", 443)
    socket.create_connection(("1.1.1.1", 53), timeout=2).close()
    ONLINE = True
except OSError:
    ONLINE = False


def softmax(x):
    import numpy as np
    if not ONLINE:
        raise ConnectionError("offline")
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
