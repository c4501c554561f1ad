"""prob does not left-pad a short context with `<s>`: it looks the bare tokens up as the history."""


class NGramLM(NGramLM):
    def _history(self, context):
        known = tuple(BOS if token == BOS else self._known([token])[0] for token in context)
        return known[len(known) - (self.n - 1):] if self.n > 1 else ()
