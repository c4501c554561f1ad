"""Forgets the square root: compares and rescales with the squared norm."""


def clip_grad_norm(grads, max_norm):
    """Rescale all gradients together so that their global L2 norm is at most max_norm.

    Returns (clipped copy, norm before clipping); the input dict and its arrays are left untouched.
    """
    if not max_norm > 0:
        raise ValueError(f"max_norm must be a positive number, got {max_norm!r}")
    total_norm = sum(float(np.sum(np.square(g))) for g in grads.values())
    scale = max_norm / total_norm if total_norm >= max_norm else 1.0
    return {name: np.asarray(g, dtype=np.float64) * scale for name, g in grads.items()}, total_norm
