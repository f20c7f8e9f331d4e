"""Replay controls and the replay timeline (a panel shown when the console replays)."""
