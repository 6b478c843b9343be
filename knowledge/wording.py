"""What the knowledge package says itself, worded in its templates rather than in Python: the problems the loader
and `knowledge check` find in the data (knowledge_problems.j2), and the few words grading puts into an answer
(assessment_words.j2). Each is a jinja2 macro, called by its name."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

FOLDER = Path(__file__).resolve().parent / "templates"
PROBLEMS = "knowledge_problems.j2"
ASSESSMENT_WORDS = "assessment_words.j2"
FILES = (PROBLEMS, ASSESSMENT_WORDS)  # what knowledge.cache hashes besides the code and the data


def problem(kind: str, **values: object) -> str:
    """One problem found in the data, naming its file and field path where the caller gives them."""
    return _say(PROBLEMS, kind, values)


def assessment_word(kind: str, **values: object) -> str:
    return _say(ASSESSMENT_WORDS, kind, values)


def _say(template: str, kind: str, values: dict[str, object]) -> str:
    return str(getattr(_macros(template), kind)(**values))


@cache
def _macros(template: str) -> Any:
    """The template's macros, compiled once; they render plain text, exactly as written (no escaping, no
    undefined value passing silently)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(FOLDER),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return environment.get_template(template).module
