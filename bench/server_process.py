"""A benchmark server in its own process: a script's serving mode (prints its port, serves until its stdin
closes), or the real `python -m bot serve` with its default settings but for those the run must give."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

# `python -m bot serve` with cProfile counting CPU time, not wall time (a shared machine's waits would
# count otherwise), from SIGUSR1 on (start-up and warm-up left out); its statistics written to the file
# named by its first argument once it stops.
PROFILED_SERVE = """
import cProfile, runpy, signal, sys, time
statistics, sys.argv = sys.argv[1], ["bot", "serve"]
profiler = cProfile.Profile(time.process_time)
signal.signal(signal.SIGUSR1, lambda *_: profiler.enable())
try:
    runpy.run_module("bot", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profiler.disable()
    profiler.dump_stats(statistics)
"""
START_SECONDS = 120.0  # bounded: a loaded machine starts `serve` slowly, an idle one in about a second
TREE = Path(__file__).resolve().parent.parent  # the source tree this benchmark is part of


def serve_environment(tree: Path, cwd: Path, settings: dict[str, str]) -> dict[str, str]:
    """The environment `python -m bot serve` runs the code of `tree` in: the tree first on PYTHONPATH, since the
    virtual environment's editable install would otherwise import the tree it was installed from (a worktree's
    benchmark measured main's code)."""
    inherited = os.environ.get("PYTHONPATH")
    return {
        **os.environ,
        "BOT_CONFIG_FILE": str(cwd / "absent.toml"),
        "BOT_HTTP_PORT": "0",
        "BOT_LOG_FORMAT": "json",
        **settings,
        "PYTHONPATH": os.pathsep.join([str(tree), *([inherited] if inherited else [])]),
    }


class ServerProcess:
    """`args` start a script in its serving mode; the server's CPU time is read from /proc."""

    process: subprocess.Popen[Any]

    def __init__(
        self,
        mode: str,
        args: list[str],
        cwd: Path,
        stop_timeout: float = 30.0,
        settings: dict[str, str] | None = None,
    ) -> None:
        self.mode = mode
        self._stop_timeout = stop_timeout
        self.process = subprocess.Popen(
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=cwd,
            env={**os.environ, **(settings or {})},
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())
        self.usage = psutil.Process(self.process.pid)

    def cpu_seconds(self) -> float:
        times = self.usage.cpu_times()
        return float(times.user + times.system)

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=self._stop_timeout)


class ServeProcess(ServerProcess):
    """`python -m bot serve` as deployed, in the folder `cwd`: its own defaults (SQLite under ./data, JSON logs
    at INFO, no access log, the tick, the answer cache) but for `settings` (BOT_* variables), on any free
    port. Its log lines go to a file, read for the "serving" line that names the port. `cpu`: pinned to that
    CPU where the OS allows. `profile`: profiled from `start_profile` on, its statistics written there when
    it stops (only for profiling runs: cProfile inflates Python time). `wrapper`: the command the Python
    interpreter runs under (valgrind), with `start_seconds` to start in. `tree`: the source tree whose code it
    runs (by default this benchmark's)."""

    def __init__(
        self,
        mode: str,
        settings: dict[str, str],
        cwd: Path,
        cpu: int | None = None,
        stop_timeout: float = 60.0,
        profile: Path | None = None,
        wrapper: tuple[str, ...] = (),
        start_seconds: float = START_SECONDS,
        tree: Path = TREE,
    ) -> None:
        self.mode = mode
        self._stop_timeout = stop_timeout
        self._log = tempfile.TemporaryFile()
        environment = serve_environment(tree, cwd, settings)
        command = ["-m", "bot", "serve"] if profile is None else ["-c", PROFILED_SERVE, str(profile)]
        self.process = subprocess.Popen(
            [*wrapper, sys.executable, *command],
            stdin=subprocess.DEVNULL,
            stderr=self._log,
            cwd=cwd,
            env=environment,
        )
        if cpu is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(self.process.pid, {cpu})
        self.port = self._serving_port(start_seconds)
        self.usage = psutil.Process(self.process.pid)

    def _serving_port(self, start_seconds: float) -> int:
        deadline = time.monotonic() + start_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.mode}: serve stopped: {self.log_tail()}")
            self._log.seek(0)
            for line in self._log.read().splitlines():
                entry = json.loads(line) if line.startswith(b"{") else {}
                if entry.get("event") == "serving":
                    return int(str(entry["addresses"][0]).rsplit(":", 1)[1])
            time.sleep(0.05)
        raise RuntimeError(f"{self.mode}: serve did not start within {start_seconds} s: {self.log_tail()}")

    def start_profile(self) -> None:
        self.process.send_signal(signal.SIGUSR1)

    def log_tail(self) -> str:
        self._log.seek(0)
        return self._log.read()[-2000:].decode("utf-8", "replace")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=self._stop_timeout)
        self._log.close()
