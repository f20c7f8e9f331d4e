"""A canonical hash of the situation store's picture (what replay equivalence compares).

Every entity of the five collections, encoded canonically (msgspec JSON, keys in order),
sorted by collection and key, hashed with SHA-256. Two stores holding the same entities
have the same digest whatever order the entities arrived in.
"""

from __future__ import annotations

import hashlib

import msgspec

from console.state import SituationStore
from console.state.changes import COLLECTIONS

_encoder = msgspec.json.Encoder(order="sorted")


def store_digest(store: SituationStore) -> str:
    digest = hashlib.sha256()
    for collection in COLLECTIONS:
        entities = getattr(store, collection)
        digest.update(f"{collection}:{len(entities)}\n".encode())
        for key in sorted(entities):
            digest.update(key.encode())
            digest.update(b"=")
            digest.update(_encoder.encode(entities[key]))
            digest.update(b"\n")
    return digest.hexdigest()
