"""generate draws one uniform number per token and inverts the cumulative distribution (it consumes the
random numbers differently from rng.choice)."""


class NGramLM(NGramLM):
    def generate(self, rng, max_len=50, context=()):
        tokens, history = [], list(context)
        while len(tokens) < max_len and EOS not in tokens[-1:]:
            cumulative = np.cumsum([self.prob(word, history) for word in self.vocab])
            index = int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"))
            tokens.append(self.vocab[min(index, len(cumulative) - 1)])
            history.append(tokens[-1])
        return tokens
