"""The commands people type and the words that do the same (data/commands.yaml), and what `knowledge check`
finds wrong in them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Set

from pydantic import Field

from knowledge.models import Strict
from knowledge.wording import Wording

FILE = "commands.yaml"
# A command named in the data's text: a slash that starts a word ("发送 /帮助"), not one inside it (千克/天, GB/T)
_SLASHED = re.compile(r"(?<![\w/])[/／](\w+)")


class CommandEntry(Strict):
    """One command as people say it; bot.dispatch.CommandWords is what the dispatcher reads of it."""

    names: list[str] = Field(min_length=1)  # typed after the slash; the first is the one lists show
    words: list[str] = []  # a message that is exactly one of these runs the command too
    # said before a code or number (修改申请 9113…, no slash): runs the command with it; words after one stay a question
    leads: list[str] = []
    phrases: list[list[str]] = []  # every joining of one word of each list, in order, is one of its words
    summary: str  # what it does, in the list of commands an unknown one is answered with
    reads: dict[str, list[str]] = {}  # words its handler tells apart in what it is sent, by what they mean
    in_groups: bool = (
        False  # about the group it is sent in (/本群, /绑定): a private chat's list leaves it out
    )

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def spoken(self) -> list[str]:
        """Every message, said alone, that runs the command: its phrases joined, then its words."""
        joined = ["".join(parts) for parts in itertools.product(*self.phrases)] if self.phrases else []
        return [*joined, *self.words]


class CommandsFile(Strict):
    commands: dict[str, CommandEntry]


def command_problems(commands: Mapping[str, CommandEntry], words: Wording) -> list[str]:
    """A name typed after the slash, or a word said alone, that two commands claim: only one could run."""
    problems: list[str] = []
    for slashed, said in (
        (True, lambda entry: entry.names),
        (False, lambda entry: [*entry.spoken, *entry.leads]),
    ):
        for key, word, first in _claimed_twice(commands, said):
            where = f"{FILE}: commands.{key}"
            problems.append(
                words.problem("command_word_repeated", where=where, word=word, slashed=slashed, first=first)
            )
    return problems


def unknown_slashed(
    texts: Mapping[str, object], commands: Mapping[str, CommandEntry], words: Wording
) -> list[str]:
    """A "/name" in the data's text (`texts`: each file's dumped content by its name) that no command of
    commands.yaml is typed as (glued to its argument or not): the data is not rendered, so a command renamed
    there is not renamed here, and people would be told to type what does nothing."""
    names = tuple(name for entry in commands.values() for name in entry.names)
    return [
        words.problem("command_name_unknown", where=where, name=typed)
        for where, content in texts.items()
        for text in _strings(content)
        for typed in _SLASHED.findall(text)
        if not typed.startswith(names)
    ]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for each in value.values():
            yield from _strings(each)
    elif isinstance(value, list | tuple):
        for each in value:
            yield from _strings(each)


def _claimed_twice(
    commands: Mapping[str, CommandEntry], said: Callable[[CommandEntry], list[str]]
) -> Iterator[tuple[str, str, str]]:
    """(command, word, the command that claimed it first) for each word a second command claims."""
    owner: dict[str, str] = {}
    for key, entry in commands.items():
        for word in said(entry):
            if owner.setdefault(word, key) != key:
                yield key, word, owner[word]


def intent_overlaps(
    commands: Mapping[str, CommandEntry],
    intent_words: Set[str],
    normalize: Callable[[str], str],
    words: Wording,
) -> list[str]:
    """Words said alone that are also a short question's intent word (intents.yaml): said exactly so, the
    command runs and the intent is never reached. Told, not refused: a command may mean to win there."""
    return [
        words.problem("command_word_is_intent", where=f"{FILE}: commands.{key}", word=word)
        for key, entry in commands.items()
        for word in entry.spoken
        if normalize(word) in intent_words
    ]
