"""nlpcourse.trained: a page's training runs once per settings, and other settings train again."""
import numpy as np
import pytest

from nlpcourse import trained


def test_once_trains_on_first_call_and_reads_afterwards(private_data_dir):
    calls = []

    def train():
        calls.append(1)
        return {"weights": np.arange(3.0), "perplexity": 101.5}

    first = trained.once("toy-lm", {"epochs": 2}, train)
    second = trained.once("toy-lm", {"epochs": 2}, train)
    assert len(calls) == 1
    assert second["perplexity"] == first["perplexity"]
    np.testing.assert_array_equal(second["weights"], first["weights"])
    assert trained.stored_path("toy-lm", {"epochs": 2}).is_file()


def test_other_settings_train_again(private_data_dir):
    results = [trained.once("toy-lm", {"epochs": epochs}, lambda e=epochs: e) for epochs in (1, 2, 1)]
    assert results == [1, 2, 1]
    assert trained.stored_path("toy-lm", {"epochs": 1}) != trained.stored_path("toy-lm", {"epochs": 2})


def test_a_failed_training_stores_nothing(private_data_dir):
    def broken():
        raise RuntimeError("diverged")

    with pytest.raises(RuntimeError):
        trained.once("toy-lm", {"epochs": 3}, broken)
    assert not trained.stored_path("toy-lm", {"epochs": 3}).exists()


def test_names_are_file_safe():
    with pytest.raises(ValueError, match="letters"):
        trained.stored_path("../escape", {})
