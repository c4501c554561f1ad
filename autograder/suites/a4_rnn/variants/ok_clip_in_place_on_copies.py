"""Correct, written differently: copies every array first, then scales the copies in place."""


def clip_grad_norm(grads, max_norm):
    clipped = {name: np.array(g, dtype=np.float64, copy=True) for name, g in grads.items()}
    total_norm = float(np.sqrt(sum(np.vdot(g, g) for g in clipped.values())))
    if total_norm >= max_norm:
        for g in clipped.values():
            g *= max_norm / total_norm
    return clipped, total_norm
