"""Plain text for a terminal: the width to fit, wrapping with a hanging indent, plurals.

Every text renderer (summary, check report, Monte Carlo table, CLI) fits its lines here, so
they all honour ``COLUMNS`` and the terminal's width the same way.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Iterable

# C0 and C1 controls but tab and line feed: U+009B alone is a terminal's escape sequence (CSI)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: Narrower than this, wrapping would make the text harder to read, not easier.
MIN_WIDTH = 40


def width(requested: int | None = None) -> int:
    """``requested``, else the terminal's width (``COLUMNS`` first, 80 when not a terminal)."""
    if requested is None:
        requested = shutil.get_terminal_size((80, 24)).columns
    return max(requested, MIN_WIDTH)


def fit(line: str, columns: int, hang: int | None = None) -> list[str]:
    """``line`` wrapped to ``columns``; continuation lines start at column ``hang`` (by default
    under the first word after the line's own indent)."""
    if len(line) <= columns:
        return [line]
    indent = len(line) - len(line.lstrip(" "))
    hang = indent if hang is None else hang
    hang = min(hang, columns - MIN_WIDTH // 2)
    return textwrap.wrap(
        line.lstrip(" "),
        columns,
        initial_indent=" " * indent,
        subsequent_indent=" " * hang,
        break_long_words=False,  # an address stays whole, so it can be copied
        break_on_hyphens=False,
    ) or [line]


def fit_all(lines: Iterable[str | tuple[str, int]], columns: int) -> str:
    """Lines (or ``(line, hang)`` pairs) each fitted to ``columns``, joined."""
    out: list[str] = []
    for item in lines:
        line, hang = item if isinstance(item, tuple) else (item, None)
        out.extend(fit(line, columns, hang))
    return "\n".join(out)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 error``, ``8 errors``, ``2 ceremonies``: the count with its noun in the right number."""
    if count == 1:
        noun = singular
    elif plural_form is not None:
        noun = plural_form
    elif singular.endswith("y") and singular[-2:-1] not in ("a", "e", "i", "o", "u"):
        noun = singular[:-1] + "ies"  # ceremony, ceremonies
    else:
        noun = singular + "s"
    return f"{count:,} {noun}"


def escape_controls(text: str) -> str:
    """``text`` with every control character shown escaped (``\x1b``), safe for a terminal."""
    return CONTROL.sub(lambda found: repr(found.group())[1:-1], text)
