"""Q&A cost: start-up to the first answer, and CPU per answered question with the answer cache off, beside
the same figures of a baseline revision (by default the last one before the forgiving industry matching)
measured in the same run on the same questions.

    python bench/bench_qa.py [--baseline REV]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "d593269"  # main before issue 11 (negation, typos, outside classes, intents)
PASSES = 5
ROUNDS = 7

# Run inside each tree: load its knowledge, answer every question PASSES times, print the figures as JSON.
MEASURE = """
import json, sys, time
from pathlib import Path
tree = Path.cwd()
sys.path.insert(0, str(tree))
from bot.render import Renderer
from handlers.qa import compose_answer
from knowledge.base import load_knowledge
started = time.perf_counter()
kb = load_knowledge(tree / "knowledge" / "data")
render = Renderer(tree / "knowledge" / "templates")
loaded = time.perf_counter() - started
questions = json.loads(sys.stdin.read())
for question in questions:  # warm: lazy indexes are built on first use, as in a running bot
    compose_answer(kb, render, question)
cpu = time.process_time()
for _ in range({passes}):
    for question in questions:
        compose_answer(kb, render, question)
per_question = (time.process_time() - cpu) / ({passes} * len(questions)) * 1e3
print(json.dumps({{"load_ms": loaded * 1e3, "cpu_ms": per_question, "entries": len(kb.entries)}}))
"""


def questions() -> list[str]:
    import yaml

    data = ROOT / "tests" / "data"
    found: list[str] = []
    for name in ("qa_notice2020.yaml", "qa_pingshan_guide.yaml", "qa_everyday.yaml", "qa_unanswerable.yaml"):
        found += [str(case["q"]) for case in yaml.safe_load((data / name).read_text("utf-8"))]
    for name in ("industry_cases.yaml", "industry_everyday.yaml"):
        found += [str(case["text"]) for case in yaml.safe_load((data / name).read_text("utf-8"))]
    return found


def measure(tree: Path, asked: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE.format(passes=PASSES)],
        input=json.dumps(asked, ensure_ascii=False),
        capture_output=True,
        text=True,
        cwd=tree,
        check=True,
    )
    return json.loads(done.stdout)


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
    baseline_rev = parser.parse_args().baseline
    asked = questions()
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder)
        archive = subprocess.run(
            ["git", "archive", baseline_rev], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive, check=True)
        # Alternate the two trees so machine noise falls on both alike; each round's pair gives a ratio,
        # and the median of the rounds is the figure (this machine kind is noisy: ±20 % between runs).
        runs: dict[str, list[dict[str, float]]] = {"current": [], "baseline": []}
        for _ in range(ROUNDS):
            runs["current"].append(measure(ROOT, asked))
            runs["baseline"].append(measure(baseline, asked))
    print(
        f"{len(asked)} questions (development Q&A, unanswerable and industry sets), {PASSES} passes, answer cache off"
    )
    for name, label in (("current", "this tree"), ("baseline", f"baseline {baseline_rev}")):
        best = min(runs[name], key=lambda run: run["cpu_ms"])  # the least disturbed run
        print(
            f"  {label:<20} CPU per answered question {best['cpu_ms']:.3f} ms; "
            f"knowledge load {best['load_ms']:.0f} ms ({best['entries']:.0f} entries)"
        )
    ratios = sorted(c["cpu_ms"] / b["cpu_ms"] for c, b in zip(runs["current"], runs["baseline"], strict=True))
    print(
        f"  current / baseline, median of {ROUNDS} alternating rounds: {statistics.median(ratios):.2f} "
        f"(rounds {ratios[0]:.2f}-{ratios[-1]:.2f}; target <= 1.00)"
    )
    print(f"start-up to first answer (subprocess, JSON lines): {startup_to_first_answer():.2f} s")


if __name__ == "__main__":
    main()
