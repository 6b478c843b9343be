"""One frozen settings object from BOT_* environment variables and an optional TOML file."""

from __future__ import annotations

import base64
import binascii
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
VERSION = version("jixiao-bot")


class Settings(BaseSettings):
    """Every field is also the environment variable BOT_<FIELD>; README lists them all."""

    # hide_input_in_errors: a mistyped secret must not be echoed into the logs by a validation error
    model_config = SettingsConfigDict(
        env_prefix="BOT_", frozen=True, extra="forbid", hide_input_in_errors=True
    )

    database_url: str = "sqlite:///data/bot.db"
    bot_name: str = "绩效分级助手"
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"
    # One line per HTTP request on stderr, in log_format, signed query parameters blanked; off by default
    # (nginx in front keeps its own).
    access_log: bool = False
    knowledge_dir: Path = PACKAGE_ROOT / "knowledge" / "data"
    templates_dir: Path = PACKAGE_ROOT / "knowledge" / "templates"
    exports_dir: Path = Path("exports")
    # What start-up builds from the knowledge and the templates, kept for the next start (rebuilt whenever
    # they or the code change; nothing is lost when the folder cannot be written).
    cache_dir: Path = Path("data/cache")
    dialogue_idle_minutes: int = 120
    # A dialogue idle for dialogue_idle_minutes is paused, not discarded: its answers are kept this long.
    dialogue_keep_days: int = Field(default=7, ge=1)
    # Messages handled longer ago than this are deleted from the inbox, with their answers, by the tick.
    inbox_retention_days: int = Field(default=30, ge=1)
    # A short follow-up ("那C级呢", "具体几点") is read with the sender's own question in the same chat of the last
    # followup_minutes, else, in a group, with the chat's last question of the last group_followup_minutes,
    # both read from the inbox; 0: never.
    followup_minutes: int = Field(default=10, ge=0)
    group_followup_minutes: int = Field(default=3, ge=0)
    # A greeting within this many minutes of one answered in the same chat gets the short greeting (read from the
    # inbox, nothing written); 0: always the full one.
    greeting_again_minutes: int = Field(default=60, ge=0)
    # Q&A replies remembered per question text (the knowledge does not change while the bot runs); 0: none.
    answer_cache_size: int = Field(default=2048, ge=0)
    tick_seconds: float = 30.0
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    # County staff: platform user id -> county, e.g. BOT_STAFF='{"wangke": "平山县"}'. Identity comes from
    # here, never from what a message says (the console's "role" field is the simulation of it).
    staff: dict[str, str] = {}
    # The campaign's deadlines and reminders; another file replaces the campaign (check it with
    # `python -m bot schedule check FILE`).
    schedule_file: Path = PACKAGE_ROOT / "knowledge" / "data" / "schedule_2020.yaml"
    # Pushes (reminders, broadcasts): at most send_rate_limit messages per chat in any window of
    # send_rate_window_seconds (a WeCom group robot takes 20 a minute); transient failures are retried
    # send_max_attempts times in all, waiting send_retry_base_seconds, then twice as long each time, at most
    # send_retry_max_seconds; send_concurrency chats are sent to at once.
    send_rate_limit: int = Field(default=20, ge=1)
    send_rate_window_seconds: float = Field(default=60.0, gt=0)
    send_max_attempts: int = Field(default=5, ge=1)
    send_retry_base_seconds: float = Field(default=2.0, ge=0)
    send_retry_max_seconds: float = Field(default=60.0, ge=0)
    send_concurrency: int = Field(default=20, ge=1)
    # A staff reminder found overdue (the bot was down at its time) is still sent this long after it;
    # later it is recorded as missed.
    reminder_grace_minutes: int = Field(default=120, ge=0)
    # WeCom AI bot (智能机器人, API mode): the callback's Token and EncodingAESKey. Secrets: environment only.
    wecom_bot_token: SecretStr = SecretStr("")
    wecom_bot_aes_key: SecretStr = SecretStr("")
    wecom_bot_max_skew_seconds: float = 300.0
    wecom_bot_reply_budget_seconds: float = 3.0
    # Where group-robot webhooks are posted (tests point it at a fake server on loopback).
    wecom_api_base: str = "https://qyapi.weixin.qq.com"
    # Group robots (群机器人): chat id -> webhook key or the whole webhook address.
    wecom_robots: dict[str, str] = {}
    wecom_robot_msgtype: Literal["text", "markdown"] = "text"
    # WeCom self-built app (自建应用): the corporation, the app, its Secret (for the API) and its callback's
    # Token and EncodingAESKey. Secret, Token and key are secrets: environment only.
    wecom_corp_id: str = ""
    wecom_agent_id: int = 0
    wecom_secret: SecretStr = SecretStr("")
    wecom_token: SecretStr = SecretStr("")
    wecom_aes_key: SecretStr = SecretStr("")
    # Group chats the app created (appchat): chat id -> the binding they get, "平山县" or "平山县 分局".
    wecom_app_chats: dict[str, str] = {}
    # An app member's answer ready within this goes back in the callback's response (WeCom waits 5 s);
    # a later one through message/send.
    wecom_app_reply_budget_seconds: float = Field(default=4.0, ge=0, le=4.5)
    # WeChat Official Account (公众号): AppID, AppSecret (secret), the callback's Token (secret) and, for
    # safe mode, its EncodingAESKey (secret); where its API lives; how long a callback waits for the answer
    # before acknowledging and sending it as a customer-service message (WeChat waits 5 s).
    mp_app_id: str = ""
    mp_app_secret: SecretStr = SecretStr("")
    mp_token: SecretStr = SecretStr("")
    mp_aes_key: SecretStr = SecretStr("")
    mp_api_base: str = "https://api.weixin.qq.com"
    mp_reply_budget_seconds: float = Field(default=4.0, ge=0, le=4.5)
    # WeCom-app and Official-Account callbacks whose timestamp is further than this from our clock are
    # refused (replays).
    callback_max_skew_seconds: float = Field(default=300.0, gt=0)
    # /metrics answers loopback without it; from elsewhere only with `Authorization: Bearer <token>`.
    # Secret: environment only.
    metrics_token: SecretStr = SecretStr("")
    # The staff workspace (/staff/): the address staff open it at (the base of the links /后台 sends, e.g.
    # https://bot.example.cn), and the secret its session cookies are encrypted with (environment only).
    # Without both the workspace is off.
    public_url: str = ""
    session_secret: SecretStr = SecretStr("")

    @field_validator("wecom_bot_aes_key", "wecom_aes_key", "mp_aes_key")
    @classmethod
    def aes_key_is_43_base64_characters(cls, value: SecretStr) -> SecretStr:
        key = value.get_secret_value()
        if not key:
            return value
        try:
            valid = len(key) == 43 and len(base64.b64decode(key + "=", validate=True)) == 32
        except binascii.Error:
            valid = False
        if not valid:
            raise PydanticCustomError("aes_key_invalid", "aes_key_invalid")  # worded in knowledge_problems.j2
        return value

    @field_validator("session_secret")
    @classmethod
    def session_secret_is_long(cls, value: SecretStr) -> SecretStr:
        if value.get_secret_value() and len(value.get_secret_value()) < SESSION_SECRET_LENGTH:
            raise PydanticCustomError(
                "session_secret_short", "session_secret_short", {"length": SESSION_SECRET_LENGTH}
            )
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # environment variables win over the optional TOML file
        return (init_settings, env_settings, TomlWithoutSecrets(settings_cls, toml_file=config_file()))


def config_file() -> str:
    """The optional TOML file BOT_CONFIG_FILE names."""
    return os.environ.get("BOT_CONFIG_FILE", "bot.toml")


SESSION_SECRET_LENGTH = 32  # characters, at least
SECRETS = frozenset(
    {
        "wecom_bot_token",
        "wecom_bot_aes_key",
        "wecom_secret",
        "wecom_token",
        "wecom_aes_key",
        "mp_app_secret",
        "mp_token",
        "mp_aes_key",
        "metrics_token",
        "session_secret",
    }
)


class TomlWithoutSecrets(TomlConfigSettingsSource):
    """The TOML file, refusing secrets: a config file gets copied, shared and committed."""

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        found = sorted(SECRETS & values.keys())
        if found:
            raise SecretsInConfigFile([f"BOT_{name.upper()}" for name in found])
        return values


class SecretsInConfigFile(ValueError):
    """Secrets found in the TOML file (`names`): they belong in the environment."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names
