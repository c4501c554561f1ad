"""Generate the small, synthetic location-NER data set of chapter 2 (window classification).

The data are generated, not annotated text: sentences are filled in from hand-written templates and
word lists, so every label is correct by construction and the set is far easier than real NER
(CoNLL-2003 has ~200k labelled tokens of news text; this has a few thousand templated ones).
What it does test honestly:
- held-out names: the test split uses location and person names that never occur in training, so a
  classifier can label them only from their context and from pretrained word vectors;
- ambiguity: "washington", "jordan" and "georgia" appear both as places and as people's names, so the
  word alone does not decide the label, its window does.

Output: train.tsv and test.tsv beside this script, one "token<TAB>label" line per token (label LOC
or O), a blank line between sentences, lowercase tokens (the chapter's word vectors are lowercase).
Deterministic: the same seed writes the same files. Run: python make_ner_data.py
"""

import random
from pathlib import Path

SEED = 7
N_TRAIN, N_TEST = 500, 200
AMBIGUOUS_SHARE = 0.15  # how often a slot is filled with a name that can be a place or a person

# Every name below occurs at least 5 times in the embedded "wiki" corpus, so it has a word vector.
LOCATIONS = {
    "train": "paris london berlin rome moscow athens chicago boston texas california france germany "
             "italy spain russia greece egypt japan china india australia canada mexico brazil "
             "england scotland ireland europe africa asia portugal turkey iran israel virginia "
             "florida alabama alaska".split(),
    "test": "vienna madrid quebec ohio sweden iraq cairo jerusalem denmark hawaii kansas tokyo".split(),
}
FIRST_NAMES = {
    "train": "john mary david michael james robert william thomas charles peter paul anna maria".split(),
    "test": "elizabeth sarah alice emma".split(),
}
LAST_NAMES = {
    "train": "smith jones brown johnson davis lewis walker hall young king scott green wilson clark".split(),
    "test": "miller baker adams nelson".split(),
}
AMBIGUOUS_PLACES = ["washington", "jordan", "georgia"]
AMBIGUOUS_PEOPLE = {"first": ["georgia"], "last": ["washington", "jordan"]}

TEMPLATES = [
    "museums in {LOC} are amazing",
    "{PER} was born in {LOC} in {YEAR}",
    "{PER} moved from {LOC} to {LOC}",
    "the border between {LOC} and {LOC} is long",
    "{PER} said the weather in {LOC} was cold",
    "{PER} met {PER} at the university",
    "the government of {LOC} signed a treaty with {LOC}",
    "{PER} and {PER} travelled to {LOC} last year",
    "many people live near {LOC}",
    "{PER} wrote a book about the history of {LOC}",
    "the army of {LOC} invaded {LOC} in {YEAR}",
    "{PER} was elected president in {YEAR}",
    "the church in {LOC} was built by {PER}",
    "{PER} visited the museum with {PER}",
    "flights to {LOC} were cancelled",
    "{PER} became king of {LOC}",
]


def fill_location(rng, split):
    if rng.random() < AMBIGUOUS_SHARE:
        return [rng.choice(AMBIGUOUS_PLACES)]
    return [rng.choice(LOCATIONS[split])]


def fill_person(rng, split):
    first = rng.choice(AMBIGUOUS_PEOPLE["first"] if rng.random() < AMBIGUOUS_SHARE else FIRST_NAMES[split])
    last = rng.choice(AMBIGUOUS_PEOPLE["last"] if rng.random() < AMBIGUOUS_SHARE else LAST_NAMES[split])
    return rng.choice([[first], [last], [first, last]])


def make_sentence(rng, split):
    """One (tokens, labels) pair: a random template with its slots filled from the split's names."""
    tokens, labels = [], []
    for word in rng.choice(TEMPLATES).split():
        if word == "{LOC}":
            filled, label = fill_location(rng, split), "LOC"
        elif word == "{PER}":
            filled, label = fill_person(rng, split), "O"
        elif word == "{YEAR}":
            filled, label = [str(rng.randint(1700, 2000))], "O"
        else:
            filled, label = [word], "O"
        tokens += filled
        labels += [label] * len(filled)
    return tokens, labels


def write_split(path, sentences):
    with open(path, "w", encoding="utf-8") as out:
        for tokens, labels in sentences:
            out.writelines(f"{token}\t{label}\n" for token, label in zip(tokens, labels))
            out.write("\n")


def main():
    rng = random.Random(SEED)
    here = Path(__file__).resolve().parent
    for split, size in (("train", N_TRAIN), ("test", N_TEST)):
        write_split(here / f"{split}.tsv", [make_sentence(rng, split) for _ in range(size)])


if __name__ == "__main__":
    main()
