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
(tens of thousands of instructions a `decide`). Two figures per text, in every tree: (a) the whole `decide`, and (b)
the FAQ search alone (issue 13's "retrieval": a heap for the shortlist, posting lists), replaying the searches this
tree's `decide` makes over the texts (question and limit) in every tree, each question normalised just before its
search as the `decide` had normalised it, less that normalising.

    python bench/bench_qa.py [--baseline REV ...] [--instructions]
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CURRENT = "this tree"
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


# Run inside each tree: load the knowledge folder given and freeze it, as serve does (bot/server.py), so that the
# collector's walks of the knowledge fall into no count.
LOAD = """
import gc, inspect, json, sys
from pathlib import Path
tree = Path.cwd()
sys.path.insert(0, str(tree))
from knowledge.answering import decide
from knowledge.base import load_knowledge
templates = tree / "knowledge" / "templates"
given = {"templates": templates} if "templates" in inspect.signature(load_knowledge).parameters else {}
kb = load_knowledge(Path(sys.argv[1]), **given)
gc.freeze()
texts, searches = json.loads(sys.stdin.read())
search, normalize = kb.faq.search, kb.faq._normalize
"""

# Counted under cachegrind: every text's `decide` once to warm (lazy indexes are built on first use, as in a running
# bot), then one of these passes, or none; a pass's instructions are the difference of the two runs. The indexes the
# warm pass built are frozen too: a full collection's walk of them fell into one tree's counted pass and not into
# another's (081da13 and a change that cut ~20k a decide both counted 717k).
CACHEGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no")  # instructions only: no cache simulated
WARM = """
for text in texts:
    decide(kb, text)
gc.freeze()
"""
PASSES_COUNTED = {
    "decide": "for text in texts: decide(kb, text)",
    # The searches a decide made, each given its question normalised first, as the decide had normalised it (for
    # the intents, the catalogue) before it searched: less the normalising pass, this is the search's own work.
    "search": "for question, limit in searches: normalize(question); search(question, limit=limit)",
    "normalize": "for question, limit in searches: normalize(question)",
}

# Or, not counted, every call `decide` makes of the FAQ search over the texts (its question as passed and its limit).
RECORD = """
calls = []
def recorded(question, limit=3):
    calls.append((question, limit))
    return search(question, limit=limit)
kb.faq.search = recorded
for text in texts:
    decide(kb, text)
print(json.dumps(calls, ensure_ascii=False))
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


def run_in(tree: Path, script: str, data: Path, given: object, tool: tuple[str, ...] = ()) -> str:
    """Run LOAD and then the script in a tree on a knowledge folder, `given` on stdin; its stdout."""
    return subprocess.run(
        [*tool, sys.executable, "-c", LOAD + script, str(data)],
        input=json.dumps(given, ensure_ascii=False),
        capture_output=True,
        text=True,
        cwd=tree,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        check=True,
    ).stdout


def instructions(tree: Path, data: Path, given: object, counted: str = "") -> int:
    """The instructions LOAD, WARM and the pass named (none by default) execute in a tree."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "cachegrind.out"
        script = WARM + PASSES_COUNTED.get(counted, "")
        run_in(tree, script, data, given, (*CACHEGRIND, f"--cachegrind-out-file={out}"))
        summary = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
        assert summary, out
        return int(summary.group(1))


def searches(tree: Path, data: Path, asked: list[str]) -> list[tuple[str, int]]:
    """The FAQ searches a tree's `decide` makes over the texts, in order: (question as passed, limit)."""
    return [(question, limit) for question, limit in json.loads(run_in(tree, RECORD, data, [asked, []]))]


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
    parser.add_argument(
        "--baseline",
        action="append",
        help=f"git revision to compare with (repeatable; default {BASELINE})",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count retrieval's instructions (valgrind) instead of timing",
    )
    arguments = parser.parse_args()
    revisions: list[str] = arguments.baseline or [BASELINE]
    if arguments.instructions and shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")
    asked = questions()
    passes = "one counted pass" if arguments.instructions else f"{PASSES} passes"
    print(
        f"{len(asked)} questions (development Q&A, unanswerable and industry sets), {passes}, answer cache off"
    )
    with tempfile.TemporaryDirectory() as folder:
        trees = {CURRENT: ROOT}
        for revision in revisions:
            trees[revision] = Path(folder) / f"tree_{revision}"
            trees[revision].mkdir()
            archive = subprocess.run(
                ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(trees[revision])], input=archive, check=True)
        sizes = {
            "today's knowledge": {name: tree / "knowledge" / "data" for name, tree in trees.items()},
            "4x the FAQ entries": {
                name: four_times(tree / "knowledge" / "data", Path(folder) / f"four_times_{index}")
                for index, (name, tree) in enumerate(trees.items())
            },
        }
        for size, data in sizes.items():
            if arguments.instructions:
                count_instructions(size, trees, data, asked)
                continue
            # Alternate the trees so machine noise falls on all alike; each round's pair gives a ratio, and the
            # median of the rounds is the figure (this machine kind is noisy: ±20 % between runs).
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
            for _ in range(ROUNDS):
                for name, tree in trees.items():
                    runs[name].append(measure(tree, data[name], asked))
            report(size, runs)
    if arguments.instructions:
        return
    print(f"start-up to first answer (subprocess, JSON lines): {startup_to_first_answer():.2f} s")


def count_instructions(size: str, trees: dict[str, Path], data: dict[str, Path], asked: list[str]) -> None:
    """Instructions per text of (a) the whole `decide` and (b) the FAQ search alone, in every tree.

    (b) replays in every tree the searches this tree's `decide` makes over the texts (the same questions and
    limits), so that the trees' searches do the same work; how many searches each tree's own `decide` makes is
    printed beside it.
    """
    calls = {name: searches(tree, data[name], asked) for name, tree in trees.items()}
    given = [asked, calls[CURRENT]]
    runs = [(name, counted) for name in trees for counted in ("", *PASSES_COUNTED)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # valgrind runs one thread: two runs at once on 2 cores
        counts = dict(
            zip(
                runs,
                pool.map(lambda run: instructions(trees[run[0]], data[run[0]], given, run[1]), runs),
                strict=True,
            )
        )
    figures = {
        "(a) decide": {name: counts[name, "decide"] - counts[name, ""] for name in trees},
        "(b) FAQ search alone": {name: counts[name, "search"] - counts[name, "normalize"] for name in trees},
    }
    searched = len(calls[CURRENT])
    print(
        f"{size}: instructions per text; (b) replays this tree's {searched:,} searches "
        f"({searched / len(asked):.2f} a text; each tree's own decide makes "
        + ", ".join(f"{name} {len(made) / len(asked):.2f}" for name, made in calls.items())
        + ")"
    )
    for what, counted in figures.items():
        ours = counted[CURRENT]
        against = ", ".join(
            f"{name} {value / len(asked) / 1e3:,.0f}k ({ours / value:.2f})"
            for name, value in counted.items()
            if name != CURRENT
        )
        print(f"  {what:<22} this tree {ours / len(asked) / 1e3:,.0f}k; {against}")
    print(
        "  (b) per search: "
        + ", ".join(
            f"{name} {value / searched / 1e3:,.0f}k"
            for name, value in figures["(b) FAQ search alone"].items()
        )
        + f"; target: this tree / {BASELINE} <= 0.50"
    )


def report(size: str, runs: dict[str, list[dict[str, float]]]) -> None:
    print(f"{size}:")
    for name, label in ((name, "this tree" if name == CURRENT else f"baseline {name}") for name in runs):
        best = min(runs[name], key=lambda run: run["cpu_ms"])  # the least disturbed run
        print(
            f"  {label:<20} CPU per question: retrieval {best['decide_ms']:.3f} ms, whole answer "
            f"{best['cpu_ms']:.3f} ms; knowledge load {best['load_ms']:.0f} ms ({best['entries']:.0f} entries)"
        )
    for baseline in runs:
        if baseline == CURRENT:
            continue
        for figure, label in (("decide_ms", "retrieval"), ("cpu_ms", "whole answer")):
            ratios = sorted(c[figure] / b[figure] for c, b in zip(runs[CURRENT], runs[baseline], strict=True))
            print(
                f"  {label:<12} this tree / {baseline}, median of {ROUNDS} alternating rounds: "
                f"{statistics.median(ratios):.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f}; target <= 0.50 "
                f"of {BASELINE})"
            )
    fastest = min(run["decide_ms"] for run in runs[CURRENT])
    print(f"  retrieval in this tree: {fastest:.3f} ms per question (limit {FOUR_TIMES_LIMIT_MS} ms at 4x)")


if __name__ == "__main__":
    main()
