"""Recognising requests for other enterprises' data (who is assessing themselves, their drafts, contacts,
phones): the cues are data (others_data_cues.yaml); the Q&A refuses such requests before it retrieves."""

from __future__ import annotations

from functools import cached_property

from pydantic import Field

from knowledge.catalogue import fold
from knowledge.models import Strict


class OthersDataCues(Strict):
    """A message asks for other enterprises' data when it
    - asks who (`asks_who`) has done something only an enterprise's own people may tell (`done`), or
    - names other enterprises (`others`) together with data of theirs (`their_data`), or
    - names an enterprise (`named`, e.g. "公司的") right before data of it (`their_data`), unless the
      enterprise is the asker's own (`own`)."""

    asks_who: list[str] = Field(min_length=1)
    done: list[str] = Field(min_length=1)
    others: list[str] = Field(min_length=1)
    their_data: list[str] = Field(min_length=1)
    named: list[str] = Field(min_length=1)
    own: list[str] = Field(min_length=1)

    @cached_property
    def _folded(self) -> dict[str, list[str]]:
        groups = ("asks_who", "done", "others", "their_data", "named", "own")
        return {group: [fold(cue) for cue in getattr(self, group)] for group in groups}

    def asked_for(self, text: str) -> bool:
        said = fold(text)
        cues = self._folded

        def has(group: str) -> bool:
            return any(cue in said for cue in cues[group])

        if has("asks_who") and has("done"):
            return True
        if has("others") and has("their_data"):
            return True
        named_data = any(name + data in said for name in cues["named"] for data in cues["their_data"])
        return named_data and not has("own")
