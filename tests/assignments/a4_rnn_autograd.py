"""The a4 RNN LM loss written with torch operations, so that autograd computes its gradients: the
independent peer of the reference's hand-written BPTT (tests/assignments/test_a4_rnn_reference.py and
bench/a4_rnn_bptt.py)."""
import numpy as np
import torch


def autograd_loss_and_gradients(params, inputs, targets, h0):
    """(loss, grads with the keys of params plus "h0", h_T), float64, gradients by torch autograd."""
    leaves = {name: torch.tensor(np.asarray(value, dtype=np.float64), requires_grad=True)
              for name, value in {**params, "h0": h0}.items()}
    h, states = leaves["h0"], []
    for x_t in np.asarray(inputs):
        h = torch.tanh(leaves["W_h"] @ h + leaves["W_e"] @ leaves["E"][int(x_t)] + leaves["b1"])
        states.append(h)
    scores = torch.stack(states) @ leaves["U"].T + leaves["b2"]
    loss = torch.nn.functional.cross_entropy(scores, torch.as_tensor(np.asarray(targets)))
    loss.backward()
    return loss.item(), {name: leaf.grad.numpy() for name, leaf in leaves.items()}, h.detach().numpy()
