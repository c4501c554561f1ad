"""Returns hs[T - 1] as h_last: with hs[0] = h0 that is h_{T-1}, one step short (an off-by-one)."""
# diagnosis: the returned last state is one step short, h_{T-1} (an off-by-one in the index of the states), not h_T.


def rnn_loss_and_gradients(params, inputs, targets, h0):
    """Mean cross-entropy of a vanilla RNN LM over T steps, its gradients by full BPTT, and h_T."""
    inputs, targets = np.asarray(inputs), np.asarray(targets)
    _check_rnn_inputs(params, inputs, targets, h0)
    E, W_e, W_h, b1, U, b2 = (np.asarray(params[k], dtype=np.float64) for k in PARAM_SHAPES)
    T = len(inputs)
    steps = np.arange(T)

    # Forward: hs[t + 1] is h_t, so hs[0] is h0 and every step can read its predecessor.
    hs = np.zeros((T + 1, W_h.shape[0]))
    hs[0] = h0
    embedded = E[inputs]
    for t in range(T):
        hs[t + 1] = np.tanh(W_h @ hs[t] + W_e @ embedded[t] + b1)
    scores = hs[1:] @ U.T + b2
    scores -= scores.max(axis=1, keepdims=True)  # softmax is shift-invariant; this avoids overflow
    log_probs = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    loss = -log_probs[steps, targets].mean()

    # Backward: d loss / d scores = (yhat - onehot) / T because the loss is a mean over T steps.
    d_scores = np.exp(log_probs)
    d_scores[steps, targets] -= 1.0
    d_scores /= T
    grads = {"U": d_scores.T @ hs[1:], "b2": d_scores.sum(axis=0)}
    d_h_from_output = d_scores @ U
    d_W_h, d_W_e, d_b1, d_E = (np.zeros_like(a) for a in (W_h, W_e, b1, E))
    d_h_next = np.zeros(W_h.shape[0])  # gradient flowing into h_t from step t + 1
    for t in reversed(range(T)):
        d_pre = (d_h_from_output[t] + d_h_next) * (1.0 - hs[t + 1] ** 2)  # tanh' = 1 - tanh^2
        # A weight shared across time gets the sum of its gradients at every step.
        d_W_h += np.outer(d_pre, hs[t])
        d_W_e += np.outer(d_pre, embedded[t])
        d_b1 += d_pre
        d_E[inputs[t]] += W_e.T @ d_pre  # +=: a repeated token collects every occurrence
        d_h_next = W_h.T @ d_pre
    grads.update(E=d_E, W_e=d_W_e, W_h=d_W_h, b1=d_b1, h0=d_h_next)
    return float(loss), grads, hs[T - 1].copy()
