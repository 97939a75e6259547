"""The errors eventplan raises.

One root, each error also inheriting the builtin it refines, so callers can
catch either::

    EventPlanError(Exception)
    ├── InvalidEventError(EventPlanError, ValueError)   an event breaks its own rules
    │   └── EventFileError(InvalidEventError)           ...and it came from a file
    ├── UnknownNameError(EventPlanError, KeyError)      a turnout, session... that isn't there
    ├── ArgumentTypeError(EventPlanError, TypeError)    a function got an argument of the wrong type
    ├── InvalidArgumentError(EventPlanError, ValueError) ...or of the right type, out of range
    │   └── ResourceLimitError(InvalidArgumentError)    a run would not fit in memory
    ├── MissingExtraError(EventPlanError, ImportError)  an optional dependency is not installed
    ├── CalendarError(EventPlanError, ValueError)       a calendar cannot be read or written
    ├── ForeignFileError(EventPlanError, ValueError)    the file to be written over is not eventplan's
    └── UsageError(EventPlanError, ValueError)          the command line asks for the impossible

Errors carry their data as attributes (``problems``, ``source``) and build the
message from them.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs


@attrs.frozen
class Problem:
    """One thing wrong with an event: where it is and what was expected there."""

    path: str
    message: str

    def __str__(self) -> str:
        # a path names ids from the file, which may hold control characters: shown escaped
        from eventplan._text import escape_controls

        return f"{escape_controls(self.path)}: {self.message}" if self.path else self.message


class EventPlanError(Exception):
    """Root of every error eventplan raises on purpose."""


class InvalidEventError(EventPlanError, ValueError):
    """An event, made in code or read from a file, has problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self._compose())

    def _heading(self) -> str:
        count = len(self.problems)
        return f"the event has {count} problem{'s' if count != 1 else ''}"

    def _one(self) -> str:
        return "the event has a problem: "

    def _compose(self) -> str:
        if len(self.problems) == 1:  # one line: where and what
            return f"{self._one()}{self.problems[0]}"
        lines = [self._heading() + ":"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


class EventFileError(InvalidEventError):
    """An event file could not be read into an event; ``source`` names the file."""

    def __init__(self, problems: Iterable[Problem], source: str = "<string>") -> None:
        self.source = source
        super().__init__(problems)

    def _heading(self) -> str:
        count = len(self.problems)
        return f"{self.source}: {count} problem{'s' if count != 1 else ''}"

    def _one(self) -> str:
        return f"{self.source}: "


class UnknownNameError(EventPlanError, KeyError):
    """A name (a turnout, a session id) that the event does not have."""

    def __init__(self, what: str, name: str, choices: Iterable[str]) -> None:
        self.what = what
        self.name = name
        self.choices = tuple(choices)
        known = (
            f"one of: {', '.join(self.choices)}"
            if self.choices
            else f"there are no {what}s to choose from"
        )
        super().__init__(f"unknown {what} {name!r}; {known}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class CalendarError(EventPlanError, ValueError):
    """A calendar could not be written, such as when the previous one cannot be read, or a
    calendar's text is not iCalendar."""


class ForeignFileError(EventPlanError, ValueError):
    """The file to be written over is not one eventplan wrote (for a calendar: of this event).

    Nothing is written: replacing it would lose someone's work, and merging a
    calendar would publish someone else's events as cancelled ones of this
    event. ``found`` says what the file holds instead, ``what`` what was expected.
    """

    def __init__(
        self, path: str, found: str, *, what: str = "an eventplan calendar of this event"
    ) -> None:
        self.path = path
        self.found = found
        self.what = what
        super().__init__(
            f"{path}: not {what} ({found}); nothing was written. "
            "Move it away, or overwrite it with --force (force=True)"
        )


class MissingExtraError(EventPlanError, ImportError):
    """A feature needs an optional dependency that is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(f"{feature} needs the '{extra}' extra: pip install \"eventplan[{extra}]\"")


class UsageError(EventPlanError, ValueError):
    """The command line asks for something that cannot be done."""


class ArgumentTypeError(EventPlanError, TypeError):
    """A public function got an argument of the wrong type; the message names both."""


class InvalidArgumentError(EventPlanError, ValueError):
    """A public function got an argument outside what it takes; the message says the range."""


class ResourceLimitError(InvalidArgumentError):
    """A run would need more memory than eventplan allows; the message says what to ask instead."""
