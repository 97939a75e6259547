"""The ``eventplan`` command: a thin layer of argument parsing and I/O over pure renderers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from eventplan import __version__
from eventplan._atomic import write_text
from eventplan._fields import escape_controls
from eventplan.audiences import Audience, every_audience
from eventplan.calendars import Published, to_ics, write_calendars, write_ics
from eventplan.errors import EventPlanError
from eventplan.event import Event
from eventplan.eventfile import load_event, reference_event
from eventplan.frab import to_csv, to_frab
from eventplan.report import check
from eventplan.simulate import simulate
from eventplan.summary import summarise

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error shows control characters escaped, never raw."""

    def error(self, message: str) -> NoReturn:
        super().error(escape_controls(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
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

    checks = commands.add_parser(
        "check",
        help="capacity checks: rooms, people, interpretation, signing, arrivals, press, gala, hotels, transport",
        description=(
            "Check every resource the event can run out of. Exit status: 0 when no finding is an error, "
            "1 when one is, 2 on bad input."
        ),
    )
    _event_argument(checks)
    checks.add_argument(
        "--turnout", metavar="NAME", help="which turnout to check (default: the event's default)"
    )
    checks.add_argument("--format", choices=("text", "json"), default="text")
    checks.add_argument("--all", action="store_true", help="list the checks that passed too")

    monte_carlo = commands.add_parser(
        "simulate",
        help="Monte Carlo over turnout: how likely each room and resource overflows",
        description="Sample the turnout around a forecast and report, per session and resource, the probability of overflow.",
    )
    _event_argument(monte_carlo)
    monte_carlo.add_argument(
        "--turnout", metavar="NAME", help="the forecast to sample around (default: the event's)"
    )
    monte_carlo.add_argument(
        "--draws", type=int, default=10_000, metavar="N", help="number of draws (default: 10,000)"
    )
    monte_carlo.add_argument(
        "--seed", type=int, default=0, metavar="S", help="random seed (default: 0)"
    )
    monte_carlo.add_argument("--format", choices=("text", "json"), default="text")

    calendar = commands.add_parser(
        "ics",
        help="iCalendar files: the programme, or per delegation, party kind, sub-committee or room",
        description=(
            "Write iCalendar (.ics) calendars. Writing over a calendar written before raises SEQUENCE "
            "for what changed, so subscribed calendars update in place."
        ),
    )
    _event_argument(calendar)
    target = calendar.add_mutually_exclusive_group()
    target.add_argument(
        "-o", "--output", metavar="FILE", help="write one calendar here (default: standard output)"
    )
    target.add_argument("--out-dir", metavar="DIR", help="write one file per audience into DIR")
    calendar.add_argument(
        "--for",
        dest="audience",
        default="programme",
        metavar="AUDIENCE",
        help="programme (default), delegation:ID, kind:KIND, subcommittee:ID, room:ID, or all (with --out-dir)",
    )
    calendar.add_argument(
        "--turnout",
        metavar="NAME",
        help="turnout whose delegations are meant (default: the event's)",
    )
    calendar.add_argument(
        "--alarm",
        type=int,
        action="append",
        default=[],
        metavar="MINUTES",
        help="add a reminder MINUTES before each session",
    )

    for name, help_text in (
        ("frab", "the programme as frab/C3VOC schedule.json for conference apps"),
        ("csv", "the programme as CSV"),
    ):
        command = commands.add_parser(
            name, help=help_text, description=help_text.capitalize() + "."
        )
        _event_argument(command)
        command.add_argument(
            "-o", "--output", metavar="FILE", help="write here (default: standard output)"
        )
    return parser


def _event_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "event", nargs="?", metavar="EVENT.toml", help="event file (default: reference event)"
    )


def _event(path: str | None) -> Event:
    return reference_event() if path is None else load_event(path)


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback; files are written whole or not
        print("eventplan: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    commands = {
        "summary": _summary,
        "check": _check,
        "simulate": _simulate,
        "ics": _ics,
        "frab": _frab,
        "csv": _csv,
    }
    try:
        return commands[args.command](args, _event(args.event))
    except EventPlanError as error:
        print(f"eventplan: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader (head, less) has gone: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return EXIT_OK
    except OSError as error:
        print(f"eventplan: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _summary(args: argparse.Namespace, event: Event) -> int:
    result = summarise(event, args.turnout)
    _print(args.format, result.to_json, result.render_text)
    return EXIT_OK


def _check(args: argparse.Namespace, event: Event) -> int:
    report = check(event, args.turnout)
    _print(args.format, report.to_json, lambda: report.render_text(show_ok=args.all))
    return EXIT_OK if report.passed else EXIT_FINDINGS


def _simulate(args: argparse.Namespace, event: Event) -> int:
    if args.draws < 1:
        raise UsageError(f"--draws must be at least 1: {args.draws}")
    result = simulate(event, args.draws, args.seed, turnout=args.turnout)
    _print(args.format, result.to_json, result.render_text)
    return EXIT_OK


def _print(form: str, as_json: Callable[[], object], as_text: Callable[[], str]) -> None:
    print(json.dumps(as_json(), indent=2, ensure_ascii=False) if form == "json" else as_text())


def _ics(args: argparse.Namespace, event: Event) -> int:
    if any(minutes < 0 for minutes in args.alarm):
        raise UsageError(f"--alarm takes minutes before the session, 0 or more: {min(args.alarm)}")
    alarms = [dt.timedelta(minutes=m) for m in args.alarm]
    if args.audience == "all":
        if not args.out_dir:
            raise UsageError("--for all writes one file per audience: give --out-dir DIR")
        audiences: list[Audience] = list(every_audience(event, args.turnout))
    else:
        audiences = [Audience.parse(args.audience)]
    if args.out_dir:
        written = write_calendars(
            event, args.out_dir, audiences, alarms=alarms, turnout=args.turnout
        )
        for published in written:
            _report(published)
    elif args.output:
        _report(write_ics(event, args.output, audiences[0], alarms=alarms, turnout=args.turnout))
    else:
        sys.stdout.write(to_ics(event, audiences[0], alarms=alarms, turnout=args.turnout))
    return EXIT_OK


def _report(published: Published) -> None:
    changes = [
        f"{len(published.new)} new" if published.new else "",
        f"{len(published.changed)} changed" if published.changed else "",
        f"{len(published.withdrawn)} withdrawn" if published.withdrawn else "",
    ]
    said = ", ".join(c for c in changes if c) or "no changes"
    print(
        f"{published.path}: {published.events} items for {published.audience} ({said})",
        file=sys.stderr,
    )


def _frab(args: argparse.Namespace, event: Event) -> int:
    return _emit(args.output, json.dumps(to_frab(event), indent=2, ensure_ascii=False) + "\n")


def _csv(args: argparse.Namespace, event: Event) -> int:
    return _emit(args.output, to_csv(event))


def _emit(path: str | None, text: str) -> int:
    if path is None:
        sys.stdout.write(text)
    else:
        write_text(path, text, newline="")
    return EXIT_OK


class UsageError(EventPlanError):
    """The command line asks for something that cannot be done."""
