"""|V| in add-k and in the uniform floor of Kneser-Ney leaves out `<unk>`."""


class NGramLM(NGramLM):
    def _prob(self, word, history):
        full_vocab = self._vocab
        self._vocab = [w for w in full_vocab if w != UNK]
        try:
            return super()._prob(word, history)
        finally:
            self._vocab = full_vocab
