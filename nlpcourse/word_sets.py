"""Word-similarity and analogy test sets, from gensim's packaged test data (ch1, a2)."""
from .errors import UnknownNameError
from .paths import gensim_test_file

WORD_PAIR_FILES = {"wordsim353": "wordsim353.tsv", "simlex999": "simlex999.txt"}
ANALOGY_FILE = "questions-words.txt"


def load_word_pairs(name: str) -> list[tuple[str, str, float]]:
    """Human-rated word pairs ``(word1, word2, score)``, words lowercased.

    ``"wordsim353"`` (353 pairs, relatedness 0-10) or ``"simlex999"`` (999 pairs, similarity
    0-10). Used by ch1 and a2 with ``evaluate_similarity``.
    """
    if name not in WORD_PAIR_FILES:
        raise UnknownNameError(f"unknown word-pair set {name!r}; choose one of {sorted(WORD_PAIR_FILES)}")
    pairs = []
    with open(gensim_test_file(WORD_PAIR_FILES[name]), encoding="utf-8") as file:
        for line in file:
            if line.startswith("#") or not line.strip():
                continue
            word1, word2, score = line.rstrip("\n").split("\t")
            pairs.append((word1.lower(), word2.lower(), float(score)))
    return pairs


def load_analogies(section: str | None = None) -> list[tuple[str, str, str, str]]:
    """Analogy questions ``(a, b, c, d)`` meaning a:b :: c:d, lowercased (Mikolov et al. 2013).

    All 19,544 questions by default, or those of one ``section`` (``"capital-common-countries"``,
    ..., ``"gram9-plural-verbs"``; sections named ``gram*`` are syntactic, the others semantic).
    Used by ch1 and a2 with ``evaluate_analogies``.
    """
    sections = _read_analogy_sections()
    if section is None:
        return [question for questions in sections.values() for question in questions]
    if section not in sections:
        raise UnknownNameError(f"unknown analogy section {section!r}; choose one of {list(sections)}")
    return sections[section]


def _read_analogy_sections() -> dict[str, list[tuple[str, str, str, str]]]:
    sections: dict[str, list[tuple[str, str, str, str]]] = {}
    current = None
    with open(gensim_test_file(ANALOGY_FILE), encoding="utf-8") as file:
        for line in file:
            if line.startswith(":"):
                current = sections.setdefault(line[1:].strip(), [])
            elif line.strip():
                a, b, c, d = line.lower().split()
                current.append((a, b, c, d))
    return sections
