"""generate does not stop at `</s>`: it keeps sampling (past the end of the sentence) until max_len tokens."""
# diagnosis: generate does not stop after sampling `</s>`: it goes on until max_len tokens.


class NGramLM(NGramLM):
    def generate(self, rng, max_len=50, context=()):
        self._check_fitted()
        history, out = self._history(context), []
        while len(out) < max_len:
            probs = np.array([self._prob(word, history) for word in self._vocab])
            out.append(self._vocab[rng.choice(len(probs), p=probs / probs.sum())])
            history = self._history(history + (out[-1],))
        return out
