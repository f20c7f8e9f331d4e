"""Public-opinion early warning, Qt-free: spike detection on topic volumes per district,
warnings and their escalation, source coverage, trend history and link suggestions."""

from console.state.opinion.coverage import PlatformCoverage, SourceCoverage
from console.state.opinion.detector import Detection, Key, SpikeDetector, SpikeReading
from console.state.opinion.links import LinkSuggestion, suggest_incidents
from console.state.opinion.policy import OpinionPolicy, opinion_policy
from console.state.opinion.volumes import AlertVolumes, Mood, VolumeHistory, VolumeSample
from console.state.opinion.warnings import SpikeWarning, WarningBook
from console.state.opinion.watch import OpinionWatch

__all__ = [
    "AlertVolumes",
    "Detection",
    "Key",
    "LinkSuggestion",
    "Mood",
    "OpinionPolicy",
    "OpinionWatch",
    "PlatformCoverage",
    "SourceCoverage",
    "SpikeDetector",
    "SpikeReading",
    "SpikeWarning",
    "VolumeHistory",
    "VolumeSample",
    "WarningBook",
    "opinion_policy",
    "suggest_incidents",
]
