"""Group-robot webhook addresses (群机器人): the key that names a robot, read from what people paste, and masked.

Anyone holding a robot's key can post into its group, so the key is a secret: replies and logs show only
`mask_key(key)`. The bot core owns this because handlers (the /机器人 command), the composition root
(BOT_WECOM_ROBOTS) and the robot sender all need it, and handlers may not import adapters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from urllib.parse import parse_qs, urlsplit

WEBHOOK_PATH = "/cgi-bin/webhook/send"
# WeCom issues a robot's key as a UUID: 36 characters, 8-4-4-4-12 (its documentation's example,
# 693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa, masks some with letters outside hexadecimal).
_KEY = re.compile(r"[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}")


def robot_key(value: str) -> str:
    """The key of a group robot, from its whole webhook address or from the key itself.

    Raises ValueError (whose text never repeats the value) for anything else.
    """
    value = value.strip()
    if "://" in value:
        address = urlsplit(value)
        keys = parse_qs(address.query).get("key", [])
        value = keys[0] if address.path.rstrip("/").endswith(WEBHOOK_PATH) and len(keys) == 1 else ""
    if not _KEY.fullmatch(value):
        raise ValueError("not a group-robot webhook address or key")
    return value


def mask_key(key: str) -> str:
    """What may be shown of a key: its last four characters, enough to tell two robots apart."""
    return f"****{key[-4:]}"


def configured_robots(robots: Mapping[str, str]) -> dict[str, str]:
    """BOT_WECOM_ROBOTS (chat id -> webhook address or key) as chat id -> key.

    Raises ValueError naming the chat, never the key, for a value that is no robot's, and when two chats
    name one robot: it posts into one group only, and the two would share its 20 messages a minute.
    """
    keys: dict[str, str] = {}
    for chat_id, value in robots.items():
        try:
            keys[chat_id] = robot_key(value)
        except ValueError:
            raise ValueError(
                f"BOT_WECOM_ROBOTS: {chat_id}: not a group-robot webhook address or key"
            ) from None
    uses = Counter(keys.values())
    shared = sorted(chat for chat, key in keys.items() if uses[key] > 1)
    if shared:
        raise ValueError(f"BOT_WECOM_ROBOTS: {', '.join(shared)} name the same group robot")
    return keys
