"""The knowledge base: typed, validated models of knowledge/data/*.yaml."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    id: str
    title: str
    short: str
    file: str


class SourceRef(Strict):
    doc: str
    section: str


class County(Strict):
    name: str
    aliases: list[str] = []


class Counties(Strict):
    counties: list[County]
    source: SourceRef

    def match(self, text: str) -> County | None:
        """The county a name refers to: exact name or alias, then a close fuzzy match; None if unsure."""
        text = text.strip()
        for county in self.counties:
            if text == county.name or text in county.aliases:
                return county
        names = {name: county for county in self.counties for name in (county.name, *county.aliases)}
        found = process.extractOne(text, list(names), scorer=fuzz.ratio, score_cutoff=75)
        return names[found[0]] if found else None

    @property
    def names(self) -> list[str]:
        return [county.name for county in self.counties]


class KnowledgeBase:
    def __init__(self, sources: list[Source], counties: Counties) -> None:
        self.sources = {source.id: source for source in sources}
        self.counties = counties


def read_yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_knowledge(folder: Path) -> KnowledgeBase:
    raw = read_yaml(folder / "sources.yaml")
    assert isinstance(raw, dict)
    return KnowledgeBase(
        [Source.model_validate(item) for item in raw["sources"]],
        Counties.model_validate(read_yaml(folder / "counties.yaml")),
    )
