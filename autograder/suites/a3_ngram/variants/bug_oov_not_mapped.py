"""prob looks out-of-vocabulary words up as they are instead of as `<unk>`."""


class NGramLM(NGramLM):
    def prob(self, word, context):
        self._check_fitted()
        history = tuple(([BOS] * (self.n - 1) + list(context))[len(context):]) if self.n > 1 else ()
        return self._prob(word, history)
