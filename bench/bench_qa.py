"""Q&A cost: start-up to the first answer, and CPU per question with the answer cache off, beside the same
figures of a baseline revision (by default main before the retrieval work of issue 13) measured in the same
run on the same questions, with today's knowledge and with four times as many FAQ entries.

Two figures per question: retrieval (`decide`: what the question gets) and the whole cold answer
(`handlers.qa.Answers`: retrieval and rendering). The larger knowledge is built here, in each tree alike: every
entry three more times, a quarter of the characters of its wording replaced by characters drawn from the
knowledge's own text, so that posting lists grow as they would with more entries of the same kind.

With `--instructions`, retrieval is counted in instructions instead of timed (valgrind's cachegrind without
cache simulation, PYTHONHASHSEED=0): deterministic, so one run compares two trees on a busy machine. Per
`decide`: a pass over every text after a warm pass, less the same run with no pass (start-up and the knowledge
load cancel out). The knowledge is frozen after the load (`gc.freeze()`), as `serve` freezes it: otherwise a full
collection's walk of it, which a small change in allocations moves into or out of the counted pass, counts too
(tens of thousands of instructions a `decide`).

    python bench/bench_qa.py [--baseline REV] [--instructions]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "4f15c93"  # main before the retrieval work of issue 13 (heap, grouped posting lists)
PASSES = 5
ROUNDS = 7
COPIES = 3  # replicas of every FAQ entry in the larger knowledge: four times today's
PERTURBED_SHARE = 0.25
FOUR_TIMES_LIMIT_MS = 0.3  # issue 13: retrieval stays under this at four times today's knowledge

# Run inside each tree: load the knowledge folder given, answer every question PASSES times, print the figures
# as JSON.
MEASURE = """
import json, sys, time
from pathlib import Path
tree = Path.cwd()
sys.path.insert(0, str(tree))
from bot.render import Renderer
from knowledge.answering import decide
from knowledge.base import load_knowledge
started = time.perf_counter()
import inspect
templates = tree / "knowledge" / "templates"
# trees before the knowledge took its templates folder (quality2) load without one
given = {{"templates": templates}} if "templates" in inspect.signature(load_knowledge).parameters else {{}}
kb = load_knowledge(Path(sys.argv[1]), **given)
# trees before the templates named commands from commands.yaml (words-data2) render without them
named = {{"commands": kb.commands}} if "commands" in inspect.signature(Renderer).parameters else {{}}
render = Renderer(templates, **named)
loaded = time.perf_counter() - started
try:  # the bot's answerer, built once with what every question shares
    from handlers.qa import Answers
    whole_answer = Answers(kb, render)
except ImportError:  # a tree from before handlers.qa.Answers
    from handlers.qa import compose_answer
    whole_answer = lambda question: compose_answer(kb, render, question)
questions = json.loads(sys.stdin.read())
for question in questions:  # warm: lazy indexes are built on first use, as in a running bot
    whole_answer(question)
figures = {{"load_ms": loaded * 1e3, "entries": len(kb.entries)}}
for name, answer in (("decide_ms", lambda q: decide(kb, q)), ("cpu_ms", whole_answer)):
    cpu = time.process_time()
    for _ in range({passes}):
        for question in questions:
            answer(question)
    figures[name] = (time.process_time() - cpu) / ({passes} * len(questions)) * 1e3
print(json.dumps(figures))
"""


# Run inside each tree under cachegrind: load the knowledge folder given, answer every question once to warm, then
# `passes` more times (0 or 1: the difference of the two runs is one pass).
CACHEGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no")  # instructions only: no cache simulated
COUNT = """
import gc, inspect, json, sys
from pathlib import Path
tree = Path.cwd()
sys.path.insert(0, str(tree))
from knowledge.answering import decide
from knowledge.base import load_knowledge
templates = tree / "knowledge" / "templates"
given = {{"templates": templates}} if "templates" in inspect.signature(load_knowledge).parameters else {{}}
kb = load_knowledge(Path(sys.argv[1]), **given)
gc.freeze()  # as serve does (bot/server.py): the collector's walks of the knowledge are no retrieval
questions = json.loads(sys.stdin.read())
for _ in range(1 + {passes}):
    for question in questions:
        decide(kb, question)
"""


def questions() -> list[str]:
    data = ROOT / "tests" / "data"
    found: list[str] = []
    for name in ("qa_notice2020.yaml", "qa_pingshan_guide.yaml", "qa_everyday.yaml", "qa_unanswerable.yaml"):
        found += [str(case["q"]) for case in yaml.safe_load((data / name).read_text("utf-8"))]
    for name in ("industry_cases.yaml", "industry_everyday.yaml"):
        found += [str(case["text"]) for case in yaml.safe_load((data / name).read_text("utf-8"))]
    return found


_CJK = re.compile(r"[\u4e00-\u9fff]")


def four_times(data: Path, into: Path) -> Path:
    """A copy of a knowledge folder with every FAQ entry COPIES more times, its wording perturbed."""
    shutil.copytree(data, into)
    entries = [
        entry
        for path in sorted(data.glob("faq_*.yaml"))
        for entry in yaml.safe_load(path.read_text("utf-8"))["entries"]
    ]
    pool = [char for entry in entries for text in (*entry["questions"], entry["answer"]) for char in text]
    pool = [char for char in pool if _CJK.fullmatch(char)]
    rng = random.Random(13)

    def perturb(text: str) -> str:
        return "".join(
            rng.choice(pool) if _CJK.fullmatch(char) and rng.random() < PERTURBED_SHARE else char
            for char in text
        )

    replicas = [
        {
            **entry,
            "id": f"{entry['id']}_copy{copy}",
            "title": perturb(entry["title"]),
            "questions": [perturb(text) for text in entry["questions"]],
            "keywords": [perturb(word) for word in entry.get("keywords", [])],
            "answer": perturb(entry["answer"]),
            "see_also": [],
        }
        for copy in range(1, COPIES + 1)
        for entry in entries
    ]
    (into / "faq_zz_replicas.yaml").write_text(
        yaml.safe_dump({"entries": replicas}, allow_unicode=True), encoding="utf-8"
    )
    return into


def measure(tree: Path, data: Path, asked: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE.format(passes=PASSES), str(data)],
        input=json.dumps(asked, ensure_ascii=False),
        capture_output=True,
        text=True,
        cwd=tree,
        check=True,
    )
    return json.loads(done.stdout)


def instructions(tree: Path, data: Path, asked: list[str], passes: int) -> int:
    """The instructions a run of COUNT executes, start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "cachegrind.out"
        subprocess.run(
            [
                *CACHEGRIND,
                f"--cachegrind-out-file={out}",
                sys.executable,
                "-c",
                COUNT.format(passes=passes),
                str(data),
            ],
            input=json.dumps(asked, ensure_ascii=False),
            capture_output=True,
            text=True,
            cwd=tree,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            check=True,
        )
        summary = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
        assert summary, out
        return int(summary.group(1))


def instructions_per_decide(tree: Path, data: Path, asked: list[str]) -> float:
    return (instructions(tree, data, asked, 1) - instructions(tree, data, asked, 0)) / len(asked)


def startup_to_first_answer() -> float:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BOT_DATABASE_URL": f"sqlite:///{folder}/bot.db", "BOT_LOG_LEVEL": "WARNING"}
        line = json.dumps({"chat": "群", "user": "张三", "text": "申请名单什么时候交"}, ensure_ascii=False)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "console", "--jsonl", "--now", "2020-07-16T09:00"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            text=True,
        )
        assert process.stdin
        assert process.stdout
        process.stdin.write(line + "\n")
        process.stdin.flush()
        process.stdout.readline()
        elapsed = time.perf_counter() - started
        process.stdin.close()
        process.wait()
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count retrieval's instructions (valgrind) instead of timing",
    )
    arguments = parser.parse_args()
    baseline_rev = arguments.baseline
    if arguments.instructions and shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")
    asked = questions()
    passes = "one counted pass" if arguments.instructions else f"{PASSES} passes"
    print(
        f"{len(asked)} questions (development Q&A, unanswerable and industry sets), {passes}, answer cache off"
    )
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline"
        baseline.mkdir()
        archive = subprocess.run(
            ["git", "archive", baseline_rev], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive, check=True)
        trees = {"current": ROOT, "baseline": baseline}
        sizes = {
            "today's knowledge": {name: tree / "knowledge" / "data" for name, tree in trees.items()},
            "4x the FAQ entries": {
                name: four_times(tree / "knowledge" / "data", Path(folder) / f"four_times_{name}")
                for name, tree in trees.items()
            },
        }
        for size, data in sizes.items():
            if arguments.instructions:
                counted = {
                    name: instructions_per_decide(tree, data[name], asked) for name, tree in trees.items()
                }
                print(
                    f"{size}: instructions per decide, this tree {counted['current'] / 1e3:,.0f}k, baseline "
                    f"{baseline_rev} {counted['baseline'] / 1e3:,.0f}k: "
                    f"{counted['current'] / counted['baseline']:.2f} (target <= 0.50)"
                )
                continue
            # Alternate the two trees so machine noise falls on both alike; each round's pair gives a ratio,
            # and the median of the rounds is the figure (this machine kind is noisy: ±20 % between runs).
            runs: dict[str, list[dict[str, float]]] = {"current": [], "baseline": []}
            for _ in range(ROUNDS):
                for name, tree in trees.items():
                    runs[name].append(measure(tree, data[name], asked))
            report(size, runs, baseline_rev)
    if arguments.instructions:
        return
    print(f"start-up to first answer (subprocess, JSON lines): {startup_to_first_answer():.2f} s")


def report(size: str, runs: dict[str, list[dict[str, float]]], baseline_rev: str) -> None:
    print(f"{size}:")
    for name, label in (("current", "this tree"), ("baseline", f"baseline {baseline_rev}")):
        best = min(runs[name], key=lambda run: run["cpu_ms"])  # the least disturbed run
        print(
            f"  {label:<20} CPU per question: retrieval {best['decide_ms']:.3f} ms, whole answer "
            f"{best['cpu_ms']:.3f} ms; knowledge load {best['load_ms']:.0f} ms ({best['entries']:.0f} entries)"
        )
    for figure, label in (("decide_ms", "retrieval"), ("cpu_ms", "whole answer")):
        ratios = sorted(c[figure] / b[figure] for c, b in zip(runs["current"], runs["baseline"], strict=True))
        print(
            f"  {label:<12} current / baseline, median of {ROUNDS} alternating rounds: "
            f"{statistics.median(ratios):.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f}; target <= 0.50)"
        )
    fastest = min(run["decide_ms"] for run in runs["current"])
    print(f"  retrieval in this tree: {fastest:.3f} ms per question (limit {FOUR_TIMES_LIMIT_MS} ms at 4x)")


if __name__ == "__main__":
    main()
