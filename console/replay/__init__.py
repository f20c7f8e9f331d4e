"""Replay and training: a recorded shift on the console's one clock (see replay/session.py)."""
