"""The vocabulary is built from the padded sentences, so it contains `<s>` (and |V| is one too large)."""


class NGramLM(NGramLM):
    def fit(self, sentences):
        super().fit(sentences)
        self._vocab = sorted(set(self._vocab) | {BOS})
        self._vocab_set = set(self._vocab)
        return self
