"""Protocol v1: envelopes, entities, commands, and their strict codec (PROTOCOL.md)."""
