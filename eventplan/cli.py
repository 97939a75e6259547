"""The ``eventplan`` command: a thin layer of argument parsing and I/O over pure renderers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from eventplan import __version__
from eventplan.errors import EventPlanError
from eventplan.event import Event
from eventplan.eventfile import load_event, reference_event
from eventplan.summary import summarise

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventplan",
        description="Plan the logistics of large diplomatic events.",
    )
    parser.add_argument("--version", action="version", version=f"eventplan {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    summary = commands.add_parser(
        "summary",
        help="the event at a glance: programme, organisation, participation, findings",
        description="Summarise an event file (the shipped Hanoi 2025 event if none is given).",
    )
    summary.add_argument(
        "event", nargs="?", metavar="EVENT.toml", help="event file (default: reference event)"
    )
    summary.add_argument(
        "--turnout", metavar="NAME", help="which turnout to count (default: the event's default)"
    )
    summary.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _event(path: str | None) -> Event:
    return reference_event() if path is None else load_event(path)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        event = _event(args.event)
        result = summarise(event, args.turnout)
    except EventPlanError as error:
        print(f"eventplan: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.format == "json":
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(result.render_text())
    return EXIT_OK
