"""Jinja2 templates for replies, compiled once; user text is only ever data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2


class Renderer:
    """Every template of `folder`, compiled at once by default, so that a broken one stops the start rather
    than a later reply; `preload=False` compiles each on first use, for the command line, which says a few
    lines and must not pay for every reply template."""

    def __init__(self, folder: Path, preload: bool = True) -> None:
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
