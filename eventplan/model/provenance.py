"""Where facts come from: sources, and figures as sources reported them."""

from __future__ import annotations

import datetime as dt

import attrs

from eventplan.model import fields as _fields
from eventplan.model.enums import Measure, Qualifier, SessionKind


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Source:
    """A publication that gives facts: "Dan Tri, 26 Oct 2025"."""

    #: A short id for the source, which `sources` keys cite.
    id: str = attrs.field(validator=_fields.valid_id)
    #: Who published it: the newspaper, agency or site.
    outlet: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: The date it was published; left out, undated.
    published: dt.date | None = None
    #: Its title or headline.
    title: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Where it can be read.
    url: str | None = None
    #: What it says that the file uses, or anything else about it.
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

    #: A short id for the figure, unique among reported figures.
    id: str = attrs.field(validator=_fields.valid_id)
    #: What the figure counts.
    measure: Measure
    #: The number the source gave.
    value: int = attrs.field(default=0, validator=_fields.non_negative)
    #: How the source qualified it ("more than", "about"), which sets the values it admits.
    qualifier: Qualifier = Qualifier.EXACTLY
    #: The date the figure stands for.
    as_of: dt.date | None = None
    #: The turnout (name) it is set against; left out, the default turnout.
    turnout: str | None = None
    #: Counts only the parties of this region (as their `region` says).
    region: str | None = None
    #: For a count of `sessions`: counts only sessions of this kind.
    session_kind: SessionKind | None = None
    #: The source's own words ("more than 2,500 delegates").
    wording: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
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
