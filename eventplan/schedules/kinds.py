"""Which eventplan session kind a published schedule's ``type`` names.

A schedule's types are its own words (``lecture``, ``Talk 30 min + 10min Q&A``,
``DJ Set``). eventplan reads them by whole words, never by parts of words: a devroom
called "Designing Futures" holds no signing. The source's type is kept beside the kind
(:class:`~eventplan.model.Listing`), so an export writes it back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from eventplan.errors import InvalidArgumentError
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


@attrs.frozen
class KindReading:
    """The kind a type was read as, and why: said in the import's note."""

    kind: SessionKind
    #: "your mapping", "eventplan's own kind", "the word 'talk'", "no word known: the default"
    reason: str
    #: Whether the kind is the default, because nothing in the type or track named one.
    by_default: bool = False


def read_kind(
    kind: str | None, *, track: str | None, mapping: Mapping[str, SessionKind] | None = None
) -> KindReading:
    """The kind a frab ``type`` (or ``track``) names: by the user's ``mapping`` of whole
    types first (its keys lower-case, as :func:`kind_mapping` gives them), then eventplan's
    own kind names, then :data:`KIND_WORDS`; else :data:`DEFAULT_KIND`."""
    for text, where in ((kind, ""), (track, "the track's ")):
        if not text:
            continue
        lowered = text.strip().lower()
        if mapping and lowered in mapping:
            return KindReading(mapping[lowered], f"{where}your mapping")
        if lowered in _KIND_VALUES:
            return KindReading(SessionKind(lowered), f"{where}eventplan's own kind")
        words = _WORD.findall(_CAMEL.sub(" ", text).lower())  # "LightningTalk": two words
        for phrases, meant in KIND_WORDS:
            for phrase in phrases:
                if _holds(words, phrase.split()):
                    return KindReading(meant, f"{where}word {phrase!r}")
    return KindReading(DEFAULT_KIND, "no word known, the default", by_default=True)


def session_kind(kind: str | None, *, track: str | None) -> SessionKind | None:
    """The kind a frab ``type`` (or ``track``) names, or ``None`` when no word is known."""
    reading = read_kind(kind, track=track)
    return None if reading.by_default else reading.kind


def kind_mapping(
    function: str, kinds: Mapping[str, SessionKind | str] | None
) -> dict[str, SessionKind]:
    """A user's mapping of whole types to kinds (``{"DJ Set": "reception"}``), checked: each
    key a type's text (matched without regard to case), each value a session kind."""
    if kinds is None:
        return {}
    if not isinstance(kinds, Mapping):
        raise InvalidArgumentError(
            f"{function}(): 'kinds' must map a type's text to a session kind, "
            f"such as {{'DJ Set': 'reception'}}, got {type(kinds).__name__}"
        )
    found: dict[str, SessionKind] = {}
    for text, value in kinds.items():
        if not isinstance(text, str) or not text.strip():
            raise InvalidArgumentError(f"{function}(): kinds: a type must be text, got {text!r}")
        try:
            found[text.strip().lower()] = SessionKind(value)
        except ValueError:
            choices = ", ".join(k.value for k in SessionKind)
            raise InvalidArgumentError(
                f"{function}(): kinds[{text!r}]: unknown kind {value!r}; one of: {choices}"
            ) from None
    return found


def _holds(words: list[str], phrase: list[str]) -> bool:
    """Whether ``phrase`` occurs in ``words`` as whole words, the last one perhaps plural."""
    size = len(phrase)
    *head, last = phrase
    for at in range(len(words) - size + 1):
        if words[at : at + size - 1] == head and words[at + size - 1] in (last, last + "s"):
            return True
    return False
