"""Computes the global norm of all arrays concatenated into one vector."""


def clip_grad_norm(grads, max_norm):
    """Rescale all gradients together so that their global L2 norm is at most max_norm.

    Returns (clipped copy, norm before clipping); the input dict and its arrays are left untouched.
    """
    if not max_norm > 0:
        raise ValueError(f"max_norm must be a positive number, got {max_norm!r}")
    total_norm = float(np.linalg.norm(np.concatenate([np.ravel(g) for g in grads.values()])))
    if total_norm < max_norm:
        return {name: np.array(g, dtype=np.float64) for name, g in grads.items()}, total_norm
    return {name: g * (max_norm / total_norm) for name, g in grads.items()}, total_norm
