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
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


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
