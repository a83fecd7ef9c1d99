"""Shared fixtures: one real build of the whole site per test run, shared by every xdist worker;
and `figure`, for numbers a test reports whether it passes or not (printed at the end of the run).
"""
from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.tools.run_figures import FIGURES, figure_lines  # noqa: E402
from scripts.tools.site_build import build  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `mkdocs build` writes it, in a temporary folder; fails loudly if the build fails.

    `make test` runs the tests in parallel processes (pytest-xdist): the first one to get here builds,
    the others wait for the lock and reuse the same folder (the base temp's parent is shared)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    site, done = shared / "built-site", shared / "built-site.ok"
    with open(shared / "built-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            result = build(site)
            assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
            done.touch()
    return site


@pytest.fixture
def figure(record_property):
    """`figure("search quality nl: 94 %")`: shown in the run's summary, also from xdist workers
    (their output is not shown, but each report's user properties travel back)."""
    return lambda text: record_property(FIGURES, text)


def pytest_terminal_summary(terminalreporter):
    lines = figure_lines(report for kind in terminalreporter.stats.values() for report in kind)
    if lines:
        terminalreporter.section("figures")
        for line in lines:
            terminalreporter.line(line)
