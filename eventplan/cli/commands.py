"""The ``eventplan`` command: a thin layer of argument parsing and I/O over pure renderers."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from eventplan import _text
from eventplan._text import escape_controls
from eventplan._version import __version__
from eventplan.capacity.findings import Finding
from eventplan.capacity.summary import summarise
from eventplan.errors import EventPlanError, UsageError
from eventplan.files.eventfile import reference_event, reference_file, starter_text
from eventplan.model.event import Event

if TYPE_CHECKING:  # pragma: no cover - ics and numpy load only for the commands that need them
    from eventplan.calendars.writer import Published
    from eventplan.cli import _outputs

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
    _event_argument(summary)
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
    checks.add_argument(
        "--verbose",
        action="store_true",
        help="print each norm in full under every finding (default: a numbered list, once each)",
    )

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
        help="programme (default), delegates, delegation:ID, kind:KIND, subcommittee:ID, room:ID, or all (with --out-dir)",
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
    calendar.add_argument(
        "--tz",
        choices=("utc", "event"),
        default="utc",
        help="write times in UTC (default) or in the event's local time, with a VTIMEZONE",
    )
    calendar.add_argument(
        "--protocol",
        action="store_true",
        help="add each named delegation's statements and signing slot (eventplan.protocol.with_protocol)",
    )
    _force_argument(calendar, "a file that is not this event's calendar")

    exports = {}
    for name, help_text in (
        ("frab", "the programme as frab/C3VOC schedule.json or schedule.xml for conference apps"),
        ("csv", "the programme as CSV"),
        ("xlsx", "the programme as an Excel workbook, a sheet per day (eventplan[xlsx])"),
    ):
        command = commands.add_parser(
            name, help=help_text, description=help_text.capitalize() + "."
        )
        _event_argument(command)
        command.add_argument(
            "-o", "--output", metavar="FILE", help="write here (default: standard output)"
        )
        if name == "frab":
            command.add_argument(
                "--format",
                choices=("json", "xml"),
                help="schedule.json or schedule.xml, which conference apps read "
                "(default: xml for an -o FILE ending in .xml, else json)",
            )
            command.add_argument(
                "--for",
                dest="audience",
                default="programme",
                metavar="AUDIENCE",
                help="whose schedule, as for ics: programme (default), delegates, "
                "delegation:ID, kind:KIND, subcommittee:ID, room:ID",
            )
        command.add_argument(
            "--turnout",
            metavar="NAME",
            help="turnout whose delegations are meant"
            if name == "frab"
            else "the turnout the seats columns count (default: the event's default)",
        )
        _force_argument(command, "a file eventplan did not write")
        exports[name] = command
    exports["csv"].add_argument(
        "--excel",
        action="store_true",
        help="UTF-8 with a byte-order mark, so Excel and LibreOffice read the accents right",
    )
    _protocol_parsers(commands)
    _add_everyday_commands(commands)
    return parser


def _protocol_parsers(commands: argparse._SubParsersAction[_Parser]) -> None:
    """The protocol commands: speakers, signing, bilaterals, seating."""
    exits = "Exit status as for check: 0, 1 when a finding is an error, 2 on bad input."
    speakers = commands.add_parser(
        "speakers",
        help="speakers' lists in UN order, each speaker's estimated time, lists that overrun",
        description=f"Time every speakers' list at the statement limit. {exits}",
    )
    signing = commands.add_parser(
        "signing",
        help="the order of signature and each signatory's slot in the signing window",
        description=f"The timetable of signature. {exits}",
    )
    bilaterals = commands.add_parser(
        "bilaterals",
        help="place the requested bilateral meetings (OR-Tools CP-SAT) and say why any do not fit",
        description=(
            "Place bilateral requests in the bilateral rooms, maximising the priority-weighted "
            f"number placed (needs the 'solver' extra). {exits}"
        ),
    )
    seating = commands.add_parser(
        "seating",
        help="seat a session's delegations row by row in UN order",
        description=f"Seat the delegations of a session in its room. {exits}",
    )
    for command in (speakers, signing, bilaterals, seating):
        _event_argument(command)
        command.add_argument(
            "--turnout", metavar="NAME", help="which turnout (default: the event's default)"
        )
        command.add_argument("--format", choices=("text", "json"), default="text")
    for command in (signing, seating):
        command.add_argument(
            "--first",
            metavar="LETTER",
            help="the letter (or name) the UN order starts from, as drawn by lot (default: A)",
        )
        command.add_argument(
            "--draw", type=int, metavar="SEED", help="draw the first letter by lot with this seed"
        )
    speakers.add_argument(
        "--order",
        choices=("un_practice", "inscription"),
        default="un_practice",
        help="level of representation, then inscription (default); or inscription only",
    )
    signing.add_argument(
        "--order",
        choices=("un_seating", "level", "arrival"),
        default="un_seating",
        help="UN seating order from a letter drawn by lot (default), by level, or by arrival",
    )
    signing.add_argument(
        "--arrival", metavar="ID,ID,...", default="", help="delegation ids in order of arrival"
    )
    bilaterals.add_argument(
        "--time-limit", type=float, default=10.0, metavar="S", help="solver time limit (default 10)"
    )
    bilaterals.add_argument("--seed", type=int, default=0, metavar="N", help="solver seed")
    bilaterals.add_argument(
        "--greedy", action="store_true", help="the greedy baseline (by priority, first fit)"
    )
    bilaterals.add_argument(
        "-o", "--output", metavar="PLACED.toml", help="write the event with the meetings placed"
    )
    _force_argument(bilaterals, "a file eventplan did not write")
    seating.add_argument("--session", required=True, metavar="ID", help="the session to seat")
    _place_parser(commands, exits)


def _place_parser(commands: argparse._SubParsersAction[_Parser], exits: str) -> None:
    place = commands.add_parser(
        "place",
        help="place the sessions in rooms and times the checks pass (OR-Tools CP-SAT), "
        "or re-plan a published programme moving as little as possible",
        description=(
            "Place every session that is not fixed in a room and at a time that the capacity "
            "checks pass, and say why any cannot be (needs the 'solver' extra). With --against, "
            "re-plan a published programme, moving the fewest sessions weighted by the calendars "
            "that show them. Exit status: 0 when every session is placed, 1 when one is not, "
            "2 on bad input."
        ),
    )
    _event_argument(place)
    place.add_argument(
        "--turnout", metavar="NAME", help="which turnout (default: the event's default)"
    )
    place.add_argument("--format", choices=("text", "json"), default="text")
    place.add_argument(
        "--against",
        metavar="PUBLISHED",
        help="the published programme (an event file) to move little from",
    )
    place.add_argument(
        "--rules",
        metavar="RULES.toml",
        help="the placement rules: fixed, movable, rooms, day_start, day_end, step_minutes, "
        "[[windows]] (session, day, earliest, latest, starts), before, same_day, adjacent, "
        "apart, [[prefer]] (session, room, day, earliest, latest, weight), spread, "
        "[weights] (spread, load, makespan)",
    )
    place.add_argument(
        "--fixed", metavar="ID,ID,...", default="", help="sessions that keep their room and time"
    )
    place.add_argument(
        "--without-room",
        metavar="ID",
        action="append",
        default=[],
        help="a room that may not be used (a room lost); may be given more than once",
    )
    place.add_argument(
        "--time-limit", type=float, default=10.0, metavar="S", help="solver time limit (default 10)"
    )
    place.add_argument(
        "--work-limit",
        type=float,
        metavar="W",
        help="stop at W units of CP-SAT's deterministic time, so that a run repeats "
        "(default: the time limit)",
    )
    place.add_argument("--seed", type=int, default=0, metavar="N", help="solver seed")
    place.add_argument(
        "--method",
        choices=("cp-sat", "first-fit"),  # placement.METHODS, kept light; a test compares
        default="cp-sat",
        help="cp-sat (the solver extra) or first-fit, without a solver (default cp-sat)",
    )
    place.add_argument("-o", "--output", metavar="PLACED.toml", help="write the placed event")
    _force_argument(place, "a file eventplan did not write")


def _add_everyday_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    validate = commands.add_parser(
        "validate",
        help="read an event file and report every problem, or 'ok' with what it holds",
        description="Read an event file. Exit status: 0 when it is sound, 2 with its problems.",
    )
    validate.add_argument("file", metavar="EVENT.toml")

    difference = commands.add_parser(
        "diff",
        help="what changed in the programme between two revisions of an event file",
        description="Sessions added, cancelled, moved and retitled from OLD to NEW (eventplan.diff).",
    )
    difference.add_argument("old", metavar="OLD.toml")
    difference.add_argument("new", metavar="NEW.toml")
    difference.add_argument("--format", choices=("text", "json"), default="text")

    init = commands.add_parser(
        "init",
        help="write a commented starter event file to edit",
        description="Write a small commented event that loads and checks cleanly; never overwrites.",
    )
    init.add_argument("file", metavar="FILE.toml")

    norms = commands.add_parser(
        "norms",
        help="the planning norms the checks apply, with range, basis and source",
        description="Every norm the capacity checks apply: its range, basis, confidence and source.",
    )
    norms.add_argument(
        "event",
        nargs="?",
        metavar="EVENT.toml",
        help="apply this event's norm overrides (default: eventplan's own norms)",
    )
    norms.add_argument("--format", choices=("text", "json"), default="text")

    schema = commands.add_parser(
        "schema",
        help="the JSON Schema of the event file, for TOML editors (taplo, Even Better TOML)",
        description="The JSON Schema of the event file, generated from the model: point an "
        "editor at it (#:schema ./event.schema.json) to complete and check event files.",
    )
    schema.add_argument(
        "-o", "--output", metavar="FILE", help="write here (default: standard output)"
    )
    _force_argument(schema, "a file eventplan did not write")
    schema.set_defaults(event=None)  # it reads no event: nothing of the user's is its input


def _force_argument(parser: argparse.ArgumentParser, foreign: str) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"overwrite {foreign} (refused otherwise; the command's input never is written)",
    )


def _event_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "event",
        nargs="?",
        metavar="EVENT",
        help="event file (.toml), or a frab/C3VOC schedule.json or schedule.xml "
        "(default: reference event)",
    )


def _event(path: str | None) -> Event:
    """The event a command works on, kept between runs by :mod:`eventplan.files.readcache`."""
    from eventplan.files import readcache

    event, findings = readcache.cached(
        reference_file() if path is None else path, lambda: _open(path), _is_opened
    )
    for finding in findings:
        _say(f"{path}: {finding}")
    return event


def _is_opened(value: object) -> bool:
    """Whether a kept value is what :func:`_open` gives: an event and its findings."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], Event)
        and isinstance(value[1], tuple)
        and all(isinstance(finding, Finding) for finding in value[1])
    )


def _open(path: str | None) -> tuple[Event, tuple[Finding, ...]]:
    """The event in the file at ``path`` (the reference event's by default), and the findings
    reading a schedule gave; plain values, so that a kept copy loads no schedule reader."""
    if path is None:
        return reference_event(), ()
    from eventplan.schedules import read_event_or_schedule

    opened = read_event_or_schedule(path)
    return opened.event, opened.findings


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``eventplan`` command on ``argv`` (default ``sys.argv[1:]``) and return its exit
    status: 0, 1 when a finding is an error, 2 for bad input (one line, no traceback), 130 on
    Ctrl-C."""
    try:
        return _run(argv)
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback; files are written whole or not
        print("eventplan: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _say(text: str) -> None:
    """One message on standard error, with any control character in it (from a file name, a
    value read) shown escaped: the one edge where what eventplan read reaches a terminal."""
    print(f"eventplan: {escape_controls(text)}", file=sys.stderr)


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    standalone: dict[str, Callable[[argparse.Namespace], int]] = {
        "validate": _validate,
        "diff": _diff,
        "init": _init,
        "norms": _norms,
        "schema": _schema,
    }
    commands = {
        "summary": _summary,
        "check": _check,
        "simulate": _simulate,
        "ics": _ics,
        "frab": _frab,
        "csv": _csv,
        "xlsx": _xlsx,
        "speakers": _speakers,
        "signing": _signing,
        "bilaterals": _bilaterals,
        "seating": _seating,
        "place": _place,
    }
    try:
        if args.command in standalone:
            return standalone[args.command](args)
        return commands[args.command](args, _event(args.event))
    except EventPlanError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader (head, less) has gone: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return EXIT_OK
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _say(f"{where}{error.strerror or error}")
        return EXIT_BAD_INPUT


def _summary(args: argparse.Namespace, event: Event) -> int:
    result = summarise(event, args.turnout)
    _print(args.format, result.to_json, result.render_text)
    return EXIT_OK


def _check(args: argparse.Namespace, event: Event) -> int:
    from eventplan.capacity.report import check

    report = check(event, args.turnout)
    _print(
        args.format,
        report.to_json,
        lambda: report.render_text(show_ok=args.all, verbose=args.verbose),
    )
    return EXIT_OK if report.passed else EXIT_FINDINGS


def _simulate(args: argparse.Namespace, event: Event) -> int:
    if args.draws < 1:
        raise UsageError(f"--draws must be at least 1: {args.draws}")
    from eventplan.montecarlo.simulation import simulate

    result = simulate(event, args.turnout, draws=args.draws, seed=args.seed)
    _print(args.format, result.to_json, result.render_text)
    return EXIT_OK


def _print(form: str, as_json: Callable[[], object], as_text: Callable[[], str]) -> None:
    stream = _stdout()
    if form != "json":
        print(as_text(), file=stream)
        return
    import json  # loads for JSON output only: a text summary starts without it

    print(json.dumps(as_json(), indent=2, ensure_ascii=False), file=stream)


def _ics(args: argparse.Namespace, event: Event) -> int:
    from eventplan import limits

    for minutes in args.alarm:
        if not 0 <= minutes <= limits.MAX_ALARM_MINUTES:
            raise UsageError(
                "--alarm takes minutes before the session, "
                f"0 to {limits.MAX_ALARM_MINUTES:,} (a year): {minutes}"
            )
    alarms = [dt.timedelta(minutes=m) for m in args.alarm]
    from eventplan.calendars.writer import to_ics, write_calendars, write_ics
    from eventplan.demand.audiences import Audience, every_audience

    if args.protocol:
        from eventplan.protocol import with_protocol

        event = with_protocol(event, args.turnout)
    if args.audience == "all":
        if not args.out_dir:
            raise UsageError("--for all writes one file per audience: give --out-dir DIR")
        audiences: list[Audience] = list(every_audience(event, args.turnout))
    else:
        audiences = [Audience.parse(args.audience)]
    if args.out_dir:
        folder = Path(args.out_dir)
        _claim(args, [folder / f"{a.file_stem}.ics" for a in audiences], None)
        _recover(folder)
        _claim(args, sorted(folder.glob("*.ics")) if folder.is_dir() else [], None)
        written = write_calendars(
            event,
            directory=args.out_dir,
            audiences=audiences,
            alarms=alarms,
            turnout=args.turnout,
            tz=args.tz,
            force=args.force,
        )
        for published in written:
            _report(published)
    elif args.output:
        _claim(args, [args.output], None)
        _report(
            write_ics(
                event,
                path=args.output,
                audience=audiences[0],
                alarms=alarms,
                turnout=args.turnout,
                tz=args.tz,
                force=args.force,
            )
        )
    else:
        _stdout().write(
            to_ics(event, audience=audiences[0], alarms=alarms, turnout=args.turnout, tz=args.tz)
        )
    return EXIT_OK


def _recover(folder: Path) -> None:
    """Complete, and say so, a set of calendars an earlier run was killed publishing."""
    from eventplan import _atomic

    if not folder.is_dir():
        return
    completed = _atomic.recover(folder)
    if completed:
        _say(
            f"{folder}: an earlier run stopped while publishing; completed its set "
            f"({_text.plural(len(completed), 'file')} renamed into place)"
        )


def _report(published: Published) -> None:
    changes = [
        f"{len(published.new)} new" if published.new else "",
        f"{len(published.changed)} changed" if published.changed else "",
        f"{len(published.withdrawn)} withdrawn" if published.withdrawn else "",
    ]
    said = ", ".join(c for c in changes if c) or "no changes"
    print(
        f"{published.path}: {_text.plural(published.events, 'item')} for {published.audience} ({said})",
        file=sys.stderr,
    )


def _frab(args: argparse.Namespace, event: Event) -> int:
    import json

    from eventplan.cli import _outputs
    from eventplan.schedules.frab import to_frab, to_frab_xml

    as_xml = args.format == "xml" or (
        args.format is None and (args.output or "").lower().endswith(".xml")
    )
    if as_xml:
        return _emit(
            args,
            _outputs.FRAB_XML,
            to_frab_xml(event, args.turnout, audience=args.audience),
        )
    document = to_frab(event, args.turnout, audience=args.audience)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return _emit(args, _outputs.FRAB_JSON, text)


def _csv(args: argparse.Namespace, event: Event) -> int:
    from eventplan.cli import _outputs
    from eventplan.files.spreadsheets import to_csv

    if not args.excel:
        return _emit(args, _outputs.CSV, to_csv(event, args.turnout))
    from eventplan._atomic import encode

    text = to_csv(event, args.turnout)
    return _emit(args, _outputs.CSV, encode(text, newline="", encoding="utf-8-sig"))


def _xlsx(args: argparse.Namespace, event: Event) -> int:
    if args.output is None and _stdout().isatty():
        raise UsageError("a workbook is binary and would garble the terminal: give -o FILE")
    from eventplan.cli import _outputs
    from eventplan.files.spreadsheets import to_xlsx

    return _emit(args, _outputs.XLSX, to_xlsx(event, args.turnout))


def _emit(args: argparse.Namespace, output: _outputs.Output, data: str | bytes) -> int:
    """``data`` to ``-o FILE`` when given and it may be written there, else to standard output."""
    if args.output is None:
        stream = _stdout()
        if isinstance(data, str):
            stream.write(data)
        else:
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
        return EXIT_OK
    from eventplan import _atomic

    _claim(args, [args.output], output)
    if isinstance(data, str):
        _atomic.write_text(args.output, data, newline="")
    else:
        _atomic.write_bytes(args.output, data)
    return EXIT_OK


def _claim(
    args: argparse.Namespace, targets: Sequence[str | Path], output: _outputs.Output | None
) -> None:
    """Refuse to write any of ``targets`` over the command's input, or (unless ``--force``)
    over a file that is not ``output``'s: the one rule of :mod:`eventplan.cli._outputs`."""
    from eventplan.cli import _outputs

    inputs = [reference_file() if args.event is None else args.event]
    _outputs.refuse_inputs(targets, inputs)
    for target in targets:
        _outputs.claim(target, output, force=args.force)


def _stdout() -> TextIO:
    """Standard output, or a usage error when the shell closed it (``>&-``)."""
    if sys.stdout is None:
        raise UsageError("standard output is closed: give -o FILE, or run without >&-")
    return sys.stdout


def _first(args: argparse.Namespace) -> str:
    from eventplan.protocol import draw_letter

    if args.first is not None and args.draw is not None:
        raise UsageError("give --first or --draw, not both")
    if args.draw is not None:
        return draw_letter(args.draw)
    return str(args.first or "A")


def _speakers(args: argparse.Namespace, event: Event) -> int:
    from eventplan.protocol import SpeakerOrder, speakers

    result = speakers(event, args.turnout, order=SpeakerOrder(args.order))
    _print(args.format, result.to_json, result.render_text)
    return EXIT_OK if result.passed else EXIT_FINDINGS


def _signing(args: argparse.Namespace, event: Event) -> int:
    from eventplan.protocol import SigningOrder, signing

    arrival = [part for part in args.arrival.split(",") if part]
    result = signing(
        event, args.turnout, order=SigningOrder(args.order), first=_first(args), arrival=arrival
    )
    _print(args.format, result.to_json, result.render_text)
    return EXIT_OK if result.passed else EXIT_FINDINGS


def _before_solving(args: argparse.Namespace, inputs: Sequence[str] = ()) -> None:
    """What a solver command refuses before the solver runs, not after: a time limit that is
    not more than 0, and an ``--output`` over its inputs or over a file that is not ours."""
    if args.time_limit <= 0:
        raise UsageError(f"--time-limit takes seconds, more than 0: {args.time_limit:g}")
    if getattr(args, "work_limit", None) is not None and args.work_limit <= 0:
        raise UsageError(f"--work-limit takes deterministic time, more than 0: {args.work_limit:g}")
    if args.output:
        from eventplan.cli import _outputs

        _claim(args, [args.output], _outputs.EVENT_FILE)
        _outputs.refuse_inputs([args.output], inputs)


def _bilaterals(args: argparse.Namespace, event: Event) -> int:
    from eventplan.files.eventfile import dump_event
    from eventplan.protocol import place_bilaterals, place_bilaterals_greedy

    _before_solving(args)
    if args.greedy:
        plan = place_bilaterals_greedy(event, args.turnout)
    else:
        plan = place_bilaterals(
            event,
            args.turnout,
            time_limit=args.time_limit,
            seed=args.seed,
            progress=sys.stderr.isatty(),
        )
    if args.output:
        dump_event(plan.event, path=args.output)
    _print(args.format, plan.to_json, plan.render_text)
    return EXIT_OK if plan.passed else EXIT_FINDINGS


def _place(args: argparse.Namespace, event: Event) -> int:
    import tomllib

    import attrs

    from eventplan.files.eventfile import dump_event, read_text
    from eventplan.placement import PlacementRules, place_programme
    from eventplan.placement.rules import rules_from_dict

    _before_solving(args, [args.against] if args.against else [])
    rules = PlacementRules()
    if args.rules:
        try:
            data = tomllib.loads(read_text(args.rules))
        except tomllib.TOMLDecodeError as error:
            raise UsageError(f"{args.rules}: not TOML: {error}") from None
        rules = rules_from_dict(data, where=args.rules)
    fixed = [part for part in args.fixed.split(",") if part]
    if fixed:
        rules = attrs.evolve(rules, fixed=(*rules.fixed, *fixed))
    if args.without_room:
        for room in args.without_room:
            event.room(room)  # an unknown room is said as such
        rooms = rules.rooms if rules.rooms is not None else tuple(r.id for r in event.rooms)
        rules = attrs.evolve(rules, rooms=tuple(r for r in rooms if r not in args.without_room))
    published = _event(args.against) if args.against else None
    plan = place_programme(
        event,
        args.turnout,
        rules=rules,
        published=published,
        time_limit=args.time_limit,
        work_limit=args.work_limit,
        seed=args.seed,
        progress=sys.stderr.isatty(),
        method=args.method,
    )
    if args.output:
        dump_event(plan.event, path=args.output)
    _print(args.format, plan.to_json, plan.render_text)
    return EXIT_OK if plan.passed else EXIT_FINDINGS


def _seating(args: argparse.Namespace, event: Event) -> int:
    from eventplan.protocol import seating

    result = seating(event, session=args.session, turnout=args.turnout, first=_first(args))
    _print(args.format, result.to_json, result.render_text)
    return EXIT_OK if result.passed else EXIT_FINDINGS


def _validate(args: argparse.Namespace) -> int:
    event = _event(args.file)  # an unsound file raises EventFileError: exit 2, every problem
    turnouts = event.turnouts
    holds = ", ".join(  # one line, for scripts and logs: what the file holds, zeros left out
        _text.plural(n, what)
        for n, what in (
            (len(event.sessions), "session"),
            (len(event.rooms), "room"),
            (len(turnouts), "turnout"),
            (sum(len(t.delegations) + len(t.cohorts) for t in turnouts), "party group"),
            (len(event.organisation.tasks), "task"),
            (len(event.reported), "reported figure"),
            (len(event.sources), "source"),
        )
        if n
    )
    print(f"ok: {args.file}: {holds}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from eventplan.calendars.changes import diff

    changes = diff(_event(args.old), _event(args.new))
    _print(
        args.format,
        changes.to_json,
        lambda: _text.fit_all(str(changes).splitlines(), _text.width()),
    )
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from eventplan.cli import _outputs
    from eventplan.files.schema import SCHEMA_FILE

    return _emit(args, _outputs.SCHEMA, SCHEMA_FILE.read_text(encoding="utf-8"))


def _init(args: argparse.Namespace) -> int:
    if os.path.exists(args.file):
        raise UsageError(f"{args.file}: already exists; init never overwrites a file")
    from eventplan._atomic import write_text

    write_text(args.file, starter_text())
    print(f"wrote {args.file}: edit it, then run `eventplan check {args.file}`", file=sys.stderr)
    return EXIT_OK


def _norms(args: argparse.Namespace) -> int:
    from eventplan.model.norms import default_norms, render_norms

    norms = default_norms() if args.event is None else _event(args.event).planning_norms()
    _print(
        args.format,
        lambda: [norm.to_json() for norm in norms.values()],
        lambda: render_norms(norms.values(), _text.width()),
    )
    return EXIT_OK
