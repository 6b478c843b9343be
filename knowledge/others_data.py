"""Recognising requests for other enterprises' data (who is assessing themselves, their drafts, contacts,
phones): the cues are data (others_data_cues.yaml); the Q&A refuses such requests before it retrieves."""

from __future__ import annotations

import re
from functools import cached_property

from pydantic import Field

from knowledge.catalogue import fold
from knowledge.models import Strict


class OthersDataCues(Strict):
    """A message asks for other enterprises' data when it
    - asks who (`asks_who`) has done something only an enterprise's own people may tell (`done`), or
    - names other enterprises (`others`) together with data of theirs (`their_data`), or
    - names an enterprise (`named`, e.g. "公司的") right before data of it (`their_data`), or by its trade
      (`named_by_trade`, "钢铁的") right before what identifies it (`identity_data`), unless the enterprise
      is the asker's own (`own`), or
    - opens with another person, by a word for one (`persons`, "他") or by a name (one of `surnames`, after one of
      `name_titles` or not, and one or two characters: "李四", "老王"), right before how far their work has got
      (`progress`, "填到哪了")."""

    asks_who: list[str] = Field(min_length=1)
    done: list[str] = Field(min_length=1)
    others: list[str] = Field(min_length=1)
    their_data: list[str] = Field(min_length=1)
    named: list[str] = Field(min_length=1)
    named_by_trade: list[str] = Field(min_length=1)
    identity_data: list[str] = Field(min_length=1)
    own: list[str] = Field(min_length=1)
    persons: list[str] = Field(min_length=1)
    surnames: str = Field(min_length=1)
    name_titles: list[str] = Field(min_length=1)
    progress: list[str] = Field(min_length=1)

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        """One alternation per group (and one for a name right before its data): every message is checked,
        and a regular expression finds any of the cues in one scan instead of one scan per cue (or pair)."""

        def alternation(group: str) -> str:
            return "|".join(re.escape(fold(cue)) for cue in getattr(self, group))

        groups = ("asks_who", "done", "others", "their_data", "own")
        patterns = {group: re.compile(alternation(group)) for group in groups}
        patterns["named_data"] = re.compile(
            f"(?:{alternation('named')})(?:{alternation('their_data')})"
            f"|(?:{alternation('named_by_trade')})(?:{alternation('identity_data')})"
        )
        name = rf"(?:{alternation('name_titles')})?[{re.escape(self.surnames)}][\u4e00-\u9fff]{{1,2}}?"
        person = f"(?:{alternation('persons')}|{name})"
        patterns["person_progress"] = re.compile(f"^{person}(?:{alternation('progress')})")
        return patterns

    def asked_for(self, text: str) -> bool:
        said = fold(text)
        patterns = self._patterns

        def has(group: str) -> bool:
            return patterns[group].search(said) is not None

        if has("asks_who") and has("done"):
            return True
        if has("others") and has("their_data"):
            return True
        if has("person_progress"):
            return True
        return has("named_data") and not has("own")
