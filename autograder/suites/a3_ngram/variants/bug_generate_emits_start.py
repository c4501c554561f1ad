"""generate returns the padded history it started from, `<s>` included, in front of the samples."""


class NGramLM(NGramLM):
    def generate(self, rng, max_len=50, context=()):
        history = self._history(context)
        return list(history[:1]) + super().generate(rng, max_len=max_len - 1, context=context)
