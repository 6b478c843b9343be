"""The knowledge base: typed, validated models of knowledge/data/*.yaml."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    id: str
    title: str
    short: str
    file: str


class KnowledgeBase:
    def __init__(self, sources: list[Source]) -> None:
        self.sources = {source.id: source for source in sources}


def read_yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_knowledge(folder: Path) -> KnowledgeBase:
    raw = read_yaml(folder / "sources.yaml")
    assert isinstance(raw, dict)
    return KnowledgeBase([Source.model_validate(item) for item in raw["sources"]])
