"""Every eval text's decision and reply, one JSON line each, to diff before and after a change to retrieval.

The texts are every question and description of every set `python -m bot knowledge eval` reads (development,
held-out, unanswerable); with `--four-times`, on bench_qa.py's knowledge with four times the FAQ entries too,
where ties between near-copies test the ranking harder. Scores are written in full: their sums are exact
(knowledge/faq.py RESOLUTION), so two dumps of the same retrieval are equal byte for byte whatever the hash
seed, and `cmp` compares them; held-out items are meant to be counted, not read.

    python bench/dump_answers.py [--four-times] > answers.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_qa import four_times  # noqa: E402

from bot.evaluate import (  # noqa: E402
    DEV_INDUSTRIES,
    DEV_QUESTIONS,
    HELDOUT_INDUSTRIES,
    HELDOUT_QUESTIONS,
    UNANSWERABLE_SETS,
)
from bot.render import Renderer  # noqa: E402
from handlers.qa import Answers  # noqa: E402
from knowledge.answering import decide  # noqa: E402
from knowledge.base import KnowledgeBase, load_knowledge  # noqa: E402
from knowledge.models import read_yaml  # noqa: E402

DATA = ROOT / "tests" / "data"


def texts() -> list[str]:
    found: list[str] = []
    for name in (
        *DEV_QUESTIONS,
        *HELDOUT_QUESTIONS,
        *UNANSWERABLE_SETS,
        *DEV_INDUSTRIES,
        *HELDOUT_INDUSTRIES,
    ):
        if (DATA / name).exists():
            found += [str(case.get("q", case.get("text"))) for case in read_yaml(DATA / name)]
    return found


def dump(kb: KnowledgeBase, render: Renderer, label: str) -> None:
    answers = Answers(kb, render)
    for text in texts():
        decision = decide(kb, text)
        match = decision.industry
        line = {
            "knowledge": label,
            "text": text,
            "kind": decision.kind,
            "hits": [(hit.entry.id, repr(hit.score), hit.specific) for hit in decision.hits],
            "industry": match and (match.verdict, [industry.name for industry in match.candidates]),
            "others": [entry.id for entry in decision.others],
            "reply": answers(text).text,
        }
        print(json.dumps(line, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--four-times", action="store_true", help="also on four times the FAQ entries")
    templates = ROOT / "knowledge" / "templates"
    data = ROOT / "knowledge" / "data"
    kb = load_knowledge(data, templates)
    render = Renderer(templates, commands=kb.commands)
    dump(kb, render, "today")
    if parser.parse_args().four_times:
        with tempfile.TemporaryDirectory() as folder:
            dump(load_knowledge(four_times(data, Path(folder) / "data"), templates), render, "4x")


if __name__ == "__main__":
    main()
