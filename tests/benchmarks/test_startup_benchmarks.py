"""Start-up speed (issue 10): `eventplan summary` on the reference event, as a whole process,
against a process that only imports the libraries it cannot do without.

Run: python -m pytest -o addopts="" tests/benchmarks/test_startup_benchmarks.py
Target: the mean of 'summary' at most 2.5 times the mean of 'bare imports', in the same run.
'summary' runs as a user's second command on a file does, with what the first one read kept
(eventplan.files.readcache, in a scratch directory here); 'summary, nothing kept' is a first run.
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


@pytest.fixture(scope="module", autouse=True)
def _bytecode(tmp_path_factory):
    """Both processes start from bytecode, as an installed package does (pip compiles it).

    Without this, ``PYTHONDONTWRITEBYTECODE`` in the environment (or a read-only checkout)
    makes every run recompile eventplan's sources while the libraries load from their
    ``.pyc``: a cost no installed user pays. The cache lives in a temporary directory, for
    both processes alike; the warm-up rounds fill it.
    """
    saved = dict(ENV)
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("pycache"))
    for args in (("-c", BARE), ("-m", "eventplan", "summary")):
        _run(*args)
    yield
    ENV.clear()
    ENV.update(saved)


BARE = "import attrs, cattrs, pendulum, tomllib"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env={**ENV, **env}, capture_output=True, text=True, check=True
    )


@pytest.mark.benchmark(group="startup", min_rounds=20, warmup=True)
def test_bare_imports_process(benchmark):
    result = benchmark(_run, "-c", BARE)
    assert result.stdout == ""


@pytest.mark.benchmark(group="startup", min_rounds=20, warmup=True)
def test_summary_process(benchmark):
    result = benchmark(_run, "-m", "eventplan", "summary")
    assert "national delegations" in result.stdout


@pytest.mark.benchmark(group="startup", min_rounds=20, warmup=True)
def test_summary_process_nothing_kept(benchmark):
    result = benchmark(_run, "-m", "eventplan", "summary", EVENTPLAN_CACHE_DIR="")
    assert "national delegations" in result.stdout
