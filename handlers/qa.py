"""The Q&A fallback: answers from knowledge data with their source, or says it is not sure.

A short follow-up ("那C级呢", "具体几点") is read with the question asked just before it in the same chat, and a
question of the answer just given ("出处呢", "具体点") is answered from that answer's entries (handlers.followups).

When the industry answer offers numbered candidates, the person's next message may pick one ("1", "2" or the
industry's name). That pending choice is a one-step flow (handlers/dialogues.py), and it lives for one message
only: whatever comes next ends it, so it never holds up a command or another question.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import get_args

from bot.dispatch import Router
from bot.message import ChatKind, Message, Reply
from bot.render import Renderer
from handlers.context import Answer, Answering, Context, text_as_sent
from handlers.dialogues import advance_one_step, one_step, start_one_step, waiting_elsewhere
from handlers.flow_engine import CHOSEN
from handlers.followups import answer_read, masked_for_the_chat
from knowledge.answering import (
    ANSWERED,
    Decided,
    Decision,
    OfAnswerBefore,
    SmallTalkKind,
    asked_besides,
    decide,
)
from knowledge.base import KnowledgeBase
from knowledge.catalogue import Industry
from knowledge.followup import closest_entries, may_follow_up
from storage.lazy import models

router: Router[Context] = Router("qa")

CHOICE_FLOW = "industry_choice"
# What a question has at least: a Chinese character or a Latin word (VOCs, PVC). Digits, emoji and
# punctuation alone ("123", "😀", "？？") ask nothing, and retrieval would match them to anything.
_WORDED = re.compile(r"[\u3400-\u9fff]|[A-Za-z]{2}")
_SMALL_TALK: tuple[SmallTalkKind, ...] = get_args(SmallTalkKind)
_OF_ANSWER_BEFORE: tuple[OfAnswerBefore, ...] = get_args(OfAnswerBefore)
# What a message asked besides its reply is echoed this far: more would repeat most of a long message.
ASKED_BESIDES_SHOWN = 3
# A question sent again is looked for among the chat's last few messages: the one itself, the one before, a remark
# to the group between them.
REPEAT_LOOKBACK = 4


@router.dialogue(CHOICE_FLOW)
async def take_industry_choice(
    msg: Message, ctx: Context, record: models.DialogueRecord
) -> list[Reply] | None:
    outcome = advance_one_step(msg, ctx, CHOICE_FLOW, record)
    if outcome.status in ("cancelled", "ask"):  # 都不是: how to go on instead; "5" to three: the list again
        return [msg.reply(outcome.text)]
    if outcome.status != "done":
        return None  # not a choice: answered as any other message
    industry = ctx.kb.catalogue.by_name[outcome.state.answers[CHOSEN]]
    return [msg.reply(render_chosen(ctx.kb, ctx.render, industry))]


@router.fallback
async def answer_question(msg: Message, ctx: Context) -> list[Reply]:
    answer = answer_read(msg, ctx)
    if answer.stray and (there := waiting_elsewhere(msg, ctx)) is not None:
        # "是" in the group after 转私聊: the question waits in the other chat, the word is not taken here
        private = there == msg.sender_id  # Message.private_conversation
        return [msg.reply(ctx.render("qa_stray_answer.j2", chat=None if private else there, elsewhere=True))]
    if answer.greets and _greeted_lately(msg, ctx):
        return [msg.reply(ctx.render("qa_greeting.j2", again=True))]
    if answer.choices:  # offered unless another dialogue of the sender's is going on
        start_one_step(msg, ctx, CHOICE_FLOW, one_step(ctx).choice(list(answer.choices), ctx.clock.now()))
    text = masked_for_the_chat(msg, answer, text_as_sent(msg, ctx, answer))
    if answer.sure and _asked_just_before(msg, ctx):  # answered, not small talk nor "not sure"
        text = f"{ctx.render('qa_repeated.j2')}\n{text}"  # the answer kept: the asker may not have seen it
    return [msg.reply(text)]


def _asked_just_before(msg: Message, ctx: Context) -> bool:
    """Whether the message to the bot just before this one in the chat, within the follow-up window, said the same
    (people in a group often send a question again): from the chat's last few messages as this process recorded
    them, never a query on every question (a worker sharing its database with others answers without the note)."""
    group = msg.chat_kind is ChatKind.GROUP
    window = ctx.config.group_followup_window if group else ctx.config.followup_window
    if not window:
        return False
    now = msg.received_at
    before = ctx.repos.inbox.said_to_bot_before(
        msg.channel, msg.chat_id, now - window, (msg.id, now), REPEAT_LOOKBACK
    )
    return before is not None and before.strip() == msg.text.strip()


def _greeted_lately(msg: Message, ctx: Context) -> bool:
    """Whether a greeting to the bot was answered in this chat within the greeting window, read back from the
    inbox (only for a greeting, and nothing written for it): the introduction is not said in full again."""
    window = ctx.config.greeting_again_window
    if not window:
        return False
    now = msg.received_at
    for row in ctx.repos.inbox.latest_in_chat(msg.channel, msg.chat_id, now - window):
        if row["msg_id"] == msg.id or not row["mentions_bot"] or row["received_at"] > now:
            continue
        earlier = ctx.answer(row["text"])
        if earlier is not None and earlier.greets:
            return True
    return False


def answerer(
    answers: Callable[[str], Answer],
    refused: Callable[[str], bool],
    remembered: int,
    written: Callable[[str, Decided], Answer] | None = None,
) -> Answering:
    """`answers` remembering the replies to the last `remembered` distinct questions; None for a question
    `refused` (a request for other enterprises' data, kb.others_data.asked_for), never retrieved. The knowledge
    and the templates do not change while the bot runs and a reply depends on nothing else, while groups ask
    the same questions again and again: a repeated question then costs a lookup instead of the check, retrieval
    and rendering, most of an answered callback's work (bench/bench_wecom_bot.py). `written` answers a question
    from its decision made already (Answers.written) by whoever read it first (an aside at the self-assessment's
    industry step); without it such a question is answered as any other."""

    @functools.lru_cache(maxsize=remembered)
    def answer_remembered(question: str) -> Answer | None:
        return None if refused(question) else answers(question)

    def answer(question: str, decided: Decided | None = None) -> Answer | None:
        if decided is None or written is None:
            return answer_remembered(question)
        return None if refused(question) else written(question, decided)

    return answer


def render_chosen(kb: KnowledgeBase, render: Renderer, industry: Industry) -> str:
    return render(
        "qa_industry_chosen.j2", industry=industry, catalogue_source=kb.cite(industry.source), cite=kb.cite
    )


class Answers:
    """The reply to a question (also used by `python -m bot knowledge eval`). What is the same whatever is asked
    is rendered once, when the bot is built: the replies to small talk, each FAQ entry's reply when it is the
    whole answer, each industry's lines on its grading, the source lines. A question then costs its retrieval
    and the rendering of what is its own (bench/bench_qa.py)."""

    def __init__(self, kb: KnowledgeBase, render: Renderer) -> None:
        self._kb = kb
        self._render = render
        # replies that take nothing of the question
        self._said = {kind: render(f"qa_{kind}.j2") for kind in ("empty", *_SMALL_TALK)}
        self._alone = {
            entry.id: render(
                "qa_answer.j2", items=[(entry, kb.cite(entry.source))], others=[], asked_both=False, beyond=()
            )
            for entry in kb.entries.values()
        }
        self._listed = {
            industry.name: render("qa_industry_listed.j2", industry=industry, cite=kb.cite)
            for industry in kb.catalogue.industries
        }
        self._industry_lines = {
            "catalogue_source": kb.cite(kb.catalogue.industries[0].source),
            "outside_source": kb.cite(kb.catalogue.outside_source),
            "outside_verdict": kb.flow_messages.industry_outside,
            "still": render(
                "qa_industry_still.j2",
                small_micro=kb.entries.get("micro_criteria_all"),
                emission_list=kb.entries.get("list_full_coverage"),
            ),
        }

    def __call__(self, question: str) -> Answer:
        return self.with_decision(question)[0]

    def written(self, question: str, decided: Decided) -> Answer:
        """The answer to a question decided already (handlers.context.Answering)."""
        return self.with_decision(question, decided)[0]

    def with_decision(self, question: str, decided: Decided | None = None) -> tuple[Answer, Decision | None]:
        """The answer and the decision it was written from (None for a message without words, answered without
        deciding): the evaluation (bot.evaluate) scores both, so it decides each question once. `decided` is taken
        where it is of the question as it is decided here (the chat's emoji left out, the years read)."""
        worded = self._kb.without_chat_emoji(question)
        if not _WORDED.search(worded):
            return Answer(self._said["thanks" if self._kb.thanks_by_emoji(question) else "empty"]), None
        question = worded
        decision = (
            decided.decision
            if decided is not None and decided.text == question
            else decide(self._kb, question)
        )
        if decision.kind in _SMALL_TALK:
            kind = decision.kind
            of_before = kind if kind in _OF_ANSWER_BEFORE else None
            said = Answer(
                self._said[kind],
                greets=kind == "greeting",
                dated=kind == "date",
                of_before=of_before,
                stray=kind == "stray_answer",
            )
            return said, decision
        text, choices, sure = self._reply(decision)
        besides = self._asked_besides(question, decision) if decision.kind != "unsure" else []
        if besides:
            text = f"{text}\n\n{self._render('qa_asked_besides.j2', clauses=besides)}"
        placed = decision.industry
        terms = placed.terms if placed is not None and placed.verdict == "one" else ()
        kb = self._kb
        answered = decision.kind in ("answer", "pair", "both")
        stated = decision.hits if decision.kind in ANSWERED else []
        # two entries offered as either may be meant ("交给谁": the materials' or the positive list's procedure) are
        # no sure answer alone: the question before may say which
        sure_alone = 0.0 if decision.kind == "pair" else sure
        follows = may_follow_up(
            kb.follow_up_words, question, sure_alone, terms, kb.catalogue.asks, kb.counties.names_and_aliases
        )
        # a verdict cites the catalogue (and what else it says of the industry); one asking what the business makes
        # ("unknown") cites nothing
        verdict = placed if decision.kind == "industry" and placed and placed.verdict != "unknown" else None
        answer = Answer(
            text,
            choices,
            sure,
            follows,
            answered_by=decision.hits[0].entry.id if answered else None,
            stated=tuple(hit.entry.id for hit in stated),
            verdict=verdict,
            closest=closest_entries(kb, question) if follows == "bare" else (),
            deadlines=tuple(deadline for hit in stated for deadline in hit.entry.deadlines),
            quoted=tuple(besides),
        )
        return answer, decision

    def _asked_besides(self, question: str, decision: Decision) -> list[str]:
        """What else a message asking several things asked, which its reply ends with (answering.asked_besides)."""
        replied = [hit.entry for hit in decision.hits] if decision.kind in ANSWERED else []
        return asked_besides(self._kb, question, replied, decision.industry is not None)[:ASKED_BESIDES_SHOWN]

    def _reply(self, decision: Decision) -> tuple[str, tuple[str, ...], float]:
        """A question's reply, the industries it offers by number, and how sure it is."""
        render = self._render
        if decision.kind == "answer" and not decision.others and not decision.beyond:
            best = decision.hits[0]
            alone = self._alone[best.entry.id]
            if decision.industry is None:
                return alone, (), best.score
            aside = render("qa_industry_aside.j2", match=decision.industry, **self._industry_lines)
            return f"{alone}\n\n{aside}", (), best.score
        if decision.kind == "guess":
            best = decision.hits[0]
            return (
                render("qa_guess.j2", title=best.entry.title, answer=self._alone[best.entry.id]),
                (),
                best.score,
            )
        if decision.kind in ("answer", "pair", "both"):
            text = render(
                "qa_answer.j2",
                items=[(hit.entry, self._kb.cite(hit.entry.source)) for hit in decision.hits],
                others=decision.others,
                asked_both=decision.kind == "both",
                beyond=decision.beyond,
            )
            if decision.industry is not None:
                aside = render("qa_industry_aside.j2", match=decision.industry, **self._industry_lines)
                text = f"{text}\n\n{aside}"
            return text, (), decision.hits[0].score
        if decision.kind == "industry":
            match = decision.industry
            assert match is not None
            offered = match.verdict in ("ambiguous", "unsure") and len(match.candidates) > 0
            listed = self._listed[match.candidates[0].name] if match.verdict == "one" else ""
            text = render("qa_industry.j2", match=match, listed=listed, **self._industry_lines)
            offer = tuple(industry.name for industry in match.candidates) if offered else ()
            return text, offer, 1.0 if match.verdict in ("one", "outside") else 0.0
        topics = [hit.entry.title for hit in decision.hits]
        text = render("qa_unsure.j2", topics=topics, beyond=decision.beyond)
        # declined because the documents are not of the year or place named, what was asked is known: a follow-up
        # may go on from it, and one asking it of another county is read so ("那鹿泉呢")
        return text, (), decision.hits[0].score if decision.beyond else 0.0
