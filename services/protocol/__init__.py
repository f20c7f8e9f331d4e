"""Protocol v1: envelopes, entities, commands, and their strict codec (docs/protocol.md)."""
