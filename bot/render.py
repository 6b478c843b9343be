"""Jinja2 templates for replies, compiled once; user text is only ever data."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

import jinja2

OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,  # plain-text chat replies, not HTML
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
    # Templates never change while the bot runs: an included template is taken from the cache without a
    # stat of its file on every reply that includes it.
    "auto_reload": False,
}


class Renderer:
    """Every template of `folder`, compiled at once by default, so that a broken one stops the start rather
    than a later reply; `preload=False` compiles each on first use, for the command line, which says a few
    lines and must not pay for every reply template.

    `cache`: a folder the bot may write, where jinja2 keeps each template's compiled code for the next start
    (its bytecode cache: a template whose text changed is compiled again); compiling them all is about a
    third of a second.

    `commands`: the commands by key (knowledge/data/commands.yaml), every template's `cmd`: a template names
    a command as `/{{ cmd.bind.name }}`, so that one renamed there is renamed in every reply."""

    def __init__(
        self,
        folder: Path,
        preload: bool = True,
        cache: Path | None = None,
        commands: Mapping[str, Any] | None = None,
    ) -> None:
        self._env = _Environment(
            loader=jinja2.FileSystemLoader(folder),
            bytecode_cache=_compiled_code(cache / "templates") if cache else None,
            **OPTIONS,
        )
        if commands is not None:
            self._env.globals["cmd"] = commands
        self._templates: dict[str, jinja2.Template] = {}
        if preload:
            for name in self._env.list_templates(".j2"):
                self._compiled(name)

    def __call__(self, template: str, **values: Any) -> str:
        return self._compiled(template).render(**values).strip()

    def _compiled(self, template: str) -> jinja2.Template:
        compiled = self._templates.get(template)
        if compiled is None:
            compiled = self._templates[template] = self._env.get_template(template)
        return compiled


class _Environment(jinja2.Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals in one dict rather than jinja2's ChainMap over the environment's: each render
        copies them twice (its context and the context's keys), and going through a ChainMap costs as much as
        rendering a short reply. Nothing changes the globals once a template is loaded."""
        return {**self.globals, **(d or {})}


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that cannot be read or written is no cache, not a failed start or reply."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_code(folder: Path) -> jinja2.BytecodeCache | None:
    """jinja2 keys a template's code by its file and text, and checks its own and Python's versions; the
    options it was compiled with are in the file names, so other options never read it. None (compile
    every start) when the folder cannot be made, or someone else could write code into it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.stat()
    except OSError:
        return None
    if status.st_uid != os.getuid() or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    options = repr(sorted(OPTIONS.items())) + jinja2.__version__
    return _QuietBytecodeCache(str(folder), f"{hashlib.sha256(options.encode()).hexdigest()[:16]}-%s.cache")
