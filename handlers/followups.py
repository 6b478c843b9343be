"""The Q&A answer to a message read with what was said just before it in the chat: a short follow-up ("那C级呢",
"具体几点") with the question asked before it (knowledge.followup), and a question of the answer just given ("出处呢",
"具体点": smalltalk.yaml source_asked, more_asked) from that answer's entries. The Q&A fallback and the
self-assessment's asides (a question asked instead of a step's answer) both answer so.

What was said before is read back from the inbox, which every worker shares, and only for a message that may be a
follow-up or asks of the answer before; the answer cache stays keyed on what is answered, the follow-up's reading, so
the same text said alone is still answered alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from bot.message import ChatKind, Message
from handlers.context import Answer, Context, answer_to, is_command, mask_phone
from knowledge import credit_code
from knowledge.answering import CONFIDENT, Decided, asks
from knowledge.base import KnowledgeBase
from knowledge.catalogue import IndustryMatch
from knowledge.followup import read_with, shaped
from knowledge.models import SourceRef

# the entries related to the answer before (see_also) given in full when more of it is asked: more would be a wall
RELATED_SHOWN = 2


def answer_read(msg: Message, ctx: Context, decided: Decided | None = None) -> Answer:
    """The Q&A reply to a message as what was said just before it in the chat lets it be read; `decided`, the
    message's decision where reading it made one already (answer_to)."""
    answer = answer_to(msg, ctx, decided)
    if answer.follows:
        return _in_context(msg, ctx, answer)
    if answer.of_before:
        return _of_answer_before(msg, ctx, answer)
    return answer


def masked_for_the_chat(msg: Message, answer: Answer, text: str) -> str:
    """An answer's text as a group may read it: anyone's credit code or phone number in the asker's words it repeats
    masked (answer.quoted)."""
    return with_quotes_masked(text, answer.quoted) if msg.chat_kind is ChatKind.GROUP else text


def _of_answer_before(msg: Message, ctx: Context, alone: Answer) -> Answer:
    """Where the answer just given comes from, or more of it ("出处呢", "具体点"), from that answer's entries: its
    question's source (document, part, confidence), or the entries related to them in full. `alone` (how to ask)
    where no question answered by entries was asked just before."""
    answer = _answering_once(ctx, msg.text, alone)
    previous = _question_before(msg, ctx, answer, _last_answered)
    if previous is None:
        return alone
    before = answer(previous)
    source_asked = alone.of_before == "source_asked"
    if before is None or not (before.stated or (source_asked and before.verdict)):
        return alone  # more of a verdict is its industry's entries, which the industry's questions find
    kb = ctx.kb
    entries = [kb.entries[entry] for entry in before.stated]
    if source_asked:
        items = [
            (entry.title, kb.sources[entry.source.doc].title, entry.source.section, entry.confidence)
            for entry in entries
        ]
        text = ctx.render(
            "qa_source_asked.j2",
            previous=previous,
            items=items,
            verdict=before.verdict,
            catalogue_source=_catalogue_source(kb, before.verdict),
            outside_source=kb.catalogue.outside_source,
            documents=kb.sources,
        )
    else:
        given = {entry.id for entry in entries}
        related = dict.fromkeys(other for entry in entries for other in entry.see_also if other not in given)
        shown = [(kb.entries[other], kb.cite(kb.entries[other].source)) for other in related][:RELATED_SHOWN]
        titles = [entry.title for entry in entries]
        text = ctx.render("qa_more_asked.j2", previous=previous, titles=titles, related=shown)
    return Answer(text, quoted=(previous,))


def _catalogue_source(kb: KnowledgeBase, verdict: IndustryMatch | None) -> SourceRef:
    """Where the catalogue a verdict rests on is: the placed industry's own line of it, else the catalogue's."""
    if verdict is not None and verdict.verdict == "one":
        return verdict.candidates[0].source
    return kb.catalogue.industries[0].source


def _said_to_the_bot(
    kb: KnowledgeBase, answer: Callable[[str], Answer | None], rows: Sequence[Mapping[str, Any]]
) -> Iterator[tuple[int, str, Answer | None]]:
    """The messages of `rows` (newest first) said to the bot, each with its place and its answer, up to the first
    command: what was asked before a command is not what a later follow-up goes on from."""
    for at, row in enumerate(rows):
        text = row["text"]
        if not row["mentions_bot"]:
            continue  # said to the group, not to the bot
        if is_command(kb, text):
            return
        yield at, text, answer(text)


def _last_answered(
    kb: KnowledgeBase, answer: Callable[[str], Answer | None], rows: Sequence[Mapping[str, Any]]
) -> str | None:
    """The newest of `rows` (newest first) answered by entries, as it was read (a follow-up with the question before
    it), past small talk; a command, or a message answered by none, ends the search."""
    for at, text, answered in _said_to_the_bot(kb, answer, rows):
        if answered is None or answered.sure is None:
            continue  # small talk, or another question of the answer before
        if answered.follows:
            before = _last_question(kb, answer, rows[at + 1 :])
            reading = None
            if before is not None:
                reading = read_with(
                    kb,
                    before,
                    text,
                    answered.follows,
                    answered.closest,
                    functools.partial(_sure, answer),
                    functools.partial(_answered_by, answer),
                )
            if reading is not None:
                return reading
        return text if answered.stated or answered.verdict else None
    return None


# Another member's credit code or phone number is shown in a group only masked, as everywhere else: a run of letters
# and digits as long as a credit code's (15 or 18), or of seven digits or more (a phone number, with or without dashes).
_NUMBERS = re.compile(r"(?P<code>[0-9A-Za-z]{15,})|(?P<phone>\d[\d\- ]{5,}\d)")
_PHONE_SEPARATORS = re.compile(r"[\- ]")


def _in_context(msg: Message, ctx: Context, alone: Answer) -> Answer:
    """A follow-up's answer read with the question before it, saying how it was read; `alone` where there is no
    such question or no reading of the two is answered surely."""
    answer = _answering_once(ctx, msg.text, alone)
    previous = _question_before(msg, ctx, answer, _last_question)
    if previous is None:
        return alone
    assert alone.follows is not None  # answer_read asks only for a follow-up
    reading = read_with(
        ctx.kb,
        previous,
        msg.text,
        alone.follows,
        alone.closest,
        functools.partial(_sure, answer),
        functools.partial(_answered_by, answer),
    )
    if reading is None:
        return alone
    read = answer(reading)
    assert read is not None  # _sure read it as a question
    lead = ctx.render("qa_followup.j2", previous=previous, reading=reading)
    quoted = (previous, reading, *read.quoted)
    return Answer(
        f"{lead}\n{read.text}",
        read.choices,
        read.sure,
        stated=read.stated,
        deadlines=read.deadlines,
        quoted=quoted,
    )


def _answering_once(ctx: Context, text: str, alone: Answer) -> Callable[[str], Answer | None]:
    """ctx.answer for one follow-up, each text answered once, the follow-up's own `text` as it was: without
    the answer cache (BOT_ANSWER_CACHE_SIZE=0) the search for the question before and the readings ask the same
    texts several times."""
    answered: dict[str, Answer | None] = {text: alone}

    def answer(said: str) -> Answer | None:
        if said not in answered:
            answered[said] = ctx.answer(said)
        return answered[said]

    return answer


def with_quotes_masked(text: str, quoted: Sequence[str]) -> str:
    """A reply's text with the credit codes and phone numbers in the asker's words it repeats masked: a group is never
    shown anyone's in full, the asker's own included (the reply's own contacts, from the documents, are kept)."""
    if not quoted:  # most replies repeat nothing the asker said
        return text
    for words in sorted(quoted, key=len, reverse=True):  # words inside longer ones are masked with them
        masked = _NUMBERS.sub(_masked, words)
        if masked != words:
            text = text.replace(words, masked)
    return text


def _masked(number: re.Match[str]) -> str:
    code = number["code"]
    return credit_code.mask(code) if code else mask_phone(_PHONE_SEPARATORS.sub("", number["phone"]))


def _sure(answer: Callable[[str], Answer | None], text: str) -> float | None:
    answered = answer(text)
    return None if answered is None else answered.sure


def _answered_by(answer: Callable[[str], Answer | None], text: str) -> str | None:
    answered = answer(text)
    return None if answered is None else answered.answered_by


def _question_before(
    msg: Message,
    ctx: Context,
    answer: Callable[[str], Answer | None],
    find: Callable[[KnowledgeBase, Callable[[str], Answer | None], Sequence[Mapping[str, Any]]], str | None],
) -> str | None:
    """The question a follow-up goes on from, or whose answer is asked of, as `find` picks it among the chat's rows
    (newest first): the sender's own in this chat within the follow-up window, else in a group the chat's last within
    the shorter group window."""
    config = ctx.config
    group = msg.chat_kind is ChatKind.GROUP
    window = max(config.followup_window, config.group_followup_window) if group else config.followup_window
    if not window:
        return None
    now = msg.received_at
    rows = [
        row
        for row in ctx.repos.inbox.latest_in_chat(msg.channel, msg.chat_id, now - window)
        if row["msg_id"] != msg.id and row["received_at"] <= now
    ]
    own_since = now - config.followup_window
    own = [row for row in rows if row["sender_id"] == msg.sender_id and row["received_at"] >= own_since]
    found = find(ctx.kb, answer, own)
    if found is None and group:
        chat_since = now - config.group_followup_window
        found = find(ctx.kb, answer, [row for row in rows if row["received_at"] >= chat_since])
    return found


def _last_question(
    kb: KnowledgeBase, answer: Callable[[str], Answer | None], rows: Sequence[Mapping[str, Any]]
) -> str | None:
    """The newest of `rows` (newest first) that is a question answered surely, past small talk and follow-ups
    (which go on from the same question); a command, or anything else said since, ends the search. One worded as
    going on is taken as it was meant (_as_meant)."""
    for at, text, answered in _said_to_the_bot(kb, answer, rows):
        if answered is None or answered.sure is None or answered.follows == "going_on":
            continue  # a bare question that may have followed up is still a question, if answered surely
        if answered.sure < CONFIDENT or not asks(kb, text):
            return None
        return _as_meant(kb, answer, text, answered, rows[at + 1 :])
    return None


def _as_meant(
    kb: KnowledgeBase,
    answer: Callable[[str], Answer | None],
    text: str,
    answered: Answer,
    older: Sequence[Mapping[str, Any]],
) -> str:
    """A question worded as going on but answered surely alone ("那材料呢" after "申请名单什么时候截止": the materials'
    entry), or a bare one (`answered`, its answer alone, says so: "到什么时候" after "三个禁用是什么"), read with the
    question before it, where a reading is taken ("材料什么时候截止", "三个禁用到什么时候"): a follow-up to it ("那分局
    呢", "找谁") goes on from what it asked, not from its few words."""
    follows = "going_on" if shaped(kb.follow_up_words, text) else answered.follows
    if follows is None:
        return text  # most questions
    before = _last_question(kb, answer, older)
    if before is None:
        return text
    meant = read_with(
        kb,
        before,
        text,
        follows,
        answered.closest,
        functools.partial(_sure, answer),
        functools.partial(_answered_by, answer),
    )
    return meant or text
