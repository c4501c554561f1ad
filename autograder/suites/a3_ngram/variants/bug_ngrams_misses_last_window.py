"""ngrams stops one window early (range(len(padded) - n) instead of len(padded) - n + 1): the window that predicts
`</s>` is never counted, so the model never learns how sentences end."""
# diagnosis: ngrams misses the last window, the one that ends at `</s>`; a padded sentence of length L has L - n + 1 windows of length n.


def ngrams(padded, n):
    return [tuple(padded[i:i + n]) for i in range(len(padded) - n)]
