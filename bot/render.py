"""Jinja2 templates for replies, compiled once; user text is only ever data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2


class Renderer:
    def __init__(self, folder: Path) -> None:
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # plain-text chat replies, not HTML
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            # Templates never change while the bot runs: an included template is taken from the cache
            # without a stat of its file on every reply that includes it.
            auto_reload=False,
        )
        self._templates = {name: self._env.get_template(name) for name in self._env.list_templates(".j2")}

    def __call__(self, template: str, **values: Any) -> str:
        return self._templates[template].render(**values).strip()

    def has(self, template: str) -> bool:
        return template in self._templates
