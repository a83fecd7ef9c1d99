"""Jobs on every core (scripts/content/parallel.py)."""
from __future__ import annotations

import os

import pytest

from scripts.content import parallel


def where(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def fails(n: int) -> int:
    if n == 3:
        raise ValueError(f"job {n} failed")
    return n


def test_results_come_back_in_order():
    assert [square for square, _ in parallel.run_all(where, [(n,) for n in range(12)])] == [n * n for n in range(12)]


def test_several_jobs_run_beside_this_process_when_there_are_cores():
    pids = {pid for _, pid in parallel.run_all(where, [(n,) for n in range(8)])}
    if parallel.cores() < 2:
        assert pids == {os.getpid()}
    else:
        assert os.getpid() not in pids


def test_one_job_runs_here():
    assert parallel.run_all(where, [(2,)]) == [(4, os.getpid())]
    assert parallel.run_all(where, []) == []


def test_a_failing_job_raises_here():
    with pytest.raises(ValueError, match="job 3 failed"):
        parallel.run_all(fails, [(n,) for n in range(5)])
