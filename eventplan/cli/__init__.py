"""The ``eventplan`` command: argument parsing and printing, no planning logic of its own."""

from eventplan.cli.commands import main

__all__ = ["main"]
