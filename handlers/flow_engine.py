"""The one dialogue engine: runs any flow of knowledge/data/flows as a pure function of its state.

`FlowEngine.advance(state, text, now)` reads one message and returns an `Outcome`: the new state and
the reply. `OneStepEngine.advance` does the same for the one-step flows (a confirmation, a choice offered
in an answer), with the same words. Neither does I/O; the handler stores the state after every successful
turn (handlers/dialogues.py). Like handlers/context.py this is a shared kernel of the handler modules,
not a handler module itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Literal, NamedTuple

from rapidfuzz import fuzz, process

from bot.text import said_to_someone_else
from knowledge import credit_code
from knowledge.answering import AskedAtTheBusiness, Decided
from knowledge.base import Counties
from knowledge.catalogue import Catalogue, fold
from knowledge.figures import read_figures
from knowledge.flows import (
    NO_WORD,
    REVIEW,
    UNSURE_WORD,
    YES_WORD,
    Flow,
    FlowMessages,
    Step,
    StepRef,
    display,
    format_number,
)
from knowledge.wording import Wording

Status = Literal["ask", "review", "done", "cancelled", "passed"]
_EDGE_PUNCT = " \t\r\n。.，,！!？?；;：:、“”\"'‘’（）()【】[]《》"
_CLAUSE = re.compile(r"[，,。.！!；;、\s]")
_SAID_BEFORE_GAP = " ，,：:、"  # between words said before a name and the name ("我，李四", "联系人：李四")
_NUMBERS_TOGETHER = re.compile(r"[和、,，及与跟]")  # between option numbers picked together ("1和2")
_PICKED_TOGETHER = re.compile(rf"\d{{1,2}}(?:{_NUMBERS_TOGETHER.pattern}\d{{1,2}})+")
# digits, with Latin letters or signs among them and no Chinese word: a number or a code, never an industry's name
# (read after NFKC, full-width forms as their ASCII ones)
_CODE_ALONE = re.compile(r"(?=.*\d)[\x21-\x7e\s]+")
_ORDINAL = re.compile(r"^第?(\d{1,2})(?:个|项|种|条)?$")
_PHONE = re.compile(r"^1[3-9]\d{9}$")
_PERCENT_SIGN = re.compile(r"[%％‰]|百分")  # a share written as a percentage, whatever its size ("0.5%")
# A mobile number among words ("13812345678（微信同号）", "手机13812345678"), its spaces and dashes taken out first
_PHONE_AMONG_WORDS = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
# A landline with its area code, read the same way: 010 and 02x are three digits long, every other area code
# four, so "031186012345" is 0311-86012345; a local number has 7 or 8 digits and never starts with 0 or 1
_LANDLINE = re.compile(r"(?<!\d)(0(?:10|2\d|[3-9]\d\d))([2-9]\d{6,7})(?!\d)")
_LOCAL_NUMBER = re.compile(r"(?<!\d)[2-9]\d{6,7}(?!\d)")  # a landline without its area code
_PHONE_SPACING = re.compile(r"[\s\-－()（）]")
# A telephone number in a name or description, spaced or dashed as people write them: a mobile number, or a
# landline with its area code (a capacity such as 2500000吨 in a description is no telephone number)
PHONE_LIKE = re.compile(r"(?<!\d)(?:1[3-9](?:[\s\-]?\d){9}|0\d{2,3}[\s\-]?\d{7,8})(?!\d)")
_UNMISTAKABLE_TYPES = (
    "credit_code",
    "phone",
    "county",  # its exact name or alias only: nothing to confirm
)  # answers no other message is at the question that asks for them (FlowEngine.takes_unmistakably)
_CONFIRMABLE_TYPES = ("yes_no", "yes_no_unsure", "choice")  # where 是 or 好的 may be the answer itself
FUZZY_CUTOFF = 70  # rapidfuzz WRatio below this is not taken as an answer
FUZZY_MARGIN = 8  # a runner-up this close makes a fuzzy answer ambiguous


def without_invisible(text: str) -> str:
    """The text without control and format characters (a bell, a right-to-left override, a zero-width space):
    unseen in a chat, in a name they would reach the application list, whose xlsx cannot hold control characters
    and whose readers would see the name reversed or two alike names differ."""
    return "".join(char for char in text if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf"))


def normalize(text: str) -> str:
    """Compare form of an answer: half-width, lower case, no spaces, no punctuation at the edges."""
    # split() drops the same whitespace as the pattern \s (both str.isspace), without the pattern's call on every message
    return "".join(unicodedata.normalize("NFKC", text).lower().split()).strip(_EDGE_PUNCT)


@dataclass(frozen=True)
class FlowState:
    """Where one person is in a flow. `mode` decides what comes after an answer: "fill" goes to the
    first unanswered step; "revisit" (after 返回) goes on in order through steps answered before."""

    step: str
    answers: dict[str, Any]
    updated_at: datetime
    # where each 修改 still being answered was asked (the review or a question), latest last: 返回 from the item
    # goes back there; otherwise 返回 goes to the question before this one in the flow's order
    edited_from: tuple[str, ...] = ()
    mode: Literal["fill", "revisit"] = "fill"
    pending: dict[str, Any] | None = None  # a confirmation or choice the current answer waits for
    # the answers when the review was last shown in this chat (None: never shown here): what changed since, and
    # what 确认 may save
    reviewed: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "edited_from": list(self.edited_from),
            "mode": self.mode,
            "pending": self.pending,
            "reviewed": self.reviewed,
        }

    @classmethod
    def from_json(cls, step: str, data: dict[str, Any], updated_at: datetime) -> FlowState:
        return cls(
            step=step,
            answers=dict(data.get("answers") or {}),
            updated_at=updated_at,
            edited_from=tuple(data.get("edited_from") or ()),
            mode=data.get("mode") or "fill",
            pending=data.get("pending"),
            reviewed=data.get("reviewed"),
        )


@dataclass(frozen=True)
class Outcome:
    status: Status  # review: every question answered, the handler shows the result; done: 确认 given;
    # passed (one-step flows): the message is no answer, and is answered as usual
    state: FlowState
    text: str = ""
    asked: str = ""  # a question sent instead of an answer: the handler answers it before `text`
    decided: Decided | None = None  # `asked` decided while it was read (the industry step): answered from it


@dataclass(frozen=True)
class _Invalid:
    reason: str
    asked: bool = False  # the answer was a question (catalogue.asks), not a slip
    decided: Decided | None = None  # the question's decision, where reading it made one


@dataclass(frozen=True)
class _AskedBeside:
    """An answer given with a question beside it ("砖厂要停产吗"): the question is answered before what follows."""

    answer: Any
    decided: Decided  # the message's decision, which the question's answer is written from


@dataclass(frozen=True)
class _Noted:
    """An answer taken with a word on how it was read (the conservative end of a range)."""

    value: Any
    note: str


class Progress(NamedTuple):
    """How far a self-assessment is (FlowEngine.progress)."""

    answered: int
    total: int
    industries_chosen: bool


@dataclass(frozen=True)
class _Confirm:
    """A fuzzy answer to be confirmed (是/否) before it is taken."""

    value: Any
    prompt: str


@dataclass(frozen=True)
class _Choose:
    """Several close matches: the person picks one by number."""

    candidates: list[str]
    prompt: str


@dataclass
class Vocabulary:
    """The words every flow understands (knowledge/data/flows/messages.yaml), compared normalised."""

    messages: FlowMessages
    words: dict[str, set[str]] = field(init=False)

    _every_first: list[str] = field(init=False)  # the every_before words, longest first

    def __post_init__(self) -> None:
        self.words = {name: {normalize(w) for w in words} for name, words in self.messages.words}
        self._every_first = sorted(self.words["every_before"], key=len, reverse=True)

    def yes_no(self, said: str, unsure: bool, asked: str = "") -> str | None:
        """`asked`: the question's own words, normalised: a one-character yes followed by them answers yes ("在园区里"
        to "是否位于工业园区内"), another place ("在园区外") does not."""
        words = self.words
        ordinal = _ORDINAL.match(said)
        if ordinal:
            return {1: YES_WORD, 2: NO_WORD, 3: UNSURE_WORD if unsure else None}.get(int(ordinal.group(1)))
        if any(word in said for word in words["unsure"]):
            return UNSURE_WORD if unsure else None
        first = _CLAUSE.split(said, maxsplit=1)[0]
        while first in words["hedges"]:  # "嗯，是的": the words after the hedge answer; "嗯" alone none
            said = _CLAUSE.sub("", said[len(first) :], count=1) if said[len(first) :] else ""
            first = _CLAUSE.split(said, maxsplit=1)[0]
        if not said:
            return None
        bare = first.rstrip("".join(words["particles"]))  # "是啊", "没有呀": the word before the particle
        for verdict, group in ((NO_WORD, "negative"), (YES_WORD, "affirmative")):
            if said in words[group] or first in words[group] or bare in words[group]:
                return verdict
        # a longer reply ("没有安装", "是的，都装了"): its first words decide, negative words first
        for verdict, group in ((NO_WORD, "negative"), (YES_WORD, "affirmative")):
            if any(
                said.startswith(word) for word in sorted(words[group], key=len, reverse=True) if len(word) > 1
            ):
                return verdict
        echoed = bare[1:].removesuffix(next((w for w in words["locatives"] if bare.endswith(w)), ""))
        if asked and bare[:1] in words["affirmative"] and echoed and echoed in asked:
            return YES_WORD
        # "全部" to "是否已经全部装好": the word of all that the question itself says is its yes
        if asked and said in words["whole"] and said in asked:
            return YES_WORD
        # "都装了", "全部没有": said of every one, the yes or no after it answers
        every = next((word for word in self._every_first if said.startswith(word) and said != word), None)
        return self.yes_no(said.removeprefix(every), unsure, asked) if every else None


@dataclass
class FlowEngine:
    """Runs one flow. Pure: no I/O, and the time comes in as `now`."""

    flow: Flow
    messages: FlowMessages
    counties: Counties
    catalogue: Catalogue
    words: Wording  # the answer words of the templates the knowledge was given (assessment_words.j2)
    idle: timedelta
    keep: timedelta = timedelta(days=7)  # a paused dialogue is kept this long after its last answer
    # whether a message at an industry step asks something other than what the business is (answering.
    # asks_besides_the_business): answered as an aside, instead of the business or beside it
    asks_besides_the_business: Callable[[str], AskedAtTheBusiness | None] = field(kw_only=True)
    _vocabulary: Vocabulary = field(init=False)
    _words: dict[str, set[str]] = field(init=False)
    _synonyms: re.Pattern[str] | None = field(init=False)
    _synonym_of: dict[str, str] = field(init=False)
    _between_names: re.Pattern[str] = field(init=False)
    _bound_words: list[str] = field(init=False)  # below and above, longest first

    def __post_init__(self) -> None:
        self._vocabulary = Vocabulary(self.messages)
        self._words = self._vocabulary.words
        self._bound_words = sorted(self._words["below"] | self._words["above"], key=len, reverse=True)
        self._synonym_of = {
            fold(word): fold(group[0]) for group in self.messages.edit_synonyms for word in group[1:]
        }
        longest_first = sorted(self._synonym_of, key=len, reverse=True)
        self._synonyms = re.compile("|".join(map(re.escape, longest_first))) if longest_first else None
        # what may stand between the industries of a list of their names once folded (punctuation and spaces gone:
        # 铸造和工业涂装, 水泥、铸造, 水泥 铸造): the catalogue's joiners that deny nothing
        joiners = sorted(self.catalogue.listing_joiners, key=len, reverse=True)
        self._between_names = re.compile(f"(?:{'|'.join(map(re.escape, joiners))})*")

    # ---- entry points -------------------------------------------------------------------------

    def start(self, now: datetime) -> Outcome:
        first = self.flow.walk({})[0]
        state = FlowState(step=first.key, answers={}, updated_at=now)
        return Outcome("ask", state, f"{self.flow.intro}\n\n{self.question(state)}")

    def expired(self, state: FlowState, now: datetime) -> bool:
        """Idle too long to take the next message as an answer: the dialogue is paused."""
        return now - state.updated_at > self.idle

    def forgotten(self, last_answered: datetime, now: datetime) -> bool:
        """Idle past the keep days: its answers are dropped."""
        return now - last_answered > self.keep

    def resume(self, state: FlowState, now: datetime) -> Outcome:
        """Back after a pause: the first unanswered question, or the review when every one is answered. What
        waited for a reply is asked afresh, but industries already named at a step of several are kept: that
        step asks whether there are more, as it did."""
        collected = (state.pending or {}).get("collected")
        resumed = replace(state, updated_at=now, mode="fill", pending=None)
        if not collected:
            return self._go_on(resumed, None)
        prompt = self._reprompt(resumed, collected)
        return self._ask(
            replace(resumed, pending={"kind": "more", "collected": collected, "prompt": prompt}), prompt
        )

    def takes_unmistakably(self, state: FlowState, text: str) -> bool:
        """Whether `text` answers the question `state` waits at in a form no other message has: a valid credit
        code or telephone number where one is asked, a county's exact name where the county is, an industry's
        name of 附件1 alone where the industry is, a figure with the question's unit. After a pause such an answer
        is taken, not read as a question."""
        ref = self._current(state)
        if ref is None or state.pending:
            return False
        if ref.step.type == "industry":  # "铸造" three hours on was told 属于 and asked again after 继续自评
            return normalize(text) in self.catalogue.by_name
        # a figure with the question's own unit ("大概3万吨" where 万吨/年 is asked) answers nothing else either
        unit = (ref.step.unit or "").partition("/")[0]
        with_unit = (
            ref.step.type == "number" and bool(unit) and unit in text and not self.catalogue.asks(text)
        )
        if ref.step.type not in _UNMISTAKABLE_TYPES and not with_unit:
            return False
        return not isinstance(self._parse(ref.step, text), (_Invalid, _Confirm))

    def progress(self, state: FlowState) -> Progress:
        """How many of the questions that apply are answered, how many apply, and whether the industries are
        chosen (until then their questions are not counted: the total grows once they are)."""
        refs = self.flow.walk(state.answers)
        answered = sum(ref.key in state.answers for ref in refs)
        return Progress(answered, len(refs), self.flow.industry_step in state.answers)

    def steers(self, said: str) -> bool:
        """Whether a normalised word is one the dialogue itself answers (返回, 取消, 跳过, 不变, 帮助, 确认, and
        是 or 否 to a pending 取消): typed as a command (/取消), it is still the dialogue's."""
        groups = ("back", "cancel", "skip", "keep", "help", "confirm", "negative")
        return any(said in self._words[group] for group in groups)

    def cancels(self, said: str) -> bool:
        """Whether a normalised word asks to drop the dialogue (取消, 算了 …)."""
        return said in self._words["cancel"]

    def confirms(self, said: str) -> bool:
        """Whether a normalised word carries out a review or a confirmation (确认, 确认无误 …)."""
        return said in self._words["confirm"]

    def advance(self, state: FlowState, text: str, now: datetime) -> Outcome:
        """One message of the person whose dialogue this is (expiry is checked by the caller first)."""
        state = replace(state, updated_at=now)
        said = normalize(text)
        if self.cancels(said):
            # the question 取消 interrupted (an industry's confirmation, "还有其他重点行业吗" with those named so far)
            # is kept with it, so that 否 goes back to it with nothing lost
            pending = state.pending or {}
            interrupted = pending.get("interrupted") if pending.get("kind") == "cancel" else state.pending
            cancelling = {"kind": "cancel", **({"interrupted": interrupted} if interrupted else {})}
            return self._ask(replace(state, pending=cancelling), self.messages.cancel_confirm)
        if said in self._words["help"]:
            return self._ask(state, self.help_text() + "\n\n" + self.prompt(state))
        if state.pending and state.pending["kind"] == "cancel":
            return self._answer_cancel(state, said, text)
        # "今天先到这吧" is no name or description either: the answers are kept for later, said so
        if any(word in said for word in self._words["pausing"]):
            return self._ask(state, self.messages.pause_noted)
        # "重来" is no name or description: how to start again, the question kept
        if said in self._words["restart"]:
            return self._ask(state, self.messages.restart_how + "\n" + self.prompt(state))
        if said in self._words["back"]:
            return self._back(state)
        edit = self.edit_target(text)
        if edit is not None:
            return self._edit(state, edit)
        # "修改" alone was said: which item, if one is named
        if state.pending and state.pending["kind"] == "edit":
            state = replace(state, pending=None)
            named = text.strip(_EDGE_PUNCT)
            # an item not asked yet, named exactly (联系电话), is told so: read as the answer, it was looked up
            # as an industry; named loosely, it may be an answer, and is taken as one
            later = self._edit_matches(self.flow.walk(state.answers), named, loosely=False)
            if self._edit_matches(self._editable(state), named) or later:
                return self._edit(state, named)
        if state.step == REVIEW:
            if said in self._words["confirm"] and state.reviewed is None:
                # the result and the draft were never shown in this chat (a group, or after 转私聊): shown first,
                # so that 确认 saves only what this person read here
                shown = replace(state, mode="fill", reviewed=dict(state.answers))
                return Outcome("review", shown, self.messages.review_unseen)
            if said in self._words["confirm"]:
                return Outcome("done", state)
            if any(word in said for word in self._words["change_wished"]):  # "我想改一下": which item
                return self._edit(state, "")
            if any(word in said for word in self._words["saved_asked"]):  # "好了吗": not yet, how to save it
                return self._ask(state, self.messages.review_not_saved + self.messages.review_prompt)
            # "申请名单什么时候交" at the review: answered, then the review's prompt
            if self.catalogue.asks(text):
                asked_again = f"{self.messages.text_question}\n{self.messages.review_prompt}"
                return Outcome("ask", state, asked_again, asked=text)
            # "确任": neither 确认 nor 修改 nor a question, said so before the prompt, not the prompt alone again
            unclear = self.messages.review_unclear.format(said=text.strip()) if said else ""
            return self._ask(state, unclear + self.messages.review_prompt)
        ref = self._current(state)
        if ref is None:  # the step no longer applies (the flow's data changed): go on from the start
            return self._go_on(replace(state, mode="fill", pending=None), None)
        if state.pending:
            return self._answer_pending(state, ref, text, said)
        if said in self._words["skip"]:
            if not ref.step.optional:
                return self._ask(state, f"{self.messages.not_optional}\n{self.question(state)}")
            return self._record(state, ref, None)
        # 确认 or 好的 where no yes or option is asked is said to the dialogue, not the answer: after 修改 from the
        # review it keeps the answer shown (it was taken as the contact's name, 确认, and saved in the list)
        confirming = said in self._words["confirm"] and ref.step.type not in _CONFIRMABLE_TYPES
        if confirming and ref.key in state.answers:
            return self._record(state, ref, state.answers[ref.key])
        # a yes, a no or a hedge alone names nothing either: "不了" (no, thanks) went into the list as the lines
        answering = said in self._words["affirmative"] | self._words["negative"] | self._words["hedges"]
        if (confirming or answering) and ref.step.type == "text":
            refused = self.messages.text_dialogue_word.format(said=text.strip(), item=ref.step.label)
            return self._ask(state, f"{refused}\n{self.question(state)}")
        if said in self._words["keep"]:
            if ref.key not in state.answers:
                return self._ask(state, f"{self.messages.nothing_to_keep}\n{self.question(state)}")
            return self._record(state, ref, state.answers[ref.key])
        return self._take(state, ref, text, collected=None)

    # ---- questions ----------------------------------------------------------------------------

    def help_text(self) -> str:
        return self.flow.help.format(idle=int(self.idle.total_seconds() // 60), keep=self.keep.days)

    def question(self, state: FlowState) -> str:
        ref = self._current(state)
        if ref is None:
            return self.messages.review_prompt
        step = ref.step
        ask, hint = self.flow.wording(ref, state.answers)
        lines = [f"【{self.fill(ref.title, ref.industry)}】{self.fill(ask, ref.industry)}"]
        if hint:
            lines.append(self.fill(hint, ref.industry))
        if step.type == "yes_no":
            lines.append(self.messages.yes_no_options)
        elif step.type == "yes_no_unsure":
            lines.append(self.messages.yes_no_unsure_options)
        elif step.type == "choice":
            lines += [f"{number}. {option.label}" for number, option in enumerate(step.options, start=1)]
        if ref.key in state.answers:
            lines.append(
                self.messages.current_answer.format(value=display(step, state.answers[ref.key], self.words))
            )
        offered = any(f"“{word}”" in (step.hint or "") for word in self.messages.words.skip)
        if step.optional and not offered:  # the hint may already say how to skip: not twice
            lines.append(self.messages.footer_optional)
        lines.append(self.messages.footer)
        return "\n".join(lines)

    def fill(self, text: str, industry: str | None) -> str:
        known = self.catalogue.by_name.get(industry or "")
        return self.flow.fill(text, industry, known.guide if known else "national")

    # ---- moving around ------------------------------------------------------------------------

    def _current(self, state: FlowState) -> StepRef | None:
        return next((ref for ref in self.flow.walk(state.answers) if ref.key == state.step), None)

    def prompt(self, state: FlowState) -> str:
        """What the person is being asked right now (a question, a confirmation or the review)."""
        if state.pending:
            return str(state.pending["prompt"]) if "prompt" in state.pending else self.messages.cancel_confirm
        return self.question(state)

    def _ask(self, state: FlowState, text: str) -> Outcome:
        return Outcome("ask", state, text)

    def _record(self, state: FlowState, ref: StepRef, value: Any, lead: str = "") -> Outcome:
        answers = {**state.answers, ref.key: value}
        moved = replace(state, answers=answers, edited_from=(), pending=None)  # an edit answered is over
        return self._go_on(moved, ref.key, lead, self._changed(state, ref, value))

    def _changed(self, state: FlowState, ref: StepRef, value: Any) -> str:
        """The item with its new answer where `value` changes one given before (修改 or 返回 mid-way: said at once)."""
        if ref.key in state.answers and state.answers[ref.key] != value:
            return f"{ref.title}：{display(ref.step, value, self.words)}"
        return ""

    def _go_on(self, state: FlowState, after: str | None, lead: str = "", changed: str = "") -> Outcome:
        """The next question, or the review once every one is answered; `changed` (an item answered anew, with
        its new answer) is said before a question, the review saying every change since it was shown itself."""
        refs = self.flow.walk(state.answers)
        keys = [ref.key for ref in refs]
        following: StepRef | None = None
        if state.mode == "revisit" and after in keys:
            following = refs[keys.index(after) + 1] if keys.index(after) + 1 < len(refs) else None
        if following is None:
            following = next((ref for ref in refs if ref.key not in state.answers), None)
        if following is None:
            changed = self._changed_since_review(state)
            if changed:
                lead = f"{lead}\n{self.messages.review_changed.format(items=changed)}".strip()
            reviewed = replace(state, step=REVIEW, mode="fill", reviewed=dict(state.answers))
            return Outcome("review", reviewed, lead)
        if following.key not in state.answers:
            state = replace(state, mode="fill")
        if changed:
            lead = f"{self.messages.review_changed.format(items=changed)}\n{lead}".strip()
        moved = replace(state, step=following.key)
        return self._ask(moved, f"{lead}\n{self.question(moved)}".strip())

    def _changed_since_review(self, state: FlowState) -> str:
        """The items answered differently since the review was last shown, with their new answers."""
        if state.reviewed is None:
            return ""
        before = state.reviewed
        changed = [
            f"{ref.title}：{display(ref.step, state.answers[ref.key], self.words)}"
            for ref in self.flow.walk(state.answers)
            if ref.key in state.answers and before.get(ref.key) != state.answers[ref.key]
        ]
        return "；".join(changed)

    def _back(self, state: FlowState) -> Outcome:
        """One question back from where the person is, every answer kept: from an item 修改 opened, where the edit
        was asked (the review, or the question it left); otherwise the question before this one in the flow's
        order (from the review, the last one), never the one answered or changed most recently."""
        if state.pending and state.pending["kind"] != "cancel":
            resumed = replace(state, pending=None)
            collected = state.pending.get("collected")
            if (
                collected
            ):  # the industries named before "还有其他重点行业吗？" are kept, shown as the current answer
                resumed = replace(resumed, answers={**state.answers, state.step: list(collected)})
            return self._ask(resumed, self.question(resumed))
        keys = [ref.key for ref in self.flow.walk(state.answers)]
        *edits, left = state.edited_from or (None,)
        if left == REVIEW:  # nothing changed: the review as it was
            return self._go_on(replace(state, edited_from=tuple(edits), mode="fill", pending=None), None)
        if left in keys and left != state.step:
            moved = replace(state, step=left, edited_from=tuple(edits), mode="revisit", pending=None)
            return self._ask(moved, self.question(moved))
        here = keys.index(state.step) if state.step in keys else len(keys)  # the review is after the last
        if here == 0:
            return self._ask(state, f"{self.messages.first_step}\n{self.prompt(state)}")
        moved = replace(state, step=keys[here - 1], edited_from=(), mode="revisit", pending=None)
        return self._ask(moved, self.question(moved))

    def _answer_cancel(self, state: FlowState, said: str, text: str) -> Outcome:
        # every answer is dropped: only on a plain yes, as confirmations take it, never on a hedge like 嗯
        if said in self._words["confirm"]:
            return Outcome("cancelled", replace(state, pending=None))
        verdict = self._vocabulary.yes_no(said, unsure=False)
        resumed = replace(state, pending=(state.pending or {}).get("interrupted"))
        if verdict == NO_WORD:
            prompt = (
                self.messages.review_prompt
                if state.step == REVIEW and not resumed.pending
                else self.prompt(resumed)
            )
            return self._ask(resumed, f"{self.messages.cancel_declined}\n{prompt}")
        # a question asked instead ("名单截止了吗") is answered before the confirmation is asked again, as at a step
        if self.catalogue.asks(text):
            return Outcome("ask", state, self.messages.cancel_confirm, asked=text)
        return self._ask(state, f"{self.messages.confirm_invalid}\n{self.messages.cancel_confirm}")

    # ---- 修改 <项目> -----------------------------------------------------------------------------

    def edit_target(self, text: str) -> str | None:
        """The item named after 修改 (empty when none is named); None when this is not an edit."""
        said = unicodedata.normalize("NFKC", text).strip()
        for prefix in sorted(self.messages.words.edit_prefixes, key=len, reverse=True):
            if said.startswith(prefix):
                return said[len(prefix) :].strip(_EDGE_PUNCT)
        return None

    def _editable(self, state: FlowState) -> list[StepRef]:
        return [
            ref for ref in self.flow.walk(state.answers) if ref.key in state.answers or ref.key == state.step
        ]

    def _edit(self, state: FlowState, target: str) -> Outcome:
        refs = self._editable(state)
        items = "、".join(dict.fromkeys(ref.title for ref in refs if ref.key in state.answers))
        reask = self.prompt(state) if state.step != REVIEW else self.messages.review_prompt
        groups = self._edit_matches(refs, target) if target else []
        if not groups and not items:  # nothing answered yet: an empty list of items would only puzzle
            return self._ask(state, f"{self.messages.edit_nothing}\n{reask}")
        if not target:
            usage = f"{self.messages.edit_usage.format(items=items)}\n{reask}"
            if state.pending:  # a confirmation or a list of industries is waiting: it keeps the next message
                return self._ask(state, usage)
            return self._ask(replace(state, pending={"kind": "edit", "prompt": reask}), usage)
        if not groups:
            later = self._edit_matches(self.flow.walk(state.answers), target)
            unknown = self.messages.edit_not_yet if len(later) == 1 else self.messages.edit_unknown
            said = unknown.format(text=target, item=later[0].title if later else "", items=items)
            return self._ask(state, f"{said}\n{reask}")
        if len(groups) > 1:
            titles = [ref.title for ref in groups]
            text = self.messages.edit_ambiguous.format(
                text=target, example=titles[0], items="、".join(titles)
            )
            return self._ask(state, f"{text}\n{reask}")
        # 返回 from the item goes back where the edit was asked: the review, or the question it left
        left = state.step
        edited_from = state.edited_from if left == groups[0].key else (*state.edited_from, left)
        moved = replace(state, step=groups[0].key, edited_from=edited_from, mode="fill", pending=None)
        return self._ask(moved, self.question(moved))

    def _edit_matches(self, refs: list[StepRef], target: str, loosely: bool = True) -> list[StepRef]:
        """The first step of each item the name matches: exactly if any does, else fuzzily (if `loosely`)."""
        wanted = self._canonical(target)
        first_of: dict[str, StepRef] = {}
        names: dict[str, list[str]] = {}
        for ref in refs:
            first_of.setdefault(ref.title, ref)
            plain = [ref.step.label, *ref.step.aliases]
            names.setdefault(ref.title, [self._canonical(ref.title), *(self._canonical(n) for n in plain)])
            if ref.industry:
                names[ref.title] += [self._canonical(ref.industry + n) for n in plain]
        exact = [title for title, folded in names.items() if wanted in folded]
        if not exact and loosely:
            scored = {
                title: max(fuzz.WRatio(wanted, name) for name in folded) for title, folded in names.items()
            }
            best = max(scored.values(), default=0)
            exact = [t for t, s in scored.items() if s >= max(85, best - FUZZY_MARGIN)] if best >= 85 else []
        if len(exact) > 1:  # "修改 水泥装备水平" names the industry: keep that one
            named = [t for t in exact if first_of[t].industry and fold(first_of[t].industry or "") in wanted]
            exact = named or exact
        return [first_of[title] for title in exact]

    def _canonical(self, name: str) -> str:
        """An item's name folded, with other names people use for its words (名字 → 名称) replaced."""
        folded = fold(name)
        if self._synonyms is None:
            return folded
        return self._synonyms.sub(lambda match: self._synonym_of[match.group(0)], folded)

    # ---- answers ------------------------------------------------------------------------------

    def _take(self, state: FlowState, ref: StepRef, text: str, collected: list[str] | None) -> Outcome:
        parsed = self._parse(ref.step, text)
        if ref.step.type == "text" and isinstance(parsed, _Invalid):
            before_code = self._answer_before_code(state, ref, text)
            if before_code is not None:
                return before_code
        taken = self._taken(state, ref, parsed, collected, text)
        if ref.step.type == "credit_code" and isinstance(parsed, str):
            # "9113… 平山县": the county written beside the code is the next question's answer, not lost
            written = credit_code.normalize(text)
            codes = credit_code.written_in(written)
            besides = f"{written[: codes[0].start()]} {written[codes[0].end() :]}" if codes else written
            return self._county_besides(state, ref, parsed, taken, besides)
        return taken

    def _answer_before_code(self, state: FlowState, ref: StepRef, text: str) -> Outcome | None:
        """ "恒达铸造有限公司 9133…" at 【企业名称】, where the code is asked next: the words before the code are the
        answer (without words naming the code, 代码是), the code and what follows it the next question's, said so.
        None where the message is no such pair: no valid code or several, nothing before it, or a label there
        (企业名称：…), which is left refused as before."""
        typed = unicodedata.normalize("NFKC", text)
        codes = [
            found
            for found in credit_code.written_in(typed.upper())
            if credit_code.problem(found["code"]) is None
        ]
        if len(codes) != 1:
            return None
        before, from_code = (
            typed[: codes[0].start("code")].strip(_EDGE_PUNCT),
            typed[codes[0].start("code") :],
        )
        answered = self._record(state, ref, before)
        following = self._current(answered.state)
        if answered.status != "ask" or following is None or following.step.type != "credit_code":
            return None
        naming = next((word for word in following.step.said_before if before.endswith(word)), "")
        answer = self._parse(ref.step, before.removesuffix(naming).strip(_EDGE_PUNCT)) if before else None
        if not isinstance(answer, str) or any(colon in answer for colon in ":："):
            return None
        answered = self._record(state, ref, answer)
        taken = self._take(answered.state, following, from_code, None)
        said = self.messages.answer_before_code.format(item=ref.step.label, value=answer)
        return replace(taken, text=f"{said}\n{taken.text}")

    def _county_besides(
        self, state: FlowState, ref: StepRef, code: str, taken: Outcome, besides: str
    ) -> Outcome:
        """`taken` (the code recorded) with the county `besides` names taken too where the county is asked next: its
        exact name or alias recorded and said so, a close name or one with its town after it confirmed; anything
        else leaves `taken` as it is, the county asked as usual."""
        following = self._current(taken.state)
        if (
            taken.status != "ask"
            or taken.state.pending
            or following is None
            or following.step.type != "county"
        ):
            return taken
        county = self._county(besides) if besides.strip(_EDGE_PUNCT) else None
        if county is None or isinstance(county, _Invalid):
            return taken
        changed = "；".join(
            filter(None, (self._changed(state, ref, code), self._changed(state, following, county)))
        )
        said = self.messages.review_changed.format(items=changed) if changed else ""
        if isinstance(county, _Confirm):
            pending = {"kind": "confirm", "value": county.value, "prompt": county.prompt, "collected": None}
            return self._ask(replace(taken.state, pending=pending), f"{said}\n{county.prompt}".strip())
        answers = {**state.answers, ref.key: code, following.key: county}
        moved = replace(state, answers=answers, edited_from=(), pending=None)
        also = self.messages.county_beside_code.format(item=following.step.label, county=county)
        return self._go_on(moved, following.key, also, changed)

    def _taken(
        self, state: FlowState, ref: StepRef, parsed: Any, collected: list[str] | None, text: str = ""
    ) -> Outcome:
        """`parsed`: what `_parse` made of `text`."""
        # the business read as any other answer, the question answered first
        if isinstance(parsed, _AskedBeside):
            taken = self._taken(state, ref, parsed.answer, collected, text)
            return replace(taken, asked=text, decided=parsed.decided)
        if isinstance(parsed, _Invalid):
            offered = state.pending if state.pending and state.pending["kind"] == "choose" else None
            if offered:  # neither an industry offered nor another named: the list stays offered
                reason = parsed.reason
                if not parsed.asked:
                    reason = self.messages.industry_choice_invalid.format(count=len(offered["options"]) + 1)
                again = f"{reason}\n{offered['prompt']}"
            else:
                again = f"{parsed.reason}\n{self._reprompt(state, collected)}"
            return Outcome("ask", state, again, asked=text if parsed.asked else "", decided=parsed.decided)
        if isinstance(parsed, _Confirm):
            pending = {
                "kind": "confirm",
                "value": parsed.value,
                "prompt": parsed.prompt,
                "collected": collected,
            }
            return self._ask(replace(state, pending=pending), parsed.prompt)
        if isinstance(parsed, _Choose):
            pending = {"kind": "choose", "options": parsed.candidates, "prompt": parsed.prompt}
            return self._ask(replace(state, pending={**pending, "collected": collected}), parsed.prompt)
        if isinstance(parsed, _Noted):
            return self._record(state, ref, parsed.value, parsed.note)
        return self._accept(state, ref, parsed, collected)

    def _reprompt(self, state: FlowState, collected: list[str] | None) -> str:
        if collected:
            return self._more_asked(collected)
        return self.question(state)

    def _more_asked(self, industries: list[str]) -> str:
        """The industries taken so far, and whether the business has another."""
        return self._recorded(industries) + self.messages.industry_more

    def _recorded(self, industries: list[str]) -> str:
        return self.messages.industry_recorded.format(industries="、".join(industries))

    def _accept(self, state: FlowState, ref: StepRef, value: Any, collected: list[str] | None) -> Outcome:
        """`value`: the answer; at a step of several industries one or a list of them."""
        if ref.step.type != "industry" or not ref.step.multiple:
            return self._record(state, ref, [value] if ref.step.type == "industry" else value)
        so_far = list(collected or [])
        named = value if isinstance(value, list) else [value]
        again = [industry for industry in named if industry in so_far]
        so_far += [industry for industry in named if industry not in so_far]
        lead = self.messages.industry_duplicate.format(industry="、".join(again)) if again else ""
        if len(so_far) >= ref.step.max_items:
            return self._record(
                state, ref, so_far, self.messages.industry_too_many.format(max=ref.step.max_items)
            )
        prompt = self._more_asked(so_far)
        pending = {"kind": "more", "collected": so_far, "prompt": prompt}
        return self._ask(replace(state, pending=pending), f"{lead}\n{prompt}".strip())

    def _answer_pending(self, state: FlowState, ref: StepRef, text: str, said: str) -> Outcome:
        pending = state.pending or {}
        collected = pending.get("collected")
        if pending["kind"] == "more":
            if said in self._words["no_more"]:
                return self._record(state, ref, collected)
            if said in self._words["affirmative"]:  # "是", "有": there is another, not an industry named 是
                return self._ask(state, self.messages.industry_more_name)
            if said in self._words["hedges"]:  # "嗯": neither an industry nor a yes, the question again
                return self._ask(state, str(pending["prompt"]))
            return self._take(state, ref, text, collected)
        if pending["kind"] == "confirm":
            # "是的，还有焦化", "我们还有焦化": the industry asked about and another, not the other instead
            besides = self._named_besides(ref, said)
            if besides is not None:
                accepted = self._accept(replace(state, pending=None), ref, pending["value"], collected)
                if accepted.state.pending is None or accepted.state.pending["kind"] != "more":
                    return accepted  # as many industries as a step takes
                further = self._answer_pending(accepted.state, ref, besides, besides)
                if further.state.pending is not None and further.state.pending["kind"] == "more":
                    return further  # its question says every industry taken
                recorded = self._recorded(accepted.state.pending["collected"])
                return replace(further, text=f"{recorded}\n{further.text}")
            verdict = self._vocabulary.yes_no(said, unsure=False)
            if verdict is None and normalize(str(pending["value"])) in said:  # "铸造" to "是铸造行业吗？"
                verdict = YES_WORD
            if verdict == YES_WORD:
                return self._accept(replace(state, pending=None), ref, pending["value"], collected)
            if verdict == NO_WORD:
                resumed = replace(state, pending=None)
                if collected:
                    more = {
                        "kind": "more",
                        "collected": collected,
                        "prompt": self._reprompt(resumed, collected),
                    }
                    return self._ask(
                        replace(state, pending=more), f"{self.messages.rephrase}\n{more['prompt']}"
                    )
                return self._ask(resumed, f"{self.messages.rephrase}\n{self.question(resumed)}")
            parsed = self._parse(ref.step, text)
            if isinstance(
                parsed, _Invalid
            ):  # neither 是/否 nor another answer ("事的"): the confirmation stays
                said_why = "" if parsed.asked else f"{self.messages.confirm_invalid}\n"
                return Outcome(
                    "ask",
                    state,
                    f"{said_why}{pending['prompt']}",
                    asked=text if parsed.asked else "",
                    decided=parsed.decided,
                )
            return self._taken(replace(state, pending=None), ref, parsed, collected)  # a new answer instead
        options: list[str] = pending["options"]
        several = self._several_picked(said, options) if ref.step.multiple else []
        if several:  # "都是", "1和2": each is one of the business's industries
            return self._accept(replace(state, pending=None), ref, several, collected)
        match = _ORDINAL.match(said)
        number = int(match.group(1)) if match else None
        if number is not None and 1 <= number <= len(options):
            return self._accept(replace(state, pending=None), ref, options[number - 1], collected)
        if number == len(options) + 1 or said in self._words["none_of_these"]:  # the last option: 都不是
            resumed = replace(state, pending=None)
            return self._ask(resumed, f"{self.messages.rephrase}\n{self._reprompt(resumed, collected)}")
        if said in {normalize(option) for option in options}:
            chosen = next(option for option in options if normalize(option) == said)
            return self._accept(replace(state, pending=None), ref, chosen, collected)
        besides = self._named_besides(ref, said)
        if besides is not None:  # "还有焦化": one more besides those offered, which stay offered, not dropped
            return self._ask(
                state, f"{self.messages.industry_choose_first.format(industry=besides)}\n{pending['prompt']}"
            )
        return self._take(state, ref, text, collected)

    def _several_picked(self, said: str, options: list[str]) -> list[str]:
        """The industries offered by number that a reply picks together: all of them ("都是"), or several numbers
        ("1和2", "1、2"); empty for anything else."""
        if said in self._words["all_of_these"]:
            return options
        numbers = (
            [int(number) for number in _NUMBERS_TOGETHER.split(said)]
            if _PICKED_TOGETHER.fullmatch(said)
            else []
        )
        if len(numbers) < 2 or not all(1 <= number <= len(options) for number in numbers):
            return []
        return list(dict.fromkeys(options[number - 1] for number in numbers))

    def _named_besides(self, ref: StepRef, said: str) -> str | None:
        """At a step of several industries, what a reply names after saying there is more (还有, 也做 …), where
        that reads as an industry."""
        if not ref.step.multiple:
            return None
        for word in self._words["additions"]:
            rest = said.partition(word)[2].strip(_EDGE_PUNCT)
            if rest and not isinstance(self._parse(ref.step, rest), _Invalid):
                return rest
        return None

    def _parse(self, step: Step, text: str) -> Any:
        said = normalize(text)
        kind = step.type
        question = _Invalid(self.messages.text_question, asked=True)
        if kind == "yes_no" or kind == "yes_no_unsure":
            own_words = normalize(" ".join((step.ask, step.label, *step.aliases)))
            unsure = kind == "yes_no_unsure"
            verdict = self._vocabulary.yes_no(said, unsure=unsure, asked=own_words)
            words = self._words
            if verdict == YES_WORD and any(word in said for word in words["partial"] | words["turns"]):
                # "装了一部分", "有台账，不过是纸质的": a yes taken back in part counts as a no, said so
                return _Invalid(self.messages.yes_no_in_part.format(said=text.strip()))
            guess = next(
                (word for word in words["guesses"] if verdict is None and said.startswith(word)), None
            )
            if guess is not None:  # "应该是吧": a guessed yes is not sure, a guessed no is a no
                rest = said.removeprefix(guess)
                rest = next(
                    (rest.removesuffix(end) for end in words["guess_endings"] if rest.endswith(end)), rest
                )
                guessed = self._vocabulary.yes_no(rest, unsure=unsure, asked=own_words)
                if guessed == NO_WORD:
                    return NO_WORD
                if guessed == YES_WORD:
                    return UNSURE_WORD if unsure else _Invalid(self.messages.yes_no_dont_know)
            if verdict is None and self.catalogue.asks(text):  # "什么是在线监测？": no 是 or 否 in it
                return question
            if verdict is None and kind == "yes_no" and any(word in said for word in self._words["unsure"]):
                return _Invalid(self.messages.yes_no_dont_know)
            if verdict is None:
                reason = (
                    self.messages.yes_no_unsure_invalid
                    if kind == "yes_no_unsure"
                    else self.messages.yes_no_invalid
                )
                return _Invalid(reason)
            return verdict
        # asked before reading an answer: "B级要啥条件？" names an option, "够A级吗" a figure
        if kind in ("choice", "number", "percent") and self.catalogue.asks(text):
            named = self._named_option(step, said) if kind == "choice" else None
            if named is None:
                return question
            # the option it names may be the choice: how to pick it, so the next message is not a guess
            number, option = next((n, o) for n, o in enumerate(step.options, 1) if o.value == named)
            how = self.messages.choice_named.format(option=option.label, number=number, item=step.label)
            return _Invalid(f"{how}\n{question.reason}", asked=True)
        if kind == "choice":
            return self._choice(step, said)
        if kind in ("number", "percent"):
            return self._number(step, text)
        if kind in ("phone", "credit_code", "county"):
            readers = {"phone": self._phone, "credit_code": self._credit_code, "county": self._county}
            read = readers[kind](text)
            # "申请名单什么时候交？" is no code, number or county but a question: answered, and the step asked again
            return question if isinstance(read, _Invalid) and self.catalogue.asks(text) else read
        if kind == "industry":
            # "13812345678", "1e309" were read for industries that sounded like them: a number or code is no name
            if not any(char.isalpha() for char in text):
                return _Invalid(self.messages.text_no_words)
            if _CODE_ALONE.fullmatch(unicodedata.normalize("NFKC", text).strip()):
                return _Invalid(self.messages.industry_code_alone.format(text=text.strip()))
            besides = self.asks_besides_the_business(text)
            if besides is not None and besides.how == "instead":
                return replace(question, decided=besides.decided)
            listed = self._industries_named(text) if step.multiple else []
            business = listed if len(listed) > 1 else self._industry(text)
            # "我们做铸件，也做点喷漆": the business may be several of the industries offered, said how to pick them
            # "铸件和水泥": a list joined as option numbers are ("1和2") names several too
            several = any(word in said for word in self._words["additions"]) or bool(
                _NUMBERS_TOGETHER.search(said)
            )
            if step.multiple and several and isinstance(business, _Choose):
                how = self.messages.industry_choose_several
                business = replace(business, prompt=f"{business.prompt}\n{how}")
            return _AskedBeside(business, besides.decided) if besides is not None else business
        # kept as typed (full-width punctuation too), but for what no one sees typed; compared normalised
        cleaned = " ".join(without_invisible(text).split())
        lead = next((word for word in step.said_before if cleaned.startswith(word)), None)
        if lead is not None and (rest := cleaned.removeprefix(lead).lstrip(_SAID_BEFORE_GAP)):
            cleaned = rest  # "我叫李四", "我，李四": the name alone goes into the list
        # names and descriptions: "12345" is a slip, not an answer
        if not any(char.isalpha() for char in cleaned):
            return _Invalid(self.messages.text_no_words)
        # "@王五 你填一下" (the bot's mention last) is said to another member: it became the enterprise's name
        if said_to_someone_else(cleaned):
            return _Invalid(self.messages.text_to_someone_else.format(item=step.label))
        # "李明 13812345678": the number would go into the list's name column, and with it into the draft's
        # summaries, where only the phone column is masked
        if PHONE_LIKE.search(unicodedata.normalize("NFKC", cleaned)):
            return _Invalid(self.messages.text_has_phone)
        # "９１３３…２Ｆ" typed at 【企业名称】 went into the list as the name (and a group saw it unmasked); read with
        # its spaces too, as two codes a space apart are one run of 36 characters without them
        spaced = unicodedata.normalize("NFKC", cleaned).upper()
        if any(
            credit_code.problem(found["code"]) is None
            for written in (credit_code.normalize(cleaned), spaced)
            for found in credit_code.written_in(written)
        ):
            return _Invalid(self.messages.text_has_code.format(item=step.label))
        if normalize(cleaned) in self._words["unsure"]:  # 不知道 would go into the list as a name
            return _Invalid(self.messages.text_unsure)
        if self.catalogue.asks(cleaned):  # a question asked mid-way would go into the list as a name
            return question
        if step.min is not None and len(cleaned) < step.min:
            return _Invalid(self.messages.text_too_short.format(min=int(step.min)))
        if step.max is not None and len(cleaned) > step.max:
            return _Invalid(self.messages.text_too_long.format(max=int(step.max), length=len(cleaned)))
        return cleaned

    def _credit_code(self, text: str) -> Any:
        code = credit_code.normalize(text)
        written = credit_code.written_in(code)
        if len(written) == 1:  # words around it ("代码是9113…"), as a phone number may have: the code alone
            code = written[0]["code"]
        mistyped = self.code_problem(code)
        if mistyped is None:
            return code
        if not any(char.isdigit() for char in code):  # every code has digits: a word, not a code mistyped
            if code.endswith(
                tuple(self._words["company_endings"])
            ):  # the rest of a name sent in two messages
                return _Invalid(self.messages.credit_code_name_piece.format(text=text.strip()))
            return _Invalid(self.messages.credit_code_missing)
        return _Invalid(f"{mistyped}{self.messages.credit_code_recheck}")

    def _phone(self, text: str) -> Any:
        """One mobile number, or one landline with its area code (kept as 0311-86012345), alone or among words
        ("13812345678（微信同号）", "座机0311-86012345"); none or two are asked again, a landline without its
        area code asked for with it."""
        digits = _PHONE_SPACING.sub("", unicodedata.normalize("NFKC", text))
        digits = re.sub(r"^(\+?86)(?=1\d{10}$)", "", digits)
        if _PHONE.match(digits):
            return digits
        count = sum(char.isdigit() for char in digits)
        found = _PHONE_AMONG_WORDS.findall(digits)
        if len(found) == 1 and count == len(found[0]):
            return found[0]
        landlines = _LANDLINE.findall(digits)
        if len(landlines) == 1 and count == len("".join(landlines[0])):
            return "-".join(landlines[0])
        if _LOCAL_NUMBER.fullmatch(digits):
            return _Invalid(self.messages.phone_area_code)
        # a mobile number a digit short or long: how many were typed (11 starting 12 is no mobile's: the rule)
        if digits.isdigit() and digits.startswith("1") and len(digits) != 11:
            return _Invalid(self.messages.phone_mobile_length.format(length=len(digits)))
        return _Invalid(self.messages.phone_invalid)

    def _choice(self, step: Step, said: str) -> Any:
        invalid = _Invalid(self.messages.choice_invalid.format(count=len(step.options)))
        ordinal = _ORDINAL.match(said)
        if ordinal:
            number = int(ordinal.group(1))
            return step.options[number - 1].value if 1 <= number <= len(step.options) else invalid
        names: dict[str, str] = {}
        for option in step.options:
            for name in (option.label, option.value, *option.aliases):
                names.setdefault(normalize(name), option.value)
        if said in names:
            return names[said]
        if not said:
            return invalid
        if said in self._words["affirmative"] | self._words["negative"]:
            # 是 or 没有 names no option (an option it does name, 达不到, is its alias): read fuzzily, 有 would be
            # 公路和铁路都有 and 不 不确定
            return _Invalid(self.messages.choice_yes_no.format(said=said, count=len(step.options)))
        denied = self._denied_option(step, said)
        if denied is not None:
            return _Invalid(self.messages.choice_denied.format(option=denied, count=len(step.options)))
        named = self._named_option(step, said)
        if named is not None:
            return named
        scored: dict[str, float] = {}
        for name, value in names.items():
            scored[value] = max(scored.get(value, 0.0), fuzz.WRatio(said, name))
        ranked = sorted(scored.items(), key=lambda item: -item[1])
        best_value, best = ranked[0]
        if best < FUZZY_CUTOFF or (len(ranked) > 1 and ranked[1][1] > best - FUZZY_MARGIN):
            if any(word in said for word in self._words["unsure"]):  # 不知道: undecided, not unread
                return _Invalid(self.messages.choice_unsure.format(item=step.label))
            return invalid
        return best_value

    def _denied_option(self, step: Step, said: str) -> str | None:
        """The label of an option the answer names only to deny it ("不是手工的"), where it names no other: read
        fuzzily it would be that very option."""
        negative = tuple(self._words["negative"])
        named: dict[str, bool] = {}  # label -> whether every name of it said is denied
        for option in step.options:
            for name in filter(None, map(normalize, (option.label, *option.aliases))):
                if name in said:
                    denied = said[: said.index(name)].endswith(negative)
                    named[option.label] = named.get(option.label, True) and denied
        if len(named) != 1:
            return None
        label, only_denied = named.popitem()
        return label if only_denied else None

    def _named_option(self, step: Step, said: str) -> str | None:
        """The one option whose text or alias the answer contains ("公路运输，年运输量约5万吨"); a name inside
        another option's longer name that is also there does not count (B in B-级). Several named are the option
        combining them, where there is one ("主要是汽车，也有火车")."""
        found = {
            normalize(name): option.value
            for option in step.options
            for name in (option.label, *option.aliases)
            if normalize(name) and normalize(name) in said
        }
        values = {
            value
            for name, value in found.items()
            if not any(name in longer and other != value for longer, other in found.items() if longer != name)
        }
        if len(values) < 2:
            return values.pop() if values else None
        denied = any(said[: said.index(name)].endswith(tuple(self._words["negative"])) for name in found)
        if denied:  # "汽车，没有火车": not both
            return None
        return next((option.value for option in step.options if set(option.combines) == values), None)

    def _number(self, step: Step, text: str) -> Any:
        percent = step.type == "percent"
        unit = "%" if percent else (step.unit or "")
        lowest = 0.0 if percent else step.min
        highest = 100.0 if percent else step.max
        example = "85" if percent else format_number(lowest + 12.5 if lowest is not None else 12.5)
        unit_hint = self.messages.unit_hint.format(unit=unit) if unit else ""
        found = read_figures(text, unit)
        if not found and percent:
            share = self._share_in_words(text)
            if share is not None:
                return share
        if not found:
            said = normalize(text)
            # "不知道" where the figure may be skipped: 跳过 is a way on
            if step.optional and any(word in said for word in self._words["unsure"]):
                return _Invalid(self.messages.number_unsure_optional.format(unit=unit_hint, example=example))
            # "不清楚" where a figure is needed: an estimate will do, as for "几十万"
            guessed = any(word in said for word in self._words["estimates"] | self._words["unsure"])
            refused = self.messages.number_estimate if guessed else self.messages.number_invalid
            return _Invalid(refused.format(unit=unit_hint, example=example))
        if len(found) > 1:
            return _Invalid(self.messages.number_several.format(unit=unit_hint, example=example))
        figure = found[0]
        high_conservative = self.flow.prefers_high(step.id)
        if not figure.is_range and self._bound_said(text) == ("above" if high_conservative else "below"):
            # "不到80%" taken as 80 met B's 不低于80%: a bound against the conservative end names no figure to take
            return _Invalid(
                self.messages.number_bound.format(said=text.strip(), unit=unit_hint, example=example)
            )
        value = figure.high if high_conservative else figure.low
        if (lowest is not None and value < lowest) or (highest is not None and value > highest):
            return _Invalid(
                self.messages.number_range.format(
                    min=format_number(lowest or 0), max=format_number(highest or value), unit=unit_hint
                )
            )
        if percent and 0 < value < 1 and not figure.is_range and not _PERCENT_SIGN.search(text):
            # "0.85" for 85 %: as a share of one it would be taken as under 1 % and the grade drop, unasked
            percent_meant = format_number(value * 100)
            prompt = self.messages.number_fraction_confirm.format(said=text.strip(), percent=percent_meant)
            return _Confirm(value * 100, prompt)
        if figure.is_range:
            note = self.messages.number_range_taken.format(
                low=format_number(figure.low),
                high=format_number(figure.high),
                value=format_number(value),
                unit=unit,
            )
            return _Noted(value, note)
        return value

    def _bound_said(self, text: str) -> Literal["below", "above"] | None:
        """Whether a figure is said as a bound below it ("不到80%", "80%以下") or above it ("超过5吨"); the longest
        word decides, so 不低于 is above and 不超过 below."""
        said = normalize(text)
        for word in self._bound_words:
            if word in said:
                return "below" if word in self._words["below"] else "above"
        return None

    def _share_in_words(self, text: str) -> Any:
        """A share said in words at a percentage step: all of it ("全部", "都是国五") is 100, said so; a part of it
        ("大部分", "一半多") is asked for as a figure, an estimate welcome; None for anything else."""
        said, words = normalize(text), self._words
        if any(word in said for word in words["partial"]):
            return _Invalid(self.messages.number_part.format(said=text.strip()))
        if any(word in said for word in words["whole"]) and not any(
            word in said for word in words["negative"]
        ):
            return _Noted(100.0, self.messages.number_whole.format(said=text.strip()))
        return None

    def code_problem(self, code: str) -> str | None:
        """What is wrong with a normalised credit code (credit_code.normalize), in words; None if nothing."""
        problem = credit_code.problem(code)
        if problem is None:
            return None
        if problem.kind == "length":
            return self.messages.credit_code_length.format(length=problem.length)
        if problem.kind == "charset":
            return self.messages.credit_code_charset.format(position=problem.position, char=problem.char)
        return self.messages.credit_code_check

    def _county(self, text: str) -> Any:
        reading = self.counties.read(text)
        if reading is None:
            return _Invalid(self.messages.county_unknown.format(text=text.strip()))
        if reading.certain:
            return reading.county.name
        name = reading.county.name  # a close name, or the county with its town after it: confirmed
        return _Confirm(name, self.messages.county_confirm.format(county=name))

    def _industries_named(self, text: str) -> list[str]:
        """The industries a list of their names names ("铸造和工业涂装", "水泥、铸造"), in its order; empty unless
        it is nothing but their exact names: read as one description, the industry the reading prefers would
        drop the others. Longer names first, so none is read inside another (农用及园林用金属工具制造)."""
        said = fold(text)
        found: dict[int, str] = {}
        for industry in sorted(self.catalogue.industries, key=lambda each: -len(fold(each.name))):
            name = fold(industry.name)
            while (start := said.find(name)) >= 0:
                found[start] = industry.name
                said = said[:start] + "\0" * len(name) + said[start + len(name) :]
        if not self._between_names.fullmatch(said.replace("\0", "")):
            return []
        return list(dict.fromkeys(found[start] for start in sorted(found)))

    def _industry(self, text: str) -> Any:
        said = normalize(text)
        if said in self._words["affirmative"] | self._words["negative"] | self._words["hedges"]:
            # a yes or no alone answers no industry's question: 中 (OK) was offered 集中喷涂 by its one character
            return _Invalid(self.messages.industry_unknown.format(text=text.strip()))
        match = self.catalogue.match(text)
        if match.verdict == "one":
            industry = match.candidates[0].name
            if fold(text) == fold(industry):
                return industry
            return _Confirm(industry, self.messages.industry_confirm.format(industry=industry))
        # a business of a class outside the 47: the Q&A's 不属于 from the same reading, not "没有找到"
        if match.verdict == "outside" and match.outside is not None:
            outside = self.messages.industry_outside.format(
                terms="、".join(match.terms), name=match.outside.name, code=match.outside.code
            )
            return _Invalid(
                "\n".join(filter(None, [outside, match.outside.caution, self.messages.industry_outside_next]))
            )
        candidates = [industry.name for industry in match.candidates]
        if match.verdict not in ("ambiguous", "unsure") or not candidates:
            found = process.extract(
                fold(text),
                {industry.name: fold(industry.name) for industry in self.catalogue.industries},
                scorer=fuzz.WRatio,
                limit=3,
                score_cutoff=80,
            )
            candidates = (
                [name for _, score, name in found if score >= found[0][1] - FUZZY_MARGIN] if found else []
            )
            if len(candidates) == 1:
                return _Confirm(candidates[0], self.messages.industry_confirm.format(industry=candidates[0]))
        # 不知道 is no industry's name: told what to say instead
        if not candidates and any(word in normalize(text) for word in self._words["unsure"]):
            return _Invalid(self.messages.industry_unsure)
        if not candidates:
            return _Invalid(self.messages.industry_unknown.format(text=text.strip()))
        lines = [self.messages.industry_choose.format(text=text.strip())]
        lines += [f"{number}. {name}" for number, name in enumerate(candidates, start=1)]
        lines.append(f"{len(candidates) + 1}. {self.messages.industry_none_of_these}")
        return _Choose(candidates, "\n".join(lines))


# ---- one-step flows ------------------------------------------------------------------------------

CONFIRM = "__confirm__"  # the step of a confirmation: 确认 does what was asked, 取消 drops it
CHOOSE = "__choose__"  # the step of a choice offered in an answer: the next message may pick an option
COMPLETE = (
    "__complete__"  # the step of a command half given (a day without its hour): a later message may finish it
)
ONE_STEP = (CONFIRM, CHOOSE, COMPLETE)
CHOSEN = "chosen"  # where a done choice keeps the option picked
_CHOICE_NUMBER = re.compile(r"^第?([1-9一二两三四五六七八九])(?:个|项|号)?$")
_DIGIT_WORDS = dict(zip("一二两三四五六七八九", "1223456789", strict=True))  # 第一个 is 1


@dataclass
class OneStepEngine:
    """Runs the one-step flows with the vocabulary of every flow. Pure, like FlowEngine.

    A confirmation keeps what the confirmed action needs in its answers, with its question and what to say
    when it is declined; anything but 确认 or 取消 asks it again. A choice lives for one message: a pick is
    done, a number it does not have asks it again, anything else passes (the message is answered as usual). A completion
    keeps what was half given with its question: each message is handed to the command, which takes it if it finishes
    the command and otherwise asks again (`ask_again`, nothing half given lost); 取消 or a no drops it. All expire after
    `idle`."""

    messages: FlowMessages
    idle: timedelta
    catalogue: Catalogue  # a choice's option named only to deny it ("不是耐火材料") is no pick
    _vocabulary: Vocabulary = field(init=False)

    def __post_init__(self) -> None:
        self._vocabulary = Vocabulary(self.messages)

    def confirmation(
        self, question: str, cancelled: str, data: dict[str, Any], now: datetime, recipients: str = ""
    ) -> Outcome:
        answers = {**data, "question": question, "cancelled": cancelled, "recipients": recipients}
        return Outcome("ask", FlowState(step=CONFIRM, answers=answers, updated_at=now), question)

    def answers_confirmation(self, text: str) -> bool:
        """Whether a message is 确认, 取消 or a no, however typed (/确认): the confirmation's answer. Another
        command (handlers.context.is_command) is answered as usual while the question waits, as the
        self-assessment's questions do (a new /广播 asks anew)."""
        said = normalize(text).lstrip("/")
        words = self._vocabulary.words
        return said in words["confirm"] | words["cancel"] | words["negative"]

    def question(self, state: FlowState, now: datetime) -> str | None:
        """The question a confirmation or a completion still waits on; None once it is idle too long, or for a
        choice (it lives for one message)."""
        if state.step not in (CONFIRM, COMPLETE) or now - state.updated_at > self.idle:
            return None
        return str(state.answers["question"])

    def choice(self, options: list[str], now: datetime) -> FlowState:
        return FlowState(step=CHOOSE, answers={"options": options}, updated_at=now)

    def completion(
        self, half_given: dict[str, Any], question: str, cancelled: str, now: datetime
    ) -> FlowState:
        """A command half given, waiting for the rest: `question` asks for it, `cancelled` is said when it is declined."""
        answers = {**half_given, "question": question, "cancelled": cancelled}
        return FlowState(step=COMPLETE, answers=answers, updated_at=now)

    def ask_again(self, state: FlowState, reason: str, now: datetime) -> Outcome:
        """A completion's message that did not finish the command: why, and the same question, the rest kept."""
        return Outcome("ask", replace(state, updated_at=now), f"{reason}\n{state.answers['question']}")

    def advance(self, state: FlowState, text: str, now: datetime) -> Outcome:
        """done: confirmed (the answers as asked), picked (CHOSEN) or a message that may complete a command (the
        command reads it); cancelled: declined, none of a choice's options, or a yes or no that came too late (`text`
        says which); ask: the confirmation again, or the choice's options after a number they do not have;
        passed: not an answer."""
        said = normalize(text).lstrip("/")  # /确认 is 确认
        words = self._vocabulary.words
        agreed, declined = said in words["confirm"], said in words["cancel"] | words["negative"]
        if now - state.updated_at > self.idle:
            late = state.step == CONFIRM and (agreed or declined)
            return Outcome("cancelled", state, self.messages.confirmation_expired) if late else _passed(state)
        if state.step == CHOOSE:
            if said in words["none_of_these"]:
                return Outcome("cancelled", state, self.messages.industry_none_offered)
            options = [str(option) for option in state.answers["options"]]
            chosen = _pick(options, text)
            if chosen is None and _CHOICE_NUMBER.match(fold(text)):  # "5" to three: a pick, mistyped
                listed = "\n".join(f"{number}. {name}" for number, name in enumerate(options, start=1))
                invalid = self.messages.industry_choice_invalid.format(count=len(options))
                return Outcome("ask", replace(state, updated_at=now), f"{invalid}\n{listed}")
            if chosen is None or self.catalogue.denies(text, chosen):
                return _passed(state)
            return Outcome("done", replace(state, answers={**state.answers, CHOSEN: chosen}, updated_at=now))
        if state.step == COMPLETE:
            if declined:
                return Outcome("cancelled", state, str(state.answers["cancelled"]))
            return Outcome("done", replace(state, updated_at=now))
        if state.step != CONFIRM:  # not a one-step flow's state: nothing to answer
            return _passed(state)
        if declined:
            return Outcome("cancelled", state, str(state.answers["cancelled"]))
        if agreed:
            return Outcome("done", replace(state, updated_at=now))
        recipients = state.answers.get("recipients")  # absent from confirmations asked before it was kept
        if recipients and any(word in said for word in words["recipients_asked"]):
            # "会发给谁？", "发几个群": answered from what the confirmation holds, then asked for 确认 again
            reply = f"{recipients}\n{self.messages.confirmation_invalid}"
            return Outcome("ask", replace(state, updated_at=now), reply)
        question = state.answers["question"]
        return Outcome(
            "ask", replace(state, updated_at=now), f"{self.messages.confirmation_invalid}\n{question}"
        )


def _passed(state: FlowState) -> Outcome:
    return Outcome("passed", state)


def _pick(options: list[str], text: str) -> str | None:
    """The option a reply names: by its number, or by (most of) its name."""
    said = fold(text)
    number = _CHOICE_NUMBER.match(said)
    if number:
        index = int(_DIGIT_WORDS.get(number.group(1), number.group(1))) - 1
        return options[index] if index < len(options) else None
    named = [name for name in options if said and (said in fold(name) or fold(name) in said)]
    return named[0] if len(named) == 1 and len(said) >= 2 else None
