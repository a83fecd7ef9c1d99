"""Figures a test reports whether it passes or not (search quality, how many pages a sweep
checked), collected for the "figures" section at the end of a test run (tests/conftest.py).

A test records one with pytest's `record_property(FIGURES, text)`; the reports travel back
from xdist workers, whose own output is not shown."""
from __future__ import annotations

FIGURES = "figure"


def figure_lines(reports) -> list[str]:
    """The figures of a run, each once. Each report of a test carries the figures recorded so far,
    so its last (teardown) report has them all, also those a fixture's teardown (sweep_cache)
    added: per test, the fullest report counts."""
    fullest: dict = {}
    for report in reports:
        properties = getattr(report, "user_properties", None)
        if properties is not None and len(properties) >= len(fullest.get(report.nodeid, ())):
            fullest[report.nodeid] = properties
    return [value for properties in fullest.values() for name, value in properties if name == FIGURES]
