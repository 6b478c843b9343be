"""Moved to tests/harness.py; kept so that tests written before the move still import from here."""

from tests.harness import ALL_A, CEMENT, REVIEW_MARK, VALID_CODES, Rule, Run, basics, complete, question_line

__all__ = [
    "ALL_A",
    "CEMENT",
    "REVIEW_MARK",
    "VALID_CODES",
    "Rule",
    "Run",
    "basics",
    "complete",
    "question_line",
]
