"""pad puts exactly one `<s>` in front whatever n is: a unigram model then counts `<s>` as a predicted word, and
for n >= 3 the first words of a sentence are never predicted after a full history."""
# diagnosis: pad adds one `<s>` whatever n is; an n-gram model needs n - 1 of them (none for a unigram model, two for a trigram model).


def pad(sentence, n):
    return [BOS] + list(sentence) + [EOS]
