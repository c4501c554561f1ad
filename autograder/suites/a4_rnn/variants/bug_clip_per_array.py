"""Clips each array by its own norm instead of one global norm."""


def clip_grad_norm(grads, max_norm):
    """Rescale all gradients together so that their global L2 norm is at most max_norm.

    Returns (clipped copy, norm before clipping); the input dict and its arrays are left untouched.
    """
    if not max_norm > 0:
        raise ValueError(f"max_norm must be a positive number, got {max_norm!r}")
    total_norm = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads.values()))
    clipped = {}
    for name, g in grads.items():
        norm = np.linalg.norm(g)
        clipped[name] = g * (max_norm / norm) if norm >= max_norm else np.array(g, dtype=np.float64)
    return clipped, total_norm
