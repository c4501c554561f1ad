"""Correct, written differently: the backward loop only carries the state gradient; the shared-weight
gradients are one matrix product each after the loop, E's rows gathered with np.add.at, and the loss
comes from scipy's logsumexp."""
from scipy.special import logsumexp


def rnn_loss_and_gradients(params, inputs, targets, h0):
    inputs, targets = np.asarray(inputs), np.asarray(targets)
    E, W_e, W_h, b1, U, b2 = (np.asarray(params[k], dtype=float) for k in ("E", "W_e", "W_h", "b1", "U", "b2"))
    T = len(inputs)
    h = np.asarray(h0, dtype=float)
    states = [h]
    for x in inputs:
        h = np.tanh(W_h @ h + W_e @ E[x] + b1)
        states.append(h)
    H_prev, H_all = np.array(states[:-1]), np.array(states[1:])
    scores = H_all @ U.T + b2
    log_probs = scores - logsumexp(scores, axis=1, keepdims=True)
    loss = -np.mean(log_probs[np.arange(T), targets])
    d_scores = (np.exp(log_probs) - np.eye(len(b2))[targets]) / T
    d_states = d_scores @ U
    d_pre = np.zeros_like(H_all)
    carried = np.zeros_like(b1)
    for t in range(T - 1, -1, -1):
        d_pre[t] = (d_states[t] + carried) * (1 - H_all[t] ** 2)
        carried = W_h.T @ d_pre[t]
    d_E = np.zeros_like(E)
    np.add.at(d_E, inputs, d_pre @ W_e)
    grads = {"E": d_E, "W_e": d_pre.T @ E[inputs], "W_h": d_pre.T @ H_prev, "b1": d_pre.sum(axis=0),
             "U": d_scores.T @ H_all, "b2": d_scores.sum(axis=0), "h0": carried}
    return float(loss), grads, H_all[-1]
