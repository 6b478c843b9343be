"""The validated, indexed knowledge kept on disk between starts: reading it back takes a few hundredths of a
second, building it from the YAML most of a second (bench/bench_startup.py).

The file is named by a hash of everything the knowledge is built from: every data file, this package's code and
the templates it words things with (knowledge.wording), Python's and the libraries' versions. Any change gives a
new name, so a stale file is never read. Anything wrong (no folder, a file that cannot be written, read or
unpickled, one someone else could have written) means the full load, silently: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pydantic
import rapidfuzz
import yaml

from knowledge import wording

log = logging.getLogger("knowledge.cache")

CODE = Path(__file__).resolve().parent
PREFIX = "knowledge-"
SUFFIX = ".pickle"


def cache_file(folder: Path, data: Path, templates: Path) -> Path:
    """Where the knowledge built from the data folder `data`, worded by the templates folder `templates`, is
    kept in the cache folder `folder`."""
    digest = hashlib.sha256()
    for part in (sys.version, pydantic.VERSION, yaml.__version__, rapidfuzz.__version__):
        digest.update(part.encode() + b"\0")
    for path in sorted(data.rglob("*.yaml")):
        digest.update(b"data/" + path.relative_to(data).as_posix().encode() + b"\0" + path.read_bytes())
    for path in sorted(CODE.glob("*.py")):
        digest.update(b"code/" + path.name.encode() + b"\0" + path.read_bytes())
    digest.update(b"templates/" + str(templates).encode() + b"\0")  # the knowledge words things from there
    for name in wording.FILES:
        digest.update(b"templates/" + name.encode() + b"\0" + (templates / name).read_bytes())
    return folder / f"{PREFIX}{digest.hexdigest()}{SUFFIX}"


def read(path: Path) -> object | None:
    """What `path` holds, or None when it is absent, unreadable, or writable by anyone but this user (a
    pickle runs code as it loads)."""
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if status.st_uid != os.getuid() or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            with _collector_paused():
                return pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception as error:  # a truncated or foreign file fails in many ways; it is only a cache
        log.debug("knowledge cache not read", extra={"path": str(path), "error": repr(error)})
        return None


def write(path: Path, value: object) -> None:
    """Keeps `value` at `path` (written aside, then renamed: a reader sees all of it or nothing) and removes
    the folder's other knowledge files, built from data or code that has since changed."""
    temporary = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{PREFIX}", delete=False) as file:
            temporary = file.name
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for other in path.parent.glob(f"{PREFIX}*{SUFFIX}"):
            if other != path:
                other.unlink(missing_ok=True)
    except Exception as error:  # read-only folder, full disk, something unpicklable: the next start rebuilds
        log.debug("knowledge cache not written", extra={"path": str(path), "error": repr(error)})
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Unpickling creates ~150k objects; the cyclic collector, run every few hundred of them, would walk the
    growing heap again and again (three times the unpickling itself)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
