"""The one translator from a :class:`~marketplace.core.errors.Problem` (or a raised ``DomainError``) to text in
the reader's language. Pages, states and HTTP routes show errors through :func:`problem_text` only."""

from __future__ import annotations

from marketplace.core.errors import DomainError, Problem
from marketplace.core.i18n import translate


def problem_text(lang: str, problem: Problem | DomainError) -> str:
    """The problem's message in ``lang``, its placeholders filled from its params."""
    if isinstance(problem, DomainError):
        problem = problem.problem
    return translate(lang, problem.message, **problem.params)


def problem_texts(lang: str, problems: tuple[Problem, ...] | list[Problem]) -> list[str]:
    return [problem_text(lang, problem) for problem in problems]
