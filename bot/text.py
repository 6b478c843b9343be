"""Splitting long texts at sentence boundaries to a channel's byte limit; text every database stores; a group
message's words without the @-mentions that address it."""

from __future__ import annotations

import re

WECOM_TEXT_LIMIT = 2048  # bytes of UTF-8, the WeCom text-message limit (apps and group robots)
WECOM_ROBOT_MARKDOWN_LIMIT = 4096  # a group robot's markdown message (longer is refused with 40058)
WECOM_BOT_MARKDOWN_LIMIT = 20480  # the AI bot's stream reply and response_url markdown

# A mention's name ends where a space or punctuation does ("@助手，名单什么时候交"): the words after it are the
# message's, and the punctuation that set the name off goes with it.
_NAME_ENDS = "，,：:、。！？!?；;"
_SETTING_OFF = "，,：:、"  # what sets a name off from the words said to it ("？" alone is still asked)
# a name's end before the words said to it: a mention's, or a county's before a broadcast's notice (平山县，明天开会)
NAME_SET_OFF = re.compile(rf"[\s{_SETTING_OFF}]+")
_LEADING_MENTIONS = re.compile(rf"^(?:[\s{_SETTING_OFF}]*@[^\s{_NAME_ENDS}]+)+[\s{_SETTING_OFF}]*")
_LEADING_PUNCTUATION = re.compile(rf"^{NAME_SET_OFF.pattern}")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")
# NUL (PostgreSQL text cannot hold it) and lone surrogates (not encodable as UTF-8: SQLite's driver and
# psycopg both refuse them); JSON can carry either ("\u0000", "\ud800").
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """The text with what no database stores written as a backslash escape (\\x00, \\ud800): still
    readable, and the rest of the text unchanged."""
    if _UNSTORABLE.search(text) is None:
        return text
    return _UNSTORABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


def storable_all(*texts: str) -> bool:
    """Whether every text is storable as it is."""
    return _UNSTORABLE.search("".join(texts)) is None


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def split_text(text: str, limit: int = WECOM_TEXT_LIMIT) -> list[str]:
    """Pieces of at most `limit` UTF-8 bytes, cut after sentence ends where possible."""
    if utf8_len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        for part in _hard_cut(sentence, limit):
            if utf8_len(current + part) > limit:
                pieces.append(current)
                current = part
            else:
                current += part
    if current:
        pieces.append(current)
    return [p for p in (piece.strip("\n") for piece in pieces) if p]


def _hard_cut(sentence: str, limit: int) -> list[str]:
    """A sentence longer than the limit is cut by characters, never inside one."""
    if utf8_len(sentence) <= limit:
        return [sentence]
    parts: list[str] = []
    current = ""
    for char in sentence:
        if utf8_len(current) + utf8_len(char) > limit:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return parts


def strip_mention(text: str, bot_name: str, group: bool = True) -> str:
    """A group message's words without the @-mention that made WeCom deliver it (the console reads its group
    messages the same way).

    The bot's name in WeCom may differ from the configured one, so leading @-mentions go too. Words said to
    someone else before the bot's mention ("@王五 你们报了吗 @绩效分级助手 名单交给谁") are theirs: the bot is asked
    what follows its mention, and where nothing does ("@王五 你填一下 @绩效分级助手") the words stay theirs, the
    other member's mention kept: the self-assessment takes no name from them. A private chat's message (`group` false) is read so only where it holds the bot's
    own mention (a group's message pasted, "@绩效分级助手 我要自评" was no command there): another member's
    mention alone is part of what is said.
    """
    mention = f"@{bot_name}"
    if not group and mention not in text:
        return text.strip()
    said_before, found, said_after = text.partition(mention)
    # read only where words come before the bot's mention: most messages open with it
    if said_before and found and said_to_someone_else(said_before):
        if not said_after.strip():
            return said_before.strip()
        text = said_after
    return _LEADING_PUNCTUATION.sub("", _LEADING_MENTIONS.sub("", text.replace(mention, ""))).strip()


def said_to_someone_else(said: str) -> bool:
    """Whether words open with another member's @-mention and say something besides it."""
    return _LEADING_MENTIONS.match(said) is not None and bool(_LEADING_MENTIONS.sub("", said).strip())
