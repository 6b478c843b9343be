"""Base models shared by every knowledge file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a data file fails at start-up, not in a chat."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Strict):
    doc: str
    section: str


class Source(Strict):
    id: str
    title: str
    short: str
    file: str
