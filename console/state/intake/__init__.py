"""The intake assistant's Qt-free core: a caller's words in, suggested category,
priority and place out, each with its confidence and the words that led to it."""

from console.state.intake.assistant import IntakeAssistant, Suggestion
from console.state.intake.places import Candidate, PlaceGuess

__all__ = ["Candidate", "IntakeAssistant", "PlaceGuess", "Suggestion"]
