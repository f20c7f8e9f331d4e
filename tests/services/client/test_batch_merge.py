"""Merging batches is the same as having seen both windows' changes in one batch."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from services.client.batch import IngestBatch, TopicReset

TOPICS = ("positions", "units")
KEYS = ("A", "B", "C")

operation = st.one_of(
    st.tuples(st.just("upsert"), st.sampled_from(TOPICS), st.sampled_from(KEYS), st.integers(0, 9)),
    st.tuples(st.just("remove"), st.sampled_from(TOPICS), st.sampled_from(KEYS), st.just(0)),
    st.tuples(st.just("reset"), st.sampled_from(TOPICS), st.sampled_from(KEYS), st.integers(0, 9)),
)


def apply(batch: IngestBatch, operations: list[tuple[str, str, str, int]]) -> IngestBatch:
    for kind, topic, key, value in operations:
        if kind == "upsert":
            batch.upsert(topic, key, value, str(value).encode())
        elif kind == "remove":
            batch.remove(topic, key)
        else:
            batch.reset(TopicReset(topic, "e", value, {key: value}, {key: str(value).encode()}))
    return batch


def picture(batch: IngestBatch) -> tuple[object, ...]:
    non_empty = {t: v for t, v in batch.upserts.items() if v}
    raw = {t: v for t, v in batch.upsert_raw.items() if v}
    removals = {t: v for t, v in batch.removals.items() if v}
    resets = [(r.topic, r.seq, r.items) for r in batch.resets]
    return non_empty, raw, removals, sorted(resets), batch.cursors


@given(st.lists(operation, max_size=12), st.lists(operation, max_size=12))
def test_merge_equals_one_window(first: list, second: list) -> None:
    merged = apply(IngestBatch(), first)
    merged.merge(apply(IngestBatch(), second))
    assert picture(merged) == picture(apply(IngestBatch(), first + second))


def test_a_later_upsert_undoes_an_earlier_removal() -> None:
    earlier = IngestBatch()
    earlier.remove("positions", "A")
    later = IngestBatch()
    later.upsert("positions", "A", 1, b"1")
    earlier.merge(later)
    assert earlier.upserts == {"positions": {"A": 1}}
    assert earlier.upsert_raw == {"positions": {"A": b"1"}}
    assert earlier.removals == {"positions": set()}
