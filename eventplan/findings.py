"""Findings: what a check or a reconciliation has to say about an event.

Problems with an event are data, not exceptions (pretalx's schedule
warnings): each finding has a stable machine ``code``, a ``severity`` and a
human ``message``, plus the ids it concerns.
"""

from __future__ import annotations

from typing import Any

import attrs

from eventplan import _fields
from eventplan.enums import Severity


@attrs.frozen
class Finding:
    code: str
    severity: Severity
    message: str
    subjects: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    def __str__(self) -> str:
        return f"{self.severity}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "subjects": list(self.subjects),
        }
