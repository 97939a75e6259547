"""What the command line read before, kept for its next run.

Reading the reference event (TOML parsed, structured, validated) is about 65 ms
of a ``summary`` that takes 260; unpickling what that reading gave takes 3.
Protocol offices run command after command on one file, so each command keeps
what it read, found again by a digest of:

- the file's bytes and its suffix (which decides how it is read);
- eventplan's code: the size and modification time of every module, so an
  edit or an upgrade misses;
- the code of the libraries whose objects are kept (attrs, pendulum);
- the Python version.

The cache is the user's own: ``$EVENTPLAN_CACHE_DIR``, else
``$XDG_CACHE_HOME/eventplan``, else ``~/.cache/eventplan``; an empty
``EVENTPLAN_CACHE_DIR`` turns it off. Unpickling runs code, so an entry is read
only from a directory and a file the user owns and nobody else can write; the
directory is made with mode 0700. An entry that cannot be read, or that is not
exactly what the cache wrote (not a regular file, another owner, writable by
others, a value of the wrong type), is a miss; it is never waited on. And
anything that goes wrong while keeping one is ignored: the cache only ever saves
time. At most :data:`MAX_ENTRIES` are kept, the oldest removed first.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from eventplan import _shipping, limits

T = TypeVar("T")

#: Entries kept; each is an event's pickle (the reference event's is 64 KB).
MAX_ENTRIES = 32
SUFFIX = ".pickle"
_FORMAT = b"eventplan read cache 1\n"


def directory() -> Path | None:
    """Where entries are kept, or None when the cache is turned off."""
    chosen = os.environ.get("EVENTPLAN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventplan"


def cached(
    path: str | os.PathLike[str], read: Callable[[], T], accept: Callable[[object], bool]
) -> T:
    """What ``read()`` gives for the file at ``path``: kept from an earlier run when the file,
    eventplan and its libraries are the same, else read now and kept. A kept value that
    ``accept`` refuses (not what ``read`` gives) is a miss."""
    folder = directory()
    key = _key(path) if folder is not None else None
    if folder is None or key is None:
        return read()
    entry = folder / f"{key}{SUFFIX}"
    found = _load(entry)
    if found is not None and accept(found):
        return cast(T, found)
    value = read()
    if _key(path) == key:  # the file did not change while it was read
        _keep(folder, entry, value)
    return value


def _key(path: str | os.PathLike[str]) -> str | None:
    """The entry's name for the file at ``path``; None for a file the reader refuses unread
    (larger than :data:`~eventplan.limits.MAX_FILE_BYTES`), a pipe or a device."""
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > limits.MAX_FILE_BYTES:
                return None  # a pipe or device is read once; a huge file is refused unread
            data = file.read(limits.MAX_FILE_BYTES + 1)
    except OSError:
        return None  # the reader says what is wrong with it
    if len(data) > limits.MAX_FILE_BYTES:
        return None  # it grew while read: the reader refuses it
    digest = hashlib.blake2b(_FORMAT, digest_size=20)
    digest.update(_code_fingerprint())
    digest.update(Path(path).suffix.lower().encode("utf-8", "surrogateescape") + b"\n")
    digest.update(data)
    return digest.hexdigest()


@functools.cache
def _code_fingerprint() -> bytes:
    """Size and modification time of every module of eventplan and of the libraries whose
    objects an entry holds, and the Python version: any upgrade or edit changes it."""
    import attr
    import pendulum

    here = Path(__file__).resolve().parents[1]  # the whole package, every door
    parts = [sys.version.encode()]
    files = [*sorted(here.rglob("*.py")), Path(attr.__file__), Path(pendulum.__file__)]
    for file in files:
        try:
            status = file.stat()
        except OSError:
            continue
        parts.append(f"{file}:{status.st_size}:{status.st_mtime_ns}".encode("utf-8", "replace"))
    return b"\n".join(parts)


def _private(status: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else: safe to unpickle from."""
    owner = getattr(os, "getuid", lambda: status.st_uid)()
    return status.st_uid == owner and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _load(entry: Path) -> object | None:
    try:
        if not _private(entry.parent.stat()):
            return None
        # not blocking: a FIFO planted as an entry opens at once, and is then refused
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(entry, flags | getattr(os, "O_CLOEXEC", 0))
        with open(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or not _private(status):
                return None
            data = file.read(limits.MAX_FILE_BYTES + 1)
    except OSError:
        return None
    try:
        found: object = _shipping.loads(data)  # the user's own file, checked above
        return found
    except Exception:  # written by another version, or damaged: read the file again
        return None


def _keep(folder: Path, entry: Path, value: object) -> None:
    from eventplan import _atomic  # only a miss writes

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder.stat()):
            return
        try:
            status: os.stat_result | None = entry.lstat()
        except FileNotFoundError:
            status = None
        if status is not None and (not stat.S_ISREG(status.st_mode) or not _private(status)):
            # not what the cache writes: a link, a FIFO (writing to it would wait for a
            # reader), or a mode others can write through (a rewrite would keep it)
            entry.unlink()
        _atomic.write_bytes(entry, _shipping.dumps(value))
        kept = sorted(
            (p.stat().st_mtime_ns, p) for p in folder.iterdir() if p.name.endswith(SUFFIX)
        )
        for _, old in kept[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, ValueError):
        return  # a read-only home, a full disk: the next run reads the file again
