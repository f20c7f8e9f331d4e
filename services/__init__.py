"""Everything on the wire and on disk: protocol, feed client, cache and the reference backend.

Nothing here imports Qt, the console or the widgets (enforced by import-linter).
"""
