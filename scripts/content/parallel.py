"""Run independent jobs on every core: WeasyPrint draws a PDF in pure Python, on one core.

Used where a build draws several PDFs (leaflets, the handbook, the training kit). A job is a
module-level function and its arguments; results come back in order. Processes are forked, so
a job sees the building process's state as it was when the jobs started.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")


def cores() -> int:
    return len(os.sched_getaffinity(0))


def run_all(job: Callable[..., T], arguments: Iterable[tuple]) -> list[T]:
    """`job(*args)` for each tuple of `arguments`, in that order: in up to one process per core,
    or in this process when there is one job or one core. An exception in a job is raised here."""
    arguments = list(arguments)
    workers = min(len(arguments), cores())
    if workers <= 1:
        return [job(*args) for args in arguments]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(job, *zip(*arguments)))
