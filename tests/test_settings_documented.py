"""Every setting is documented in README's configuration table."""

from bot.settings import Settings
from tests.harness import ROOT


def test_every_setting_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"BOT_{name.upper()}" for name in Settings.model_fields if f"`BOT_{name.upper()}`" not in readme
    ]
    assert not missing
