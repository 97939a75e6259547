"""Write files whole or not at all, without harming what is already there.

Every file eventplan writes goes through here, so each of these holds for all of them:

- a new file gets the mode the umask gives (0644 under 022): the temporary
  file is created with 0666 and the kernel applies the umask; a file that is
  rewritten keeps its mode (and, where permitted, its owner and group), so a
  feed served by another user stays readable;
- a symbolic link is followed and its target is replaced, the link stays;
- a device or a FIFO (``/dev/stdout``, ``/dev/null``, a pipe) is written to
  directly, never replaced by a regular file;
- a regular file is replaced by renaming a temporary file written beside it,
  so a crash or an error mid-write leaves the previous file as it was;
- temporary names fit within the file-name limit however long the target's
  name is, start with a dot, end in ``.eventplan-tmp`` and name the process
  that made them: debris of a process no longer running on this machine is
  removed by the next write into that directory (a writer on another machine
  sharing it would see its rename fail, never a wrong file);
- :func:`write_many` is all or nothing: every temporary file is written and
  flushed to disk before the first rename. Flushing one file at a time costs
  a disk round trip each (a journal commit and a cache flush); a batch is
  flushed together instead, with one ``syncfs`` per file system on Linux
  5.8 and later (which reports the write-back errors of every file written
  since), else with every file's own flush, run concurrently so the file
  system commits them together. Then the files are renamed, then each
  directory is flushed once;
- a batch of more than one file is published whole even when its process is
  killed among the renames: a journal (:data:`JOURNAL`), written and flushed
  with the files, is put in each directory first and removed last, and the
  next write into that directory completes the renames it lists
  (:func:`recover`, which the command line reports).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import attrs

from eventplan.limits import MAX_FILE_BYTES

#: POSIX's NAME_MAX where the file system does not say.
NAME_MAX = 255
TEMPORARY_SUFFIX = ".eventplan-tmp"
#: The journal of a batch being renamed into place, in each directory it writes into.
JOURNAL = ".eventplan-publishing.json"
_TEMPORARY = re.compile(r"^\..*\.(?P<pid>\d+)-[0-9a-f]{8}" + re.escape(TEMPORARY_SUFFIX) + "$")
#: Temporary names of this process: a random start, then one more each (O_EXCL refuses a clash);
#: drawing from the system's random source for each name cost 0.2 ms a file on this machine.
_SERIAL = itertools.count(int.from_bytes(os.urandom(4), "big"))
_WORKERS = 16  # concurrent flushes: measured best between 4 and 32
_A = TypeVar("_A")


@attrs.frozen
class _Target:
    """Where one file's bytes go, decided before anything is written."""

    path: Path  # symbolic links resolved
    data: bytes
    existing: os.stat_result | None
    given: str  # as the caller named it, for messages

    @property
    def direct(self) -> bool:
        """A device or a FIFO: written to, never replaced."""
        return self.existing is not None and not stat.S_ISREG(self.existing.st_mode)


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    newline: str | None = None,
    encoding: str = "utf-8",
) -> None:
    """Write ``text`` to ``path`` safely; ``newline`` as for :func:`open` (``""``: as given)."""
    write_bytes(path, encode(text, newline=newline, encoding=encoding))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` safely (see the module's docstring)."""
    write_many([(path, data)])


def encode(text: str, *, newline: str | None = None, encoding: str = "utf-8") -> bytes:
    """The bytes :func:`open` in text mode would write for ``text``."""
    if newline is None:
        newline = os.linesep
    if newline not in ("", "\n"):
        text = text.replace("\n", newline)
    return text.encode(encoding)


def write_many(files: Iterable[tuple[str | os.PathLike[str], bytes]]) -> None:
    """Write several files: every one of them or, when something fails first, none.

    ``files`` may be a generator, consumed once. No file is renamed into place
    before all are on disk; an error up to then, the caller's included, leaves
    every target as it was and removes the temporary files.
    """
    replaced: list[_Target] = []
    direct: list[_Target] = []
    staged: list[Path] = []
    directories: dict[Path, int] = {}  # each directory, opened before its first file is written
    seen: set[Path] = set()
    limits: dict[Path, int] = {}  # the file-name limit of each directory, asked once
    journals: dict[Path, Path] = {}  # a batch's journal in each directory → its temporary name
    try:
        try:
            for path, data in files:
                target = _target(path, data, limits)
                if target.path in seen:
                    raise ValueError(f"{target.path}: written twice in one batch")
                seen.add(target.path)
                if target.direct:
                    direct.append(target)
                    continue
                if target.path.parent not in directories:
                    directories[target.path.parent] = _open_directory(target.path.parent)
                    remove_debris(target.path.parent)  # a stopped batch completed first
                staged.append(temporary_name(target.path, limits))
                replaced.append(target)
                _write_temporary(target, staged[-1])
            journals = _stage_journals(staged, replaced, directories, limits)
            try:
                _flush([*staged, *journals.values()], list(directories.values()))
            except OSError as error:  # a write-back error: name what was being written
                raise _naming(error, ", ".join(t.given for t in replaced)) from None
        except BaseException:
            for name in [*staged, *journals.values()]:
                name.unlink(missing_ok=True)
            raise
        _begin(journals, directories)
        # From here the batch goes forward: a rename that fails, a Ctrl-C or a kill leaves
        # the journal and the files not yet renamed, and the next write completes the set.
        for name, target in zip(staged, replaced, strict=True):
            os.replace(name, target.path)
        for descriptor in directories.values():
            _flush_directory(descriptor)
        for journal in journals:  # the set is whole; a journal back after a crash finds
            journal.unlink(missing_ok=True)  # nothing to rename, and goes
    finally:
        for descriptor in directories.values():
            if descriptor >= 0:
                os.close(descriptor)
    for target in direct:
        try:
            with open(target.path, "wb") as stream:
                stream.write(target.data)
        except OSError as error:  # /dev/full, a pipe closed early: name it
            raise _naming(error, target.given) from None


def _naming(error: OSError, given: str) -> OSError:
    """``error`` with ``given`` as its file name, where it names none."""
    if error.filename:
        return error
    return type(error)(error.errno, error.strerror or str(error), given)


def temporary_name(target: Path, limits: dict[Path, int] | None = None) -> Path:
    """``.NAME.PID-RANDOM.eventplan-tmp`` beside ``target``, NAME shortened to fit the limit."""
    tail = f".{os.getpid()}-{next(_SERIAL) % 2**32:08x}{TEMPORARY_SUFFIX}"
    room = _name_max(target.parent, limits) - len(tail.encode()) - 1
    name = target.name.encode("utf-8", "surrogateescape")[: max(room, 0)]
    return target.with_name("." + name.decode("utf-8", "ignore") + tail)


def remove_debris(directory: Path) -> tuple[Path, ...]:
    """Remove temporary files left in ``directory`` by processes that are no longer running,
    once a batch a stopped process left half renamed there is completed (:func:`recover`)."""
    recover(directory)
    kept = {staged.name for staged, _ in _journal(Path(directory))}  # a batch not yet complete
    removed = []
    try:
        names = os.listdir(directory)
    except OSError:
        return ()
    for name in names:
        match = _TEMPORARY.match(name)
        if match is None or name in kept or _running(int(match["pid"])):
            continue
        with contextlib.suppress(FileNotFoundError):
            (directory / name).unlink()
            removed.append(directory / name)
    return tuple(removed)


def recover(directory: str | os.PathLike[str]) -> tuple[Path, ...]:
    """Complete a batch that a process stopped part-way through renaming, as its journal in
    ``directory`` records; the files it renamed now, and none when there was nothing to do.

    Every file of a batch is on disk before its journal is, so the batch rolls
    forward: the set is the new one, whole. Any write into the directory runs
    this first; the command line says what it completed.
    """
    pairs = _journal(Path(directory))
    completed: list[Path] = []
    for staged, target in pairs:
        if not staged.exists():
            continue
        try:
            os.replace(staged, target)
        except OSError:
            return tuple(completed)  # the journal stays, and so do the files it names
        completed.append(target)
    if not pairs:
        return ()
    for folder in {target.parent for _, target in pairs} | {Path(directory)}:
        (folder / JOURNAL).unlink(missing_ok=True)
        descriptor = _open_directory(folder)
        _flush_directory(descriptor)
        if descriptor >= 0:
            os.close(descriptor)
    return tuple(completed)


def _journal(directory: Path) -> list[tuple[Path, Path]]:
    """The renames a batch's journal in ``directory`` records; none when there is no journal
    (or it is not one eventplan wrote: left for a person to look at)."""
    import json  # only batches keep journals

    try:
        with open(directory / JOURNAL, "rb") as file:
            entries = json.loads(file.read(MAX_FILE_BYTES))
        return [(Path(staged), Path(target)) for staged, target in entries["renames"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _stage_journals(
    staged: Sequence[Path],
    replaced: Sequence[_Target],
    directories: dict[Path, int],
    limits: dict[Path, int],
) -> dict[Path, Path]:
    """For a batch of more than one file, its journal, written beside its files in each of
    their directories (journal → its temporary name), flushed with them."""
    if len(staged) < 2:
        return {}
    import json  # only batches keep journals

    pairs = [(os.fspath(name), os.fspath(t.path)) for name, t in zip(staged, replaced, strict=True)]
    text = json.dumps({"written_by": "eventplan", "renames": pairs}).encode()
    journals = {}
    for folder in directories:
        journal = folder / JOURNAL
        journals[journal] = temporary_name(journal, limits)
        _write_temporary(_Target(journal, text, None, os.fspath(journal)), journals[journal])
    return journals


def _begin(journals: dict[Path, Path], directories: dict[Path, int]) -> None:
    """Put the journals in place, on disk before the first of the batch's renames."""
    for journal, name in journals.items():
        os.replace(name, journal)
    if journals:
        for descriptor in directories.values():
            _flush_directory(descriptor)


def _target(path: str | os.PathLike[str], data: bytes, limits: dict[Path, int]) -> _Target:
    """Where ``data`` goes: a symbolic link's target (the link stays), else ``path`` itself."""
    resolved = Path(os.path.abspath(path))
    try:
        existing: os.stat_result | None = os.lstat(resolved)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISLNK(existing.st_mode):
        resolved = Path(os.path.realpath(resolved))
        try:
            existing = os.stat(resolved)
        except FileNotFoundError:  # a dangling link: its target is created
            existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", os.fspath(path))
    if existing is None and len(os.fsencode(resolved.name)) > _name_max(resolved.parent, limits):
        # found now, before any file of the batch is renamed into place
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), os.fspath(path))
    return _Target(resolved, data, existing, os.fspath(path))


def _flush(names: Sequence[Path], directories: Sequence[int]) -> None:
    """Bring the files ``names`` (all written, in ``directories``) to disk together.

    One ``syncfs`` per file system commits every file of a batch at once; a
    single file, or a system without a ``syncfs`` that reports write-back
    errors, has each file flushed on its own, concurrently.
    """
    syncfs = _find_syncfs() if len(names) > 1 and -1 not in directories else None
    if syncfs is not None:
        devices = {os.fstat(descriptor).st_dev: descriptor for descriptor in directories}
        if all(syncfs(descriptor) for descriptor in devices.values()):
            return
    _each(_flush_file, names)


def _flush_file(name: Path) -> None:
    descriptor = os.open(name, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _each(action: Callable[[_A], object], items: Sequence[_A]) -> None:
    """``action`` on every item, concurrently; the first error, raised once all are done.

    Flushes wait on the disk, not on Python, so they overlap: the file system
    commits concurrent flushes together.
    """
    if len(items) <= 1:
        for item in items:
            action(item)
        return
    from concurrent.futures import ThreadPoolExecutor, wait

    with ThreadPoolExecutor(max_workers=min(_WORKERS, len(items))) as pool:
        futures = [pool.submit(action, item) for item in items]
    wait(futures)
    for future in futures:
        error = future.exception()
        if error is not None:
            raise error


def _write_temporary(target: _Target, name: Path) -> None:
    """Create ``name`` (mode 0666 less the umask) and fill it; :func:`_flush` brings it to disk."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(name, flags, 0o666)
    except OSError as error:  # say which file could not be written, not the temporary name
        raise type(error)(error.errno, error.strerror, target.given) from None
    try:
        if target.existing is not None:
            _keep_ownership(descriptor, target.existing)
        view = memoryview(target.data)
        while view:
            view = view[os.write(descriptor, view) :]
    except OSError as error:  # a full disk: name the file, not the temporary one
        raise _naming(error, target.given) from None
    finally:
        os.close(descriptor)


def _keep_ownership(descriptor: int, existing: os.stat_result) -> None:
    """Give the new file the old one's mode and, as far as permitted, its owner and group."""
    os.fchmod(descriptor, stat.S_IMODE(existing.st_mode))
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) != (existing.st_uid, existing.st_gid):
        with contextlib.suppress(PermissionError):
            os.fchown(descriptor, existing.st_uid, existing.st_gid)
            os.fchmod(descriptor, stat.S_IMODE(existing.st_mode))  # chown may clear set-id bits


def _open_directory(directory: Path) -> int:
    """A descriptor of ``directory`` to flush it by; -1 where directories cannot be opened."""
    try:
        return os.open(directory, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return -1


def _flush_directory(descriptor: int) -> None:
    """Make the renames in a directory durable (a no-op where directories cannot be opened)."""
    if descriptor >= 0:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)


@functools.cache
def _find_syncfs() -> Callable[[int], bool] | None:
    """Linux's ``syncfs(fd)`` where it reports write-back errors (5.8 and later), else None.

    The function returns False when the call is refused (a sandbox may forbid it),
    so that the files are flushed one by one instead, and raises the error of a
    failed write-back.
    """
    if not sys.platform.startswith("linux"):
        return None
    release = re.match(r"(\d+)\.(\d+)", os.uname().release)
    if release is None or (int(release[1]), int(release[2])) < (5, 8):
        return None
    import ctypes  # loaded here: only Linux batches need it

    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int]

    def syncfs(descriptor: int) -> bool:
        if function(descriptor) == 0:
            return True
        number = ctypes.get_errno()
        if number in (errno.ENOSYS, errno.EPERM, errno.EACCES):
            return False
        raise OSError(number, os.strerror(number))

    return syncfs


def _name_max(directory: Path, limits: dict[Path, int] | None = None) -> int:
    """The longest file name ``directory`` takes, remembered in ``limits`` when given."""
    if limits is not None and directory in limits:
        return limits[directory]
    try:
        found = int(os.pathconf(directory, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        found = NAME_MAX
    if limits is not None:
        limits[directory] = found
    return found


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be writing it now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
