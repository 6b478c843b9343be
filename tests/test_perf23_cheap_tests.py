"""What the reading's cheap test relies on (perf23): blanking the acts counted ("名单算不算交上了") never adds a cue of
taking part, of membership or of what a business counts as, so a message holding none needs no blanking."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from knowledge.catalogue import fold
from knowledge.models import read_yaml
from tests.harness import KNOWLEDGE_DATA

CUES = KNOWLEDGE_DATA / "industry_cues.yaml"


@pytest.fixture(scope="module")
def pieces() -> list[str]:
    """The cues of taking part, membership and what is asked before a name, and the acts counted, as written."""
    cues = read_yaml(CUES)
    names = ("industry_cues", "participation_cues", "asked_before", "acts_counted")
    return sorted({cue for name in names for cue in cues[name]})


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(min_value=0), min_size=1, max_size=5), st.text(alphabet="了吗，交上报厂", max_size=3)
)
def test_blanking_the_acts_counted_adds_no_cue(
    kb: KnowledgeBase, pieces: list[str], picks: list[int], tail: str
) -> None:
    catalogue = kb.catalogue
    folded = fold("".join(pieces[pick % len(pieces)] for pick in picks) + tail)
    blanked = catalogue.without_acts_counted(folded)
    assert len(blanked) == len(folded)
    for cues in (catalogue._asks_membership, catalogue._asks_participation, catalogue._asked_anywhere):
        assert cues is not None
        if cues.search(blanked) is not None:
            assert cues.search(folded) is not None, folded
