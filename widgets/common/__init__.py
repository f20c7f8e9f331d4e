"""Shared look and words of every panel: colours, labels, formatting, the dark theme."""
