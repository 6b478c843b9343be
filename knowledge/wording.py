"""What the knowledge package says itself, worded in the templates folder it is given rather than in Python: the
problems the loader and `knowledge check` find in the data (knowledge_problems.j2), the few words grading
puts into an answer (assessment_words.j2) and how a cited clause is named (citation_words.j2). Each is a jinja2
macro, called by its name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import jinja2
import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from knowledge.models import field_path, parse_yaml, position

M = TypeVar("M", bound=BaseModel)

PROBLEMS = "knowledge_problems.j2"
ASSESSMENT_WORDS = "assessment_words.j2"
CITATION_WORDS = "citation_words.j2"
FILES = (
    PROBLEMS,
    ASSESSMENT_WORDS,
    CITATION_WORDS,
)  # what knowledge.cache hashes besides the code and the data
REFUSED = "field_refused"  # the macro for pydantic's own error types
SEVERAL = "several"  # a refusal of several of our problems, listed in its context as (kind, values)
NESTED = "nested"  # a refusal of what a part validated on its own (a flow's ladder) found: its errors
_QUOTED = re.compile(r"'([^']*)'")
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


Unworded = tuple[str, dict[str, object]]  # a problem's kind and values, for a Wording to word


def unworded(kind: str, **values: object) -> Unworded:
    return kind, values


def refusal(kind: str, **values: object) -> PydanticCustomError:
    """What a validator raises: pydantic puts the field path in front of it, and the Wording that reads the
    error words it by `kind` (a macro of knowledge_problems.j2), whatever templates folder it was given."""
    return PydanticCustomError(kind, kind, values)


@dataclass(frozen=True)
class Wording:
    """The templates folder the knowledge words things with (the deployment's BOT_TEMPLATES_DIR)."""

    folder: Path

    def problem(self, kind: str, **values: object) -> str:
        """One problem found in the data, naming its file and field path where the caller gives them."""
        return self._say(PROBLEMS, kind, values)

    def assessment_word(self, kind: str, **values: object) -> str:
        return self._say(ASSESSMENT_WORDS, kind, values)

    def citation_word(self, kind: str, **values: object) -> str:
        return self._say(CITATION_WORDS, kind, values)

    def read(
        self, path: Path, model: type[M], shown_as: object, context: dict[str, object] | None = None
    ) -> tuple[M | None, list[str]]:
        """A data file validated as `model`, or None and every problem found in it, each naming the file as
        `shown_as`: unreadable, not YAML (where the parser stopped), or refused field by field."""
        try:
            text = path.read_text(encoding="utf-8")
            data = parse_yaml(text)
        except (OSError, UnicodeDecodeError) as error:
            return None, [self.unreadable(shown_as, error)]
        except yaml.YAMLError as error:
            return None, [self.unparsable(shown_as, error, text)]
        try:
            return model.model_validate(data, context=context), []
        except ValidationError as error:
            return None, self.refused(shown_as, text, data, error)

    def refused(self, file: object, text: str, data: object, error: ValidationError) -> list[str]:
        """Each error pydantic found in a file's data, in Chinese: the entry and field (by position and id),
        the line and column it is at in `text`, and what is wrong."""
        problems = []
        for item in error.errors():
            loc = tuple(item["loc"])
            mark = position(text, loc)
            problems.append(
                self.problem(
                    "at_field",
                    file=str(file),
                    field=field_path(data, loc, missing=item["type"] == "missing"),
                    line=mark[0] if mark else None,
                    column=mark[1] if mark else None,
                    what=self.reason(item),
                )
            )
        return problems

    def reason(self, item: ErrorDetails) -> str:
        """What is wrong with one value, by the error's type and context: a refusal of ours by its own macro,
        one of pydantic's by field_refused."""
        kind, context = item["type"], dict(item.get("ctx") or {})
        if kind == SEVERAL:
            return "；".join(self.problem(each, **values) for each, values in context["problems"])
        if kind == NESTED:
            return "；".join(
                self.problem("at_part", field=[str(part) for part in inner["loc"]], what=self.reason(inner))
                for inner in context["errors"]
            )
        if kind in _macros(self.folder, PROBLEMS).__dict__ and kind != REFUSED:
            return self.problem(kind, **context)
        return self.problem(REFUSED, type=kind, **_readable(context))

    def unparsable(self, file: object, error: yaml.YAMLError, text: str) -> str:
        """A file that is not YAML, at the line and column the parser stopped, with what it was reading and
        the character it stopped at (PyYAML's own words are English: they choose the wording, never shown)."""
        mark = getattr(error, "problem_mark", None)
        start = getattr(error, "context_mark", None)
        lines = text.splitlines()
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        return self.problem(
            "not_yaml",
            file=str(file),
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            problem=getattr(error, "problem", None) or "",
            context=getattr(error, "context", None) or "",
            started=start.line + 1 if start and mark and start.line != mark.line else None,
            char=line[mark.column] if mark and mark.column < len(line) else "",
        )

    def unreadable(self, file: object, error: OSError | UnicodeDecodeError) -> str:
        reason = "encoding" if isinstance(error, UnicodeDecodeError) else type(error).__name__
        return self.problem("unreadable", file=str(file), reason=reason)

    def _say(self, template: str, kind: str, values: dict[str, object]) -> str:
        return str(getattr(_macros(self.folder, template), kind)(**values))


def _readable(context: dict[str, Any]) -> dict[str, object]:
    """The context values field_refused shows: the allowed values of a literal or enum as a list (pydantic
    joins them with an English "or"), a validator's own message only when it is Chinese."""
    readable: dict[str, object] = {key: value for key, value in context.items() if key != "error"}
    if "expected" in context:
        readable["expected"] = _QUOTED.findall(str(context["expected"])) or [str(context["expected"])]
    message = str(context.get("error", ""))
    readable["message"] = message if _CHINESE.search(message) else ""
    return readable


@cache
def _macros(folder: Path, template: str) -> Any:
    """The template's macros, compiled once; they render plain text, exactly as written (no escaping, no
    undefined value passing silently)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return environment.get_template(template).module
