"""Plots the book and the assignments draw often. They return the Axes and need no display:
in a notebook the figure shows inline, in a script or test matplotlib renders off-screen (Agg)."""
from collections.abc import Mapping, Sequence

import numpy as np


def plot_embeddings_2d(words: Sequence[str], vectors, ax=None, *, title: str | None = None):
    """Scatter ``vectors`` (one row per word) projected on their first two principal
    components, each point labelled with its word. Used by ch1, ch2 and a2.

    The axis labels give the share of variance each component keeps, a reminder of how much the
    picture leaves out.
    """
    matrix = np.asarray(vectors.detach().cpu() if hasattr(vectors, "detach") else vectors, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != len(words) or matrix.shape[0] < 2 or matrix.shape[1] < 2:
        raise ValueError(f"need at least 2 words and vectors of shape (len(words), d >= 2); got {len(words)} "
                         f"words and shape {matrix.shape}")
    coordinates, variance_share = _pca_2d(matrix)
    ax = ax if ax is not None else _new_axes(figsize=(7, 6))
    ax.scatter(coordinates[:, 0], coordinates[:, 1], s=12)
    for word, (x, y) in zip(words, coordinates):
        ax.annotate(word, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=9)
    ax.set_xlabel(f"PC1 ({variance_share[0]:.0%} of variance)")
    ax.set_ylabel(f"PC2 ({variance_share[1]:.0%} of variance)")
    if title:
        ax.set_title(title)
    return ax


def plot_training_curve(curves, ax=None, *, ylabel: str = "loss", xlabel: str = "step",
                        log_scale: bool = False, title: str | None = None):
    """Training curves: loss (or perplexity, ``ylabel="perplexity"``) against step.

    ``curves`` is one sequence of values, or a dict ``{label: values}`` or
    ``{label: (steps, values)}`` for several labelled curves (train vs valid, two learning
    rates). ``log_scale`` puts the y axis on a log scale. Used by ch2, ch3, a2 and a4.
    """
    labelled = curves if isinstance(curves, Mapping) else {None: curves}
    if not labelled:
        raise ValueError("no curves to plot: pass a list of values or a dict {label: values}")
    ax = ax if ax is not None else _new_axes(figsize=(7, 4))
    for label, curve in labelled.items():
        steps, values = _steps_and_values(label, curve)
        if log_scale and np.any(values <= 0):
            raise ValueError(f"curve {label!r} has values <= 0, which a log scale cannot show; pass log_scale=False")
        ax.plot(steps, values, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if log_scale:
        ax.set_yscale("log")
    if None not in labelled:
        ax.legend()
    if title:
        ax.set_title(title)
    return ax


def _new_axes(figsize):
    import matplotlib.pyplot as plt  # imported on first plot: pyplot is slow to import and picks a backend

    return plt.subplots(figsize=figsize)[1]


def _pca_2d(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    centered = matrix - matrix.mean(axis=0)
    left, singular, _ = np.linalg.svd(centered, full_matrices=False)
    variance = singular ** 2
    share = variance[:2] / variance.sum() if variance.sum() > 0 else np.zeros(2)
    return left[:, :2] * singular[:2], share


def _steps_and_values(label, curve) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(curve, tuple) and len(curve) == 2:
        steps, values = (np.asarray(part, dtype=np.float64) for part in curve)
    else:
        values = np.asarray(curve, dtype=np.float64)
        steps = np.arange(len(values))
    if values.ndim != 1 or len(values) == 0 or steps.shape != values.shape:
        raise ValueError(f"curve {label!r} must be a non-empty 1-D sequence of values or (steps, values) of equal length")
    return steps, values
