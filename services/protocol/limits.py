"""Declared maxima of protocol v1 (docs/protocol.md, "Limits").

Every string and list field of every entity, command and envelope is bounded here, in
characters (code points) for strings and items for lists, through the ``Annotated``
aliases below that the schemas use. They are chosen so that a maximal entity encodes
well under the frame limit even in the worst case: msgspec writes a control character
as a 6-byte ``\\u00XX`` escape, so a string of ``n`` characters is at most ``6 n`` bytes
(Chinese text is 3 bytes a character). ``tests/services/protocol/test_limits.py`` builds
the maximal entity of every topic and keeps it under half of :data:`MAX_FRAME_BYTES`.

Nesting is bounded too: :data:`MAX_DEPTH` levels of arrays and objects, checked on the
raw bytes before any parser recurses into them (:func:`nesting_exceeds`).
"""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

MAX_FRAME_BYTES = 1 << 20  # 1 MiB, both directions (close 1009 above it)
#: room left for an event's or a snapshot's envelope around one entity
ENVELOPE_RESERVE_BYTES = 4096
#: the largest encoded entity that can still travel in one frame
MAX_ENTITY_BYTES = MAX_FRAME_BYTES - ENVELOPE_RESERVE_BYTES
#: how deep arrays and objects may nest in any frame, entity or command payload
MAX_DEPTH = 32

# --- strings, in characters ------------------------------------------------------------
ID_CHARS = 128  # ids of entities and commands, epochs
NAME_CHARS = 64  # categories, kinds, sources, platforms, districts, languages, codes
LABEL_CHARS = 256  # callsigns, stations, camera names, alert topics, client names
ADDRESS_CHARS = 512
TEXT_CHARS = 4000  # caller summaries, alert excerpts, resolutions, error messages
NOTE_CHARS = 1000  # one note on an incident
REASON_CHARS = 500  # an override, recall or out-of-service reason (quoted in a note)
URL_CHARS = 2048
TOKEN_CHARS = 4096

# --- lists and maps, in items -------------------------------------------------------------
MAX_NOTES = 50  # notes on one incident; a note beyond them is refused
MAX_INCIDENT_UNITS = 128  # units assigned to one incident
MAX_DISPATCH_UNITS = 64  # units in one incident.dispatch
MAX_CAMERAS = 64  # cameras in one watch or unwatch
MAX_TOPICS = 16  # topics in one subscribe, unsubscribe, welcome or heads

Identifier = Annotated[str, Meta(min_length=1, max_length=ID_CHARS)]
Name = Annotated[str, Meta(max_length=NAME_CHARS)]
Label = Annotated[str, Meta(max_length=LABEL_CHARS)]
Address = Annotated[str, Meta(max_length=ADDRESS_CHARS)]
Text = Annotated[str, Meta(max_length=TEXT_CHARS)]
NoteText = Annotated[str, Meta(max_length=NOTE_CHARS)]
Url = Annotated[str, Meta(min_length=1, max_length=URL_CHARS)]
Token = Annotated[str, Meta(max_length=TOKEN_CHARS)]
Epoch = Annotated[str, Meta(min_length=1, max_length=ID_CHARS)]


# --- nesting ----------------------------------------------------------------------------

# ``{`` and ``}`` count as ``[`` and ``]``; everything but brackets and quotes is dropped.
_AS_SQUARE = bytes.maketrans(b"{}", b"[]")
_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b'[]{}"')


def nesting_exceeds(document: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text ``document`` opens more than ``limit`` nested arrays/objects.

    Works on the bytes, without parsing, and respects strings and escapes: brackets
    inside strings do not count. For valid JSON the answer is exact; for invalid JSON it
    bounds how deep a parser would get before the error. Linear C-speed passes
    (``translate``/``replace``) do the work; frames without strings holding brackets
    (nearly all) never take the slower path that splits on quotes.
    """
    if b"\\" in document:  # an escaped quote must not end its string; \\ escapes itself
        document = document.replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = document.translate(_AS_SQUARE, _NOT_STRUCTURE)
    if marks.count(b"[") <= limit:
        return False
    # Quotes in a run of even length open and close strings with no bracket inside;
    # dropping four at a time first halves the copying (runs are long in real frames).
    brackets = marks.replace(b'""""', b"").replace(b'""', b"")
    if b'"' in brackets:  # some string holds brackets: keep only what is outside strings
        brackets = b"".join(marks.split(b'"')[::2])
    return _bracket_depth_exceeds(brackets, limit)


def _bracket_depth_exceeds(brackets: bytes, limit: int) -> bool:
    """Depth check of a string of ``[`` and ``]`` (see :func:`nesting_exceeds`).

    Each pass deletes every innermost ``[]``, which lowers a balanced sequence's depth by
    exactly one, so a sequence gone after ``limit`` passes is at most ``limit`` deep. What
    is left is then walked from its start, counting the levels the passes removed; the
    walk stops where a parser would fail (a closer with nothing open).
    """
    too_deep = b"[" * (limit + 1)
    passes = 0
    while brackets and passes < limit:
        if too_deep in brackets:
            return True
        shorter = brackets.replace(b"[]", b"")
        if len(shorter) == len(brackets):
            break
        brackets = shorter
        passes += 1
    depth = passes
    for byte in brackets:
        if byte == ord("]"):
            depth -= 1
            if depth < passes:
                return False
        else:
            depth += 1
            if depth > limit:
                return True
    return False
