"""Deciding what a question gets: one answer, two close ones, an industry verdict, or an honest "not sure"."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Literal

from knowledge.base import KnowledgeBase
from knowledge.catalogue import IndustryMatch, Reading
from knowledge.faq import Entry, FaqIndex, Hit
from knowledge.textnorm import (
    CLAUSE_END,
    QUOTED,
    ascii_letters_and_digits,
    asked_after_forwarded,
    before_numbered_items,
    numbered_items,
    said_once,
    typed_spacing_read,
)

# Tuned with `python -m bot knowledge eval` on the development question sets in tests/data/.
CONFIDENT = 0.40  # at or above: answer
CLOSE = 0.03  # a runner-up within this of the best (and itself confident) is answered too
# A confident runner-up within this of the best is as likely what was asked where the two are of one family
# (knowledge.faq.Entry.of_one_family) or the question names a word of the runner-up's title that the best never uses
# (FaqIndex.names_unused): near siblings ("分局把名单报市里" against the enterprise's own deadline) differ by a word or
# two, which the score weighs little. A gap entry ahead of a fact one declines alone: it says the documents do not
# answer. A clause's sure entry that the whole message finds within this of its own first is as likely too, and is
# answered alone; further behind, the whole message's first is answered beside it (measured on the development sets:
# at 0.08 five misses gained and four right answers lengthened, at 0 six and fourteen, at 0.1 four and four).
SIBLING_CLOSE = 0.08
# Characters of a short answer (the entries' median is about 125): the runner-up's is shown beside the first in full,
# a longer one is offered by its title.
SIBLING_IN_FULL = 120
UNSURE_TOPICS = 3
# A message naming its business that asks something other than whether it takes part (grades or measures:
# "铸造厂 … 指标够不上B级 能不能先按高一级管"; a deadline, what not applying costs): the industry verdict does not
# answer it, so an entry sharing a topic word does at this lower bar.
GRADING_CONFIDENT = 0.30
# One clause of a longer message is less evidence than a message: its answer must be surer.
CLAUSE_CONFIDENT = 0.5
CLAUSE_MIN_LENGTH = 4
# But an entry the whole message finds this far ahead of the next, at the lower bar, is surer than what one clause
# finds: the clauses around the question say what it is about.
WHOLE_LEAD = 0.1
_QUESTION_MARK = re.compile("[?？]")
# textnorm.CLAUSE_END but for the enumeration comma 、, which ends a clause only between asking parts (clauses_of)
_CLAUSE_BUT_LIST_END = re.compile(r"[\s，,。；;！!？?]+")
_LISTED = re.compile("、+")
# A statement naming its business tells a situation an entry may answer ("我们冷芯盒制芯，废气现在是直排的") when it
# says no production besides the business and this many of its other words are words the entries are asked in;
# most such statements describe the business further ("公司有两座捣固焦炉，年产焦炭一百万吨左右") and are the verdict's.
STATEMENT_ASKED_WORDS = 3
# Below the bar, the first entry is a safe guess where the telling words the message shares with it weigh this much
# (summed idf: about four words each of one entry's, or more of fewer entries'). Measured on the development misses
# declined with their entry first against the questions rightly declined (bench/decide_steps.py --list below_bar
# --declined): a score is a share of the message, which a long one (a story, a letter around the question) lowers;
# the declined ones share a word or two, none above 19.3, the right guesses up to 50.
GUESS_EVIDENCE = 20.0
# A statement (a situation told, nothing asked: "专家来现场那天我们有两条生产线没开") needs less, in two of the entry's
# words or more: it asks for no detail the entry may not give, so the words it does not share with the entry tell the
# situation, not another question; one rare word shared ("我们的危险废物一直没人来拉") is a mention, not the situation.
# Measured the same way at 6150cee: of the statements declined below the bar, the right first guesses held 12.1–19.6
# and none of the wrong entries or the statements rightly declined reached 12 (a letter's 烦请告知 10.5, the wrong
# guesses 11.6), while the questions between 12 and 20 were right 4, wrong 3 and to decline 6; of the statements at 12
# or more in one word, one was right (a gap entry) and one to decline.
STATEMENT_GUESS_EVIDENCE = 12.0
STATEMENT_GUESS_WORDS = 2
# Whether something still holds in a year the documents are not of is answered by the entry stating how long it runs
# where the search puts one this near the first, within this many (measured on the development sets: the right
# timelines were 0.02-0.10 behind, another policy's timeline 0.18).
SPAN_CLOSE = 0.12
SPAN_SHORTLIST = 6
# A clause this short of confirming characters (smalltalk.yaml) around a word of the clause before confirms that
# clause's question (_echoes_the_clause_before)
ECHO_MAX_LENGTH = 6
# A message asking this many things or more (clauses that ask) may ask more than one reply answers (asked_besides).
MANY_ASKED = 3
# 有几家 before what the message goes on to ask says "some of them", no count asked ("手里有几家客户，申请名单是交分局还是
# 交市局", "村里有几家企业在47个行业里吗": are there some); a count asked is what the message ends on ("平山县有几家",
# "我们乡镇有几家企业在47个行业里"). Read as 有些, its 几 neither asks a figure nor finds the entries about counts
# (measured on the development sets: three misses of four answered, nothing else changed).
INDEFINITE_COUNT_WORD = "有几家"
SOME_WORD = "有些"


# a whole message of small talk (smalltalk.yaml), answered the same whatever was said ("date": but for the date, read
# from the clock as it is sent)
SmallTalkKind = Literal[
    "greeting",
    "thanks",
    "stray_answer",
    "human",
    "chatter",
    "date",
    "complaint",
    "source_asked",
    "more_asked",
]
# small talk asking of the answer given just before (出处呢, 具体点): answered from that answer's entries where there is one
OfAnswerBefore = Literal["source_asked", "more_asked"]
# Which step of `decide` made the decision, so that a wrong one can be traced to the rule that chose it
# (bench/decide_steps.py counts the development sets' misses by step).
Step = Literal[
    "smalltalk",
    "intent",
    "day_against_deadline",  # a day named with the one document handed in then: its deadline, or lateness after it
    "deadline_handed_on",  # a deadline asked of a document handed on to the city, or by a branch: the branches' day
    "above_average",  # a sender's own measure given against its industry's average: the incentive tier it reaches
    "own_amount",  # a sender's own yearly emissions given as a mass, a scheme asked of: its yearly amount's entry
    "several_industries",  # a business of several listed industries asking by which it is graded: that entry
    "membership_and_clause",  # a business's membership asked with another question: the other's entry
    "about_the_business",  # a business named, what the message asks or tells besides answered by an entry about it
    "asked_besides_unplaced",  # a business the verdict cannot place, something else asked surely: its entry
    "verdict",  # taking part, what the business counts as, or only what it is: the industry verdict
    "others_than_named",  # businesses named only to leave them out: the rest of the message decided
    "beyond_sources",  # a place or year the documents are not about
    # taking part asked of a business named by no word, or the catalogue asked about by none, no sure entry: the verdict
    "generic_business_unsure",
    "mistyped_business",
    "other_industry_figures",  # the entry's figures are another industry's
    "figure_not_given",  # no entry found gives the figure asked, of the part of the city or the industry asked
    "business_words_only",  # only the business's words found the entry: the verdict
    "pair",
    "sibling_pair",  # a confident runner-up of the best's family, close behind it
    "sibling_offered",  # the same, the runner-up's answer long: offered by its title
    "both",
    "unnarrowed_instead",  # the first entry narrowed to what the question does not name, a sure one not so behind it
    "confident",
    # a line quoted, then asked of: the entry the words after it find surely, of the whole message's first's family
    "asked_of_the_quote",
    # a sure entry about one industry or kind of business outside the list, the question naming none: given as a guess
    "unnamed_industry_guess",
    # the same entry about a kind of business outside the list, asked of machines the speaker holds: not sure
    "held_machines",
    "grading_lower_bar",  # a business named, a question of grading: an entry at the lower bar
    "outside_kind_entry",  # a business outside the list, an entry about its kind at the lower bar
    "without_business",  # a business named, the entry found by the rest of the message
    "verdict_below_bar",  # a business named, no entry sure enough: the verdict
    "clause",
    # a clause's sure entry, the whole message's first beside it: in full when short, else offered by its title
    "clause_pair",
    "clause_offered",
    "outside_business",  # a trade outside the list asking about grades or measures: its verdict
    "typo",  # the decision of the message with its homophone typos read as known words
    # below the bar, but the message holds most of one of the first entry's own questions, or shares enough of its
    # telling words: the entry given as a guess
    "first_guess",
    "below_bar",
]


ANSWERED = frozenset({"answer", "guess", "pair", "both"})  # the decisions that answer with entries
# small talk that may open a message telling something, no question ("领导好，我是新来的环保员")
SOCIAL_OPENINGS = frozenset({"greeting", "thanks"})


# made for every question and never changed: not frozen, whose __init__ pays object.__setattr__ per field
@dataclass(slots=True)
class Decision:
    # "pair": two entries, either of which may be what was asked; "both": a message asking two things, each answered;
    # "guess": one entry below the bar, asked back ("您是不是想问…") with its answer
    kind: Literal["answer", "guess", "pair", "both", "industry", "unsure"] | SmallTalkKind
    hits: list[Hit]
    # "industry": the verdict; "answer": a business the message placed surely, told beside the entry
    industry: IndustryMatch | None = None
    others: list[Entry] = field(default_factory=list)  # other meanings of a short question, offered by title
    # the years and places named that the documents are not of (KnowledgeBase.beyond_sources): "unsure", or "answer"
    # where the entry states how long what is asked of runs
    beyond: tuple[str, ...] = ()
    step: Step = field(kw_only=True)


def decide(kb: KnowledgeBase, question: str, correct: bool = True, respelled: bool = False) -> Decision:
    """What a question gets. With `correct`, a question that finds nothing is tried once more with its
    homophone typos of known words read as those words; `respelled`: that second look, where a typo was read as another
    word than the one typed (a question may then be given its first entry as a guess, as one typed right is)."""
    question = indefinite_count_read(
        kb, kb.clauses_ended(said_once(typed_spacing_read(ascii_letters_and_digits(question))))
    )
    social = kb.smalltalk(question) or _social_then_telling(kb, question)
    if social is not None:
        return Decision(social, [], step="smalltalk")  # type: ignore[arg-type]
    question = _without_courtesies(kb, question)
    intent = kb.short_intent(question)
    if intent is not None:
        lead = [Hit(kb.entries[entry_id], 1.0, True) for entry_id in intent.lead]
        others = [kb.entries[entry_id] for entry_id in intent.others]
        return Decision("pair" if len(lead) > 1 else "answer", lead, others=others, step="intent")
    # "分局转的：“通知辖区内47个重点行业所有企业”，是所有企业都要填名单吗": a line quoted is a document's words, not
    # the asker's business or question
    reading = kb.catalogue.read(QUOTED.sub("", question))
    # "材料8月份才交上去，还算数吗": a day after the deadline of the document named asks whether lateness counts; the
    # document is named by other words than the business's (耐火材料厂 names no materials)
    # "我在县分局管汇总，名单最晚几点前要报到市局专班": the branches' own deadline, not the enterprises' before it
    handed_on = kb.deadline_handed_on(question)
    if handed_on is not None and reading.names_listed_words:
        handed_on = kb.deadline_handed_on(reading.without_business)
    if handed_on is not None:
        return Decision("answer", [Hit(handed_on, 1.0, True)], step="deadline_handed_on")
    # "我公司研发费用占营收3.1%，同行业平均2.5%，能套上哪一档": the margin over the average decides the tier
    above_average = kb.above_average_entry(question)
    if above_average is not None:
        return Decision("answer", [Hit(above_average, 1.0, True)], step="above_average")
    # "环评上核算我们一年颗粒物排放0.15吨，还够得上小微涉气吗": the figure is weighed by the yearly amount's rule
    own_amount = kb.own_amount_entry(question)
    if own_amount is not None:
        return Decision("answer", [Hit(own_amount, 1.0, True)], step="own_amount")
    by_the_day = kb.deadline_by_the_day(question)
    if by_the_day is not None and reading.names_listed_words:
        by_the_day = kb.deadline_by_the_day(reading.without_business)
    asked = kb.asked_in(question)
    if by_the_day is not None and asked.anything and not kb.gives(asked, by_the_day):
        # "分局说名单提前到7月15号交": a day said moved asks of a change, which the deadline's entry does not tell
        by_the_day = None
    if by_the_day is not None:
        return Decision("answer", [Hit(by_the_day, 1.0, True)], step="day_against_deadline")
    left = kb.faq.without_left_out(question, reading.match.terms) if kb.faq.leaves_out(question) else None
    if left is not None:
        # "水泥以外的行业要报吗", "除了铸造还有哪些行业要报": asked of the businesses besides those named, which the rest
        # of the message decides if it asks taking part or an entry answers it that is not narrowed to those named
        # (their figures are not the others': "水泥以外的行业A级厂内车辆要国几")
        of_others = decide(kb, left, correct)
        asked_whole = kb.asked_in(question)
        if reading.asks_membership or (
            of_others.kind == "answer" and all(kb.gives(asked_whole, hit.entry) for hit in of_others.hits)
        ):
            return replace(of_others, step="others_than_named")
    # "我们厂既有铸造又有喷涂，按哪个行业评": a business of several listed industries asking by which it is graded gets
    # the entry on that, told the industries it named; the verdict could only say it cannot tell which one
    several = kb.several_industries_entry(question)
    if several is not None and reading.names_listed_words:
        named = reading.own_industries
        if len(named) > 1:
            match = IndustryMatch(
                "ambiguous", [industry for _, industry in named], [term for term, _ in named]
            )
            return Decision("answer", [Hit(several, 1.0, True)], match, step="several_industries")
    # "我们这种厂子都得报吗", "俺们厂今年刚投产 名单报不报": taking part asked of a business named by no word of its own
    # gives the verdict nothing to read; it asks who must apply, which an entry answers if one is sure. A business
    # named by sound ("交化厂…要报名单吗") is the verdict's.
    asks_membership = reading.asks_membership
    generic_business = asks_membership and reading.names_no_business_of_its_own and not reading.match.read_as
    # "环保局说的那个47个重点企业目录是哪47个": membership asked in words of the catalogue, of no business the reading
    # places or that the message describes, asks about the catalogue: an entry answers it if one is sure
    asks_about_the_catalogue = (
        asks_membership
        and not generic_business
        and not reading.describes_business
        and reading.match.verdict == "unsure"
        and not reading.match.candidates
    )
    if asks_membership and not generic_business and reading.match.verdict != "unsure":
        # two things asked, the business's membership and what another clause asks ("河北八个行业是哪几个，石材算不算",
        # "车不是我们自己的。但今年要报评级。这种情况运输车辆台账还要我们建吗"): that clause's entry answers, the
        # business placed surely beside it
        asked_besides = _best_clause(kb, question, [], reading, besides_taking_part=True)
        if asked_besides is not None and not _gives_the_one_clause_besides(kb, question, asked_besides):
            # "货物集散地怎么界定，农贸市场算不算": the clause's entry names the term but does not define it
            return Decision("unsure", [asked_besides], step="figure_not_given")
        if asked_besides is not None:
            placed = reading.match if reading.match.verdict == "one" else None
            return Decision("answer", [asked_besides], placed, step="membership_and_clause")
    # "石灰窑的评级", "铸造厂的评级标准": an industry's grading asked, no business of the speaker's: the entries answer
    its_grading_asked = reading.asks_of_a_graded_subject
    if (
        (asks_membership and not generic_business and not asks_about_the_catalogue)
        or reading.only_describes_business
        or reading.states_business
    ) and not its_grading_asked:
        besides = None if asks_membership else _about_the_business(kb, question, reading)
        if besides is not None and asked.anything and not kb.gives(asked, besides.entry):
            # "物流园区具体指哪些": the entry about the business names the term, not what it covers
            return Decision("unsure", [besides], step="figure_not_given")
        if besides is not None:
            # the business placed surely is told beside the entry, as where the search answers below
            placed = reading.match if reading.match.verdict == "one" else None
            return Decision("answer", [besides], placed, step="about_the_business")
        # "焦化能评A吗" asks about a grade, which no verdict answers: the search below does, where no entry about the
        # business did
        asks_a_grade = not asks_membership and reading.asks_about_grading and asks(kb, question)
        # "报价单上是高铝砖…都是我们自己厂里做的": a figure's word in the clause of the business's own listed goods, in a
        # message that asks nothing, tells of those goods (their quotation), which the documents do not concern;
        # "我们是铸造厂，门禁坏了" still asks of the kit its other clause names
        figure_asked = asked.figure is not None and not (
            reading.states_business and kb.figure_said_of_own_goods(reading)
        )
        if not figure_asked and not asks_a_grade:
            unplaced = _asked_of_no_business_placed(kb, question, reading)
            if unplaced is not None:
                return Decision("answer", [unplaced], step="asked_besides_unplaced")
            # taking part, what the business counts as, or only what it is: the verdict, whatever entry would match
            return Decision("industry", [], reading.match, step="verdict")
        # "我们是做塑料颗粒的…活性炭多久换一次", "我们乡镇有几家企业在47个行业里": a figure asked is no verdict's; an
        # entry that states it answers, or none does
    found = kb.faq.search(_without_spans_asked(kb, question), limit=UNSURE_TOPICS)
    beyond = kb.beyond_sources(question, found[0].entry) if found else ()
    if beyond:
        # "保定那边…几号截止", "2019年的申请名单", "鹿泉有什么扶持政策": the entry is Shijiazhuang's answer of 2020 or
        # Pingshan's policy, not that place's or year's; another year's deadline is told as 2020's, with whom to ask
        other_years = kb.other_years_deadlines(beyond, found[0].entry)
        if other_years is not None:
            return Decision("answer", [Hit(other_years, found[0].score, True)], step="beyond_sources")
        if found[0].score >= CONFIDENT and found[0].specific and kb.asks_if_still_so(question, beyond):
            # "两进三送2023年还搞不搞": the documents state how long it runs, told with the note that they are of
            # their own years; what they say nothing of surely is declined as before
            spanned = _stating_its_span(kb, question, found[0])
            if spanned is not None:
                return Decision("answer", [spanned], beyond=beyond, step="beyond_sources")
        return Decision("unsure", found, beyond=beyond, step="beyond_sources")
    # "罚款多少", "平山县有几家": an entry stating no sum, or only the city's count, does not answer it; the entries
    # left may, and with none left nothing does
    hits = [hit for hit in found if kb.gives(asked, hit.entry)] if asked.anything else found
    if asked.figure is not None and any(hit.entry.kind == "gap" for hit in hits):
        # "排污权交易里氮氧化物每吨什么价": the prices' gap entry answers it whole, with whom to ask; the trading entry only
        # says in passing that its documents give no price
        hits = [hit for hit in hits if not kb.only_says_not_given(asked, hit.entry)]
    if found and not hits:
        return Decision("unsure", found, step="figure_not_given")
    best = hits[0].score if hits else 0.0
    confident = best >= CONFIDENT and hits[0].specific
    placed = None
    # a figure or detail asked ("重点行业目录里的行业每年都一样吗") is no verdict's, as above: the entries left answer it or none does
    if (generic_business or asks_about_the_catalogue) and not confident and asked.figure is None:
        if hits and _asked_alone_finds(kb, question, hits[0]):
            # "厂子才十几个人，也在重点行业里，得报名吗": the story around the question lowers its entry's score
            return Decision("answer", hits[:1], step="clause")
        if correct and hits and _evident_guess(kb, hits[0].entry, question):
            # "国家指南里一共多少个行业啊三十九个还是四十七个": the words it shares with the first entry are a guess's
            # evidence, as below the bar; the verdict would only ask what the business makes
            return Decision("guess", hits[:1], step="first_guess")
        return Decision("industry", hits, reading.match, step="generic_business_unsure")
    if (
        confident
        and reading.describes_business
        and not reading.names_listed_words
        # "我们是个配件厂…平山帮扶上下游是怎么回事" asks what the entry answers, whatever the business is; tested before
        # the verdict, which it spares most such questions
        and not (reading.asks_something and not reading.asks_participation_in_the_list)
        and reading.match.read_as
    ):
        return Decision("industry", hits, reading.match, step="mistyped_business")  # "我们是个集中喷图中心"
    if confident and reading.names_listed_words and reading.match.verdict in ("one", "ambiguous"):
        # "装载机整机制造": the entry is not about the business the message names, and without that
        # business's words nothing is asked: the message describes a business. "铸造厂评A级要上自动造型线吗"
        # is answered by an entry about foundries; "水泥熟料B级红色预警要停吗" still asks without them.
        names = [industry.name for industry in reading.match.candidates]
        if not kb.faq.mentions(hits[0].entry, [*reading.match.terms, *names]):
            unnamed = kb.faq.narrowed_unnamed(hits[0].entry, question)
            if unnamed and not any(word in name for word in unnamed for name in names):
                # "铸造企业评A级厂内非道路机械要国几": the entry's figures are another industry's (cement's), and the
                # documents hold none of this one's; an entry narrowed to ink (油墨) is still the ink maker's
                return Decision("unsure", hits, step="other_industry_figures")
            # a line quoted is the document's words, read without the business but part of what is asked ("小微那条写着
            # “无有毒有害及恶臭气体”，我们调漆有股味儿是不是就不行了")
            rest = kb.faq.search("，".join([*QUOTED.findall(question), reading.without_business]), limit=1)
            if (not rest or rest[0].score < CONFIDENT or not rest[0].specific) and not (
                # "本单位为包装印刷企业，申请名单的截止日期？": the business told in a clause of its own before what is
                # asked, whose own words find the same entry at the lower bar, as the business's question does below it
                rest
                and rest[0].entry is hits[0].entry
                and rest[0].score >= GRADING_CONFIDENT
                and _business_said_first(kb, question)
            ):
                return Decision("industry", hits, reading.match, step="business_words_only")
            if reading.match.verdict == "one" and _business_said_first(kb, question):
                # "硅铁矿热炉，申请名单几号交": an entry for every business answers, the business placed is told beside it
                placed = reading.match
    if (
        confident
        # the cheap tests first: most confident questions never need the verdict read (reading.match is lazy)
        and reading.asks_about_grading
        and CLAUSE_END.search(question) is not None
        # a clause's reading costs a fifth of the verdict's, which is read only where it can decide
        and _business_said_first(kb, question)
        and reading.match.verdict == "outside"
        and not kb.faq.mentions(hits[0].entry, reading.match.terms)
    ):
        # "我们开饭店的，预警期间要停业吗": the entry speaks of the listed industries' grades and measures, not of this trade
        return Decision("industry", hits, reading.match, step="outside_business")
    if confident and placed is None:
        placed = _outside_told_first(kb, question, reading, hits[0].entry)
    if confident:
        of_the_quote = _asked_of_the_quote(kb, question, hits[0]) if QUOTED.search(question) else None
        if of_the_quote is not None:
            return Decision("answer", [of_the_quote], placed, step="asked_of_the_quote")
        unnarrowed = _unnarrowed_instead(kb, question, hits)
        if unnarrowed is not None:
            return Decision("answer", [unnarrowed], placed, step="unnarrowed_instead")
        if (
            placed is None
            and kb.catalogue.holds_machines(question)
            and _names_no_outside_kind_of(kb, hits[0].entry, question)
        ):
            # "我们有两台叉车，要登记吗": machines the speaker holds are no park's, of which alone the entry speaks
            return Decision("unsure", hits, step="held_machines")
        runner_up = hits[1] if len(hits) > 1 else None
        # "一、视频须保存多久；二、删减视频将受何处理": numbered sub-questions say what each asks; two entries close on the
        # whole message are no choice to offer
        numbered = len(numbered_items(question)) > 1
        if runner_up and runner_up.score >= CONFIDENT and best - runner_up.score <= CLOSE and not numbered:
            return Decision("pair", hits[:2], placed, step="pair")
        another = _second_question(kb, question, hits[0])
        if another:
            return Decision("both", [hits[0], another], step="both")
        if (
            runner_up
            and runner_up.score >= CONFIDENT
            and best - runner_up.score <= SIBLING_CLOSE
            and (
                hits[0].entry.of_one_family(runner_up.entry)
                or kb.faq.names_unused(runner_up.entry, hits[0].entry, question)
            )
            and not (hits[0].entry.kind == "gap" and runner_up.entry.kind != "gap")
        ):
            return _beside(hits[0], runner_up, placed, in_full="sibling_pair", offered="sibling_offered")
        if placed is None and _narrowed_to_an_unnamed_business(kb, hits[0].entry, question):
            # "voc治理用活性炭行不行": only the foundry's entry says it, and no foundry is named: offered as what may be meant
            # ("叉车要不要登记": only the logistics parks' entry speaks of forklifts, and no park is named)
            return Decision("guess", hits[:1], step="unnamed_industry_guess")
        return Decision("answer", hits[:1], placed, step="confident")
    # "水泥以外的行业A级厂内车辆要国几": a business named only to be left out is not the speaker's, and no verdict's
    named_only_to_leave_out = left is not None and not kb.catalogue.read(left).names_listed_words
    if (
        (
            reading.names_listed_words
            and not named_only_to_leave_out
            and not its_grading_asked
            and not reading.names_only_others_words
        )
        # "我们是外地刚搬来的", "我们是头一回被查出问题": 我们是… said of the speaker's situation places no business
        or (
            reading.describes_business
            and bool(reading.match.candidates or reading.match.verdict == "outside")
        )
        or reading.asks_participation_in_the_list
        or reading.states_business_by_sound
    ) and asked.figure is None:
        # The verdict would not answer it: the entry does, and a business placed surely is told beside it
        # ("耐火材料厂的办公室主任…申请名单几号截止": the deadline, and that 耐火材料 must apply).
        placed = reading.match if reading.match.verdict == "one" else None
        if reading.asks_about_grading and hits and hits[0].specific and hits[0].score >= GRADING_CONFIDENT:
            own = _of_the_business_placed(kb, hits, placed)
            return Decision("answer", [own or hits[0]], placed, step="grading_lower_bar")
        if (
            reading.match.verdict == "outside"
            and reading.asks_something
            and not reading.asks_participation_in_the_list
        ):
            # a business outside the list asking what an entry about its own kind answers ("物流园的运营方…园区门口要不要
            # 装车辆管理系统"); one asking whether it takes part finds no entry naming its business
            about_it = [
                hit
                for hit in hits
                if hit.specific
                and hit.score >= GRADING_CONFIDENT
                and kb.faq.mentions(hit.entry, reading.match.terms)
            ]
            if about_it:
                return Decision("answer", about_it[:1], step="outside_kind_entry")
            if (
                correct
                and not asks_membership
                and hits
                and hits[0].specific
                and kb.faq.evidence(hits[0].entry, question) >= GUESS_EVIDENCE
                # "工程机械维修厂，给挖掘机换件…": the parks' entry, found by the machines, names no business of the message
                and not _names_no_outside_kind_of(kb, hits[0].entry, question)
            ):
                # "给平山中学盖教学楼的想进那个保障正面清单材料往哪递": a builder's project told in passing, then what an
                # entry for any business answers, in as many of its telling words as a first guess holds
                return Decision("guess", hits[:1], step="first_guess")
        if (
            reading.asks_something
            and not reading.asks_participation_in_the_list
            and reading.match.verdict != "outside"
        ):
            # found by what it asks besides the business's words, not by them ("给铸造厂派工人 这个要报那个评级吗"
            # is no question about foundries' equipment); a business placed outside the list is told so first
            # ("开加油站的 这个也要报平级吗" asks whether it takes part, in words no cue knows), and a statement
            # ("我们是做像胶制品的小厂") asks nothing an entry answers
            rest = kb.faq.search(reading.without_business, limit=1)
            if (
                rest
                and rest[0].specific
                and rest[0].score >= GRADING_CONFIDENT
                and kb.gives(asked, rest[0].entry)
            ):
                return Decision("answer", rest, placed, step="without_business")
            # "一条日产2500吨的熟料线，去年定的B级…黄色预警，具体要做哪些事": the entry about the business's own
            # measures, which its words and what is asked find together, where the story around them lowers its score
            if hits and _about_it_with_evidence(kb, question, reading, hits[0]):
                return Decision("answer", hits[:1], placed, step="about_the_business")
            if correct and asks(kb, question):
                # "烧熟料的…黄色遇警具体得咋办": what is asked, its homophone typos read as known words
                corrected = kb.corrected(question)
                if corrected is not None:
                    second = decide(kb, corrected[0], correct=False)
                    if second.kind in ANSWERED:
                        return replace(second, step="typo")
        return Decision("industry", hits, reading.match, step="verdict_below_bar")
    if (
        # "家具卖场，代理几个品牌，不生产": a trade told first, no entry sure, is the business described (几 a number)
        (
            reading.asks_about_grading
            or reading.says_it_trades
            or (reading.asks_something and reading.names_the_grading)
        )
        and reading.match.verdict == "outside"
        and reading.match.outside is not None
        and not (hits and kb.faq.mentions(hits[0].entry, reading.match.terms))
        and _business_said_first(kb, question)
    ):
        # "驾校，十几台教练车，预警期间能上路吗": below the bar too, measures asked of a trade outside the list are no
        # grade's; one clause's entry would answer a listed industry's measures. So is the grading itself asked of
        # ("搅拌站…评级要不要交钱"): the verdict says it takes no part
        return Decision("industry", hits, reading.match, step="outside_business")
    clause_hit = _best_clause(kb, question, hits, reading, as_written=correct)
    if clause_hit is not None and asked.anything and not kb.gives(asked, clause_hit.entry):
        # "门口车牌识别摄像头坏了该找哪家修": the clause names the gate, the entry names no repairer
        clause_hit = None
    if clause_hit is not None and not (correct and not asks(kb, question)):
        told = _outside_told_first(kb, question, reading, clause_hit.entry)
        return _clause_answer(kb, question, clause_hit, hits, told)
    corrected = kb.corrected(question) if correct else None
    if corrected is not None:
        text, read_as = corrected
        second = decide(kb, text, correct=False, respelled=kb.respells(read_as))
        # a situation told may be a business typed by sound ("生产油默的，给包装厂供货"): the verdict's, not a rule's
        if second.kind != "unsure" and (clause_hit is None or second.kind == "industry"):
            # the reply says how it read the words, as the catalogue's own typo reading does
            if second.industry is not None and not second.industry.read_as:
                return replace(second, industry=replace(second.industry, read_as=read_as), step="typo")
            return replace(second, step="typo")
    if clause_hit is not None:
        told = _outside_told_first(kb, question, reading, clause_hit.entry)
        return _clause_answer(kb, question, clause_hit, hits, told)
    if (
        # as typed, or a question read with a typo respelling a word ("橙色预景" as 预警): a statement's situation is
        # evidence only as written
        (correct or (respelled and asks(kb, question)))
        and hits
        and (
            kb.faq.holds_a_phrasing(hits[0].entry, question)
            or _evident_guess(kb, hits[0].entry, question)
            or kb.faq.defines(hits[0].entry, question)
        )
    ):
        # "乡镇说村里所有冒烟的都要进清单", "有专家收了隔壁厂的钱，给人家出了个不符合实际的论证意见": the entry's own
        # question, or many of its telling words (fewer in a statement), said inside a story, a hearsay, a feeling or a
        # letter that lowers its score; as written only, as a statement's situation; or the meaning asked of a word the
        # entry defines ("通知说的小微涉气到底指哪种企业")
        return Decision("guess", hits[:1], step="first_guess")
    return Decision("unsure", hits, step="below_bar")


def indefinite_count_read(kb: KnowledgeBase, question: str) -> str:
    """The message with a 有几家 that what follows it asks past read as 有些 (INDEFINITE_COUNT_WORD): a question word after
    it, not a question mark alone ("平山县有几家？" still asks the count)."""
    at = question.find(INDEFINITE_COUNT_WORD)
    if at < 0:
        return question  # most messages
    after = question[at + len(INDEFINITE_COUNT_WORD) :]
    if not (kb.catalogue.asks(after) or kb.catalogue.offers_alternatives(after)):
        return question
    return question[:at] + SOME_WORD + after


def _stating_its_span(kb: KnowledgeBase, question: str, first: Hit) -> Hit | None:
    """The entry near the first that states how long what a question asks of still holding runs: a policy's timeline
    ("三个禁用2022年11月还有效吗" finds the policy's use at warnings first, its 兑现时间 close behind)."""
    for hit in kb.faq.search(_without_spans_asked(kb, question), limit=SPAN_SHORTLIST):
        if first.score - hit.score > SPAN_CLOSE:
            return None
        if hit.specific and hit.score >= GRADING_CONFIDENT and kb.states_its_span(hit.entry):
            return hit
    return None


# Characters of a message's words that tell a situation an entry may answer without asking ("我们在平山盖县医院，一预警
# 工地就全停"); fewer ("老板说") say nothing of their own
_TOLD_AT_LEAST = 8
# Characters of a topic named before the thanks that close a message ("物流园门禁谢谢"): what is asked about, as it is
# without them; fewer ("老板说谢谢您") name nothing
_TOPIC_THANKED_AT_LEAST = 4


def _without_courtesies(kb: KnowledgeBase, question: str) -> str:
    """The question without the courtesies around it (KnowledgeBase.without_courtesies) and the speaker's introduction
    by their role before it: "老师好，我是新来的环保员，截止到几点，在线等" asks what "截止到几点" asks, and what it is
    wrapped in only dilutes the search. Kept whole where what is left asks nothing, requests nothing, is no topic said
    alone and too short to tell a situation ("领导辛苦了，老板说谢谢您")."""
    unwrapped = kb.without_courtesies(question)
    introduced = kb.introduction_end(unwrapped)
    if introduced is not None and not _states_a_business(kb, unwrapped[:introduced]):
        # "我是厂里新来的环保员，必须报吗": who asks, not what; "我是铸造厂的环保员" tells the business asked about
        unwrapped = unwrapped[introduced:]
    unwrapped = unwrapped[_size_told_end(kb, unwrapped) :]
    if unwrapped == question:
        return question  # most questions
    said = (
        len(unwrapped) >= _TOLD_AT_LEAST
        or (question.startswith(unwrapped) and len(unwrapped) >= _TOPIC_THANKED_AT_LEAST)
        or kb.short_intent(unwrapped) is not None
        or asks(kb, unwrapped)
        or kb.requests(unwrapped)
    )
    return unwrapped if said else question


def _size_told_end(kb: KnowledgeBase, question: str) -> int:
    """Where a question starts after a first clause telling the business by its size alone ("我们是个小厂，…"), else 0:
    the size is the question's context, and its words would find the entries of who must take part by their 小厂."""
    mark = CLAUSE_END.search(question)
    if mark is None or mark.start() == 0 or mark.end() == len(question):
        return 0
    opening, rest = question[: mark.start()], question[mark.end() :]
    # "我们是个小厂，要报吗" asks whether a business of that size takes part: the size is what is asked of
    if (
        not kb.catalogue.names_a_size(opening)  # most openings: no reading
        or asks(kb, opening)
        or not kb.catalogue.read(opening).sized_alone
        or kb.catalogue.read(rest).asks_participation
    ):
        return 0
    return mark.end()


def _states_a_business(kb: KnowledgeBase, clause: str) -> bool:
    reading = kb.catalogue.read(clause)
    return reading.states_business or reading.describes_business or bool(reading.match.candidates)


def _social_then_telling(kb: KnowledgeBase, question: str) -> str | None:
    """The kind of a greeting or thanks that opens a message which then tells only who the speaker is or what they
    will do, and asks nothing: "各位领导好，我是新来的环保员" introduces the speaker, "好的我知道了，那我们下午去分局交"
    says what they will do next, with or without a comma between (voice input puts none). An entry found by the
    words of their story would answer a question nobody asked."""
    at = kb.telling_from(question)
    if not at:
        return None  # most messages; one that starts telling opens with no small talk
    opening, told = question[:at], question[at:]
    kind = kb.smalltalk(opening)
    if kind not in SOCIAL_OPENINGS or asks(kb, told) or kb.requests(told):
        return None
    if any(kb.catalogue.offers_alternatives(clause) for clause in CLAUSE_END.split(told)):
        return None  # "…，材料是交市局还是交分局" asks which
    # "你好，我是做铸造的": a business stated asks whether it is one of the 47, which the verdict answers
    reading = kb.catalogue.read(told)
    return None if reading.states_business or reading.only_describes_business else kind


def _unnarrowed_instead(kb: KnowledgeBase, question: str, hits: list[Hit]) -> Hit | None:
    """The entry behind the first that answers where the first is about a kind of business outside the list that the
    question does not name ("我们只有两台叉车，这也算移动源要管吗": the logistics parks' machinery, found by 叉车, against
    who builds the mobile-source system): such an entry is the likely meaning only of a question naming that kind, so
    one behind it at the lower bar, narrowed to nothing the question leaves unnamed and named by a word of its title or
    keywords (移动源), comes first. Schemes and listed industries keep their own rules (the narrowing's discount,
    unnamed_industry_guess)."""
    if not _names_no_outside_kind_of(kb, hits[0].entry, question):
        return None  # most questions
    for hit in hits[1:]:
        if (
            hit.specific
            and hit.score >= GRADING_CONFIDENT
            and not kb.faq.narrowed_unnamed(hit.entry, question)
            and kb.faq.names_its_subject(hit.entry, question)
        ):
            return hit
    return None


def _of_the_business_placed(kb: KnowledgeBase, hits: list[Hit], placed: IndustryMatch | None) -> Hit | None:
    """An entry narrowed to the industry a business was placed in surely, close behind a first that speaks of no
    such industry: "熟料产能200万吨/年，评的B，遇上橙色预警产量要压多少" asks cement's own B-grade measures, which the
    guide states before any general reduction ratio."""
    if placed is None:
        return None
    words = [*placed.terms, *(industry.name for industry in placed.candidates)]
    if kb.faq.mentions(hits[0].entry, words):
        return None
    named = frozenset(words)
    for hit in hits[1:]:
        if hits[0].score - hit.score > SIBLING_CLOSE:
            return None
        if hit.specific and hit.score >= GRADING_CONFIDENT and kb.faq.narrowed_to_any(hit.entry, named):
            return hit
    return None


def _names_no_outside_kind_of(kb: KnowledgeBase, entry: Entry, question: str) -> bool:
    """Whether every phrasing of the entry names a kind of business outside the list (物流园) the question does not."""
    return any(kb.catalogue.names_outside_kind(word) for word in kb.faq.narrowed_unnamed(entry, question))


def _narrowed_to_an_unnamed_business(kb: KnowledgeBase, entry: Entry, question: str) -> bool:
    """Whether every phrasing of the entry names an industry of the catalogue (铸造, 水泥) or a kind of business outside
    the list (物流园) the question does not."""
    return _names_no_outside_kind_of(kb, entry, question) or any(
        word in industry.name
        for word in kb.faq.narrowed_unnamed(entry, question)
        for industry in kb.catalogue.industries
    )


def asks(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message asks: a question mark, a question word or a word asked both ways (Catalogue.asks), or a last
    word that asks (吧, 不)."""
    catalogue = kb.catalogue
    return _QUESTION_MARK.search(text) is not None or catalogue.asks(text) or catalogue.ends_asking(text)


def offers_a_claim(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message asks only by the hearsay it passes on ("有人说这回集中评定一直搞到十月底"): a statement offered
    for confirmation, which asks for no detail the entry it tells of may not give."""
    # most messages pass on no hearsay: a substring test spares them the patterns
    return any(word in text for word in kb.catalogue.hearsay_words) and not (
        _QUESTION_MARK.search(text) is not None
        or kb.catalogue.asks_beyond_hearsay(text)
        or kb.catalogue.ends_asking(text)
    )


def _beside(
    first: Hit, second: Hit, placed: IndustryMatch | None, *, in_full: Step, offered: Step
) -> Decision:
    """The first entry answered with a likely second beside it: in full when its answer is short, else offered by its
    title (sent alone, it is answered), the reply kept short."""
    if len(second.entry.answer) <= SIBLING_IN_FULL:
        return Decision("pair", [first, second], placed, step=in_full)
    return Decision("answer", [first], placed, others=[second.entry], step=offered)


def _clause_answer(
    kb: KnowledgeBase, question: str, clause_hit: Hit, whole: list[Hit], placed: IndustryMatch | None = None
) -> Decision:
    """A clause's sure entry, and beside it the whole message's first entry where that is another that the whole
    message finds well ahead of the clause's ("我们想报A级，厂区后门是拉货走的，还没装抬杆": 我们想报A级 alone finds the
    working groups, the message the gate system): a clause is sure of what it says alone, the whole message of what
    the clauses say together. A clause's entry the whole message finds about as likely is answered alone. A business
    `placed` is told beside them."""
    first = whole[0] if whole else None
    if first is None or first.entry is clause_hit.entry or not first.specific:
        return Decision("answer", [clause_hit], placed, step="clause")
    in_whole = kb.faq.search(_without_spans_asked(kb, question), limit=FaqIndex.SHORTLIST)
    clause_in_whole = next((hit.score for hit in in_whole if hit.entry is clause_hit.entry), 0.0)
    if first.score - clause_in_whole <= SIBLING_CLOSE:
        return Decision("answer", [clause_hit], placed, step="clause")
    return _beside(clause_hit, first, placed, in_full="clause_pair", offered="clause_offered")


def _outside_told_first(
    kb: KnowledgeBase, question: str, reading: Reading, entry: Entry
) -> IndustryMatch | None:
    """The verdict of a trade outside the list told first in a clause of its own, where something else is asked that
    an entry not about that trade answers ("快递分拣中心，车多，听说物流园要装门禁"): told beside the entry, as a listed
    business placed surely is."""
    if CLAUSE_END.search(question) is None:
        return None  # the cheap test first: most questions are one clause, spared the verdict (reading.match is lazy)
    # then a business said in a clause before the last, read in a fifth of the verdict's cost: most messages of
    # several clauses say none, and are spared the verdict too
    if not _business_said_first(kb, question):
        return None
    match = reading.match
    if match.verdict == "outside" and match.outside is not None and not kb.faq.mentions(entry, match.terms):
        return match
    return None


def _evident_guess(kb: KnowledgeBase, entry: Entry, question: str) -> bool:
    """Whether the telling words a message below the bar shares with an entry are evidence enough to give it as a
    guess: a question's, or a statement's in two words or more, a claim offered for confirmation being one."""
    evidence = kb.faq.evidence(entry, question)
    return evidence >= GUESS_EVIDENCE or (
        evidence >= STATEMENT_GUESS_EVIDENCE
        and (not asks(kb, question) or offers_a_claim(kb, question))
        and kb.faq.words_shared(entry, question) >= STATEMENT_GUESS_WORDS
    )


def _about_the_business(kb: KnowledgeBase, question: str, reading: Reading) -> Hit | None:
    """The entry about a business that answers what a message naming it says besides, if one does: a word or two
    asked after the name ("我们是做仓储物流园的，也要上门禁？", "水泥厂咋限产"), a topic word typed beside it as a search
    ("物流园区门禁") or a situation told ("我们冷芯盒制芯，废气现在是直排的"). A bare name ("我们是水泥厂", "我们是物流园")
    is the verdict's, and so is taking part."""
    asked_after = False
    if reading.only_describes_business:
        # most such messages are statements ("我们是物流园"): a question mark or word first, reading what it asks after;
        # without one, the words besides the business must be an entry's topic (below)
        asked_after = asks(kb, question) and reading.asks_something
        if not asked_after and not kb.faq.asked_words(reading.without_business):
            return None  # a bare name, spared the search
    elif reading.tells_production or kb.faq.asked_words(reading.without_business) < STATEMENT_ASKED_WORDS:
        return None  # a statement describing its business (most are), spared the search
    found = kb.faq.search(question, limit=1)
    if not found or not found[0].specific or found[0].score < CONFIDENT or reading.asks_what_it_counts_as:
        # what the business counts as ("我们是铸造厂，算铸造吗") is the verdict's, as taking part is
        return None
    about_it = found[0]
    # an entry names the business by the message's words, its industry's name or another name of it ("热镀锌厂按啥评"
    # finds the entry that says 热镀锌)
    named = [word for industry in reading.match.candidates for word in (industry.name, *industry.aliases)]
    if not kb.faq.mentions(about_it.entry, [*reading.match.terms, *named]):
        return None
    # A statement says more than the business's words: what the entry is about ("搞热镀锌的，在国家指南上查不到自己
    # 这行", "物流园区门禁"), or, as most do, more of the business ("做农机配件的，有个小铸造车间"), which is the verdict's.
    if not asked_after and not kb.faq.shared_topic_words(about_it.entry, reading.without_business):
        return None
    return about_it


def _about_it_with_evidence(kb: KnowledgeBase, question: str, reading: Reading, first: Hit) -> bool:
    """Whether the first entry, below the bar, names the business the message names (its words, its industry's name or
    another of it) and shares with the message a guess's evidence: what it asks of that business, in a story."""
    named = [word for industry in reading.match.candidates for word in (industry.name, *industry.aliases)]
    return (
        first.specific
        and kb.faq.mentions(first.entry, [*reading.match.terms, *named])
        and kb.faq.evidence(first.entry, question) >= GUESS_EVIDENCE
    )


def _asked_of_no_business_placed(kb: KnowledgeBase, question: str, reading: Reading) -> Hit | None:
    """The entry that answers what a message asks besides a business the verdict cannot place ("47个重点行业都有啥，
    我们做砖的在里面吗", "俺们是小作坊，排的那点子气算不算小微啊"): the verdict would only offer industries and ask what
    the business makes. The entry must be sure and found by as much evidence as a first guess, in the message's words
    other than the business's."""
    if reading.match.verdict != "unsure" or not reading.asks_something:
        return None
    found = kb.faq.search(question, limit=1)
    if (
        found
        and found[0].specific
        and found[0].score >= CONFIDENT
        and kb.faq.evidence(found[0].entry, reading.without_business) >= GUESS_EVIDENCE
        # "我们有两台叉车，算不算重点行业": the parks' entry, found by 叉车, is no answer for a business it does not name
        and not _names_no_outside_kind_of(kb, found[0].entry, question)
    ):
        return found[0]
    return None


def _best_clause(
    kb: KnowledgeBase,
    question: str,
    whole: list[Hit],
    reading: Reading,
    besides_taking_part: bool = False,
    as_written: bool = True,
) -> Hit | None:
    """In a message of several clauses that finds nothing surely as a whole (a greeting, the story behind it, then
    the question: "领导好 俺们厂名单上礼拜就报了 材料还在弄 … 晚几天交会不会影响评级啊"), the entry the whole finds
    well ahead of the rest ("车辆信息要是台账里改了一下 或者国四车用多了 查出来会怎么处理" is the vehicle records'
    fraud, though "查出来会怎么处理" alone is any fraud's), else the clause that one entry answers with confidence.
    A clause too short to say what it asks ("算吗") is not tried. A situation told without a question ("厂里没有专门
    搞环保的人，都是兼着的", one clause or several) expects the rule that covers it: the entry found well ahead of the
    rest states it, in the message as written: read with guessed typos (找人 as 招人) it is too little evidence. A
    message that names or describes a business never comes here: its question is the industry's."""
    clauses = _clauses_asked(kb, question)
    first = whole[0] if whole else None
    runner_up = whole[1].score if len(whole) > 1 else 0.0
    if (
        first
        and first.specific
        and first.score >= GRADING_CONFIDENT
        and first.score - runner_up >= WHOLE_LEAD
        # what a question of several clauses shares, or a statement's situation
        and ((len(clauses) > 1 and reading.asks_something) or (as_written and not asks(kb, question)))
    ):
        return first
    if len(clauses) < 2:
        return None
    # 转自群里：“请各企业按时报送，逾期后果自负。”请问具体是几号: a line quoted or a message forwarded is what the group
    # was told and the lines around it say where it comes from; only what is asked of it is the question
    unquoted = QUOTED.sub("，", asked_after_forwarded(question))
    quoted_and_asked = unquoted != question and asks(kb, unquoted)
    if quoted_and_asked:
        clauses = clauses_of(kb, unquoted)
    only_asking = besides_taking_part or quoted_and_asked
    if only_asking:
        # only the asking clauses; beside taking part, those asking what the industry verdict does not answer
        asking = _asking_clauses(kb, clauses)
        tried = [
            clause for clause in asking if not (besides_taking_part and kb.catalogue.asks_taking_part(clause))
        ]
    else:
        tried = [
            clause
            for at, clause in enumerate(clauses)
            if len(clause) >= CLAUSE_MIN_LENGTH
            and not _asks_a_span(kb, clause)
            and not (at and _echoes_the_clause_before(kb, clause, clauses[at - 1]))
        ]
    # "2020年评的B级，按平山的激励政策能不能先按A级管，要什么条件": where a question finds its first entry with a guess's
    # evidence as a whole, a clause telling the situation (2020年评的B级) or asking of what another names (要什么条件) is
    # part of that question, not one of its own (a statement's clauses are each what is told)
    whole_evident = (
        first is not None and as_written and asks(kb, question) and _evident_guess(kb, first.entry, question)
    )
    confident = []
    for clause in tried:
        if whole_evident and not (asks(kb, clause) and kb.names_its_own_subject(clause)):
            continue
        # "…平山2022年又说激励性分级，这两个是一回事吗": the clause asks of what the clauses before it name, and alone would
        # only find entries comparing two other things (the two mailboxes)
        if clause.startswith(kb.comparing_back_words):
            continue
        found = kb.faq.search(clause, limit=2)
        if not found or found[0].score < CLAUSE_CONFIDENT or not found[0].specific:
            continue
        # Among the clauses of a story, one naming nothing of its own ("这啥意思", asked of the clause before it) that
        # finds two entries alike says nothing of which: its words are only the question words both were asked in.
        # Where only the asking clauses are tried, "什么时候交" is still the question asked.
        alike = len(found) > 1 and found[0].score - found[1].score <= CLOSE
        if alike and not only_asking and not kb.names_its_own_subject(clause):
            continue
        if alike and not only_asking and not asks(kb, question):
            # "分局班子带队帮扶 活动 兑现期限": typed as a search, a detail every policy states (兑现时间) finds each
            # policy's entry alike; the other words name whose, so the one the whole message ranks highest of those the
            # detail finds (a question's clause may ask of another topic than the message's: measured on the
            # development sets, a question's alike clause was right as found)
            found = [_of_the_topic(kb, question, clause)]
        # "预警的时候那个措施，嗯，清单上要怎么写才行": a clause asking nothing, the topic of the question after it, finds
        # two entries, and the asking clause's own words find the second, not the first: the question says which it is
        # ("监控录像…这个会有啥事不" finds neither by its own words: the topic's first stands)
        if (
            len(found) > 1
            and not asks(kb, clause)
            and any(
                found[1].entry.id in found_by_asking and found[0].entry.id not in found_by_asking
                for found_by_asking in (_first_found(kb, other) for other in clauses if asks(kb, other))
            )
        ):
            confident.append(replace(found[1], score=found[0].score))
            continue
        confident.append(found[0])
    return max(confident, key=lambda hit: hit.score, default=None)


def _of_the_topic(kb: KnowledgeBase, question: str, clause: str) -> Hit:
    """Of the entries a clause finds surely, the one the whole message ranks highest, else the clause's first; with the
    clause's best score, as sure as the clause is of any of them."""
    found = [hit for hit in kb.faq.search(clause, limit=FaqIndex.SHORTLIST) if hit.score >= CLAUSE_CONFIDENT]
    by_id = {hit.entry.id: hit for hit in found}
    for hit in kb.faq.search(question, limit=FaqIndex.SHORTLIST):
        if hit.entry.id in by_id:
            return replace(by_id[hit.entry.id], score=found[0].score)
    return found[0]


def _first_found(kb: KnowledgeBase, clause: str) -> set[str]:
    """The ids of the three entries a clause's own words find first: a bare asking clause ("清单上要怎么写才行") is
    weak evidence, and a third entry scoring a little higher must not hide the one it points to."""
    return {hit.entry.id for hit in kb.faq.search(clause, limit=3)}


def _asked_of_the_quote(kb: KnowledgeBase, question: str, first: Hit) -> Hit | None:
    """The entry a message quoting a line asks of, where the words after the quote ask something of their own and find
    it surely alone ("“除恶意违法…禁用限产、停产、停工”，重污染预警的时候也禁吗": the bans at warnings), of one family with
    the entry the whole message finds first and among those it finds: the quote's many words find the entry that states
    the line, not what is asked of it; an entry of another subject ("预警期间…" alone: a grade's measures) is not what
    is asked of the line."""
    asked = QUOTED.split(question)[-1].strip(" ，,。：:；;")
    named = next((asked[len(word) :] for word in kb.pointing_back_words if asked.startswith(word)), asked)
    if (
        len(asked) < CLAUSE_MIN_LENGTH
        or not kb.names_its_own_subject(named)
        # "“…”清单修订是按它来": the quoted words are part of the question, which the whole message's entry answers
        or any(pronoun in asked for pronoun in kb.pointing_back_pronouns)
        or not asks(kb, asked)
    ):
        return None  # "“申请名单”是什么" asks what the quote is: the whole message's entry
    found = kb.faq.search(asked, limit=2)
    if (
        not found
        or found[0].entry is first.entry
        or not first.entry.of_one_family(found[0].entry)
        or not found[0].specific
        or found[0].score < CLAUSE_CONFIDENT
        or (len(found) > 1 and found[0].score - found[1].score <= CLOSE)
    ):
        return None
    about_the_quote = kb.faq.search(question, limit=FaqIndex.SHORTLIST)
    return found[0] if any(hit.entry is found[0].entry for hit in about_the_quote) else None


def _asked_alone_finds(kb: KnowledgeBase, question: str, first: Hit) -> bool:
    """Whether a clause of the message that asks finds, alone, the whole message's first entry confidently: the
    clauses around it (a story, a greeting) lowered its score, not what it asks."""
    clauses = _clauses_asked(kb, question)
    if len(clauses) < 2:
        return False
    for clause in _asking_clauses(kb, clauses):
        found = kb.faq.search(clause, limit=1)
        if found and found[0].entry is first.entry and found[0].specific and found[0].score >= CONFIDENT:
            return True
    return False


def _business_said_first(kb: KnowledgeBase, question: str) -> bool:
    """Whether a clause before the last says only what the asker's business is ("电解锰厂，名单啥时候截止", "我们家具厂的
    名单交分局还是市局"): a business named inside the question ("国家指南里那39个都是什么行业，水泥有没有", "辖区有个玻璃厂，
    预警咋安排") may be anyone's."""
    clauses = [clause for clause in CLAUSE_END.split(question) if clause]
    # "我开大车的，国五车要占多大比例…": the asker's own trade tells who asks, not the business asked about, and "替村委会问，
    # …" for whom it is asked
    catalogue = kb.catalogue
    return any(
        catalogue.read(clause).only_describes_business
        and not catalogue.names_the_askers_trade(clause)
        and not catalogue.names_whom_asked_for(clause)
        for clause in clauses[:-1]
    )


def _second_question(kb: KnowledgeBase, question: str, first: Hit) -> Hit | None:
    """In a message of two questions ("门禁要装吗 视频存几个月"), the entry another asking clause finds surely. A letter's
    numbered sub-questions ("一、名单报送截止时间；二、纸质版份数") are each one, a question word in them or not."""
    clauses = _clauses_asked(kb, question)
    if len(clauses) < 2:
        return None  # most messages are one clause
    items = [item for item in numbered_items(question) if len(item) >= CLAUSE_MIN_LENGTH]
    asking = items if len(items) > 1 else _asking_clauses(kb, clauses)
    if len(asking) < 2:
        return None
    # The clause the first answer shares the fewest topic words with is the other question, if there is one.
    other = min(asking, key=lambda clause: kb.faq.shared_topic_words(first.entry, clause))
    found = kb.faq.search(other, limit=2)
    lead = before_numbered_items(question) if len(items) > 1 else ""
    if lead and not _sure_of_one(found):
        # "关于小微涉气企业的请示：一、…；二、由哪一级出具认定意见": an item is asked of what the words before the items name
        found = kb.faq.search(f"{lead}，{other}", limit=2)
    if found and found[0].entry.kind == "gap":
        # "平山某学校建设项目请示：…二、联系人电话多少": what the documents give no city-wide answer to, the part of the
        # city the message names may have its own (Pingshan's contacts)
        placed = kb.faq.search(kb.with_places_of(question, other), limit=2)
        found = placed if placed and placed[0].entry.kind != "gap" else found
    if len(items) > 1 and not _sure_of_one(found):
        found = _item_as_asked_alone(kb, other, first, found)
    if found and found[0].entry is not first.entry and _sure_of_one(found):
        return found[0]
    return None


def _item_as_asked_alone(kb: KnowledgeBase, item: str, first: Hit, found: list[Hit]) -> list[Hit]:
    """What a letter's numbered item the search is not sure of asks: a deadline handed on, as `decide` reads it alone
    ("二、企业申报材料何时报市局专班": the branches' day, not the enterprises'), or of two entries close, the one of the
    document the first item is answered from ("致市局：一、附件在哪个邮箱下载；二、联系人是谁": the notice's contacts,
    not a Pingshan policy's): a letter asks of one matter."""
    handed_on = kb.deadline_handed_on(item)
    if handed_on is not None:
        return [Hit(handed_on, 1.0, True)]
    close = [hit for hit in found[:2] if found[0].score - hit.score <= CLOSE]
    of_its_document = [hit for hit in close if hit.entry.source.doc == first.entry.source.doc]
    return of_its_document if len(close) == 2 and len(of_its_document) == 1 else found


def _sure_of_one(found: list[Hit]) -> bool:
    """Whether a clause's search is sure of its first entry: confident, and no entry close to it ("有啥后果" alone fits
    several equally: it asks nothing new)."""
    return (
        bool(found)
        and found[0].score >= CLAUSE_CONFIDENT
        and found[0].specific
        and (len(found) < 2 or found[0].score - found[1].score > CLOSE)
    )


def asked_besides(
    kb: KnowledgeBase, question: str, answered: Collection[Entry], verdict_told: bool = False
) -> list[str]:
    """The clauses of a message asking several things (MANY_ASKED clauses or more that ask: "…到底要准备哪些东西，什么时候
    交，如果评不上会怎么样，…不知道能评个什么级") that an entry of another topic than the reply's `answered` entries
    answers surely alone: one reply answers one or two things, and the rest are to be asked one by one. A clause
    of the same topic ("申报材料交到哪里、截止到几号、纸质版要打几份": the materials' entry says all three) is answered, and
    so, where the reply tells the industry verdict (`verdict_told`), is one asking whether the business takes part."""
    # most messages, spared the splitting: each clause but the first follows a run of clause ends (CLAUSE_END holds
    # clauses_of's ends and its 、), and the words after a forwarded message's dash hold no more runs than the whole
    if len(CLAUSE_END.findall(question)) < MANY_ASKED - 1:
        return []
    clauses = _clauses_asked(kb, question)
    if len(clauses) < MANY_ASKED:
        return []
    asking = _asking_clauses(kb, clauses)
    if len(asking) < MANY_ASKED:
        return []
    topics = {entry.topic for entry in answered}
    left = []
    for clause in asking:
        if verdict_told and kb.catalogue.asks_taking_part(clause):
            continue
        if not kb.names_its_own_subject(clause):
            continue  # "具体怎么规定的", "交什么材料": asked of what another clause names
        found = kb.faq.search(clause, limit=1)
        if (
            found
            and found[0].specific
            and found[0].score >= CLAUSE_CONFIDENT
            and found[0].entry.topic not in topics
        ):
            left.append(clause)
    return left


def _asking_clauses(kb: KnowledgeBase, clauses: list[str]) -> list[str]:
    """Those of a message's clauses that ask something (a question word, alternatives offered: "材料是交市局还是交分局")
    and are long enough to say what; a clause that goes on with the question before it ("是攒一块报 还是随时报") or only
    asks to confirm it ("…材料等分局通知再弄，是这样吧") is part of that question."""
    catalogue = kb.catalogue
    joined: list[str] = []
    confirmed: set[int] = set()  # the joined clauses a tag asks to confirm
    for clause in clauses:
        if joined and catalogue.confirms(clause):
            joined[-1] += clause
            confirmed.add(len(joined) - 1)
        elif joined and (catalogue.continues(clause) or _asks_a_span(kb, clause)):
            joined[-1] += clause
        else:
            joined.append(clause)
    last = len(joined) - 1
    return [
        clause
        for at, clause in enumerate(joined)
        if len(clause) >= CLAUSE_MIN_LENGTH
        and (
            at in confirmed
            or catalogue.asks(clause)
            or catalogue.offers_alternatives(clause)
            # "…报上去的还能更正不": a last word that asks (不, 吧) asks in the message's last clause
            or (at == last and catalogue.ends_asking(clause))
        )
    ]


def _gives_the_one_clause_besides(kb: KnowledgeBase, question: str, hit: Hit) -> bool:
    """Whether the entry gives the figure or detail the one clause asking besides taking part asks, if it asks one: of
    a message asking several things ("…什么时候交，交给谁，能评个什么级…") the entry answers one of them."""
    asking = [
        clause
        for clause in _asking_clauses(kb, _clauses_asked(kb, question))
        if not kb.catalogue.asks_taking_part(clause)
    ]
    if len(asking) != 1:
        return True
    asked = kb.asked_in(asking[0])
    return not asked.anything or kb.gives(asked, hit.entry)


def _clauses_asked(kb: KnowledgeBase, question: str) -> list[str]:
    """The clauses of a message, after the dash of a message it forwards (textnorm.asked_after_forwarded)."""
    return clauses_of(kb, asked_after_forwarded(question))


def clauses_of(kb: KnowledgeBase, text: str) -> list[str]:
    """The clauses of a text. A 、 separates clauses only between parts that each ask ("交到哪里、截止到几号");
    between others it lists the words of one clause ("把这几个日期排一下：名单、材料、分局上报"), whose items alone
    would each find the entry of one."""
    clauses: list[str] = []
    for clause in _CLAUSE_BUT_LIST_END.split(text):
        items = [item for item in _LISTED.split(clause) if item]
        if len(items) > 1 and all(kb.catalogue.asks(item) for item in items):
            clauses.extend(items)
        elif items:
            clauses.append("、".join(items))
    return clauses


def _echoes_the_clause_before(kb: KnowledgeBase, clause: str, before: str) -> bool:
    """Whether a short clause only repeats a word of the clause before around the words that ask for a yes ("…会发块
    牌子挂在厂里，会发的吧"): it asks that clause's question, nothing of its own, and its words alone would find any
    entry holding the verb ("模板会发到群里吗")."""
    own = set(clause) - kb.confirming_chars
    return len(clause) <= ECHO_MAX_LENGTH and bool(own) and own <= set(before)


def _asks_a_span(kb: KnowledgeBase, clause: str) -> bool:
    """Whether a clause only asks a span ("几点到几点", "从几号到几号") of what another clause of the message asks:
    question words on both sides of 到/至. One asked only after it ("到啥时候") asks when what the other clause
    names ends, which an entry stating its time answers ("平山包容执法 到啥时候")."""
    if not set(clause) <= kb.faq.asking_chars | kb.span_chars:
        return False
    asked = clause.lstrip(kb.span_opening_chars)
    found = kb.span_char_pattern.search(asked)
    return found is not None and 0 < found.start() < len(asked) - 1


def _without_spans_asked(kb: KnowledgeBase, question: str) -> str:
    """The message without its clauses that only ask the span of what another clause asks."""
    if kb.span_char_pattern.search(question) is None:
        return question  # most messages
    clauses = [clause for clause in CLAUSE_END.split(question) if clause]
    kept = [clause for clause in clauses if not _asks_a_span(kb, clause)]
    return " ".join(kept) if kept and len(kept) < len(clauses) else question


@dataclass(frozen=True, slots=True)
class Decided:
    """A text's decision, handed to whoever writes that text's answer so that it is not decided again."""

    text: str
    decision: Decision


@dataclass(frozen=True, slots=True)
class AskedAtTheBusiness:
    """What a message at the industry step asks besides the business: something else instead of naming it, or
    something more beside naming it; with the message's decision, which the answer to what it asks is written from."""

    how: Literal["instead", "besides"]
    decided: Decided


def asks_besides_the_business(kb: KnowledgeBase, text: str) -> AskedAtTheBusiness | None:
    """Whether a message sent where the business is asked for (the self-assessment's industry question) asks something
    else: a question word (Catalogue.asks, as at the other steps) and the Q&A reads it as no question of what the
    business is. With no business named or described it asks "instead" ("C级企业预警期间要停产吗", "出处呢"); naming
    one, it asks "besides" when what it says without the business's words is a question one entry answers ("砖厂要停产
    吗": the business, and 要停产吗). "我们做水泥的，算哪个行业？", "是铸造吗" and "水泥厂要报名单吗" ask what the business is,
    "钢铁？" asks by its mark alone: each is only the answer."""
    if not kb.catalogue.asks(text):
        return None
    reading = kb.catalogue.read(text)
    decided = Decided(text, decide(kb, text))
    if decided.decision.kind == "industry":
        return None
    if not (reading.names_listed_words or reading.describes_business):
        return AskedAtTheBusiness("instead", decided)
    rest = reading.without_business
    # one entry sure of it: "算吗" alone finds two at best, a pair, and asks only what the business counts as
    if reading.names_listed_words and decide(kb, rest).kind == "answer":
        return AskedAtTheBusiness("besides", decided)
    return None
