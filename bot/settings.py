"""One frozen settings object from BOT_* environment variables and an optional TOML file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every field is also the environment variable BOT_<FIELD>; README lists them all."""

    model_config = SettingsConfigDict(env_prefix="BOT_", frozen=True, extra="forbid")

    database_url: str = "sqlite:///data/bot.db"
    bot_name: str = "绩效分级助手"
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"
    knowledge_dir: Path = PACKAGE_ROOT / "knowledge" / "data"
    templates_dir: Path = PACKAGE_ROOT / "knowledge" / "templates"
    exports_dir: Path = Path("exports")
    dialogue_idle_minutes: int = 120
    tick_seconds: float = 30.0
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    # County staff: platform user id -> county, e.g. BOT_STAFF='{"wangke": "平山县"}'. Identity comes from
    # here, never from what a message says (the console's "role" field is the simulation of it).
    staff: dict[str, str] = {}

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # BOT_CONFIG_FILE names the optional TOML file; environment variables win over it.
        config_file = os.environ.get("BOT_CONFIG_FILE", "bot.toml")
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file))
