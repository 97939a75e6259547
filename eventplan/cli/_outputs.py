"""Which files an export may write: one rule for every format eventplan writes.

- A command never writes over its own input, whatever it is asked: the event
  file or schedule it read (the same file by any name, a link or a hard link
  included) is refused even with ``--force``.
- A regular file already there is replaced only when eventplan wrote it, as
  the format itself shows (the generator a schedule names, the header of a
  CSV, the creator of a workbook, the first line of an event file, the PRODID
  and UIDs of a calendar); anything else is refused with
  :class:`~eventplan.errors.ForeignFileError` unless forced.
- A device or a FIFO (``/dev/stdout``, a pipe) is written to, never judged.

Calendars carry their own, stricter test (this event's calendar, read back
for SEQUENCE) in :mod:`eventplan.calendars.writer`; the rule about inputs is this one.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from eventplan import limits
from eventplan.errors import ForeignFileError, UsageError

_HEAD = 4096  # how much of a file its mark must lie within
_BOM = b"\xef\xbb\xbf"


@attrs.frozen
class Output:
    """A format an export writes: what to call it, and how to tell a file eventplan wrote."""

    what: str
    ours: Callable[[bytes], bool]
    #: Whether the whole file is needed to tell (a workbook is a zip archive), else its head.
    whole: bool = False


def _frab_json(data: bytes) -> bool:
    return re.search(rb'"generator"\s*:\s*\{\s*"name"\s*:\s*"eventplan"', data) is not None


def _frab_xml(data: bytes) -> bool:
    return re.search(rb"<schedule\b[^>]*>\s*<generator\s+name=\"eventplan\"", data) is not None


def _csv(data: bytes) -> bool:
    from eventplan.files.spreadsheets import WRITTEN_HEADERS  # the headers to_csv has written

    body = data.removeprefix(_BOM)
    return any(
        body.startswith(header + end)
        for header in (",".join(columns).encode() for columns in WRITTEN_HEADERS)
        for end in (b"\r\n", b"\n")
    )


def _xlsx(data: bytes) -> bool:
    """Made by eventplan, and saved by nobody else since (Excel records who saved it last)."""
    import io
    import zipfile
    from xml.etree import ElementTree

    from eventplan.files.spreadsheets import CREATOR

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ElementTree.ParseError):
        return False
    creator = core.findtext("{http://purl.org/dc/elements/1.1/}creator")
    saved_by = core.findtext(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy"
    )
    return creator == CREATOR and saved_by in (None, CREATOR)


def _event_file(data: bytes) -> bool:
    from eventplan.files.eventfile import WRITTEN_MARK

    return data.removeprefix(_BOM).startswith(WRITTEN_MARK.encode())


def _schema(data: bytes) -> bool:
    return re.search(rb'"title"\s*:\s*"eventplan event file"', data) is not None


FRAB_JSON = Output("a schedule.json written by eventplan", _frab_json)
FRAB_XML = Output("a schedule.xml written by eventplan", _frab_xml)
CSV = Output("a programme CSV written by eventplan", _csv)
XLSX = Output("a workbook written by eventplan", _xlsx, whole=True)
EVENT_FILE = Output("an event file written by eventplan", _event_file)
SCHEMA = Output("an event-file schema written by eventplan", _schema)


def claim(
    path: str | os.PathLike[str],
    output: Output | None,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
) -> None:
    """Raise unless ``path`` may be written: it is none of ``inputs`` and, unless ``force``,
    holds nothing eventplan did not write as ``output`` (``None``: the caller judges that)."""
    refuse_inputs([path], inputs)
    if output is None or force:
        return
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as error:
        raise ForeignFileError(os.fspath(path), f"cannot be read: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        return  # a device or a FIFO is written to, never replaced; a directory fails on write
    found = _found(path, output, status.st_size)
    if found is not None:
        raise ForeignFileError(os.fspath(path), found, what=output.what)


def refuse_inputs(
    targets: Iterable[str | os.PathLike[str]], inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Raise :class:`UsageError` when any of ``targets`` is one of ``inputs``, by any name."""
    sources = [source for source in inputs if source is not None]
    for target in targets:
        for source in sources:
            if _same_file(target, source):
                raise UsageError(
                    f"{os.fspath(target)}: is this command's input ({os.fspath(source)}); "
                    "nothing was written, and --force does not change that. Write elsewhere"
                )


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # not there yet, or unreadable: not the same file
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def _found(path: str | os.PathLike[str], output: Output, size: int) -> str | None:
    """What shows the regular file at ``path`` is not ``output``'s, or None when it is."""
    if size == 0:
        return None  # an empty file holds nothing to lose
    if output.whole and size > limits.MAX_FILE_BYTES:
        return f"{size:,} bytes, larger than any file eventplan writes"
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            data = os.read(descriptor, limits.MAX_FILE_BYTES + 1 if output.whole else _HEAD)
        finally:
            os.close(descriptor)
    except OSError as error:
        return f"cannot be read: {error.strerror}"
    return None if output.ours(data) else "a file eventplan did not write"
