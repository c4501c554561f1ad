"""Scales the caller's arrays in place and returns the same dict, so the caller's gradients change."""


def clip_grad_norm(grads, max_norm):
    total_norm = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads.values()))
    if total_norm >= max_norm:
        for g in grads.values():
            g *= max_norm / total_norm
    return grads, total_norm
