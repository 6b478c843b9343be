"""The WeCom AI-bot callback path on loopback: throughput and p50/p99 latency. Prints figures.

Four servers, each its own process, measured in the same run at concurrency 1, 10 and 50:
- hello:  a plain aiohttp handler that reads the body and answers "hello" (the transport's ceiling);
- crypto: a plain aiohttp handler doing only the crypto: verify, decrypt, parse, encrypt a stream reply;
- full:   `python -m bot serve` itself, a process started as deployed (its default settings: SQLite, JSON
          logs, no access log, the tick) with the callback's credentials: verify, decrypt, parse,
          de-duplicate (inbox row), dispatch, answer the question, encrypt. The questions are the Q&A and industry test questions
          (several hundred, distinct), asked in turn, so after the first round a question is one the bot
          was asked before, as in groups, and its reply comes from the answer cache (BOT_ANSWER_CACHE_SIZE);
- cold:   the same with the answer cache off: every question costs retrieval and rendering.
Targets (issue 13): full ≥ half of crypto's throughput where throughput is bounded by the server
(concurrency 10 and 50; with one request in flight both are bounded by round trips, so that ratio is
shown but not judged), cold ≥ 0.45 of it; p99 < 20 ms at concurrency 10. `--before TREE` runs full and cold
from another source tree too (the code before a change, e.g. `git archive main | tar -x -C TREE`), in the
same rounds: on a shared machine only figures from one run compare.

"vs crypto" is the median over runs of each run's ratio to crypto in the same round, and "CPU µs/req"
the server process's CPU time per request: both hold steadier than raw req/s on a shared machine.
The load generator is a minimal keep-alive HTTP/1.1 client on asyncio streams (pure Python, so it runs
anywhere, and much cheaper per request than an aiohttp client, which would cap the figures itself).
Callbacks are built and encrypted before each timed batch. Where the OS allows it, the server is pinned
to CPU 0 and the client to CPU 1. Request counts are bounded; a run takes about a minute.

`--instructions N` counts instead of timing: full and cold `serve` under valgrind's callgrind, N requests at
concurrency 10 after a warm-up, instructions and simulated cache misses per request (this machine's per-core L2
as the last level), beside the same cold answers in a loop in one process; deterministic, so it compares on a
busy machine too (with `--before TREE`, that tree's figures as well). It needs valgrind and takes minutes.

`--system N` shows where a request's time goes beyond its instructions: each server at concurrency 10 after a
warm-up, N requests untraced (user and system CPU per request over all the server's threads, how busy the
server was, its context switches), then N more under `strace -c -f` for its system calls per request by name.

    .venv/bin/python bench/bench_wecom_bot.py [--before TREE] [--instructions N | --system N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import pstats
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import callgrind  # noqa: E402  (bench/ is this script's folder)
from aiohttp import web  # noqa: E402
from bench_qa import questions  # noqa: E402
from server_process import ServeProcess, ServerProcess  # noqa: E402

from bot.adapters.wecom_bot import WeComBotCrypto  # noqa: E402
from tests.wecom_peer import AES_KEY, TOKEN, WeComPeer, text_callback  # noqa: E402

PATH = "/wecom/bot"
CONCURRENCY = (1, 10, 50)
REQUESTS = {1: 1500, 10: 4000, 50: 4000}
WARM_UP = 300
RUNS = 3
MODES = ("hello", "crypto", "full", "cold")
BASELINES = ("hello", "crypto")
TARGETS = {"full": 0.5, "cold": 0.45}  # of crypto's throughput (issue 13)
MENTION = "@绩效分级助手 "
CANNED_ANSWER = "申请名单请于2020年7月20日前报送所在县（市、区）生态环境分局。（来源：石家庄市通知）" * 3


# ---------------------------------------------------------------- servers (run in their own process)


def hello_app() -> web.Application:
    async def hello(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="hello")

    app = web.Application()
    app.router.add_post(PATH, hello)
    return app


def crypto_app() -> web.Application:
    crypto = WeComBotCrypto(TOKEN, AES_KEY)

    async def crypto_only(request: web.Request) -> web.Response:
        query = request.query
        timestamp, nonce = query["timestamp"], query["nonce"]
        encrypt = json.loads(await request.read())["encrypt"]
        if not crypto.verify(query["msg_signature"], timestamp, nonce, encrypt):
            raise web.HTTPForbidden()
        message = json.loads(crypto.decrypt(encrypt))
        frame = {
            "msgtype": "stream",
            "stream": {"id": message["msgid"], "finish": True, "content": CANNED_ANSWER},
        }
        return web.json_response(crypto.seal(json.dumps(frame, ensure_ascii=False), timestamp, nonce))

    app = web.Application()
    app.router.add_post(PATH, crypto_only)
    return app


async def run_server(mode: str) -> None:
    app = {"hello": hello_app, "crypto": crypto_app}[mode]()
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(runner.addresses[0][1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the parent closes our stdin
    await runner.cleanup()


def pin(cpu: int) -> None:
    with contextlib.suppress(AttributeError, OSError):
        if len(os.sched_getaffinity(0)) > 1:
            os.sched_setaffinity(0, {cpu})


# ---------------------------------------------------------------- load generator


def Server(
    mode: str,
    folder: Path,
    profile: Path | None = None,
    before: Path | None = None,
    grind: tuple[str, ...] = (),
) -> ServerProcess:
    """The baselines run here; full and cold are `python -m bot serve` with the callback's credentials (cold:
    without the answer cache), each in a folder of its own (its SQLite file under ./data, as by default).
    The "-before" modes run the code of the source tree `before`, the others this tree's. `grind`: serve
    runs under this valgrind command, without the tick (its work would fall into the counts by chance); a
    baseline too."""
    if mode in BASELINES:
        command = [*grind, sys.executable, __file__, "--serve", mode]
        if grind:
            return ServerProcess(mode, command, ROOT, settings=callgrind.SETTINGS)
        return ServerProcess(mode, command, ROOT)
    settings = {"BOT_WECOM_BOT_TOKEN": TOKEN, "BOT_WECOM_BOT_AES_KEY": AES_KEY}
    if mode.startswith("cold"):
        settings["BOT_ANSWER_CACHE_SIZE"] = "0"
    tree = ROOT
    if mode.endswith("-before"):
        assert before is not None
        tree = before
    (folder / mode).mkdir()
    if grind:
        settings |= callgrind.SETTINGS
        return ServeProcess(
            mode, settings, folder / mode, wrapper=grind, start_seconds=callgrind.START_SECONDS, tree=tree
        )
    return ServeProcess(mode, settings, folder / mode, cpu=0, profile=profile, tree=tree)


class Requests:
    """Raw HTTP requests carrying distinct, freshly signed callbacks."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.peer = WeComPeer()
        self.ids = itertools.count()
        self.texts = [MENTION + question for question in questions()]

    def batch(self, count: int) -> list[bytes]:
        now = int(time.time())
        requests = []
        for _ in range(count):
            i = next(self.ids)
            text = self.texts[i % len(self.texts)]
            payload = text_callback(f"bench-{os.getpid()}-{i}", text, user=f"u{i % 200}", chat=f"g{i % 20}")
            params, body = self.peer.callback(payload, now)
            head = (
                f"POST {PATH}?{urlencode(params)} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            )
            requests.append(head.encode() + body)
        return requests


async def exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes
) -> tuple[bool, bytes]:
    writer.write(raw)
    status = await reader.readline()
    length = 0
    for _ in range(64):  # bounded: aiohttp sends a handful of headers
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    body = await reader.readexactly(length)
    return status.startswith(b"HTTP/1.1 200"), body


async def load(port: int, requests: list[bytes], concurrency: int) -> tuple[float, list[float], int]:
    """Sends every request over `concurrency` keep-alive connections; throughput, latencies, failures."""
    queue: Iterator[bytes] = iter(requests)
    latencies: list[float] = []
    failures = 0

    async def worker() -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for raw in queue:
            started = time.perf_counter()
            ok, body = await exchange(reader, writer, raw)
            latencies.append(time.perf_counter() - started)
            if not ok or not body:
                failures += 1
        writer.close()
        await writer.wait_closed()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return len(requests) / (time.perf_counter() - started), latencies, failures


@dataclass(frozen=True)
class Figures:
    rate: float  # requests a second
    p50: float  # ms
    p99: float  # ms
    failures: int
    cpu_us: float  # server CPU per request, µs: much steadier than the rate on a shared machine


def print_row(concurrency: int, mode: str, runs: list[Figures], ratio: float, width: int) -> float:
    """One line of the results table (medians over the runs, the rate's spread, the ratio to crypto-only);
    returns the median p99 for the verdicts."""
    rate = statistics.median(run.rate for run in runs)
    p50 = statistics.median(run.p50 for run in runs)
    p99 = statistics.median(run.p99 for run in runs)
    cpu = statistics.median(run.cpu_us for run in runs)
    spread = f"{min(run.rate for run in runs):,.0f}–{max(run.rate for run in runs):,.0f}"
    errors = sum(run.failures for run in runs)
    print(
        f"{concurrency:>4}  {mode:<{width}} {rate:>8,.0f} {spread:>15} {p50:>7.2f} {p99:>7.2f}"
        f" {cpu:>10.0f} {ratio:>9.2f} {errors:>6}"
    )
    return p99


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def check_answer(server: ServerProcess, requests: Requests) -> str:
    """One real request whose encrypted reply is opened and checked, before anything is timed."""
    params, body = requests.peer.callback(
        text_callback(f"check-{server.mode}-{os.getpid()}", requests.texts[0]), int(time.time())
    )
    head = (
        f"POST {PATH}?{urlencode(params)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    ok, answer = await exchange(reader, writer, head.encode() + body)
    writer.close()
    assert ok, f"{server.mode}: not 200"
    if server.mode == "hello":
        return answer.decode()
    reply = requests.peer.open_reply(json.loads(answer), params["nonce"])
    assert reply["stream"]["finish"] is True
    return str(reply["stream"]["content"])


async def bench(before: Path | None) -> None:
    pin(1)
    modes = MODES + (("full-before", "cold-before") if before else ())
    results: dict[tuple[str, int], list[Figures]] = {}
    with tempfile.TemporaryDirectory() as folder:
        servers = {mode: Server(mode, Path(folder), before=before) for mode in modes}
        try:
            makers = {mode: Requests(server.port) for mode, server in servers.items()}
            answers = {mode: await check_answer(servers[mode], makers[mode]) for mode in modes}
            for _run in range(RUNS):  # runs interleaved across servers, so drift hits all alike
                for concurrency in CONCURRENCY:
                    for mode in modes:
                        server, batch = servers[mode], makers[mode].batch(REQUESTS[concurrency])
                        await load(server.port, makers[mode].batch(WARM_UP), concurrency)
                        cpu_before = server.cpu_seconds()
                        rate, latencies, failures = await load(server.port, batch, concurrency)
                        cpu_us = (server.cpu_seconds() - cpu_before) / len(batch) * 1e6
                        figures = Figures(
                            rate, percentile(latencies, 0.5), percentile(latencies, 0.99), failures, cpu_us
                        )
                        results.setdefault((mode, concurrency), []).append(figures)
        finally:
            for server in servers.values():
                server.stop()
    report(results, modes, makers["full"].texts, answers["full"])


async def profile(mode: str, statistics_file: Path, before: Path | None) -> None:
    """One server (full or cold) under cProfile at concurrency 10, after a warm-up; where its time goes, by own
    time and by cumulative time. Only the shares count: cProfile inflates Python time."""
    pin(1)
    with tempfile.TemporaryDirectory() as folder:
        server = Server(mode + ("-before" if before else ""), Path(folder), statistics_file, before)
        try:
            requests = Requests(server.port)
            await check_answer(server, requests)
            await load(server.port, requests.batch(2000), 10)
            assert isinstance(server, ServeProcess)
            server.start_profile()
            rate, _latencies, failures = await load(server.port, requests.batch(REQUESTS[10]), 10)
        finally:
            server.stop()
    print(f"{mode} under cProfile at concurrency 10: {rate:,.0f} req/s, {failures} failures")
    stats = pstats.Stats(str(statistics_file))
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)


# The questions a cold server answered, answered again in a loop in one process (the tree is the current
# folder), instrumented by callgrind only around them: the cold answer's own cost, outside a server.
LOOP = """
import inspect, json, os, subprocess, sys
sys.path.insert(0, ".")
from bot.render import Renderer
from handlers.qa import Answers
from knowledge.base import load_knowledge
from pathlib import Path
texts, chosen = json.loads(sys.stdin.read())
kb = load_knowledge(Path("knowledge/data"), Path("knowledge/templates"))
# trees before the templates named commands from commands.yaml (words-data2) render without them
named = {"commands": kb.commands} if "commands" in inspect.signature(Renderer).parameters else {}
answers = Answers(kb, Renderer(Path("knowledge/templates"), **named))
for text in texts:  # lazy indexes built on first use, as in the warmed-up server
    answers(text)
def instrument(state):
    command = ["callgrind_control", "--instr=" + state, str(os.getpid())]
    control = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while control.poll() is None:  # busy: vgdb reaches a running process, not one blocked in a wait
        pass
instrument("on")
for text in chosen:  # what the handler does for each (handlers.qa.answer_question)
    kb.others_data.asked_for(text)
    answers(text)
instrument("off")
"""


def answered_in_loop(tree: Path, texts: list[str], chosen: list[str], out: Path) -> dict[str, float]:
    """The `chosen` questions answered in a loop in the source tree `tree`, under callgrind: per answer."""
    subprocess.run(
        [*callgrind.command(out), sys.executable, "-c", LOOP],
        input=json.dumps([texts, chosen]), text=True, cwd=tree, check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    return callgrind.totals(out, len(chosen))


async def instructions(count: int, before: Path | None) -> None:
    """Each of full and cold `serve` (and crypto-only, of this tree) under callgrind: after every question was
    asked once (lazy indexes built, full's answers cached), `count` requests at concurrency 10 counted; then the
    cold server's questions answered in a loop in one process. Deterministic (PYTHONHASHSEED=0), so one run
    compares, whatever the load."""
    trees = {"": ROOT, "-before": before} if before else {"": ROOT}
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for suffix, tree in trees.items():
            for mode in ("full", "cold") if suffix else ("full", "cold", "crypto"):
                out = Path(folder) / f"{mode}{suffix}.callgrind"
                server = Server(mode + suffix, Path(folder), before=before, grind=callgrind.command(out))
                try:
                    requests = Requests(server.port)
                    await check_answer(server, requests)
                    await load(server.port, requests.batch(len(requests.texts) + WARM_UP), 10)
                    callgrind.instrument(server.process.pid, "on")
                    _rate, _latencies, failures = await load(server.port, requests.batch(count), 10)
                    callgrind.instrument(server.process.pid, "off")
                    assert failures == 0, f"{mode}{suffix}: {failures} failures"
                finally:
                    server.stop()
                figures[mode + suffix] = callgrind.totals(out, count)
            texts = [text.removeprefix(MENTION) for text in requests.texts]
            start = len(texts) + WARM_UP
            chosen = [texts[(start + i) % len(texts)] for i in range(count)]
            figures["loop" + suffix] = answered_in_loop(tree, texts, chosen, Path(folder) / f"loop{suffix}")
    callgrind.print_table(figures, f"{count} requests at concurrency 10 (loop: per answer)")
    for suffix in trees:
        full, cold, loop = (figures[mode + suffix] for mode in ("full", "cold", "loop"))
        extra = "  ".join(
            f"{name} {cold[e] - full[e]:,.0f} ({loop[e]:,.0f})" for e, name in callgrind.EVENTS.items()
        )
        print(f"cold answer in serve{suffix} (cold - full), beside the loop's: {extra}")
        print(f"crypto over full{suffix} in instructions: {figures['crypto']['Ir'] / full['Ir']:.2f}")


@dataclass(frozen=True)
class SystemUse:
    user_us: float  # per request
    system_us: float
    busy: float  # CPU time over wall time: below 1 the server waited (for its client, or for its CPU)
    voluntary: float  # context switches per request: the server slept (epoll, a lock)
    involuntary: float  # another task took its CPU


def context_switches(pid: int) -> tuple[int, int]:
    """Voluntary and involuntary context switches of all the process's threads, as /proc counts them."""
    counts = [0, 0]
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):  # a thread that ended meanwhile
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    counts[0] += int(line.split()[1])
                elif line.startswith("nonvoluntary_ctxt_switches:"):
                    counts[1] += int(line.split()[1])
    return counts[0], counts[1]


async def measure_system_use(server: ServerProcess, batch: list[bytes]) -> SystemUse:
    pid = server.process.pid
    times, switches, started = server.usage.cpu_times(), context_switches(pid), time.perf_counter()
    await load(server.port, batch, 10)
    wall = time.perf_counter() - started
    after, switched = server.usage.cpu_times(), context_switches(pid)
    user, system = after.user - times.user, after.system - times.system
    count = len(batch)
    return SystemUse(
        user / count * 1e6,
        system / count * 1e6,
        (user + system) / wall,
        (switched[0] - switches[0]) / count,
        (switched[1] - switches[1]) / count,
    )


def start_tracing(pid: int, out: Path) -> subprocess.Popen[str]:
    """`strace -c -f` on all the process's threads, counting its system calls into `out` until stopped."""
    tracer = subprocess.Popen(
        ["strace", "-c", "-f", "-o", str(out), "-p", str(pid)], stderr=subprocess.PIPE, text=True
    )
    assert tracer.stderr is not None
    tracer.stderr.readline()  # "strace: Process … attached", once it traces (its other threads follow at once)
    return tracer


def traced_calls(tracer: subprocess.Popen[str], out: Path, count: int) -> dict[str, float]:
    """Stops the tracer; the system calls per request by name over `count` requests."""
    tracer.send_signal(signal.SIGINT)
    tracer.wait(timeout=60)
    calls: dict[str, float] = {}
    for line in out.read_text().splitlines():
        fields = line.split()
        # "% time  seconds  usecs/call  calls  [errors]  syscall"; the header, rules and total left out
        if len(fields) >= 5 and fields[3].isdigit() and fields[-1] != "total":
            calls[fields[-1]] = int(fields[3]) / count
    return calls


async def system_use(count: int, before: Path | None) -> None:
    """Where a request's time goes beyond its instructions, at concurrency 10 after a warm-up (every question
    asked once): for each server, `count` requests untraced (RUNS interleaved rounds, medians), then `count` more
    under strace. strace slows each call, so the group commit batches differently there: its counts are the
    figures, not its times."""
    pin(1)
    modes = ("hello", "crypto", "full") + (("full-before",) if before else ())
    rounds: dict[str, list[SystemUse]] = {mode: [] for mode in modes}
    calls: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        servers = {mode: Server(mode, Path(folder), before=before) for mode in modes}
        try:
            makers = {mode: Requests(server.port) for mode, server in servers.items()}
            for mode, server in servers.items():
                await check_answer(server, makers[mode])
                await load(server.port, makers[mode].batch(len(makers[mode].texts) + WARM_UP), 10)
            for _run in range(RUNS):
                for mode, server in servers.items():
                    rounds[mode].append(await measure_system_use(server, makers[mode].batch(count)))
            if shutil.which("strace"):
                for mode, server in servers.items():
                    out, batch = Path(folder) / f"{mode}.strace", makers[mode].batch(count)
                    tracer = start_tracing(server.process.pid, out)
                    await asyncio.sleep(0.2)  # its other threads attached
                    try:
                        await load(server.port, batch, 10)
                    finally:
                        calls[mode] = traced_calls(tracer, out, count)
        finally:
            for server in servers.values():
                server.stop()
    print(f"System use per request at concurrency 10, {count} requests, medians of {RUNS} interleaved runs")
    print(
        f"{'path':<12} {'user µs':>8} {'system µs':>10} {'busy':>6} {'voluntary cs':>13} {'involuntary cs':>15}"
    )
    for mode, runs in rounds.items():
        median = {
            name: statistics.median(getattr(run, name) for run in runs) for name in SystemUse.__annotations__
        }
        print(
            f"{mode:<12} {median['user_us']:>8.0f} {median['system_us']:>10.0f} {median['busy']:>6.2f}"
            f" {median['voluntary']:>13.2f} {median['involuntary']:>15.2f}"
        )
    if not calls:
        print("strace not found: no system calls counted")
        return
    print(f"System calls per request under strace -c -f, {count} requests each")
    names = sorted(
        {name for counted in calls.values() for name in counted}, key=lambda n: -calls["full"].get(n, 0)
    )
    print(f"{'':<16}" + "".join(f"{mode:>12}" for mode in calls))
    for name in names:
        print(f"{name:<16}" + "".join(f"{counted.get(name, 0):>12.2f}" for counted in calls.values()))
    print(f"{'all':<16}" + "".join(f"{sum(counted.values()):>12.2f}" for counted in calls.values()))


def report(
    results: dict[tuple[str, int], list[Figures]], modes: tuple[str, ...], texts: list[str], answer: str
) -> None:
    print(f"WeCom AI-bot callback on loopback; {RUNS} runs interleaved across the servers, medians")
    print(
        f"{len(set(texts))} distinct questions asked in turn; the first, {texts[0]!r}, got {len(answer.encode())}"
        f" bytes: {answer[:30]!r}…"
    )
    print(
        f"{'conc':>4}  {'path':<11} {'req/s':>8} {'req/s spread':>15} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'CPU µs/req':>10} {'vs crypto':>9} {'errors':>6}"
    )
    verdicts = []
    for concurrency in CONCURRENCY:
        for mode in modes:
            runs = results[(mode, concurrency)]
            # each run's rate over crypto's in the same round: drift on a shared machine hits both alike
            paired = [
                run.rate / crypto.rate
                for run, crypto in zip(runs, results[("crypto", concurrency)], strict=True)
            ]
            ratio = statistics.median(paired)
            p99 = print_row(concurrency, mode, runs, ratio, width=11)
            if mode in TARGETS and concurrency > 1:  # one request in flight: latency, not a ceiling
                met = "met" if ratio >= TARGETS[mode] else "NOT met"
                verdicts.append(
                    f"{mode} ≥ {TARGETS[mode]} × crypto throughput at concurrency {concurrency}: {met} ({ratio:.2f})"
                )
                if concurrency == 10:
                    met = "met" if p99 < 20 else "NOT met"
                    verdicts.append(f"{mode} p99 < 20 ms at concurrency 10: {met} ({p99:.1f} ms)")
    print("\n".join(verdicts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", choices=BASELINES, help="internal: run one of the baseline servers")
    parser.add_argument("--profile", type=Path, help="profile the full server (or --cold) into this file")
    parser.add_argument("--cold", action="store_true", help="with --profile: the server without answer cache")
    parser.add_argument(
        "--instructions",
        type=int,
        metavar="N",
        help="instructions and cache misses per request under callgrind over N requests (full, cold, a loop)",
    )
    parser.add_argument(
        "--system",
        type=int,
        metavar="N",
        help="user and system CPU, context switches and system calls (strace) per request over N requests",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="also run full and cold from this source tree (e.g. main's, via git archive)",
    )
    args = parser.parse_args()
    if args.serve:
        pin(0)
        asyncio.run(run_server(args.serve))
    elif args.instructions:
        asyncio.run(instructions(args.instructions, args.before))
    elif args.system:
        asyncio.run(system_use(args.system, args.before))
    elif args.profile:
        asyncio.run(profile("cold" if args.cold else "full", args.profile, args.before))
    else:
        asyncio.run(bench(args.before))


if __name__ == "__main__":
    main()
