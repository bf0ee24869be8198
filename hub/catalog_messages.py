"""The words for the catalog check's problems (station/catalog_audit.py) on the hub:
Vietnamese, then English, as `sohoa catalog check` says them."""

from __future__ import annotations

from station.catalog_audit import Problem
from station.catalog_problem_text import problem_words


def check_line(problem: Problem) -> str:
    """One line for a problem in a JSON file: the file and procedure, then what, in both
    languages, then its code."""
    vi, en = problem_words(problem.kind)
    detail = f" ({problem.detail})" if problem.detail else ""
    where = f"{problem.path} ({problem.procedure})" if problem.procedure else problem.path
    return f"{where}: {vi}{detail} / {en}{detail} [{problem.kind.value}]"
