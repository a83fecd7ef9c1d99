"""scripts/tools/run_figures.py: the run's "figures" summary lists every figure once, also one
that a fixture records while the test is torn down."""
from __future__ import annotations

from types import SimpleNamespace

from scripts.tools.run_figures import FIGURES, figure_lines


def report(nodeid: str, *values: str):
    return SimpleNamespace(nodeid=nodeid, user_properties=[(FIGURES, value) for value in values])


def test_each_figure_is_listed_once_with_those_added_at_teardown():
    reports = [
        report("search", "search quality: 94 %"),                        # call
        report("axe[nl]"),                                                # call: nothing yet
        report("search", "search quality: 94 %"),                        # teardown repeats it
        report("axe[nl]", "axe[nl]: 1 pages checked, 21 unchanged"),     # teardown of sweep_cache
        SimpleNamespace(nodeid="", location=None),                        # a collect report
    ]
    assert figure_lines(reports) == ["search quality: 94 %", "axe[nl]: 1 pages checked, 21 unchanged"]
