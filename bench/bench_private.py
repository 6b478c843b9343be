"""The private channels' XML callbacks on loopback, and several workers on PostgreSQL. Prints figures.

Part 1, the XML paths beside their crypto-only baselines, each server its own process, measured in the
same run at concurrency 1, 10 and 50 (SQLite, as `serve` runs by default):
- app-crypto: a plain aiohttp handler doing only the WeCom app's crypto: verify, decrypt, parse (wechatpy),
  render a passive text reply with a canned answer, encrypt it;
- app-full:   `python -m bot serve` itself (a process started as deployed, its default settings but for
  both channels' credentials, the fake API's address and a send rate limit the bench cannot reach) on
  /wecom/app: defusedxml, verify, decrypt, parse, record in the inbox, take the conversation's turn,
  dispatch (Q&A), settle with the answer recorded, and the passive reply within the budget (an answer
  late for it would go out through the fake WeCom API, another process);
- mp-crypto:  the Official Account in safe mode, crypto only: verify, decrypt, parse, render a passive
  text reply with a canned answer, encrypt it;
- mp-full:    the same `serve` process on /mp in safe mode: all of the above with the real answer (inbox,
  queue, dispatch, passive reply within the budget);
- app-cold, mp-cold: the full paths with the answer cache off (every question costs retrieval).
The questions are the Q&A and industry test questions (several hundred, distinct), asked in turn: after
the first round a question is one the bot was asked before, as in groups, and the full paths answer it
from the answer cache (BOT_ANSWER_CACHE_SIZE). A response without a body counts as an error.
Targets (issue 13): full ≥ half of its crypto-only throughput where the server bounds throughput
(concurrency 10 and 50), full p99 < 20 ms at concurrency 10; cold is shown beside them. `--before TREE`
runs app-full and mp-full from another source tree too (the code before a change), in the same rounds.

Part 2, when BOT_TEST_POSTGRES_URL (or --postgres) names a PostgreSQL server: app-full on a fresh
PostgreSQL database with one worker, then with two worker processes (the load alternates between their
ports), each message answered in its response: answered messages a second.

Figures as in bench/bench_wecom_bot.py, whose load generator this reuses: medians over interleaved runs,
"vs crypto" the median of each run's ratio to its baseline in the same round, "CPU µs/req" the server
process's CPU time per request. Where the OS allows it the server is pinned to CPU 0, the client to CPU 1
(not in part 2, where the workers need both). Request counts are bounded; a run takes about two minutes.

`--instructions N` counts instead of timing, as bench_wecom_bot.py's (bench/callgrind.py): each crypto-only
baseline and each full path of `serve` under valgrind's callgrind, N requests at concurrency 10 over N
questions, each asked once before (its answer cached); instructions and simulated cache misses per request,
and each path's instructions beside its crypto-only baseline's. Deterministic, so it compares trees on a busy
machine (`--before TREE`: that tree's full paths as well). A cold path is its full path plus an answer,
counted by bench_wecom_bot.py's. It needs valgrind and takes minutes.

    .venv/bin/python bench/bench_private.py [--part xml|workers] [--before TREE] [--instructions N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import callgrind  # noqa: E402  (bench/ is this script's folder)
import xmltodict  # noqa: E402
from aiohttp import web  # noqa: E402
from bench_qa import questions  # noqa: E402  (bench/ is this script's folder)
from server_process import ServeProcess, ServerProcess  # noqa: E402
from wechatpy import parse_message as parse_mp  # noqa: E402
from wechatpy.crypto import WeChatCrypto as MpCrypto  # noqa: E402
from wechatpy.enterprise import parse_message as parse_wecom  # noqa: E402
from wechatpy.enterprise.crypto import WeChatCrypto as WeComCrypto  # noqa: E402
from wechatpy.replies import TextReply  # noqa: E402

from bench.bench_wecom_bot import CANNED_ANSWER, Figures, exchange, percentile, pin, print_row  # noqa: E402
from tests.fake_wechat_api import (  # noqa: E402
    AGENT_ID,
    CORP_ID,
    CORP_SECRET,
    MP_APP_ID,
    MP_APP_SECRET,
    FakeWeChatApi,
)
from tests.private_peer import APP_AES_KEY, APP_TOKEN, MP_AES_KEY, MP_TOKEN, AppPeer, MpPeer  # noqa: E402

CONCURRENCY = (1, 10, 50)
REQUESTS = {1: 600, 10: 2000, 50: 2000}
WARM_UP = 200
RUNS = 3
MODES = ("app-crypto", "app-full", "app-cold", "mp-crypto", "mp-full", "mp-cold")
BASELINES = ("app-crypto", "mp-crypto")
PATHS = {"app": "/wecom/app", "mp": "/mp"}
QUESTIONS = questions()
USERS = 200
WORKER_REQUESTS = 3000
WORKER_CONCURRENCY = 20
MESSAGE_IDS = itertools.count(time.time_ns() // 1000)  # unique across the run: a repeated id is a redelivery


# ---------------------------------------------------------------- servers (run in their own process)


def app_crypto() -> web.Application:
    crypto = WeComCrypto(APP_TOKEN, APP_AES_KEY, CORP_ID)

    async def crypto_only(request: web.Request) -> web.Response:
        query = request.query
        plaintext = crypto.decrypt_message(
            await request.read(), query["msg_signature"], query["timestamp"], query["nonce"]
        )
        reply = TextReply(message=parse_wecom(plaintext), content=CANNED_ANSWER).render()
        return web.Response(text=crypto.encrypt_message(reply, query["nonce"], query["timestamp"]))

    app = web.Application()
    app.router.add_post(PATHS["app"], crypto_only)
    return app


def mp_crypto() -> web.Application:
    crypto = MpCrypto(MP_TOKEN, MP_AES_KEY, MP_APP_ID)

    async def crypto_only(request: web.Request) -> web.Response:
        query = request.query
        plaintext = crypto.decrypt_message(
            await request.read(), query["msg_signature"], query["timestamp"], query["nonce"]
        )
        reply = TextReply(message=parse_mp(plaintext), content=CANNED_ANSWER).render()
        return web.Response(text=crypto.encrypt_message(reply, query["nonce"], query["timestamp"]))

    app = web.Application()
    app.router.add_post(PATHS["mp"], crypto_only)
    return app


def fake_api() -> web.Application:
    fake = FakeWeChatApi()
    app = fake.app()

    async def count(_request: web.Request) -> web.Response:
        return web.json_response({"sent": len(fake.sent), "fetches": dict(fake.fetches)})

    app.router.add_get("/count", count)
    return app


async def run_server(mode: str, api_base: str) -> None:
    makers: dict[str, Callable[[], web.Application]] = {
        "app-crypto": app_crypto,
        "mp-crypto": mp_crypto,
        "fake": fake_api,
    }
    runner = web.AppRunner(makers[mode](), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(runner.addresses[0][1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the parent closes stdin
    await runner.cleanup()


# ---------------------------------------------------------------- load generator


def Server(
    mode: str,
    folder: Path,
    api_base: str = "",
    database_url: str = "",
    pinned: bool = True,
    before: Path | None = None,
    grind: tuple[str, ...] = (),
) -> ServerProcess:
    """The baselines and the fake API run here; the full and cold paths are `python -m bot serve` with both
    channels' credentials, in a folder of their own (SQLite under ./data by default, or `database_url`);
    the "-before" ones run the code of the source tree `before`, the others this tree's. `grind`: the
    server runs under this valgrind command (serve without the tick)."""
    if mode in BASELINES or mode == "fake":
        args = [*grind, sys.executable, __file__, "--serve", mode, "--api", api_base]
        return ServerProcess(mode, args + ([] if pinned else ["--unpinned"]), ROOT, stop_timeout=60.0)
    settings = {
        # the bench's users ask far more often than WeCom would let them (20 a minute per chat by default)
        "BOT_SEND_RATE_LIMIT": "1000000",
        "BOT_WECOM_CORP_ID": CORP_ID,
        "BOT_WECOM_AGENT_ID": str(AGENT_ID),
        "BOT_WECOM_SECRET": CORP_SECRET,
        "BOT_WECOM_TOKEN": APP_TOKEN,
        "BOT_WECOM_AES_KEY": APP_AES_KEY,
        "BOT_WECOM_API_BASE": api_base,
        "BOT_MP_APP_ID": MP_APP_ID,
        "BOT_MP_APP_SECRET": MP_APP_SECRET,
        "BOT_MP_TOKEN": MP_TOKEN,
        "BOT_MP_AES_KEY": MP_AES_KEY,
        "BOT_MP_API_BASE": api_base,
    }
    if "-cold" in mode:
        settings["BOT_ANSWER_CACHE_SIZE"] = "0"
    if database_url:
        settings["BOT_DATABASE_URL"] = database_url
    tree = ROOT
    if mode.endswith("-before"):
        assert before is not None
        tree = before
    home = folder / f"{mode}-{uuid.uuid4().hex[:8]}"
    home.mkdir()
    if grind:
        settings |= callgrind.SETTINGS
        return ServeProcess(
            mode, settings, home, wrapper=grind, start_seconds=callgrind.START_SECONDS, tree=tree
        )
    return ServeProcess(mode, settings, home, cpu=0 if pinned else None, tree=tree)


class Requests:
    """Raw HTTP requests carrying distinct, freshly signed and encrypted callbacks."""

    def __init__(self, channel: str, asked: Sequence[str] = QUESTIONS) -> None:
        self.channel = channel
        self.asked = asked
        self.path = PATHS[channel]
        self.app_peer = AppPeer()
        self.mp_peer = MpPeer()
        self.ids = MESSAGE_IDS

    def batch(self, count: int, port: int | Callable[[int], int]) -> list[tuple[int, bytes]]:
        """(port, request) pairs; `port` may depend on the request's index (several workers)."""
        now = int(time.time())
        requests = []
        for index in range(count):
            number = next(self.ids)
            user = f"user{number % USERS}"
            question = self.asked[number % len(self.asked)]
            if self.channel == "app":
                params, body = self.app_peer.text(user, question, str(number), now)
            else:
                params, body = self.mp_peer.text(user, question, str(number), now, safe=True)
            target = port(index) if callable(port) else port
            data = body.encode("utf-8")
            head = (
                f"POST {self.path}?{urlencode(params)} HTTP/1.1\r\nHost: 127.0.0.1:{target}\r\n"
                f"Content-Type: text/xml\r\nContent-Length: {len(data)}\r\n\r\n"
            )
            requests.append((target, head.encode() + data))
        return requests


async def load(requests: list[tuple[int, bytes]], concurrency: int) -> tuple[float, list[float], int]:
    """Sends every request over `concurrency` keep-alive connections (each to one port, spread evenly);
    elapsed seconds, latencies, failures."""
    by_port: dict[int, list[bytes]] = {}
    for port, raw in requests:
        by_port.setdefault(port, []).append(raw)
    ports = sorted(by_port)
    queues: dict[int, Iterator[bytes]] = {port: iter(raws) for port, raws in by_port.items()}
    latencies: list[float] = []
    failures = 0

    async def worker(port: int) -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for raw in queues[port]:
            started = time.perf_counter()
            ok, body = await exchange(reader, writer, raw)
            latencies.append(time.perf_counter() - started)
            failures += not ok or not body  # every path answers in its response
        writer.close()
        await writer.wait_closed()

    started = time.perf_counter()
    await asyncio.gather(*(worker(ports[n % len(ports)]) for n in range(concurrency)))
    return time.perf_counter() - started, latencies, failures


async def timed(servers: list[ServerProcess], requests: list[tuple[int, bytes]], concurrency: int) -> Figures:
    cpu_before = sum(server.cpu_seconds() for server in servers)
    elapsed, latencies, failures = await load(requests, concurrency)
    cpu_us = (sum(server.cpu_seconds() for server in servers) - cpu_before) / len(requests) * 1e6
    return Figures(
        len(requests) / elapsed, percentile(latencies, 0.5), percentile(latencies, 0.99), failures, cpu_us
    )


async def check_answers(servers: dict[str, ServerProcess]) -> dict[str, str]:
    """One real request per server before anything is timed: every path answers in its response."""
    answers = {}
    for mode, server in servers.items():
        channel = mode.split("-")[0]
        requests = Requests(channel)
        [(_, raw)] = requests.batch(1, server.port)
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        ok, body = await exchange(reader, writer, raw)
        writer.close()
        assert ok, f"{mode}: not 200"
        assert body, f"{mode}: no passive reply"
        sealed = xmltodict.parse(body)["xml"]
        crypto = requests.mp_peer.crypto if channel == "mp" else requests.app_peer.crypto
        plaintext = crypto.decrypt_message(body, sealed["MsgSignature"], sealed["TimeStamp"], sealed["Nonce"])
        answers[mode] = str(xmltodict.parse(plaintext)["xml"]["Content"])
    return answers


async def part_one(
    results: dict[tuple[str, int], list[Figures]], modes: tuple[str, ...], before: Path | None
) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        fake = Server("fake", Path(folder), pinned=False)
        api = f"http://127.0.0.1:{fake.port}"
        servers = {mode: Server(mode, Path(folder), api, before=before) for mode in modes}
        try:
            answers = await check_answers(servers)
            makers = {mode: Requests(mode.split("-")[0]) for mode in modes}
            for _run in range(RUNS):  # interleaved across servers, so drift hits all alike
                for concurrency in CONCURRENCY:
                    for mode in modes:
                        server, maker = servers[mode], makers[mode]
                        await timed([server], maker.batch(WARM_UP, server.port), concurrency)
                        batch = maker.batch(REQUESTS[concurrency], server.port)
                        results.setdefault((mode, concurrency), []).append(
                            await timed([server], batch, concurrency)
                        )
        finally:
            for server in [*servers.values(), fake]:
                server.stop()
    return answers


async def instructions(count: int, before: Path | None) -> None:
    """Each baseline and full path under callgrind (serve fresh for each path, on its own channel): after each of
    `count` questions was asked once (the full paths' answers cached), `count` requests at concurrency 10
    counted."""
    modes = [*BASELINES, "app-full", "mp-full", *(("app-full-before", "mp-full-before") if before else ())]
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        fake = Server("fake", folder, pinned=False)
        api = f"http://127.0.0.1:{fake.port}"
        try:
            for mode in modes:
                out = folder / f"{mode}.callgrind"
                server = Server(mode, folder, api, before=before, grind=callgrind.command(out))
                try:
                    await check_answers({mode: server})
                    maker = Requests(mode.split("-")[0], QUESTIONS[:count])
                    await load(maker.batch(count + WARM_UP, server.port), 10)
                    callgrind.instrument(server.process.pid, "on")
                    _elapsed, _latencies, failures = await load(maker.batch(count, server.port), 10)
                    callgrind.instrument(server.process.pid, "off")
                    assert failures == 0, f"{mode}: {failures} failures"
                finally:
                    server.stop()
                figures[mode] = callgrind.totals(out, count)
        finally:
            fake.stop()
    callgrind.print_table(figures, f"{count} requests at concurrency 10 over {count} questions")
    for mode, counted in figures.items():
        if mode not in BASELINES:
            crypto = figures[mode.split("-")[0] + "-crypto"]["Ir"]
            print(f"{mode}: {counted['Ir'] / crypto:.2f} × its crypto-only baseline's instructions")


def alternating(ports: list[int]) -> Callable[[int], int]:
    """The i-th request's port: the workers take turns."""
    return lambda index: ports[index % len(ports)]


def fresh_postgres(admin: str) -> tuple[str, Callable[[], None]]:
    import psycopg

    name = f"bot_bench_{uuid.uuid4().hex[:12]}"
    plain = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin.rsplit("/", 1)[0] + f"/{name}", drop


async def part_two(admin: str) -> dict[int, list[Figures]]:
    results: dict[int, list[Figures]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        fake = Server("fake", folder, pinned=False)
        api = f"http://127.0.0.1:{fake.port}"
        try:
            for _run in range(RUNS):
                for workers in (1, 2):
                    url, drop = fresh_postgres(admin)
                    try:
                        # one after the other: the first migrates, the next find the schema at its head
                        servers = [Server("app-full", folder, api, url, pinned=False) for _ in range(workers)]
                        spread = alternating([server.port for server in servers])
                        maker = Requests("app")
                        try:
                            await timed(servers, maker.batch(WARM_UP, spread), 10)
                            batch = maker.batch(WORKER_REQUESTS, spread)
                            figures = await timed(servers, batch, WORKER_CONCURRENCY)
                            results.setdefault(workers, []).append(figures)
                        finally:
                            for server in servers:
                                server.stop()
                    finally:
                        drop()
        finally:
            fake.stop()
    return results


def report_one(
    results: dict[tuple[str, int], list[Figures]], modes: tuple[str, ...], answers: dict[str, str]
) -> None:
    print(f"XML callbacks on loopback (SQLite); {RUNS} runs interleaved across the servers, medians")
    print(f"{len(set(QUESTIONS))} distinct questions asked in turn")
    for mode, answer in answers.items():
        print(f"  {mode}: -> {answer[:40]!r}…")
    print(
        f"{'conc':>4}  {'path':<15} {'req/s':>8} {'req/s spread':>15} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'CPU µs/req':>10} {'vs crypto':>9} {'errors':>6}"
    )
    verdicts = []
    for concurrency in CONCURRENCY:
        for mode in modes:
            runs = results[(mode, concurrency)]
            baseline = results[(mode.split("-")[0] + "-crypto", concurrency)]
            ratio = statistics.median(run.rate / base.rate for run, base in zip(runs, baseline, strict=True))
            p99 = print_row(concurrency, mode, runs, ratio, width=15)
            if mode.endswith(("full", "cold")) and concurrency > 1:
                met = "met" if ratio >= 0.5 else "NOT met"
                verdicts.append(
                    f"{mode} ≥ 0.5 × crypto throughput at concurrency {concurrency}: {met} ({ratio:.2f})"
                )
                if concurrency == 10:
                    met = "met" if p99 < 20 else "NOT met"
                    verdicts.append(f"{mode} p99 < 20 ms at concurrency 10: {met} ({p99:.1f} ms)")
    print("\n".join(verdicts))


def report_two(results: dict[int, list[Figures]]) -> None:
    print(
        f"\n/wecom/app on PostgreSQL, {WORKER_REQUESTS} messages from {USERS} users, {WORKER_CONCURRENCY} in flight,"
        f" each answered in its response; {RUNS} runs, medians"
    )
    print(
        f"{'workers':>7} {'answered/s':>10} {'spread':>15} {'p50 ms':>10} {'p99 ms':>10} {'CPU µs/msg':>10}"
    )
    for workers, runs in sorted(results.items()):
        rate = statistics.median(run.rate for run in runs)
        spread = f"{min(run.rate for run in runs):,.0f}–{max(run.rate for run in runs):,.0f}"
        print(
            f"{workers:>7} {rate:>10,.0f} {spread:>15} {statistics.median(r.p50 for r in runs):>10.2f}"
            f" {statistics.median(r.p99 for r in runs):>10.2f} {statistics.median(r.cpu_us for r in runs):>10.0f}"
        )
    one, two = (statistics.median(run.rate for run in results[n]) for n in (1, 2))
    print(
        f"two workers / one worker: {two / one:.2f} (this machine has {os.cpu_count()} CPUs for workers, PostgreSQL,"
    )
    print("the fake API and the load generator together)")


async def bench(postgres: str | None, parts: str, before: Path | None) -> None:
    if parts in ("all", "xml"):
        pin(1)
        results: dict[tuple[str, int], list[Figures]] = {}
        modes = MODES + (("app-full-before", "mp-full-before") if before else ())
        answers = await part_one(results, modes, before)
        report_one(results, modes, answers)
    if parts == "xml":
        return
    if not postgres:
        print(
            "\nPart 2 skipped: set BOT_TEST_POSTGRES_URL (or --postgres) to a server you may create databases on"
        )
        return
    with contextlib.suppress(AttributeError, OSError):  # the workers need every CPU: the client too
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    report_two(await part_two(postgres))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--serve", choices=[*BASELINES, "fake"], help="internal: run a baseline or the fake API"
    )
    parser.add_argument("--api", default="", help="internal: the fake API's address")
    parser.add_argument("--unpinned", action="store_true", help="internal: do not pin the server to CPU 0")
    parser.add_argument(
        "--postgres", default=os.environ.get("BOT_TEST_POSTGRES_URL"), help="PostgreSQL server URL"
    )
    parser.add_argument("--part", choices=["all", "xml", "workers"], default="all", help="run only one part")
    parser.add_argument(
        "--before",
        type=Path,
        help="part 1 also runs the full paths from this source tree (the code before a change)",
    )
    parser.add_argument(
        "--instructions",
        type=int,
        metavar="N",
        help="instructions and cache misses per request under callgrind over N requests (part 1's paths)",
    )
    args = parser.parse_args()
    if args.serve:
        if not args.unpinned:
            pin(0)
        asyncio.run(run_server(args.serve, args.api))
    elif args.instructions:
        asyncio.run(instructions(args.instructions, args.before))
    else:
        asyncio.run(bench(args.postgres, args.part, args.before))


if __name__ == "__main__":
    main()
