"""Plot helpers draw what they claim, without a display."""
import matplotlib

matplotlib.use("Agg")  # before pyplot: these tests never need a screen

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nlpcourse import plot_embeddings_2d, plot_training_curve  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_embeddings_are_projected_on_their_main_directions_and_labelled():
    rng = np.random.default_rng(0)
    along = rng.normal(size=8) * 10  # a big spread along one 5-D direction, a small one elsewhere
    direction = np.array([1.0, 2.0, 0.0, -1.0, 0.5]) / np.linalg.norm([1.0, 2.0, 0.0, -1.0, 0.5])
    vectors = np.outer(along, direction) + 0.01 * rng.normal(size=(8, 5)) + 3.0
    words = [f"word{i}" for i in range(8)]
    ax = plot_embeddings_2d(words, vectors, title="toy")
    points = ax.collections[0].get_offsets()
    centered = along - along.mean()
    assert abs(np.corrcoef(points[:, 0], centered)[0, 1]) > 0.999  # PC1 is that direction, up to sign
    assert np.abs(points[:, 1]).max() < 0.1
    assert [text.get_text() for text in ax.texts] == words
    assert ax.get_xlabel().startswith("PC1 (100% of variance") and ax.get_title() == "toy"


def test_embeddings_draw_into_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_embeddings_2d(["a", "b", "c"], np.eye(3), ax=ax) is ax


@pytest.mark.parametrize(("words", "vectors"), [(["a"], np.ones((1, 3))), (["a", "b"], np.ones((3, 3))), (["a", "b"], np.ones((2, 1)))])
def test_embeddings_reject_shapes_that_cannot_be_projected(words, vectors):
    with pytest.raises(ValueError, match="shape"):
        plot_embeddings_2d(words, vectors)


def test_several_labelled_curves_with_their_own_steps_on_a_log_scale():
    ax = plot_training_curve({"train": [5.0, 3.0, 2.0, 1.5], "valid": ([0, 2], [5.5, 2.5])},
                             ylabel="perplexity", log_scale=True)
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"train", "valid"}
    np.testing.assert_array_equal(lines["valid"].get_xdata(), [0, 2])
    np.testing.assert_array_equal(lines["train"].get_ydata(), [5.0, 3.0, 2.0, 1.5])
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "perplexity"
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["train", "valid"]


def test_a_single_curve_needs_no_legend_and_saves_headless(tmp_path):
    ax = plot_training_curve(np.linspace(3, 1, 10))
    assert ax.get_legend() is None and ax.get_yscale() == "linear"
    ax.figure.savefig(tmp_path / "curve.png")
    assert (tmp_path / "curve.png").stat().st_size > 1000


@pytest.mark.parametrize(("curves", "kwargs", "message"), [
    ({}, {}, "no curves"),
    ([], {}, "non-empty"),
    ({"x": ([1, 2, 3], [1, 2])}, {}, "equal length"),
    ([1.0, 0.0], {"log_scale": True}, "log_scale=False"),
])
def test_bad_curves_are_rejected_with_the_fix(curves, kwargs, message):
    with pytest.raises(ValueError, match=message):
        plot_training_curve(curves, **kwargs)
