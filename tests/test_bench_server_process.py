"""The benchmarks' `serve` runs the code of the tree it is given: the virtual environment's editable install maps
`bot` to the tree it was installed from, so without the tree first on PYTHONPATH a worktree's benchmark measured
another tree's code, its "before" and "this tree" alike."""

import os
import subprocess
import sys
from pathlib import Path

from bench.server_process import TREE, serve_environment
from tests.harness import ROOT


def test_serve_imports_the_bot_of_the_tree_it_is_given(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "bot").mkdir(parents=True)
    (tree / "bot" / "__init__.py").write_text('TREE = "the tree given"\n', encoding="utf-8")
    elsewhere = tmp_path / "serving"  # serve runs in a folder of its own, holding no code
    elsewhere.mkdir()
    imported = subprocess.run(
        [sys.executable, "-c", "import bot; print(bot.TREE)"],
        cwd=elsewhere,
        env=serve_environment(tree, elsewhere, {"BOT_LOG_LEVEL": "WARNING"}),
        capture_output=True,
        text=True,
        check=True,
    )
    assert imported.stdout.strip() == "the tree given"


def test_by_default_the_tree_is_the_benchmarks_own_and_settings_are_kept(tmp_path: Path) -> None:
    environment = serve_environment(TREE, tmp_path, {"BOT_ANSWER_CACHE_SIZE": "0"})
    assert TREE == ROOT
    assert environment["PYTHONPATH"].split(os.pathsep)[0] == str(ROOT)
    assert environment["BOT_ANSWER_CACHE_SIZE"] == "0"
    assert environment["BOT_CONFIG_FILE"] == str(tmp_path / "absent.toml")
