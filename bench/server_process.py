"""A benchmark server in its own process: it prints its port, serves until its stdin closes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psutil


class ServerProcess:
    """`args` start a script in its serving mode; the server's CPU time is read from /proc."""

    def __init__(self, mode: str, args: list[str], cwd: Path, stop_timeout: float = 30.0) -> None:
        self.mode = mode
        self._stop_timeout = stop_timeout
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=cwd
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
