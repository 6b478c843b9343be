"""Q&A cost: start-up to the first answer, and CPU per answered question (retrieval + rendering)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from bot.render import Renderer  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.qa import compose_answer  # noqa: E402
from knowledge.base import load_knowledge  # noqa: E402


def startup_to_first_answer() -> float:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BOT_DATABASE_URL": f"sqlite:///{folder}/bot.db", "BOT_LOG_LEVEL": "WARNING"}
        line = json.dumps({"chat": "群", "user": "张三", "text": "申请名单什么时候交"}, ensure_ascii=False)
        started = time.perf_counter()
        process_ = subprocess.Popen(
            [sys.executable, "-m", "bot", "console", "--jsonl", "--now", "2020-07-16T09:00"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            text=True,
        )
        assert process_.stdin
        assert process_.stdout
        process_.stdin.write(line + "\n")
        process_.stdin.flush()
        process_.stdout.readline()
        elapsed = time.perf_counter() - started
        process_.stdin.close()
        process_.wait()
        return elapsed


def questions() -> list[str]:
    found: list[str] = []
    for name in ("qa_notice2020.yaml", "qa_pingshan_guide.yaml", "qa_unanswerable.yaml"):
        found += [
            str(case["q"]) for case in yaml.safe_load((ROOT / "tests" / "data" / name).read_text("utf-8"))
        ]
    found += [
        str(case["text"])
        for case in yaml.safe_load((ROOT / "tests/data/industry_cases.yaml").read_text("utf-8"))
    ]
    return found


def main() -> None:
    settings = Settings()
    started = time.perf_counter()
    kb = load_knowledge(settings.knowledge_dir)
    render = Renderer(settings.templates_dir)
    load_seconds = time.perf_counter() - started
    asked = questions() * 5
    cpu = time.process_time()
    for question in asked:
        compose_answer(kb, render, question)
    per_question = (time.process_time() - cpu) / len(asked) * 1e3
    phrasings = [text for entry in kb.entries.values() for text in entry.questions]
    cpu = time.process_time()
    for question in asked[:500]:
        process.extractOne(question, phrasings, scorer=fuzz.WRatio)
    naive = (time.process_time() - cpu) / 500 * 1e3
    print(
        f"knowledge load and index: {load_seconds * 1e3:.0f} ms ({len(kb.entries)} entries, {len(phrasings)} phrasings)"
    )
    print(
        f"start-up to first answer (subprocess, JSON lines): {startup_to_first_answer():.2f} s (target < 1.5 s)"
    )
    print(
        f"CPU per answered question, retrieval + rendering: {per_question:.3f} ms over {len(asked)} questions "
        f"(target < 0.3 ms)"
    )
    print(f"baseline in the same run, WRatio of the sentence over every phrasing: {naive:.3f} ms")


if __name__ == "__main__":
    main()
