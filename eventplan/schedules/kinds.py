"""Which eventplan session kind a published schedule's ``type`` names.

A schedule's types are its own words (``lecture``, ``Talk 30 min + 10min Q&A``,
``DJ Set``). eventplan reads them by whole words, never by parts of words: a devroom
called "Designing Futures" holds no signing. The source's type is kept beside the kind
(:class:`~eventplan.model.Listing`), so an export writes it back.
"""

from __future__ import annotations

import re

from eventplan.model.enums import SessionKind

#: What a programme item of a type eventplan does not recognise is read as: a session
#: beside the main programme, which no audience rule fills.
DEFAULT_KIND = SessionKind.SIDE_EVENT

#: Words in a frab ``type`` (or, failing that, ``track``) and the kind they mean; first match
#: wins. A word matches a whole word of the type (or its plural, ``workshops``); a phrase
#: (``high level``) matches those words in a row, a hyphen counting as a space.
KIND_WORDS: tuple[tuple[tuple[str, ...], SessionKind], ...] = (
    (("signing",), SessionKind.SIGNING),
    (("opening",), SessionKind.OPENING),
    (("closing",), SessionKind.CLOSING),
    (("ceremony",), SessionKind.CEREMONY),
    (("keynote", "plenary", "plenum"), SessionKind.PLENARY),
    (("high level",), SessionKind.HIGH_LEVEL_DISCUSSION),
    (("roundtable", "round table", "panel", "discussion", "podium"), SessionKind.ROUNDTABLE),
    (("workshop", "tutorial", "hands on", "training", "atelier"), SessionKind.WORKSHOP),
    (("break", "pause", "lunch", "coffee"), SessionKind.BREAK),
    (("gala", "dinner"), SessionKind.GALA_DINNER),
    (("reception", "party"), SessionKind.RECEPTION),
    (("exhibition", "expo", "poster"), SessionKind.EXHIBITION),
    (("press",), SessionKind.PRESS_CONFERENCE),
    (("bilateral",), SessionKind.BILATERAL),
    (("rehearsal",), SessionKind.REHEARSAL),
    (("talk", "lecture", "presentation", "lightning", "side event"), SessionKind.SIDE_EVENT),
)

_KIND_VALUES = frozenset(kind.value for kind in SessionKind)
_WORD = re.compile(r"[^\W_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def session_kind(kind: str | None, *, track: str | None) -> SessionKind | None:
    """The kind a frab ``type`` (or ``track``) names, or ``None`` when no word is known."""
    for text in (kind, track):
        if not text:
            continue
        lowered = text.strip().lower()
        if lowered in _KIND_VALUES:
            return SessionKind(lowered)
        words = _WORD.findall(_CAMEL.sub(" ", text).lower())  # "LightningTalk": two words
        for phrases, meant in KIND_WORDS:
            if any(_holds(words, phrase.split()) for phrase in phrases):
                return meant
    return None


def _holds(words: list[str], phrase: list[str]) -> bool:
    """Whether ``phrase`` occurs in ``words`` as whole words, the last one perhaps plural."""
    size = len(phrase)
    *head, last = phrase
    for at in range(len(words) - size + 1):
        if words[at : at + size - 1] == head and words[at + size - 1] in (last, last + "s"):
            return True
    return False
