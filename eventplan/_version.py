"""The version, read by hatch at build time and by eventplan at import (no importlib.metadata)."""

__version__ = "0.1.0"
