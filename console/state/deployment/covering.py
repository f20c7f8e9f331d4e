"""Maximal covering: K posts that cover the most pressure within a response radius.

The problem (Church and ReVelle's maximal covering location problem) is NP-hard; this is
the classic greedy heuristic, which is guaranteed at least 1 − 1/e (63 %) of the optimum
and is usually within a few per cent of it: place each post, in turn, where it covers the
most pressure not yet covered; stop after K posts, or earlier once no post would cover
anything more. Ties go to the lowest candidate index, so the result is deterministic.

Everything here works on an incidence matrix (candidate post x cell, 1 where the post
covers the cell) and a pressure per cell, so a hand-made grid tests it as well as the
city's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix


@dataclass(frozen=True)
class Cover:
    """The chosen posts (candidate indices, in the order chosen) and what they cover."""

    posts: tuple[int, ...]
    #: pressure each post newly covered when it was placed (non-increasing)
    gains: tuple[float, ...]
    #: per cell: covered by at least one post
    covered: np.ndarray
    covered_pressure: float


def greedy_max_cover(coverage: csr_matrix, pressure: np.ndarray, k: int) -> Cover:
    """Up to ``k`` posts from ``coverage``'s rows covering the most ``pressure``.

    Each step costs O(candidates) for the choice and O(what it newly covers) to update
    the other candidates' gains (through the transposed matrix), not a recount.
    """
    weights = np.asarray(pressure, dtype=float)
    if coverage.shape[1] != len(weights):
        raise ValueError("coverage and pressure disagree on the number of cells")
    if np.any(weights < 0):
        raise ValueError("pressure must not be negative")
    covered = np.zeros(len(weights), dtype=bool)
    if k <= 0 or coverage.shape[0] == 0:
        return Cover((), (), covered, 0.0)
    gains = np.asarray(coverage @ weights, dtype=float)
    by_cell = coverage.T.tocsr()
    posts: list[int] = []
    newly_covered: list[float] = []
    for _ in range(k):
        best = int(np.argmax(gains))
        gain = float(gains[best])
        if gain <= 1e-12:
            break
        row = coverage.indices[coverage.indptr[best] : coverage.indptr[best + 1]]
        fresh = row[~covered[row]]
        covered[fresh] = True
        posts.append(best)
        newly_covered.append(gain)
        # the fresh cells no longer count for any candidate that covers them
        gains -= np.asarray(by_cell[fresh].T @ weights[fresh], dtype=float).ravel()
        gains[best] = 0.0
    return Cover(tuple(posts), tuple(newly_covered), covered, float(weights[covered].sum()))


def covered_cells(coverage: csr_matrix, rows: np.ndarray | Sequence[int]) -> np.ndarray:
    """Per cell: covered by at least one of the given rows (posts or unit positions)."""
    covered = np.zeros(coverage.shape[1], dtype=bool)
    picked = np.asarray(rows, dtype=np.int64)
    if len(picked):
        covered[coverage[picked].indices] = True
    return covered
