"""Start-up speed (issue 10): `eventplan summary` on the reference event, as a whole process,
against a process that only imports the libraries it cannot do without.

Run: python -m pytest -o addopts="" tests/benchmarks/test_startup_benchmarks.py
Target: the mean of 'summary' at most 2.5 times the mean of 'bare imports', in the same run.
'summary' runs as a user's second command on a file does, with what the first one read kept
(eventplan.readcache, in a scratch directory here); 'summary, nothing kept' is a first run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CACHE = tempfile.mkdtemp(prefix="eventplan-bench-cache-")
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80", "EVENTPLAN_CACHE_DIR": CACHE}


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env={**ENV, **env}, capture_output=True, text=True, check=True
    )


@pytest.mark.benchmark(group="startup", min_rounds=20, warmup=True)
def test_bare_imports_process(benchmark):
    result = benchmark(_run, "-c", "import attrs, cattrs, pendulum, tomllib")
    assert result.stdout == ""


@pytest.mark.benchmark(group="startup", min_rounds=20, warmup=True)
def test_summary_process(benchmark):
    result = benchmark(_run, "-m", "eventplan", "summary")
    assert "national delegations" in result.stdout


@pytest.mark.benchmark(group="startup", min_rounds=20, warmup=True)
def test_summary_process_nothing_kept(benchmark):
    result = benchmark(_run, "-m", "eventplan", "summary", EVENTPLAN_CACHE_DIR="")
    assert "national delegations" in result.stdout
