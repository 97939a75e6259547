"""Where facts come from: sources, and figures as sources reported them."""

from __future__ import annotations

import datetime as dt

import attrs

from eventplan.model import fields as _fields
from eventplan.model.enums import Measure, Qualifier, SessionKind


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Source:
    """A publication that gives facts: "Dan Tri, 26 Oct 2025"."""

    id: str = attrs.field(validator=_fields.valid_id)
    outlet: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    published: dt.date | None = None
    title: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    url: str | None = None
    note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )

    def __str__(self) -> str:
        when = f", {self.published.day} {self.published:%b %Y}" if self.published else ""
        return f"{self.outlet}{when}"


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class ReportedFigure:
    """A figure as a source reported it: "more than 2,500 delegates (Dan Tri, 26 Oct 2025)".

    ``turnout`` names the turnout the figure describes, so it can be set
    against what the model implies; ``region`` and ``session_kind`` narrow
    the measure (signatories in one region, sessions of one kind).
    """

    id: str = attrs.field(validator=_fields.valid_id)
    measure: Measure
    value: int = attrs.field(default=0, validator=_fields.non_negative)
    qualifier: Qualifier = Qualifier.EXACTLY
    as_of: dt.date | None = None
    turnout: str | None = None
    region: str | None = None
    session_kind: SessionKind | None = None
    wording: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)

    def describe(self) -> str:
        """The figure in words: "more than 2,500 delegates"."""
        qualifier = (
            "" if self.qualifier is Qualifier.EXACTLY else self.qualifier.replace("_", " ") + " "
        )
        what = self.measure.replace("_", " ")
        if self.session_kind is not None:
            what = f"{self.session_kind.replace('_', ' ')} sessions"
        if self.region is not None:
            what = f"{what} ({self.region})"
        return f"{qualifier}{self.value:,} {what}"
