"""Base models shared by every knowledge file."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

# libyaml's parser when PyYAML was built with it: the pure-Python one is most of start-up time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """A data file's content (safe loading: plain data only)."""
    return parse_yaml(path.read_text(encoding="utf-8"))


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def position(text: str, loc: tuple[int | str, ...]) -> tuple[int, int] | None:
    """Line and column (from 1) where the field at pydantic's `loc` is written in the YAML `text` (its key, or
    the list item), or where the nearest enclosing one is when the rest of the path is not in the file (a
    missing field, a validator's own name in the path). Only for a file that failed, so parsing it again into
    nodes costs nothing that matters."""
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return None
    mark = node.start_mark if node else None
    for part in loc:
        found = _child(node, part)
        if found is None:
            continue  # a part pydantic adds (a union member's name) or a missing field: keep the parent
        written, node = found
        mark = written.start_mark
    return (mark.line + 1, mark.column + 1) if mark else None


def _child(node: yaml.Node | None, part: int | str) -> tuple[yaml.Node, yaml.Node] | None:
    """Where the child `part` of `node` is written (its key in a mapping), and its value."""
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item: yaml.Node = node.value[part]
        return item, item
    if isinstance(node, yaml.MappingNode):
        return next(((key, value) for key, value in node.value if key.value == str(part)), None)
    return None


# Fields that name an entry of a list, shown beside its position.
_NAMING_FIELDS = ("id", "name", "title")


def field_path(
    data: Any, loc: tuple[int | str, ...], missing: bool = False
) -> list[tuple[str, int | None, str]]:
    """pydantic's `loc` as the file's own fields: (key, position from 1, the entry's id or name) for each
    step found in `data`; steps pydantic adds that the file does not have are left out, except the last one
    of a missing field, which names it."""
    path: list[tuple[str, int | None, str]] = []
    for number, part in enumerate(loc):
        last = number == len(loc) - 1
        if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            label = next(
                (str(data[key]) for key in _NAMING_FIELDS if isinstance(data, dict) and key in data), ""
            )
            path.append(("", part + 1, label))
        elif isinstance(data, dict) and (part in data or (missing and last)):
            data = data.get(part)
            path.append((str(part), None, ""))
    return path


ID_PATTERN = r"^[a-z0-9_]+$"  # an id the data files refer to a thing by: lower case, digits, underscores


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a data file fails at start-up, not in a chat."""

    # defer_build: a model's validator is built when a file is first validated, not on import; a start
    # that finds the knowledge in its cache (knowledge.cache) never builds them (~80 ms).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SourceRef(Strict):
    doc: str
    section: str
    # how sure the guide reference (knowledge/sources/guide-facts.*) is of what is drawn from it
    confidence: Literal["high", "medium", "low"] | None = None


class Source(Strict):
    id: str
    title: str
    short: str
    file: str  # relative to the repository root (knowledge/sources/…)
    # How a cited section is found in the file: "clauses" (第（十五）条, 附件1), "parts" (一、2.适用对象);
    # None: sections name other documents, only the file's existence is checked.
    articles: Literal["clauses", "parts"] | None = None
    # the county whose own policies the document states (平山县's): its entries answer no other county's questions
    county: str | None = None
    # the year the document is of (2020's notice, Pingshan's 2022 policies): a question naming it asks of its time
    year: int | None = None
