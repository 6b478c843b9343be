"""The 47 key industries of 附件1, the businesses known to lie outside them, and reading a self-description.

The answer to "are we one of the 47?" is asymmetric, because an enterprise that wrongly believes it need not
apply is managed at the lowest grade (通知第（一）条、第（十七）条):
- "one"/"ambiguous": words of the catalogue matched (positive evidence for 属于);
- "outside": the business matched a class of GB/T 4754-2017 that maps to none of the 47, or the message
  negated the only listed process it named (positive evidence for 不属于, with the negated processes as
  conditions);
- "unsure": a business was described but nothing above matched; "unknown": nothing was said of it.
Homophone and one-character typos are forgiven only on the way to 属于, never to 不属于.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from ahocorasick_rs import AhoCorasick, MatchKind
from pydantic import Field, ValidationInfo, field_validator, model_validator

from knowledge.models import ID_PATTERN, SourceRef, Strict
from knowledge.pinyin import TYPED_MAX, SoundIndex
from knowledge.textnorm import PUNCTUATION, literal_alternation, nfkc
from knowledge.wording import refusal

# Where a clause ends: a negation never reaches past one ("不喷漆，做家具" negates only 喷漆). A licence line's bracketed
# aside is a clause of its own ("毛巾织造（外购色纱）": the weaving does not make the yarn bought). 42.5水泥: a decimal
# point ends nothing.
_CLAUSE_END = re.compile(r"[，,。；;！!？?\n\r（）()]+|\.(?!\d)|\s+")
# The enumeration comma lists goods as 和 does ("外购的锻件、铸件"); folding would drop it, and the list with it.
_ENUMERATION_WORDS = ("、", "和")
# A verb doubled in country speech ("焊焊补补", "钉钉") says the work once
_DOUBLED = re.compile(r"(.)\1")
Confidence = Literal["high", "medium", "low"]
_QUOTED = re.compile("“([^”]+)”")
# a figure no letter starts (5.5, 2500): a measure or an amount, where a product code starts with its letters (N550)
_LONE_FIGURE = re.compile(r"(?<![a-z\d.])\d[\d.]*")
_SHORTEST_TERM = 2  # every word of the catalogue and of outside.yaml has two characters or more
_COUNTED_OBJECT_MAX = 4  # characters of what is kept or grown after its count ("两千头育肥猪")


# A message is folded for small talk, then by its reading, and its clauses by several tests: once is enough.
@lru_cache(maxsize=256)
def fold(text: str) -> str:
    return PUNCTUATION.sub("", nfkc(text).lower())


def folded_pieces(text: str) -> list[str]:
    """The folded text in the pieces that the punctuation and spaces `fold` leaves out stood between."""
    return PUNCTUATION.split(nfkc(text).lower())


class Claim(Strict):
    """A statement about an industry, with the source it rests on and how far that source can be trusted."""

    text: str = Field(min_length=4)
    confidence: Confidence
    source: SourceRef


class GbClass(Strict):
    """A class (小类) of GB/T 4754-2017 国民经济行业分类 that falls within an industry."""

    code: str = Field(pattern=r"^\d{4}$")
    name: str = Field(min_length=2)


class Industry(Strict):
    """One industry of the 2020 catalogue (重点行业目录)."""

    number: int = Field(ge=1, le=47)  # position in 附件1 (not "no": YAML reads that key as false)
    id: str = Field(pattern=ID_PATTERN)
    name: str
    guide: Literal["national", "hebei"]
    guide_confidence: Confidence
    grade_scheme: Claim | None = None  # None: the grade scheme of this industry was not verified
    incentive: list[Claim] = []  # Hebei incentive grading (激励性绩效分级): who says it applies, how surely
    classes: list[GbClass] = []
    aliases: list[str] = []
    products: list[str] = []
    processes: list[str] = []
    materials: list[str] = []
    excludes: list[str] = []
    source: SourceRef

    @model_validator(mode="after")
    def _no_weak_grade_scheme(self) -> Industry:
        if self.grade_scheme is not None and self.grade_scheme.confidence == "low":
            raise refusal("weak_grade_scheme")
        return self

    @property
    def grades_verified(self) -> bool:
        """Whether the sources confirm which grades this industry has (its claim says 未核实 where not all)."""
        return self.grade_scheme is not None and _UNVERIFIED_WORD not in self.grade_scheme.text

    @property
    def terms(self) -> list[str]:
        return [
            self.name,
            *self.aliases,
            *self.products,
            *self.processes,
            *self.materials,
            *(gb.name for gb in self.classes),
        ]


class CatalogueFile(Strict):
    industries: list[Industry]


class OutsideClass(Strict):
    """A class of GB/T 4754-2017 that maps to none of the 47 industries, with the words people use for it."""

    id: str = Field(pattern=ID_PATTERN)
    code: str = Field(pattern=r"^[A-T]\d{2,4}$")
    name: str
    terms: list[str] = Field(min_length=1)
    caution: str | None = None  # a listed process such a business may still run, and what it would mean
    # Broader words, of the 47 or of another class, that this class's terms or `told_by` said beside make this class:
    # "印书刊的印刷厂" prints books, "选矿厂，铁精粉卖给钢厂" concentrates iron ore
    narrows: list[str] = []
    # words besides its terms that tell the class apart (铁精粉 of an iron-ore concentrator)
    told_by: list[str] = []
    # listed work (`listed_work` of industry_cues.yaml) that is this class's own trade where nothing follows it in its
    # clause, or a word of the work going on or done (`work_going_on`, `work_done`) then a machine counted or plain
    # work: a boiler house burns fuel ("锅炉房，冬天烧", "烧着两台锅炉"); "还烧点砖" names what is burnt, listed work
    own_work: list[str] = []

    @property
    def caution_names(self) -> list[str]:
        """The industries of 附件1 the caution names, each in “quotes”."""
        return _QUOTED.findall(self.caution or "")


class OutsideFile(Strict):
    source: SourceRef
    classes: list[OutsideClass]


class Narrower(Strict):
    """Words that, said of a business of a broader industry, make it the narrower one."""

    of: list[str] = Field(min_length=1)  # the broader industries
    told_by: list[str] = Field(min_length=1)
    # words of a broader industry's own that keep its evidence its own whatever is said beside them (高炉 beside 电弧炉)
    kept_by: list[str] = []


class Counterparts(Strict):
    """Words that make a business named in a message another party's, a customer's or a supplier's ("给钢厂供活性灰",
    "铸造厂的供应商", "毛坯从铸造厂买"): its words say nothing of what the speaker's business does."""

    names: list[str] = Field(
        min_length=1
    )  # 厂, 公司: a term holding one of these names a business, not goods
    before: list[str] = Field(min_length=1)  # 给, 从: a business name after one (a few characters between)
    after: list[str] = Field(min_length=1)  # 供应商, 配套: said after a business name and 的
    suppliers: list[str] = Field(min_length=1)  # 从: goods after which "从…买/进" comes are bought
    supplied: list[str] = Field(min_length=1)  # 买, 进, 拉: the verbs of "从…买/进"
    sold_to: list[str] = []  # 卖给, 租给: what the clause says after the name is the customer's use
    delivered_to: list[
        str
    ] = []  # 发到, 拉给: goods carried to a customer, as sold_to, but no machine let or sold so
    others: list[str] = []  # 别人, 人家: after a word of sold_to, a customer that is no business's name
    # 卖给, 供给: right after one, listed work or goods and 的 name the customer by its trade ("卖给炼铅的厂")
    sold_to_trade: list[str] = []
    # 是我们的客户: said right after a business's name, it is the speaker's customer
    customer_after: list[str] = []
    # 拿去, 买走: said right after a business's name, it takes the speaker's goods, and the rest of the clause is its use
    taken_by: list[str] = []
    sent_to: list[str] = []  # 发: right before a business's name, as sold_to
    not_sent: list[str] = []  # 批发, 发电: words holding one of sent_to that send nothing
    sent_to_ends: list[str] = []  # 市, 商: besides `names`, how a name sent to ends (超市, 经销商)
    worked_for: list[
        str
    ] = []  # 加工, 修: after 给/帮 + a name, the rest of the clause is work on the customer's things
    beside_own_trade: list[
        str
    ] = []  # 在, 发: a business name after one is a party where an outside trade is named
    # 院里, 旁边: a plant's place between its name and the 的 before a trade hosted there
    places: list[str] = []
    # 供, 提供: goods right after one, past a party's name, are the speaker's, supplied to the party ("给药厂供原料药")
    supplies: list[str] = []
    # 我, 们, 自: between a cue and the name they make it the speaker's own ("给我们铸造厂看看", "到自己的焦化厂")
    own_chars: str = Field(min_length=1)
    # 有个, 投了个: between a cue and the name they make it the speaker's own too ("另外在村里有个小砖厂")
    owning: list[str] = []
    # 为: a cue that is also a copula; before a name that ends its clause it says what the speaker is ("本公司为玻璃钢厂")
    copulas: list[str] = []
    # 院子里, 旁边: after 在 and a name, the plant's grounds or neighbourhood, where the speaker is, not what it is
    grounds: list[str] = []
    # 几家 … 合用: several businesses named as sharing a plant are its users, not the speaker ("几家家具厂合用一个喷漆房")
    several: list[str] = []
    shared: list[str] = []
    # 店, 超市: a shop named where goods are sold ("五金店里卖的铁锹") before `sold_in`; with goods said to be the speaker's
    # after it (`ours`: "我们厂打的"), the shop is the seller, a party, and the goods are the speaker's own product
    shops: list[str] = []
    sold_in: list[str] = []  # 里卖的, 进的: right after a shop's name, what follows is sold there
    ours: list[str] = []  # 我们厂, 俺厂: the goods' maker, said after the shop in its clause or the next one
    # 车队: the end of a trade's word naming a unit an enterprise keeps, not an enterprise; after a listed plant's 的 the
    # unit may be the plant's own department, which takes part for the plant ("钢厂的运输车队")
    units: list[str] = []
    # 去的, 到的: a cue followed by 的 names the place visited ("我去的是个屠宰场"): the business named is the one described
    visited: list[str] = []
    # 自己的, 有: a unit right after one is one the business keeps ("钢坯厂，自己的车队"), no trade of its own
    keeps_unit: list[str] = []


class ElsewhereParties(Strict):
    """Work said to be another party's ("喷漆是家具厂的事", "热处理是客户自己做", "印花都发给外面的染厂"): denied to the
    speaker, like work given out (`elsewhere`)."""

    to: list[str] = Field(min_length=1)  # 是, 由, 发给: the work is that party's, or handed to it
    parties: list[str] = Field(min_length=1)  # 客户, 别人: another party by itself
    names: list[str] = Field(
        min_length=1
    )  # 厂, 公司: a name of a few characters ending so is another business
    does: list[str] = Field(min_length=1)  # 的事, 做: after the party, what says the work is its own


class GradedSubject(Strict):
    """A listed word right after one of `before` or right before one of `after` is the industry whose grading the
    message talks about, another's as far as it says, not evidence of the speaker's business."""

    before: list[str] = []  # 说涉及: what someone said the business involves
    after: list[
        str
    ] = []  # 的评级, 要报我们: that industry's grading, or its applying compared with the speaker's


class CuesFile(Strict):
    business_nouns: list[str] = Field(min_length=1)  # "修理厂", "加油站": the message names some business
    # "化工厂": a business of several industries, in or out of the 47 -> the industries it may be
    vague_terms: dict[str, list[str]] = Field(min_length=1)
    # "集中喷涂": an industry that is a narrower kind of others -> what tells it apart (see industry_cues.yaml)
    narrower: dict[str, Narrower] = {}
    industry_cues: list[str] = Field(min_length=1)  # "算重点行业吗": asks about membership by itself
    participation_cues: list[str] = Field(
        min_length=1
    )  # "要不要参加": about membership when a business is named
    # "名单算不算交上了": a cue asking whether something done counts as done, no taking part
    acts_counted: list[str] = []
    self_description_cues: list[str] = Field(min_length=1)  # "我们是做…的": the message describes a business
    we_words: list[str] = []  # 俺们, 咱们: self-description cues written with 我们 count with these too
    # 一家, 个 …: one plant counted after 是 says what the speaker is too ("我们是一家镀锌厂", "咱是个染厂")
    plant_counted: list[str] = Field(min_length=1)
    # 帮, 替: before a self-description cue, work another does for the speaker ("环评公司能帮我们做申报材料吗")
    done_for_us: list[str] = []
    # 我是, 我: a person speaking of themself, before asker_trades ("我开大车的", "我是车队的")
    asker_openers: list[str] = []
    # 开大车, 车队, 咨询公司: a person's trade or employer, said first as who asks (industry_cues.yaml)
    asker_trades: list[str] = []
    # 问, 问一下: ending a clause that opens with one of done_for_us, the party the question is asked for ("替村委会问")
    asked_for_ends: list[str] = []
    negators: list[str] = Field(min_length=1)  # 不, 没有: negate the term that follows (after a verb)
    elsewhere: list[str] = []  # 外包, 外协: the work is done by others, a denial that needs no verb
    elsewhere_parties: ElsewhereParties | None = None  # "喷漆是家具厂的事": the work is another party's
    # 我们, 自己, 这块: may stand between a negator and its term ("不是我们喷漆"), or between a term said first and
    # its denial ("喷漆我们不做", "铸件这块没有")
    denial_fillers: list[str] = []
    # 就, 只: after a denial and what it denies, the clause turns to what the business does ("没有窑就磨外头拉来的熟料卖")
    denial_turns: list[str] = []
    # 以前, 原来: a term in a clause starting so is denied when a later clause stops it ("以前喷漆，现在不喷了")
    past_words: list[str] = []
    stopped: list[str] = []  # 停了, 拆了: a later clause of these alone stops what was said in the past
    changed_to: list[str] = []  # 改成: a later clause starting so says what the place is used for now instead
    idle_words: list[str] = []  # 天天, 直接: how often or how work is done says nothing of what is done
    not_negations: list[str] = []  # 不干胶, 不仅: a negator starting a word that negates nothing
    negated_verbs: list[str] = Field(min_length=1)  # 做, 含, 涉及: may stand between a negator and its term
    joiners: list[str] = Field(min_length=1)  # 和, 及: "不做喷漆和电镀" negates both
    except_cue: str  # 除了
    except_negates: list[str] = Field(
        min_length=1
    )  # "除了喷漆都做": what follows makes the 除了 part negated
    # "买铝型材", "熟料买来", "水泥沙子都卖": goods bought, sold or assembled, not made (see industry_cues.yaml)
    bought_before: list[str] = []
    # "用的": of bought_before, taken in only at a clause's start or after a user ("我们用的"), else a purpose (建筑用的)
    uses_before: list[str] = []
    users: list[str] = []
    bought_after: list[str] = []
    worked_after: list[
        str
    ] = []  # "铸件后加工", "挖机维修": goods of others worked on, whatever the clause says
    # "铸件是别人铸好的": goods others made; what the clause says after these is the others' work, not the speaker's
    others_made: list[str] = []
    # "车架是买来喷好的": work said finished after a word of buying is the maker's -> the process it names, denied here
    bought_finished: dict[str, str] = {}
    counterparts: Counterparts | None = None
    # Sections and divisions of GB/T 4754-2017 (code prefixes) whose businesses handle goods others made: trade,
    # transport, storage, building, repair. Listed goods such a business names are the goods it handles.
    goods_handlers: list[str] = []
    # 车间, 作坊: listed goods before one, after a word of counterparts.owning, name a works the business has
    works: list[str] = []
    sells: list[str] = []
    trades_as: str | None = None  # the outside class of a business that only trades (industry_cues.yaml)
    repairs_as: str | None = None  # the outside class of one that repairs others' plant (industry_cues.yaml)
    # the outside class of one that stores a named party's goods, and the words of storing (存放, 保管)
    stores_as: str | None = None
    storage_services: list[str] = []
    production: list[str] = []
    production_steps: list[str] = []  # 发酵, 提取: production said in a clause, never a term's own making
    own_making: list[str] = []  # 自己生产, 自己配: the speaker making something itself
    # 加, 掺: goods followed by one are mixed into the product of a business an outside class places ("免烧砖，水泥加砂")
    mixed_in: list[str] = []
    # 炼, 熔, 轧: work of the listed processes that no class outside the 47 does; said beside an outside term
    # ("收废钢…炼成钢"), it makes the "不属于" uncertain
    listed_work: list[str] = []
    work_going_on: list[str] = []  # 着: after a verb, the work goes on; it names nothing worked
    work_done: list[str] = []  # 完, 了: after a verb, the work is done; they name nothing worked
    plain_work: list[str] = []  # 冲压, 组装: work in none of the 47, which leaves a denial placed
    # 不锈钢, 碳钢: metals named, with or without their grade (304, Q235), before the plain work done on them
    worked_materials: list[str] = []
    plain_plus: list[str] = []  # 加: between two plain works it joins them ("激光切割加数控折弯")
    plain_verbs: list[str] = []  # 做, 搞: verbs that name no process ("只做组装" says only 组装)
    # 干式, 干法: words starting with one of plain_verbs that is no verb there ("干式料" is a dry mix, not 干 + goods)
    not_verbs: list[str] = []
    # 瓶, 袋, 包装: a container right after an outside word makes the container the goods ("做调料瓶" makes bottles)
    containers: list[str] = []
    only_words: list[str] = []  # 只, 光: "自己只焊接" says all the business does
    asked_before: list[
        str
    ] = []  # 算, 是不是: a listed name right after one, in a clause that asks, is the question
    # "印染要报我们也要报吗", "分局说涉及焦化": a listed word that is the subject of the grading talked about
    graded_subject: GradedSubject | None = None
    sideline_words: list[str] = []  # 还, 另外: a clause starting so says another line of business
    made_for: list[str] = []  # 用的: "生产钢厂用的皮带输送机" names the customer's industry before it
    count_chars: str = Field(
        min_length=1
    )  # 一, 两, 十, 几 …: a count in words ("两台", "十几辆"); digits besides
    # 养, 种: a count and one of `counted_measures` after one ("养了两千头猪", "种了三百亩玉米") say the verb and its object
    counted_verbs: list[str] = []
    counted_measures: list[str] = []  # 头, 只, 亩
    counted_large_chars: str = ""  # 千, 万: in such counts ("两千头", "3万只"), not in counts of machines
    counted_about_words: list[str] = []  # 多, 来: after a round count in them ("两千多头", "三百来亩")
    held_before: list[str] = []  # 有, 买了: a machine counted after one is held, not made ("有两台装载机")
    held_counters: list[str] = []  # 台, 辆
    # 台, 吨: an amount counted in one at its clause's end tells a business's size, not its work ("一年50万件")
    amount_measures: list[str] = []
    amount_periods: list[str] = []  # 一年, 每天: the time an amount is counted in, said before it
    held_standing: list[str] = []  # 停着, 排着: right before goods, vehicles or machines seen standing there
    held_rough_counts: list[str] = []  # 上: before a rough count of those seen (上百辆)
    # 厂里, 我们厂的: the whole clause before a trade outside the 47 that makes it a part of the speaker's plant
    plant_parts_after: list[str] = []
    taken_in: list[str] = []  # 当原料: "拿煤焦油当原料" names goods taken in, made by a supplier
    taken_with: list[str] = []  # 用, 拿: "用煤焦油烧炭黑" names goods taken in before the making of another's
    # 喷, 刷, 撒: the goods of `applied_goods` (涂料制造, 农药制造) right after one are applied to something, made by a
    # supplier ("喷防腐漆")
    applied_with: list[str] = []
    applied_goods: list[str] = []
    repairs_before: list[str] = []  # 维修, 修: the known words after one, in its clause, are things repaired
    not_repairs: list[str] = []  # 装修: words holding a repair word that repair nothing
    repaired_for: list[str] = []  # 给, 帮: the known words between one and a repair word are things repaired
    repair_services: list[str] = []  # 检修, 维修: repair words of a repair service (修 alone also builds)
    repair_light_verbs: list[str] = []  # 做, 搞: a verb that may stand between the plant and its repair word
    repair_trade_words: list[str] = []  # 专业, 专门: before a repair service word, the repair is the trade
    not_typos: list[str] = []  # real words that sound like a catalogue term ("只要" ~ 制药)
    typo_function_chars: str = Field(
        min_length=1
    )  # 的, 厂: words of their own, never a typo (pinyin.SoundIndex)
    typo_light_chars: str = ""  # 做, 子, 材: right alone, they make no typo (pinyin.SoundIndex)
    name_ends: str = Field(min_length=1)  # 厂, 的: a word ending with or right before one names the business
    generic_chars: str = Field(
        min_length=1
    )  # 的, 公司, 我, 吗: say nothing of a business, in what a message leaves
    size_words: list[str] = []  # 小微, 规模以下: an enterprise's size, which says nothing of what it does
    # 工业涂装, 热镀锌: industries that are a process done to goods; where the message denies their processes, the
    # goods it names are no evidence for them ("做防盗门的，喷塑外协")
    process_defined: list[str] = []
    # 包装印刷: [纸箱, 钉箱]: goods of an industry others make without its process, no evidence where it is denied
    made_without_process: dict[str, list[str]] = {}
    # the listed industries that work a primary industry's goods further (电解铝's 铝锭: 有色金属压延, 铸造)
    worked_further: dict[str, list[str]] = {}
    # "养殖场设备", "超市货架": words after an outside term that make it a customer, not the business
    outside_suffixes: list[str] = []
    # 机: a process term ending so names a machine, goods where it is sold ("卖注塑机")
    machine_ends: list[str] = []
    question_words: list[str] = Field(min_length=1)  # 什么, 怎么, 吗: the message asks something
    # 听说, 有人说: hearsay passed on asks whether it is so, a claim offered for confirmation, not a question of detail
    hearsay_words: list[str] = []
    not_asking: list[str] = []  # 几十, 好几: numbers that hold a question word and ask nothing
    counts_before_names: list[
        str
    ] = []  # 几个 right before a business's name ("给几个钢厂供货"): some, not how many
    question_endings: list[str] = []  # "能进正面清单不": a last word that makes the message a question
    continuations: list[str] = []  # 还是: a clause starting so goes on with the question before it
    question_tags: list[str] = []  # "…是不是": a last tag confirms what was said; no cue of taking part
    # 预警, A级, 限产: the message asks about grading or measures, not whether the business is one of the 47
    grading_words: list[str] = Field(min_length=1)
    grading_named: list[str] = []  # 评级, 分级: the grading itself, whatever is asked of it

    @field_validator("not_negations")
    @classmethod
    def _each_holds_a_negator(cls, words: list[str], info: ValidationInfo) -> list[str]:
        """A word that negates nothing holds one of the negators (别 in 类别), or it says nothing here."""
        negators = [fold(word) for word in (*info.data.get("negators", []), *info.data.get("elsewhere", []))]
        for word in words:
            if not any(negator in fold(word) for negator in negators):
                raise refusal("not_negation_without_negator", word=word)
        return words


class RealWordsFile(Strict):
    """Real words that the typo searches would read as a catalogue or outside term of the same length ("办公室" ~
    办公桌, "电池" ~ 电瓷), or as a word questions turn on, generated from a general lexicon by
    `python -m knowledge.real_words`."""

    lexicon: str  # the lexicon and version they were taken from, with its digest
    min_frequency: int = Field(ge=1)
    words: list[str]
    # those the question typo search would read as a keyword or synonym ("公司" ~ 公示)
    question_words: list[str] = []
    # longer real words holding a part the question typo search would read as a keyword or synonym: no typo cuts them
    # ("原材料", "黑名单": their 材料 and 名单, said alone, mean the application's 申报材料 and 申请名单 by 才料, 明单)
    question_whole_words: list[str] = []


Verdict = Literal["one", "ambiguous", "outside", "unsure", "unknown"]


# made for every question and never changed: not frozen, whose __init__ pays object.__setattr__ per field
@dataclass(slots=True)
class IndustryMatch:
    verdict: Verdict
    candidates: list[Industry]  # one: the industry; ambiguous: 2-3 close ones; unsure: the closest guesses
    terms: list[str]  # the words of the catalogue that matched, as the catalogue writes them
    outside: OutsideClass | None = None  # the class that matched, for "outside" (None: only a negation)
    negated: list[tuple[str, Industry]] = field(default_factory=list)  # listed terms the message denied
    bought: list[tuple[str, Industry]] = field(default_factory=list)  # listed goods it buys, sells, assembles
    read_as: list[tuple[str, str]] = field(default_factory=list)  # (typed, catalogue term): a typo forgiven
    # a unit named after a listed plant's 的 ("钢厂的运输车队"): the candidates are the plant's, whose own unit it may be
    plant_unit: bool = False

    @property
    def conditional(self) -> bool:
        """ "不属于" rests only on what the message denied or only buys: it holds only if the business really
        lacks it."""
        return self.verdict == "outside" and self.outside is None


_UNVERIFIED_WORD = "未核实"  # a grade scheme's claim says so where the sources leave grades unconfirmed
_OF_WORD = (
    "的"  # "卖给钢厂的是…": what follows a customer's name and this is said of the goods, not by the customer
)
# besides the joiners, what links goods to the plain work done on them ("陶瓷、耐火材料的性能测试")
_GOODS_LINK_WORDS = ("的", "、")
# a metal's grade as a code written before its name (304, 316l, q235: folded lowercase)
_GRADE_CODE = "[a-z]{0,2}[0-9]{2,4}[a-z]{0,2}"
_MANUFACTURING_SECTION = "C"  # GB/T 4754-2017's section of manufacturing (制造业)
_ASKER_TRADE_LEAD = 2  # characters a trade may follow in "我是做代理的"
_PLURAL_WORD = "们"  # after 我 or 俺: the speaker is a business, not one person
_TRADE_END_WORD = "的"  # "我是车队的": the trade said as the speaker's
_WE_WORD = "我们"  # self-description cues are written with it; cues.we_words are its other forms
_TWO_WORDS = 4  # a term this long is mostly two words of two characters (砖窑烧成, 废铝熔炼)
_BEING_WORD = "是"  # after a word of "we" or "own" ("我们是瓷砖厂") it says what the speaker is
# The slices around a known word that may be a longer word mistyped: (characters before it, after it), one or
# two more on either side, longest first.
_AROUND_MOST = 2
_AROUND = sorted(
    (
        (before, after)
        for before in range(_AROUND_MOST, -1, -1)
        for after in range(_AROUND_MOST + 1)
        if before or after
    ),
    key=lambda more: -sum(more),
)


@dataclass(slots=True, eq=False)
class _Span:
    """A known word of the message, made once by the scan; the verdict's rules set its marks in place."""

    start: int
    end: int
    term: str  # folded
    negated: bool
    bought: bool = False  # goods bought, sold or assembled ("买铝型材"): not what the business makes
    party: bool = False  # the business name of a customer or supplier ("给钢厂供活性灰"): not the speaker's
    graded: bool = False  # the subject of the grading talked about ("印染要报我们也要报吗"): whose, unknown
    repaired_for_another: bool = False  # plant of a party named, repaired by the speaker ("帮客户的高炉检修")
    # goods a shop named sells and the speaker makes ("五金店里卖的铁锹，我们厂打的"): its own product
    sold_by_shop: bool = False
    # a part of the speaker's plant ("厂里食堂"): not what it makes, nor a business told
    plant_part: bool = False


class Catalogue:
    AMBIGUOUS_RATIO = 0.8  # a runner-up this close to the best makes the match ambiguous
    CANDIDATES = 3  # at most this many industries are offered to choose from
    SHORT_REST = 3  # what a self-description may leave besides the business ("医院", "开饭店")
    TRADED_GOODS = 8  # at most this many characters of goods between a plain verb and the trade it names
    NOTHING_SAID = 1

    def __init__(
        self, data: CatalogueFile, cues: CuesFile, outside: OutsideFile, real_words: RealWordsFile
    ) -> None:
        self.industries = data.industries
        self.by_name = {industry.name: industry for industry in data.industries}
        self.outside_source = outside.source
        self._terms: dict[str, set[int]] = {}
        self._spelling: dict[str, str] = {}  # folded term -> as written in the catalogue, for replies
        for number, industry in enumerate(data.industries):
            for term in industry.terms:
                folded = fold(term)
                if len(folded) >= 2:
                    self._terms.setdefault(folded, set()).add(number)
                    self._spelling.setdefault(folded, term)
        self._outside_classes = outside.classes
        # the words of the classes outside the 47, as written
        self.outside_terms = frozenset(term for cls in outside.classes for term in cls.terms)
        # the phrases asking which of the industries a business is, folded ("属于哪个行业", "行业填哪个")
        self.membership_cues = frozenset(map(fold, cues.industry_cues))
        # each class's words that tell it apart also as one pattern: a search in C where a generator tested each
        # word on every verdict
        self._narrowing = [
            (
                number,
                [fold(word) for word in cls.told_by],
                _alternatives(cls.told_by),
                {fold(word) for word in cls.narrows},
            )
            for number, cls in enumerate(outside.classes)
            if cls.narrows
        ]
        self._cautioned = [[self.by_name[name] for name in cls.caution_names] for cls in outside.classes]
        self._outside: dict[str, int] = {}
        for number, cls in enumerate(outside.classes):
            for term in cls.terms:
                self._outside.setdefault(fold(term), number)
                self._spelling.setdefault(fold(term), term)
        # the words the scan finds, catalogue's and outside.yaml's alike (the automaton is built from them)
        self._scanned = [
            term for term in dict.fromkeys([*self._terms, *self._outside]) if len(term) >= _SHORTEST_TERM
        ]
        # Each industry's look-alikes as one pattern (longest first): a message is searched once per industry.
        self._excludes = [_alternatives(industry.excludes) for industry in data.industries]
        # Each list of cues as one pattern: a message is searched once per kind of cue.
        self._asks_membership = _alternatives(cues.industry_cues)
        self._asks_participation = _alternatives(cues.participation_cues)
        self._acts_counted = _alternatives(cues.acts_counted)
        said_by_us = [
            cue.replace(_WE_WORD, we, 1)
            for cue in cues.self_description_cues
            if cue.startswith(_WE_WORD)
            for we in cues.we_words
        ]
        describes = _alternatives([*cues.self_description_cues, *said_by_us])
        done_for_us = "".join(map(fold, cues.done_for_us))
        self._describes = (
            re.compile(f"(?<![{re.escape(done_for_us)}])(?:{describes.pattern})")
            if describes and done_for_us
            else describes
        )
        self._names_business = _alternatives(cues.business_nouns)
        self._sizes = _alternatives(cues.size_words)
        # A question word or a word asked both ways ("装不装", "有没有", "可不可以") makes a clause ask by itself; a
        # message asks with a continuation too ("做砖还是做瓦")
        self._question_words = _asking([*cues.question_words, *cues.hearsay_words], cues.not_asking)
        self._asking_beyond_hearsay = _asking(cues.question_words, cues.not_asking)
        self.hearsay_words = tuple(map(fold, cues.hearsay_words))  # a substring test before the patterns
        # a count right before a name, but for one a question word ending in its first character asks ("有几个钢厂")
        self._counts_before_names = tuple(map(fold, cues.counts_before_names))
        count_starts = {count[0] for count in self._counts_before_names}
        self._counts_asked_by = tuple(
            fold(word) for word in cues.question_words if len(word) > 1 and fold(word)[-1] in count_starts
        )
        self._continuations = _alternatives(cues.continuations)
        self._asker_openers = sorted(map(fold, cues.asker_openers), key=len, reverse=True)
        self._asker_trades = tuple(map(fold, cues.asker_trades))
        self._done_for = tuple(map(fold, cues.done_for_us))
        self._asked_for_ends = tuple(map(fold, cues.asked_for_ends))
        self._asks_something = _asking(
            [*cues.question_words, *cues.hearsay_words, *cues.continuations], cues.not_asking
        )
        self._question_endings = tuple(map(fold, cues.question_endings))
        self._question_tags = tuple(map(fold, cues.question_tags))
        # "是交市局还是交分局": 是 and then alternatives offered by a continuation, each side saying something, ask
        # ("还是要报" alone says "still")
        self._alternatives_offered = (
            re.compile(f"是.+(?:{self._continuations.pattern}).") if self._continuations else None
        )
        self._about_grading = _alternatives(cues.grading_words)
        self._grading_named = _alternatives(cues.grading_named)
        self._process_defined = {self.industries.index(self.by_name[name]) for name in cues.process_defined}
        self._worked_further = {
            self.industries.index(self.by_name[name]): [self.by_name[worker] for worker in workers]
            for name, workers in cues.worked_further.items()
        }
        self._made_without_process = {
            self.industries.index(self.by_name[name]): frozenset(map(fold, words))
            for name, words in cues.made_without_process.items()
        }
        # An industry that is a process done to goods is named by that process ("热镀锌", "涂装"): its names that
        # name no business are processes too, never goods bought ("钢材贸易，还搞热镀锌")
        business_names = cues.counterparts.names if cues.counterparts else []
        self._processes = {fold(term) for industry in data.industries for term in industry.processes} | {
            fold(alias)
            for number in self._process_defined
            for alias in self.industries[number].aliases
            if not any(name in alias for name in business_names)
        }
        self._narrower = [
            (
                self.industries.index(self.by_name[name]),
                {self.industries.index(self.by_name[broad]) for broad in rule.of},
                _alternatives(rule.told_by),
                _alternatives(rule.kept_by),
            )
            for name, rule in cues.narrower.items()
        ]
        self._vague = {
            fold(term): [self.by_name[name] for name in names] for term, names in cues.vague_terms.items()
        }
        self._names_vague = re.compile(literal_alternation(self._vague))  # one search before any per word
        self._negators = sorted(map(fold, [*cues.negators, *cues.elsewhere]), key=len, reverse=True)
        self._negated_verbs = {"", *map(fold, cues.negated_verbs)}
        self._denial_turns = _alternatives(cues.denial_turns)
        self._joiners = {"", *map(fold, cues.joiners)}
        # A word asked both ways, a one-character negator between ("装不装", "有没有"): a question, whatever the word
        self._negation_chars = frozenset(negator for negator in self._negators if len(negator) == 1)
        self._asked_both_ways = re.compile(rf"(.)[{''.join(sorted(self._negation_chars))}]\1")
        # Checks that a text holds one of a few characters are patterns of them: `re` looks in C, where a set's
        # isdisjoint made a string of each character of the text and hashed it (five times as many instructions).
        self._negation_char = re.compile(literal_alternation(self._negation_chars) or "(?!)")
        # "要不要", "是不是", "有没有(做)": a question, not a negation
        verbs = literal_alternation(self._negated_verbs)
        self._question = re.compile(rf"{self._asked_both_ways.pattern}(?:{verbs})?$")
        # A negator, then up to two verbs (or three with the fillers), right before the term ("不喷漆", "不做表面处理",
        # "不是用废铜", "不是我们自己喷漆"): every way the text before a term can end so, tried from the negator
        # nearest the term.
        negators = literal_alternation(self._negators)
        fillers = literal_alternation(map(fold, cues.denial_fillers))
        gap = f"{verbs}|{fillers}" if fillers else verbs
        self._denial = re.compile(rf"(?=({negators})(?:{gap}){{0,3}}$)")
        # The term said first, its denial after it to the end of the clause ("喷漆我们不做了", "铸件这块没有"), or
        # the work given to others ("喷漆外包给别人").
        self._denied_after = re.compile(
            rf"(?P<fillers>(?:{fillers})*)(?:{negators})(?P<verbs>(?:{verbs}){{0,2}})[了的啊呀哈]*$"
        )
        self._said_past = _alternatives(cues.past_words)  # one search of the message, before any per term
        self._past = re.compile(f"(?:{fillers})*(?:{self._said_past.pattern})") if self._said_past else None
        stopped = _alternatives(cues.stopped)
        self._stopped = re.compile(rf"(?:{fillers})*(?:{stopped.pattern})[了的啊呀哈]*$") if stopped else None
        changed_to = _alternatives(cues.changed_to)
        self._changed_to = re.compile(f"(?:{fillers})*(?:{changed_to.pattern})") if changed_to else None
        # Words that say nothing of what the business does: left out of what places it
        self._says_nothing = _alternatives(
            [*cues.denial_fillers, *cues.past_words, *cues.stopped, *cues.idle_words]
        )
        sideline = _alternatives(cues.sideline_words)
        # "另外有条喷涂线", "我们还接喷漆活": a clause of another line of business
        self._sideline = re.compile(f"(?:{fillers})*(?:{sideline.pattern})") if sideline else None
        self._sideline_word = sideline
        elsewhere = _alternatives(cues.elsewhere)
        self._done_elsewhere = re.compile(rf"(?:{fillers})*(?:{elsewhere.pattern})") if elsewhere else None
        self._done_by_party = self._by_party(cues, fillers)
        # words that hand work over or send goods ("发到", "送给"): goods sent so are sold, a process so is outsourced
        sending = (
            (*cues.counterparts.sold_to, *cues.counterparts.delivered_to, *cues.counterparts.sent_to)
            if cues.counterparts
            else ()
        )
        self._sending_words = frozenset(map(fold, sending))
        self._negator_pattern = re.compile(negators)
        # each word with where its negator stands in it (别 is the second character of 类别)
        self._not_negations = []
        for word in map(fold, cues.not_negations):
            negator = self._negator_pattern.search(word)
            assert negator is not None  # CuesFile refuses a word holding none
            self._not_negations.append((word, negator.start()))
        # Processes, and names that say production ("生产油漆", "油墨生产"), are never goods bought.
        making = [fold(word) for word in cues.production if len(word) > 1]
        # a term starting with a verb that names no process names the making of its goods ("做饲料", "做鞋")
        making_verbs = tuple(fold(word) for word in cues.plain_verbs)
        not_verbs = tuple(fold(word) for word in cues.not_verbs)
        # "做铸件的", "生产卫浴马桶的": the word a business is named by follows a verb of making in its clause ("收废铝熔成
        # 铝锭的" names no 铝锭 maker)
        self._naming_verbs = re.compile(literal_alternation([*making_verbs, *making]))
        # "做饲料原料贸易": a term starting with a verb that names no process may be the goods of a trade it governs
        self._verb_terms = {
            term for term in self._terms if term.startswith(making_verbs) and not term.startswith(not_verbs)
        }
        self._making_verbs = making_verbs
        # what an industry takes in ("铁精粉" of steel): a business naming one beside a party of that industry supplies it
        self._materials = {fold(term) for industry in data.industries for term in industry.materials}
        self._made = self._processes | {
            term for term in self._terms if term in self._verb_terms or any(word in term for word in making)
        }
        # "烧砖", "炼油", "镀锌": a name of an industry that starts with its listed work and names no business names that
        # work, never goods ("废品回收，另外自己烧砖")
        listed_work = tuple(fold(word) for word in cues.listed_work)
        business = [fold(name) for name in cues.counterparts.names] if cues.counterparts else []
        self._made |= {
            fold(alias)
            for industry in data.industries
            for alias in industry.aliases
            if fold(alias).startswith(listed_work) and not any(name in fold(alias) for name in business)
        } & set(self._terms)
        # the names of a listed industry's plant ("玻璃厂", "焦化企业"): a business of its own, which a look-alike said
        # in another clause does not describe, and what a speaker may say it is
        self._plant_names = {
            fold(alias)
            for industry in data.industries
            for alias in industry.aliases
            if fold(alias).endswith(tuple(business))
        } & set(self._terms)
        bought_before = _alternatives(cues.bought_before)
        self._bought_before = re.compile(f"(?:{bought_before.pattern})$") if bought_before else None
        self._uses_before = tuple(map(fold, cues.uses_before))
        self._users = tuple(map(fold, cues.users))
        # the buying word may head a list: "买来的锻件和铸件" buys both (an item as long as the longest term at most,
        # so "羟丙基甲基纤维素钠" is one, then a joiner that denies nothing, before each further item); looked for only
        # where a joiner stands
        listing = {word for word in self._joiners if word and self._negator_pattern.search(word) is None}
        self.listing_joiners = frozenset(listing)  # 和, 及, 或 …: joiners that list, denying nothing
        self._listing_starts = tuple(sorted({word[0] for word in listing}))
        longest_item = max(8, *map(len, self._terms))
        self._bought_list = (
            re.compile(
                f"(?:{bought_before.pattern})(?:.{{1,{longest_item}}}?(?:{literal_alternation(listing)}))+$"
            )
            if bought_before and listing
            else None
        )
        # a buying word after a list buys each item before it: "水泥和石子都是买的" (joiners that list, then up to
        # eight characters of further items)
        bought_after = _alternatives(cues.bought_after)
        self._list_bought_after = (
            re.compile(f"(?:{literal_alternation(listing)}).{{1,8}}?(?:{bought_after.pattern})")
            if bought_after and listing
            else None
        )
        subject = cues.graded_subject or GradedSubject()
        subject_before = _alternatives(subject.before)
        self._subject_before = re.compile(f"(?:{subject_before.pattern})$") if subject_before else None
        self._subject_after = _alternatives(subject.after)
        asked_before = _alternatives(cues.asked_before)
        self._asked_before = re.compile(f"(?:{asked_before.pattern})$") if asked_before else None
        # the repair word as the pattern's one group, after the words that hold one and repair nothing (装修)
        self._repairs = _asking(cues.repairs_before, cues.not_repairs)
        self._repaired_for = tuple(map(fold, cues.repaired_for))
        self._repair_light_verbs = tuple(map(fold, cues.repair_light_verbs))
        # "帮客户的高炉检修": the plant of another, named with its owner, after one of `repaired_for`
        # an owner holds no character for "we" or "own" ("帮我们自己的高炉检修" is ours), as in `_by_party`
        own = re.escape(fold(cues.counterparts.own_chars if cues.counterparts else ""))
        self._repaired_for_owner = (
            re.compile(rf"(?:{literal_alternation(self._repaired_for)})[^{own}]{{1,4}}的$")
            if self._repaired_for and own
            else None
        )
        # "帮焦化厂修焦炉", "给客户的高炉检修", "帮人家检修": the repair done for another party, named by a word for one
        # or by a name ending with a business noun or 的
        parties = cues.elsewhere_parties
        self._repairs_for_another = (
            re.compile(
                rf"(?:{literal_alternation(self._repaired_for)})"
                rf"(?:{literal_alternation(map(fold, parties.parties))}"
                rf"|[^{own}]{{1,6}}?(?:的|{literal_alternation(map(fold, parties.names))}))"
            )
            if self._repaired_for and own and parties is not None
            else None
        )
        self._repair_services = frozenset(map(fold, cues.repair_services))
        self._repair_trade_words = tuple(map(fold, cues.repair_trade_words))
        # "专门检修自己的焦炉": plant the speaker owns, repaired by trade or not
        self._own_chars = frozenset(fold(cues.counterparts.own_chars if cues.counterparts else ""))
        # a word of "we" or "own", at most three more characters ("我们厂是", "本身就是") and 是 right before a plant's name,
        # or the plant counted ("我们是一家"): the plant the speaker says it is
        own = re.escape("".join(sorted(self._own_chars)))
        self._being_own = (
            re.compile(
                rf"[{own}][^{own}]{{0,3}}{_BEING_WORD}(?:{'|'.join(map(re.escape, cues.plant_counted))})?$"
            )
            if own
            else None
        )
        repairs_said = _alternatives(cues.repairs_before)
        light_verbs = _alternatives(cues.repair_light_verbs)
        # the repair word with the light verb before it, left out when looking for production said besides
        self._repair_said = (
            re.compile(rf"(?:{light_verbs.pattern})?(?:{repairs_said.pattern})")
            if repairs_said and light_verbs
            else repairs_said
        )
        self._asked_anywhere = asked_before or re.compile("(?!)")
        # tuples: str.startswith takes them
        self._worked_after = tuple(fold(word) for word in cues.worked_after)
        others_made = _alternatives(cues.others_made)
        self._others_made = re.compile(f"(?:{fillers})*(?:{others_made.pattern})") if others_made else None
        # the process each finished work names, a term of the catalogue (a KeyError here names a wrong one)
        self._finished_process = {
            fold(done): fold(process)
            for done, process in cues.bought_finished.items()
            if self._terms[fold(process)]
        }
        own_chars = frozenset(cues.counterparts.own_chars if cues.counterparts else "")
        # "买来自己喷好": a filler of "we" or "own" between says the speaker did the work
        not_own = literal_alternation(
            {word for word in map(fold, cues.denial_fillers) if own_chars.isdisjoint(word)}
        )
        bought_after = _alternatives(cues.bought_after)
        # "饲料全部买成品料", "水泥都是买的": fillers between the goods and the buying word, none saying "we" or "own"
        self._bought_after = (
            re.compile(f"(?:{not_own})*(?:{bought_after.pattern})")
            if bought_after and not_own
            else bought_after
        )
        # the characters that say the work finished (喷好, 喷过漆)
        self._finished_mark = re.compile(
            literal_alternation({done[1] for done in self._finished_process if len(done) > 1}) or "(?!)"
        )
        self._bought_finished = (
            re.compile(
                f"(?:{bought_after.pattern})(?:{not_own})*(?P<done>{literal_alternation(self._finished_process)})"
            )
            if bought_after and self._finished_process
            else None
        )
        # "布都是染好买来的": the work finished, then the word of buying, says the same
        self._finished_bought = (
            re.compile(f"(?P<done>{literal_alternation(self._finished_process)})(?:{bought_after.pattern})")
            if bought_after and self._finished_process
            else None
        )
        self._counterparts = (
            _Counterparts(cues.counterparts, cues.denial_fillers, cues.plain_verbs)
            if cues.counterparts
            else None
        )
        counterparts = self._counterparts
        self._business_names = (  # the terms that name a business, found once
            {term for term in [*self._terms, *self._outside] if counterparts.names_business(term)}
            if counterparts is not None
            else set()
        )
        self._unit_ends = tuple(cues.counterparts.units) if cues.counterparts else ()
        self._keeps_unit = (
            tuple(fold(word) for word in cues.counterparts.keeps_unit) if cues.counterparts else ()
        )
        # "护栏厂": goods right before one of these name their maker's business, no term of its own
        self._maker_named = _alternatives(cues.counterparts.names) if cues.counterparts else None
        # "副业有个织塑料编织袋的车间": goods before a place of production, after a word of having one in their clause,
        # name a works of the speaker's own
        self._owning = _alternatives(cues.counterparts.owning) if cues.counterparts else None
        works = _alternatives(cues.works)
        self._works_after = (
            re.compile(rf"的?(?:{self._sizes.pattern if self._sizes else ''})?(?:{works.pattern})")
            if works
            else None
        )
        handlers = tuple(cues.goods_handlers)
        self._handles_goods = {
            number for number, cls in enumerate(outside.classes) if cls.code.startswith(handlers)
        }
        # Outside classes that make goods of their own (GB/T 4754 section C): their words in another item of a list name
        # another line of the business ("翼展车、汽车零部件机加工及销售"), not what a listed item's goods are
        self._makes_other_goods = {
            number
            for number, cls in enumerate(outside.classes)
            if cls.code.startswith(_MANUFACTURING_SECTION)
        }
        # Look-alikes that name a business handling goods others made ("废品站", "汽修")
        handler_words = [term for term, number in self._outside.items() if number in self._handles_goods]
        self._handler_names = {
            folded
            for industry in data.industries
            for folded in map(fold, industry.excludes)  # folded once, not once per handler word
            if any(term in folded for term in handler_words)
        }
        sells = _alternatives(cues.sells)
        # "油墨卖给印刷厂": selling to a customer named says whose the goods are, not that they were bought
        to_party = _alternatives(cues.counterparts.before) if cues.counterparts else None
        self._sells = (
            re.compile(f"(?:{sells.pattern})(?!{to_party.pattern})" if to_party else sells.pattern)
            if sells
            else None
        )
        # "让代理公司统一寄过去": a word of selling right after a cue of another party is that party's trade
        self._another_party_before = re.compile(f"(?:{to_party.pattern})$") if to_party else None
        self._production = _alternatives([*cues.production, *cues.production_steps])
        # "不生产", "没有生产线", "不自己加工": production denied, which a trader says of itself; "生产全部外包": given to
        # others, which a designer or a brand says of itself
        self._denied_production = (
            re.compile(
                rf"(?:{negators})(?:{gap}){{0,3}}(?:{self._production.pattern})"
                + (
                    rf"|(?:{self._production.pattern})(?:{fillers}){{0,2}}(?:{elsewhere.pattern})"
                    if elsewhere
                    else ""
                )
            )
            if self._production is not None
            else None
        )
        self._mixing = _alternatives(cues.mixed_in)
        # "给钢厂加工球团", "给药厂供原料药": goods right after a word of making or supplying are the speaker's
        own_goods = _alternatives(
            [*cues.production, *(cues.counterparts.supplies if cues.counterparts else [])]
        )
        self._own_goods_before = re.compile(f"(?:{own_goods.pattern})$") if own_goods else None
        # where a business that only trades is placed (a KeyError here names a wrong class id)
        self._trade_class = (
            {cls.id: cls for cls in outside.classes}[cues.trades_as] if cues.trades_as else None
        )
        # where a business that only repairs another party's plant, or stores its goods, is placed
        self._repair_class = (
            {cls.id: cls for cls in outside.classes}[cues.repairs_as] if cues.repairs_as else None
        )
        self._storage_class = (
            {cls.id: cls for cls in outside.classes}[cues.stores_as] if cues.stores_as else None
        )
        self._storage_said = _alternatives(cues.storage_services)
        self._listed_work = _alternatives(cues.listed_work)
        self._own_making = _alternatives(cues.own_making)
        # "做复合肥": a production word right before a word of a business outside the 47 makes that business's goods
        self._production_before = (
            re.compile(f"(?:{self._production.pattern})$") if self._production is not None else None
        )
        containers = _alternatives(cues.containers)
        # goods packed in a container (瓶装, 袋装) are still the goods; a tank or box on wheels (罐车) is a vehicle
        self._container_after = (
            re.compile(f"(?:{containers.pattern})(?![装车])") if containers is not None else None
        )
        # "不锈钢钣金件": a metal named before plain work or its plain goods says what they are made of, no work of
        # its own; written out as words of their own, since a prefix to every word would cost each search (perf22)
        plain_work = _alternatives(
            [
                *cues.plain_work,
                *(metal + work for metal in cues.worked_materials for work in cues.plain_work),
            ]
        )
        worked_materials = _alternatives(cues.worked_materials)
        # "304不锈钢": the metal's grade, written before it, is the metal's
        self._metal_grade = (
            re.compile(f"{_GRADE_CODE}(?={worked_materials.pattern})") if worked_materials else None
        )
        plain_plus = _alternatives(cues.plain_plus)
        if plain_work is not None and plain_plus is not None:
            plain_work = re.compile(
                f"(?:{plain_work.pattern})(?:(?:{plain_plus.pattern})(?={plain_work.pattern}))?"
            )
        plain_verbs = _alternatives(cues.plain_verbs)
        not_verb_words = _alternatives(cues.not_verbs)
        if plain_verbs is not None and not_verb_words is not None:
            plain_verbs = re.compile(f"(?!{not_verb_words.pattern})(?:{plain_verbs.pattern})")
        # "只做组装": a verb that names no process says nothing more than the plain work it governs, fillers
        # between or not ("做那个机加工的"), nor with the goods it works on or trades, blanked, between ("做家具买卖"),
        # listed and of them ("做陶瓷和耐火材料的性能测试")
        goods_between = literal_alternation([*self.listing_joiners, *_GOODS_LINK_WORDS])
        # a verb right before a joiner and a word of selling is the work itself, listed beside the selling ("加工及销售",
        # a licence line's pair of businesses: the work, and selling what it makes): it governs no trade
        named_alone = (
            f"(?!(?:{literal_alternation(self.listing_joiners)})(?:{self._sells.pattern}))"
            if self._sells
            else ""
        )
        self._plain_work = (
            re.compile(
                f"(?:(?:{plain_verbs.pattern}){named_alone}(?:{fillers}|_|{goods_between})*)?(?:{plain_work.pattern})"
            )
            if plain_work and plain_verbs
            else plain_work
        )
        # "做危化品贸易", "只做螺纹钢、板材的批发": a verb that names no process, whose object a word of selling ends in
        # its clause, trades
        # ("加工了卖", "磨完卖": the work done, then the goods sold, governs no trade)
        aspects = _alternatives(cues.work_done)
        done_then_sold = (
            f"(?!(?:{aspects.pattern})+(?:{self._sells.pattern}))" if aspects and self._sells else ""
        )
        self._trading = (
            re.compile(
                f"(?:{plain_verbs.pattern}){named_alone}{done_then_sold}"
                f"[^_]{{0,{self.TRADED_GOODS}}}?(?={self._sells.pattern})"
            )
            if plain_verbs and self._sells
            else None
        )
        # "自己只焊接", "只是贸易": the business says all it does, and it is work in none of the 47
        only = _alternatives(cues.only_words)
        self._only_plain = (
            re.compile(
                rf"(?<![{''.join(sorted(self._negation_chars))}])(?:{only.pattern})(?:{plain_verbs.pattern})?"
                rf"(?:{plain_work.pattern})"
            )
            if only and plain_verbs and plain_work
            else None
        )
        self._only_start = re.compile(
            literal_alternation({word[0] for word in map(fold, cues.only_words) if word}) or "(?!)"
        )
        self._plain_verbs = plain_verbs
        self._except = fold(cues.except_cue)
        self._except_negates = [fold(word) for word in cues.except_negates]
        # a tuple: str.startswith takes it
        self._outside_suffixes = tuple(fold(word) for word in cues.outside_suffixes)
        self._machine_ends = tuple(fold(word) for word in cues.machine_ends)
        self._made_for = tuple(fold(word) for word in cues.made_for)
        held, counters = _alternatives(cues.held_before), _alternatives(cues.held_counters)
        count_chars = re.escape(cues.count_chars)
        counted = (
            f"(?:{held.pattern})(?:[0-9]+|[{count_chars}]+)?(?:{counters.pattern})"
            if held and counters
            else None
        )
        self._held_anywhere = re.compile(counted) if counted else None
        counted_verbs, measures = _alternatives(cues.counted_verbs), _alternatives(cues.counted_measures)
        counted_aspects = _alternatives([*cues.work_going_on, *cues.work_done])
        large = re.escape(cues.counted_large_chars)
        about = _alternatives(cues.counted_about_words)
        # "养了两千头猪": the verb (its group), a word of the work going on or done, a count and its measure word
        self._counted_object = (
            re.compile(
                f"({counted_verbs.pattern})(?:{counted_aspects.pattern if counted_aspects else '(?!)'})?"
                f"(?:[0-9]+|[{count_chars}{large}]+){f'[{large}]?' if large else ''}"
                f"{f'(?:{about.pattern})?' if about else ''}"
                f"(?:{measures.pattern})"
            )
            if counted_verbs and measures
            else None
        )
        amount_measures, periods = _alternatives(cues.amount_measures), _alternatives(cues.amount_periods)
        # "数控车床40台", "一年50万件": a count and its measure, large and round or not, after the time it is counted in
        self._amounts = (
            re.compile(
                f"{f'(?:{periods.pattern})?' if periods else ''}"
                f"(?:[0-9]+(?:\\.[0-9]+)?|[{count_chars}{large}]+){f'[{large}]?' if large else ''}"
                f"{f'(?:{about.pattern})?' if about else ''}(?:{amount_measures.pattern})"
            )
            if amount_measures
            else None
        )
        # "烧着两台锅炉", "印完装订": after a word of listed work, the work goes on or is done on a machine counted, or on
        # to plain work, and names nothing made
        aspects = _alternatives([*cues.work_going_on, *cues.work_done])
        self._work_goes_on = (
            re.compile(
                f"(?:{aspects.pattern})(?:$|(?:[0-9]+|[{count_chars}]+)?(?:{counters.pattern})|{self._plain_work.pattern})"
            )
            if aspects and counters and self._plain_work
            else None
        )
        standing = _alternatives(cues.held_standing)
        # "停着两台挖掘机", "每天进出上百辆重卡": those seen there may be counted, roughly (上百) or not
        rough = _alternatives(cues.held_rough_counts)
        seen = (
            f"(?:{standing.pattern})(?:{f'(?:{rough.pattern})?' if rough else ''}(?:[0-9]+|[{count_chars}]+)(?:{counters.pattern}))?"
            if standing and counters
            else None
        )
        held_right_before = "|".join(part for part in (counted, seen) if part)
        # right before the goods
        self._held = re.compile(f"(?:{held_right_before})$") if held_right_before else None
        plant_parts = _alternatives(cues.plant_parts_after)
        self._plant_part = re.compile(f"(?:{plant_parts.pattern})") if plant_parts else None
        self._products = {fold(term) for industry in data.industries for term in industry.products}
        self._taken_in = tuple(fold(word) for word in cues.taken_in)
        self._taken_with = tuple(fold(word) for word in cues.taken_with)
        self._applied_with = tuple(fold(word) for word in cues.applied_with)
        self._applied_goods = {self.industries.index(self.by_name[name]) for name in cues.applied_goods}
        every_cue = [
            fold(cue)
            for cue in (
                *cues.industry_cues,
                *cues.participation_cues,
                *cues.self_description_cues,
                *said_by_us,
                *self._vague,
            )
        ]
        # Longest first: no cue left half-removed.
        self._cue_pattern = re.compile(literal_alternation(every_cue))
        # Real words are no typos, and the look-alikes the catalogue excludes are real words too: "汽车配件" is no
        # typo of 汽车铸件
        not_typos = {fold(w) for w in (*cues.not_typos, *real_words.words)}
        self.function_chars = cues.typo_function_chars
        # words of work only: goods' names mistyped one for another are still typos ("石墨电机" is 石墨电极)
        work_chars = {fold(word) for word in cues.production if len(word) == 1}
        vocabulary = frozenset(
            word
            for word in _two_character_words({*self._terms, *self._outside})
            if not work_chars.isdisjoint(word)
        )
        self._sounds = SoundIndex(
            {term for term in self._terms if term not in self._outside},
            not_typos | {fold(w) for industry in data.industries for w in industry.excludes},
            self.function_chars,
            cues.typo_light_chars,
            kinds={term: frozenset(numbers) for term, numbers in self._terms.items()},
            whole_words={fold(word) for word in cues.not_typos},
            vocabulary=vocabulary,
        )
        # Outside words are forgiven their exact homophones only ("开饭点的" → 饭店), and only where no listed word
        # or typo of one was found: a "不属于" never rests on a looser reading.
        self._outside_sounds = SoundIndex(
            set(self._outside), not_typos, self.function_chars, edits=False, near=False, vocabulary=vocabulary
        )
        self._name_ends = cues.name_ends  # ("油默厂", "做碳嘿的")
        # each name end after a character not blanked: where a business's own name may stand, found in C
        self._name_end_places = re.compile(rf"(?<=[^_])[{re.escape(cues.name_ends)}]")
        # a word the known words leave unexplained: neither blanked (Reading._unknown) nor a function character
        self._unexplained_word = re.compile(f"[^_{re.escape(self.function_chars)}]+")
        # One character class: str.translate looks each character of a Chinese text up in its table and raises (and
        # clears) a KeyError for every one it keeps, ~0.5 µs a character, where `re` deletes them in one C scan
        self._generic = re.compile(f"[{re.escape(cues.generic_chars)}]")
        self._bigrams: dict[str, set[int]] = {}
        for term, numbers in self._terms.items():
            for i in range(len(term) - 1):
                self._bigrams.setdefault(term[i : i + 2], set()).update(numbers)
        self._remember_results()

    def _remember_results(self) -> None:
        # Each goods span of a message asks its clauses again whether they name production, and the verdict's
        # three tests ask the whole message: half the asks of a reading repeat one (four regex passes each), and
        # messages differing in their goods alone ask the same, as the goods are blanked out of what is asked.
        self._says_made = lru_cache(maxsize=256)(self._names_made)
        self._production_in = lru_cache(maxsize=256)(self._names_production)
        # A mistyped name's windows hold the few words before 厂 or 的 with the known words blanked: messages differing
        # in their goods alone have the same windows, each searched by sound once.
        self._sounded_in_windows = lru_cache(maxsize=256)(self._sounded_names)
        # Every known word in one Aho-Corasick automaton (C), all matches overlapping: the scan's Python loop over
        # each place a term may start, slicing each length of term starting there, took ~7 µs of each reading
        # against ~2 µs. Built here, as pickle cannot store it (~12 ms).
        self._term_automaton = AhoCorasick(self._scanned, matchkind=MatchKind.Standard)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the results it remembers and the terms' automaton (knowledge.cache): wrappers of bound
        methods and a Rust object, which pickle cannot store, built again as it is read."""
        return {
            name: value
            for name, value in self.__dict__.items()
            if name not in ("_says_made", "_production_in", "_sounded_in_windows", "_term_automaton")
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._remember_results()

    def _sounded_names(self, windows: str) -> tuple[tuple[str, str], ...]:
        """(typed, term) for each word of a message's name windows (_name_windows) sounding exactly like a listed term."""
        return tuple(self._sounds.find(windows, edits=False, near=False))

    def misreads(self, word: str) -> bool:
        """Whether the typo searches would read the whole word as a listed or outside term of its length: for a real
        word, a misreading (`python -m knowledge.real_words`)."""
        folded = fold(word)
        return any(
            typed == folded and len(term) == len(folded)
            for index in (self._sounds, self._outside_sounds)
            for typed, term in index.find(folded)
        )

    def holds_machines(self, text: str) -> bool:
        """Whether a message counts machines the speaker holds ("我们有两台叉车", "租了三辆铲车")."""
        return self._held_anywhere is not None and self._held_anywhere.search(fold(text)) is not None

    def names_a_size(self, text: str) -> bool:
        """Whether a text holds a word of a business's size (小厂, 几十个人): a cheap test before a reading asks
        whether the size is all it tells (`Reading.sized_alone`)."""
        return self._sizes is not None and self._sizes.search(fold(text)) is not None

    def names_outside_kind(self, word: str) -> bool:
        """Whether a word names a kind of business outside the list (物流园, 仓储: outside.yaml's terms)."""
        return fold(word) in self._outside

    def asks(self, clause: str) -> bool:
        """Whether a clause asks something by itself: a question word or a word asked both ways. A last word
        that asks ("…是限产吧 不用全停吧") makes a message a question, not each clause another one."""
        return self._asks_in(fold(clause), self._question_words)

    def asks_beyond_hearsay(self, clause: str) -> bool:
        """Whether a clause asks by a question word other than hearsay's ("听说…一直搞到十月底" only offers a claim
        for confirmation, "听说…啥时候截止" asks)."""
        return self._asks_in(fold(clause), self._asking_beyond_hearsay)

    def asks_or_weighs(self, clause: str) -> bool:
        """Whether a clause asks by itself or weighs alternatives ("选捷顺的还是科拓的")."""
        return self._asks_in(fold(clause), self._asks_something)

    def offers_alternatives(self, clause: str) -> bool:
        """Whether a clause asks which of alternatives it offers ("材料是交市局还是交分局"): one of the message's questions,
        not a continuation of the clause before it."""
        pattern = self._alternatives_offered
        return pattern is not None and pattern.search(fold(clause)) is not None

    def confirms(self, clause: str) -> bool:
        """Whether a clause is only a tag asking to confirm what the clause before it says ("是这样吧", "对吧")."""
        return fold(clause) in self._question_tags

    def ends_asking(self, text: str) -> bool:
        """Whether a message's last word asks ("短流程铸造分开评吧", "能进正面清单不")."""
        return fold(text).endswith(self._question_endings)

    def _asks_in(self, folded: str, words: re.Pattern[str] | None) -> bool:
        """Whether a folded text holds one of the asking words or a word asked both ways."""
        for found in words.finditer(folded) if words is not None else ():
            if found.lastindex:  # a word of `_asking`'s second group, not one that only holds it
                return True
        # a word asked both ways holds a negation: most texts hold none, and are spared the backreference
        return (
            self._negation_char.search(folded) is not None
            and self._asked_both_ways.search(folded) is not None
        )

    def asks_taking_part(self, clause: str) -> bool:
        """Whether a clause asks if a business is one of the 47 or takes part ("石材算不算", "要报吗"), or what it counts
        as ("算水泥吗")."""
        folded = fold(clause)
        # blanking leaves no cue a text did not hold: the acts counted are looked for only where a cue is
        return any(
            cues is not None
            and cues.search(folded) is not None
            and cues.search(self.without_acts_counted(folded)) is not None
            for cues in (self._asks_membership, self._asks_participation)
        ) or (
            self._asked_anywhere.search(folded) is not None
            and self._asked_anywhere.search(self.without_acts_counted(folded)) is not None
            and self.read(clause).asks_what_it_counts_as
        )

    def without_acts_counted(self, folded: str) -> str:
        """A folded text with what asks whether an act counts as done ("算不算交上了": `acts_counted`) blanked, its
        length kept: no cue of taking part."""
        counted = self._acts_counted
        if counted is None or counted.search(folded) is None:
            return folded  # most texts
        return counted.sub(lambda said: "_" * len(said.group()), folded)

    def names_the_askers_trade(self, clause: str) -> bool:
        """Whether a clause only says whose question follows, by the asker's own trade or employer ("我开大车的",
        "我是车队的", "我是做代理的"): a person's work, not the business the question is about."""
        said = fold(clause).strip()
        opener = next((word for word in self._asker_openers if said.startswith(word)), None)
        if opener is None:
            return False
        trade = said[len(opener) :].removesuffix(_TRADE_END_WORD)
        if trade.startswith(_PLURAL_WORD):
            return False  # "我们开大车的" is a business speaking of itself
        # a word or two before the trade ("做代理", "跑车队") still names only it
        return any(
            trade.endswith(word) and len(trade) - len(word) <= _ASKER_TRADE_LEAD
            for word in self._asker_trades
        )

    def names_whom_asked_for(self, clause: str) -> bool:
        """Whether a clause only says for whom the question that follows is asked ("替村委会问", "帮客户问一下"): that
        party's question, not the speaker's business nor the business asked about."""
        said = fold(clause).strip()
        if not said.startswith(self._done_for) or not said.endswith(self._asked_for_ends):
            return False
        party = said[1:]
        ends = [end for end in self._asked_for_ends if party.endswith(end)]
        return len(party) > max(map(len, ends))  # someone is named between: "帮问一下" names nobody

    def continues(self, clause: str) -> bool:
        """Whether a clause goes on with the question before it: it starts with a continuation ("是攒一块报 还是随时
        报"), or holds one and asks nothing by itself ("交到哪 交市局还是分局")."""
        found = self._continuations.search(fold(clause)) if self._continuations else None
        return found is not None and (
            found.start() == 0 or not (self.asks(clause) or self.offers_alternatives(clause))
        )

    def read(self, text: str) -> Reading:
        """What a message says about a business, folded and scanned once."""
        clauses = [fold(part) for part in _CLAUSE_END.split(text.replace(*_ENUMERATION_WORDS))]
        folded = "".join(clauses)
        starts, at = set(), 0
        for clause in clauses:
            starts.add(at)
            at += len(clause)
        # the question mark is folded away with the punctuation, but asks ("物流园也要装门禁？我们就是个货场")
        marked = "?" in text or "？" in text
        return Reading(self, folded, self._spans(folded, starts), starts, marked)

    def match(self, text: str) -> IndustryMatch:
        return self.read(text).match

    def known_slices(self, text: str) -> list[tuple[int, int]]:
        """Where the words of the catalogue stand in the folded text (no typo search)."""
        return [(span.start, span.end) for span in self.read(text)._spans]

    def denies(self, text: str, name: str) -> bool:
        """Whether the text names `name` (a word of the catalogue) only to deny it: "不是耐火材料", "不是陶瓷，是红砖"."""
        word = fold(name)
        said = [span for span in self.read(text)._spans if word in span.term]
        return bool(said) and all(span.negated for span in said)

    def _evidence(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> IndustryMatch | None:
        """The verdict exact words support, or None when no word of either side matched."""
        scores: dict[int, int] = {}
        matched: dict[int, list[str]] = {}
        denied: list[tuple[str, Industry]] = []
        bought: list[tuple[str, Industry]] = []
        outside: dict[int, int] = {}
        # Industries that are a process, whose processes the message denies: their goods are no evidence
        undone = self._undone(folded, spans)
        narrowed, told_goods = self._narrowed_and_told_goods(folded, spans)
        # broader listed words a narrower outside class takes, if nothing else is listed
        narrowed_listed: list[_Span] = []
        # listed words a look-alike said elsewhere in the message cancelled, and plants the speaker says it is: they
        # keep "不属于" from being said
        set_apart: dict[str, Industry] = {}
        processed: set[int] = set()  # industries a process of theirs scored
        # the industries that may work goods of a primary industry bought in, then that industry
        worked_further: list[Industry] = []
        for span in spans:
            if span.party:
                continue
            if span.term in told_goods and not (span.negated or span.bought):
                # "铁矿选矿厂，磁选出铁精粉": the class's own goods, the listed industry's input
                number = told_goods[span.term]
                outside[number] = outside.get(number, 0) + len(span.term)
                continue
            if span.term in narrowed and not (span.negated or span.bought):
                number = narrowed[span.term]
                outside[number] = outside.get(number, 0) + len(span.term)
                if span.term in self._terms:
                    narrowed_listed.append(span)
                continue
            own_plant = self._says_own_plant(folded, span, clause_starts)
            # goods it only trades stay the condition ("油漆供应商，只代理品牌漆"); a plant of a process the speaker
            # says it is stays that plant whatever part of the work it sends out ("我们是镀锌厂，酸洗外协")
            if (
                undone
                and not span.bought
                and self._counts_no_more(span.term, undone)
                and not (own_plant and self._terms[span.term] <= self._process_defined)
            ):
                continue
            if own_plant:
                # "我们是玻璃厂，玻璃回收点": the speaker's own plant, which no outside word elsewhere makes 不属于; a
                # narrower class said beside it ("印刷厂，印报纸") or its defining process denied ("纸箱厂，不印刷") still may
                for number in self._terms[span.term]:
                    set_apart[self.industries[number].name] = self.industries[number]
            if span.term in self._outside:
                supplies = self._supplies(folded, span, clause_starts)
                if not span.negated and not supplies:
                    number = self._outside[span.term]
                    outside[number] = outside.get(number, 0) + len(span.term)
                continue
            for number in self._terms[span.term]:
                spelled = self._spelling[span.term]
                if span.negated:  # a denial stands even beside a look-alike ("不烧砖了，只卖砖")
                    denied.append((spelled, self.industries[number]))
                elif span.bought:  # so do goods sold, whatever look-alike says so ("卖油漆的门市")
                    bought.append((self._goods_named(span.term), self.industries[number]))
                elif self._excluded(folded, number, span, spans, clause_starts):
                    if self._said_apart(folded, number, span, clause_starts):
                        set_apart[self.industries[number].name] = self.industries[number]
                    continue
                elif number in self._worked_further and self._goods_bought_in(folded, span, clause_starts):
                    # "把买来的铝锭加工了卖": worked further, not made; who works them is not said
                    worked_further.extend(self._worked_further[number])
                    worked_further.append(self.industries[number])
                elif spelled not in matched.setdefault(number, []):
                    matched[number].append(spelled)
                    scores[number] = scores.get(number, 0) + len(span.term)
                    if span.term in self._processes:
                        processed.add(number)
        if scores:
            for span in narrowed_listed:  # other listed words: the broader word is theirs again
                for number in self._terms[span.term]:
                    matched.setdefault(number, []).append(self._spelling[span.term])
                    scores[number] = scores.get(number, 0) + len(span.term)
            self._made_by_another_process(
                scores, matched, processed, lambda: self._sidelines(folded, spans, clause_starts, scores)
            )
            self._narrowed(folded, spans, clause_starts, scores, matched)
            return self._ranked(scores, matched, self._sidelines(folded, spans, clause_starts, scores))
        if set_apart and (outside or denied or bought):
            # "我们生产岩棉和岩棉夹芯板": the look-alike names one product, the listed word said apart may be another
            return IndustryMatch(
                "unsure", list(set_apart.values())[: self.CANDIDATES], [], None, denied, bought
            )
        if outside:
            best = max(outside, key=lambda n: (outside[n], -n))
            terms = [
                self._spelling[s.term]
                for s in spans
                if narrowed.get(s.term, self._outside.get(s.term)) == best and not s.party
            ]
            return IndustryMatch("outside", [], terms, self._outside_classes[best], denied, bought)
        if worked_further:
            guesses = list({industry.name: industry for industry in worked_further}.values())
            return IndustryMatch("unsure", guesses[: self.CANDIDATES], [], None, denied, bought)
        if denied or bought:
            return IndustryMatch("outside", [], [], None, denied, bought)
        return None

    def _made_by_another_process(
        self,
        scores: dict[int, int],
        matched: dict[int, list[str]],
        processed: set[int],
        sidelines: Callable[[], set[int]],
    ) -> None:
        """Goods of an industry that is a process done to goods (暖气片 of 工业涂装, which coats them), said beside a
        process of another industry that makes such goods ("收生铁化了往砂型里浇": casting) and none of their own, are
        what that process makes: their words move to the making industry, as a narrower industry takes a broader one's.
        Not to a process said as another line of the business ("做货架，另外还搞压铸"), which the goods' maker is not."""
        coated = (self._process_defined & scores.keys()) - processed
        making = processed - self._process_defined
        if not (coated and making):
            return  # most messages name no process, or only those done to goods
        making -= sidelines()
        if not making:
            return
        maker = min(making, key=lambda number: (-scores[number], number))
        for number in coated:
            scores[maker] += scores.pop(number)
            matched[maker].extend(matched.pop(number))

    def _narrowed_and_told_goods(
        self, folded: str, spans: list[_Span]
    ) -> tuple[dict[str, int], dict[str, int]]:
        """The broader words the message names that an outside class said beside it takes (`narrows`), each with
        that class: its own terms said and not denied, or a word that tells it apart (`told_by`). Beside them, the
        materials of a listed industry that an outside class said in the message tells itself apart by, each with
        that class: what such a business produces for the industry that takes them in ("铁矿选矿厂，磁选出铁精粉"), not
        what the industry makes; the class is said by its own terms or by a broader word it narrows. Both read the
        classes said once."""
        if not self._narrowing:
            return {}, {}
        said = _classes_said(spans, self._outside)
        narrowed = {
            word: number
            for number, _, told_apart, narrows in self._narrowing
            if number in said or (told_apart is not None and told_apart.search(folded) is not None)
            for word in narrows
        }
        if narrowed:
            said |= _classes_said(spans, narrowed)
        if not said:
            return narrowed, {}  # most messages say no outside class: no goods told apart by one
        told_goods = {
            word: number
            for number, told_by, _, _ in self._narrowing
            if number in said
            for word in told_by
            if word in self._materials
        }
        return narrowed, told_goods

    def _says_own_plant(self, folded: str, span: _Span, clause_starts: set[int]) -> bool:
        """Whether the term is a listed plant's name the speaker says it is ("我们是玻璃厂", "本厂是焦化厂的"), or that
        heads the message as its whole first clause ("镀锌厂，酸洗外协"); a plant whose 的 names something further is its
        owner ("我们是焦化厂的贸易子公司", "钢厂里的施工队")."""
        if span.negated or span.term not in self._plant_names or self._being_own is None:
            return False
        clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
        if span.start == 0 and span.end == clause_end:
            return True
        return (
            _OF_WORD not in folded[span.end : clause_end - 1]
            and self._being_own.search(folded, clause, span.start) is not None
        )

    def _said_apart(self, folded: str, number: int, span: _Span, clause_starts: set[int]) -> bool:
        """Whether a listed word a look-alike cancelled may still be the business's own work, so that the look-alike
        places nothing: said made apart from every look-alike, which holds the same word ("岩棉夹芯板" names rock wool
        as a panel's core, but the 岩棉 of "我们生产岩棉和岩棉夹芯板" is a product of its own), or work of the listed
        processes (`listed_work`) said in a clause no look-alike is in ("废钢破碎，自己电炉炼钢", "打印复印，包装盒印刷"). A
        look-alike in the word's clause or holding none of it (汽修厂 beside 有间烤漆房) describes what it cancels, and
        a word no verb of making governs is an input ("做水泥管，水泥外购，浇筑养护")."""
        excludes = self._excludes[number]
        found_all = list(excludes.finditer(folded)) if excludes is not None else []
        if not found_all:
            return False
        clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
        made = self._naming_verbs.search(folded, clause, span.start) is not None
        if all(
            span.term in found.group() and not (found.start() <= span.start and span.end <= found.end())
            for found in found_all
        ):
            return made
        listed_work = self._listed_work is not None and self._listed_work.search(span.term) is not None
        return listed_work and all(
            found.end() <= clause or found.start() >= clause_end for found in found_all
        )

    def _goods_named(self, term: str) -> str:
        """The goods a term names, as the catalogue writes them, without the verb a term of making starts with:
        "做饲料" traded is 饲料."""
        spelled = self._spelling[term]
        verb = next((verb for verb in self._making_verbs if term.startswith(verb)), "")
        return spelled[len(verb) :] if term in self._verb_terms else spelled

    def _finished(self, folded: str, clause_starts: set[int]) -> list[tuple[int, int, str]]:
        """Work said finished after a word of buying ("车架是买来喷好的", "片子买来就已经烤好漆了") or right before one
        ("布都是染好买来的"): done by the maker before the goods were bought. Each from the work to the end of its
        clause, with the process it names."""
        if self._bought_finished is None or self._finished_mark.search(folded) is None:
            return []  # most messages say no work finished (好): one check in C rules them out
        found = [*self._bought_finished.finditer(folded)]
        if self._finished_bought is not None:
            found += self._finished_bought.finditer(folded)
        return [
            (
                done.start("done"),
                _clause_around(clause_starts, done.start(), len(folded))[1],
                self._finished_process[done.group("done")],
            )
            for done in found
        ]

    def _marked_finished(self, spans: list[_Span], finished: list[tuple[int, int, str]]) -> list[_Span]:
        """The spans, with the process each finished work names as denied where it stands: the goods were bought
        so, and the process is not done here; like any denial it becomes the condition ("如有“喷漆”工序…")."""
        if not finished:
            return spans  # most messages
        denied = [_Span(low, low + len(process), process, negated=True) for low, _, process in finished]
        # the words of the finished work are the maker's, a term among them too ("布是买印染好的": 印染)
        kept = [span for span in spans if not any(low <= span.start < high for low, high, _ in finished)]
        return sorted([*kept, *denied], key=lambda span: span.start)

    def _undone(self, folded: str, spans: list[_Span]) -> set[int]:
        """The industries that are a process done to goods whose goods are no evidence: those whose processes
        the message denies ("做防盗门的，喷塑外协"), all of them where it says it only does work in none of the 47
        ("我们做护栏，镀锌是外协，自己只焊接")."""
        if self.only_plain(folded):
            return self._process_defined
        if not any(span.negated for span in spans):
            return set()  # most messages deny nothing
        return (self._process_defined | self._made_without_process.keys()) & {
            number
            for s in spans
            if s.negated and s.term in self._processes
            for number in self._terms.get(s.term, ())
        }

    def _counts_no_more(self, term: str, undone: set[int]) -> bool:
        """Whether a word is evidence only for industries whose process the message denied: any goods of an industry
        that is a process ("做防盗门的，喷塑外协"), the goods others make without it of one that is not ("纸箱厂，不印刷")."""
        numbers = self._terms.get(term, set())
        return bool(numbers) and all(
            number in undone
            and (
                term in self._made_without_process[number]
                if number in self._made_without_process
                else term not in self._processes
            )
            for number in numbers
        )

    def only_plain(self, folded: str) -> bool:
        """Whether the message says the business only does work in none of the 47 ("自己只焊接", "只是贸易")."""
        # most messages hold none of the words' first characters: one check in C rules them out
        return (
            self._only_plain is not None
            and self._only_start.search(folded) is not None
            and self._only_plain.search(folded) is not None
        )

    def _narrowed(
        self,
        folded: str,
        spans: list[_Span],
        clause_starts: set[int],
        scores: dict[int, int],
        matched: dict[int, list[str]],
    ) -> None:
        """Evidence for a broader industry, said with a word that tells a narrower one apart and not denied
        ("喷涂车间，几十家企业共用"), is evidence for the narrower one: the words matched move to it, with that word."""
        # built for the first broader industry scored: most messages score none
        bounds: list[tuple[int, int]] | None = None
        parties: list[tuple[int, int]] = []
        for narrow, broader, told_by, kept_by in self._narrower:
            if not broader & scores.keys():
                continue  # most messages: nothing of the broader industry to narrow
            if bounds is None:
                bounds = [(span.start, span.end) for span in spans]
                # "我们做中厚板，卖给电炉钢厂": a party's name says what the party is, not the speaker
                parties = [(span.start, span.end) for span in spans if span.party]
            found = [
                word
                for word in (told_by.finditer(folded) if told_by else ())
                if not self._negated(folded, word.start(), word.end(), bounds, clause_starts)
                and not _inside(word.start(), parties)
            ]
            if not found or any(
                not self._negated(folded, word.start(), word.end(), bounds, clause_starts)
                and not _inside(word.start(), parties)
                for word in (kept_by.finditer(folded) if kept_by else ())
            ):
                continue
            for number in broader & scores.keys():
                scores[narrow] = scores.get(narrow, 0) + scores.pop(number)
                matched.setdefault(narrow, []).extend(matched.pop(number))
            told = found[0].group()
            if narrow in matched and not any(
                told in term for term in matched[narrow]
            ):  # 电弧炉 of 电弧炉炼钢
                matched[narrow].append(told)

    def _sidelines(
        self, folded: str, spans: list[_Span], clause_starts: set[int], scores: dict[int, int]
    ) -> set[int]:
        """The industries scored only by words in clauses that start with a sideline word, beside others scored
        elsewhere ("主业做饲料，还有个小铸造车间"): another line of the business, which takes part for it whatever the
        main line's words weigh."""
        starts_sideline = self._sideline
        if starts_sideline is None or not any(
            clause and starts_sideline.match(folded, clause) for clause in clause_starts
        ):
            return set()  # most messages start no clause with a sideline word: every word is the main line's
        main: set[int] = set()
        sideline: set[int] = set()
        for span in spans:
            if span.party or span.negated or span.bought or span.term not in self._terms:
                continue
            clause, _ = _clause_around(clause_starts, span.start, len(folded))
            line = sideline if clause and starts_sideline.match(folded, clause) else main
            line.update(self._terms[span.term] & scores.keys())
        return sideline - main if main & scores.keys() else set()

    def _ranked(
        self, scores: dict[int, int], matched: dict[int, list[str]], sidelines: AbstractSet[int] = frozenset()
    ) -> IndustryMatch:
        ranked = sorted(scores, key=lambda n: (-scores[n], self.industries[n].number))
        if sidelines and not all(n in sidelines for n in ranked):
            # the main line's best first, its sideline's best beside it however light its words
            main_best = next(n for n in ranked if n not in sidelines)
            side_best = next(n for n in ranked if n in sidelines)
            ranked = [main_best, side_best, *(n for n in ranked if n not in (main_best, side_best))]
            best = ranked[0]
            close = [main_best, side_best]
            close += [
                n for n in ranked[2 : self.CANDIDATES] if scores[n] >= self.AMBIGUOUS_RATIO * scores[best]
            ]
            return IndustryMatch(
                "ambiguous", [self.industries[n] for n in close], [t for n in close for t in matched[n]]
            )
        best = ranked[0]
        close = [n for n in ranked[: self.CANDIDATES] if scores[n] >= self.AMBIGUOUS_RATIO * scores[best]]
        if len(close) > 1:
            return IndustryMatch(
                "ambiguous", [self.industries[n] for n in close], [t for n in close for t in matched[n]]
            )
        return IndustryMatch("one", [self.industries[best]], matched[best])

    def _typo(self, folded: str, clause_starts: set[int]) -> IndustryMatch | None:
        """Catalogue terms the message may have mistyped (homophones, one wrong character), never across a comma."""
        clauses = _clauses_apart(folded, clause_starts)
        return self._read_as(
            self._sounds.find(
                clauses, edits_at=lambda start, end: self._says_business_at(clauses, start, end)
            )
        )

    def _says_business_at(self, clauses: str, start: int, end: int) -> bool:
        """Whether a word of the clauses (joined by "_") stands where a business is said, a business noun after it or
        not: before a question of taking part ("陶资厂要报吗", "文件框厂算不算"), alone, or ending its clause (a 的
        after it or not) after a word of making or of self-description ("我们做文件框的", "我们生产猪用配合料"). A
        character wrong elsewhere mostly starts the next word: "文件关于…" is no 文件柜, "老板让我问" no 老板桌,
        "电工兼管环保" no 电工套管, "原料进厂都是散装车拉的" no 原料药."""
        before = clauses[clauses.rfind("_", 0, start) + 1 : start]
        clause_end = clauses.find("_", end)
        after = clauses[end : clause_end if clause_end >= 0 else len(clauses)]
        noun = self._names_business.match(after) if self._names_business is not None else None
        after = after[noun.end() :] if noun is not None else after
        if any(
            cues is not None and cues.match(after)
            for cues in (self._asks_participation, self._asks_membership)
        ):
            return True
        if after and not after.startswith(_OF_WORD):
            return False
        return not (before or after) or any(
            cues is not None and cues.search(before) is not None
            for cues in (self._describes, self._production, self._plain_verbs)
        )

    def _read_as(self, readings: list[tuple[str, str]]) -> IndustryMatch | None:
        """The verdict the catalogue terms typed as `readings` (typed, term) support."""
        if not readings:
            return None
        scores: dict[int, int] = {}
        matched: dict[int, list[str]] = {}
        counted: set[tuple[str, int]] = set()  # one typed word read as two terms of an industry counts once
        for typed, term in readings:
            for number in self._terms[term]:
                spelled = self._spelling[term]
                if spelled not in matched.setdefault(number, []):
                    matched[number].append(spelled)
                    if (typed, number) not in counted:
                        counted.add((typed, number))
                        scores[number] = scores.get(number, 0) + len(term)
        found = self._ranked(scores, matched)
        as_read = [(typed, self._spelling[term]) for typed, term in readings]
        return IndustryMatch(found.verdict, found.candidates, found.terms, read_as=as_read)

    def _outside_typo(self, folded: str, clause_starts: set[int]) -> IndustryMatch | None:
        """The class of GB/T 4754 an exact homophone of its words names, read as a whole message is read
        (negations, listed work beside it), when that reading places the business outside."""
        readings = self._outside_sounds.find(_clauses_apart(folded, clause_starts))
        if not readings:
            return None
        respelled = folded
        for typed, term in readings:  # same sound, same length: clauses keep their places
            respelled = respelled.replace(typed, term)
        spans = self._spans(respelled, clause_starts)
        if not any(span.term in self._outside for span in spans):
            # the word read is no evidence where it stands ("做调料瓶": a container's contents); read again, the
            # respelled text would be searched for typos without end
            return None
        reading = Reading(self, respelled, spans, clause_starts)
        match = reading.match
        if match.verdict != "outside" or match.outside is None:
            return None
        return replace(match, read_as=[(typed, self._spelling[term]) for typed, term in readings])

    def _closest(self, folded: str) -> list[Industry]:
        """Industries sharing the most two-character words with the message: guesses to offer, not a verdict."""
        # a figure standing alone (pH 5.5, 2500吨) is a measure, no piece of a product code (N550, PO42.5) it shares digits with
        folded = _LONE_FIGURE.sub(lambda figure: "_" * len(figure.group()), folded)
        scores: dict[int, float] = {}
        for i in range(len(folded) - 1):
            numbers = self._bigrams.get(folded[i : i + 2], set())
            for number in numbers:
                scores[number] = scores.get(number, 0.0) + 1 / len(numbers)
        ranked = sorted(scores, key=lambda n: (-scores[n], self.industries[n].number))
        return [self.industries[n] for n in ranked[: self.CANDIDATES]]

    def _longest_terms(self, folded: str, clause_starts: set[int]) -> list[tuple[int, int]]:
        """The longest known word (the catalogue's or outside.yaml's) starting at each place, by place, none reaching
        over the start of a clause ("我们是电动自行车，组装" names no 电动自行车组装)."""
        longest: dict[int, int] = {}
        for _, start, end in self._term_automaton.find_matches_as_indexes(folded, overlapping=True):
            if end > longest.get(start, start) and not _clause_between(clause_starts, start, end - 1):
                longest[start] = end
        return sorted(longest.items())

    def _spans(self, folded: str, clause_starts: set[int]) -> list[_Span]:
        """Longest known term at each position, without terms lying inside a longer one; each marked
        negated when a negator governs it."""
        found = self._longest_terms(folded, clause_starts)
        # `found` runs by start, one term per start: a term lies inside a longer one exactly when an earlier term
        # reaches as far as it does
        kept: list[tuple[int, int]] = []
        reach = -1
        for start, end in found:
            if end > reach and not (start < reach and self._names_outside(folded, kept[-1], end)):
                if start < reach and self._verb_takes_outside(folded, kept[-1], start, end):
                    kept.pop()
                elif start < reach and self._starts_inside_listed(folded, kept[-1], start, end):
                    continue
                kept.append((start, end))
                reach = end
        # most messages count nothing after a verb: one search of the pattern before the rule's walk
        counting = self._counted_object
        counted = (
            self._counted_objects(folded, kept, counting)
            if counting is not None and counting.search(folded) is not None
            else {}
        )
        if counted:
            kept = sorted([*kept, *counted])
        if self._container_after is not None:
            # "做调料瓶": the outside word only says what the container holds; the business makes the container
            kept = [
                (start, end)
                for start, end in kept
                if not (
                    folded[start:end] in self._outside
                    and end not in clause_starts
                    and self._container_after.match(folded, end)
                )
            ]
        spans: list[_Span] = []
        for start, end in kept:
            negated = self._negated(folded, start, end, kept, clause_starts)
            if not negated and spans and spans[-1].negated:
                negated = self._joined(folded, spans[-1].end, start, clause_starts)
            term = counted.get((start, end), folded[start:end]) if counted else folded[start:end]
            spans.append(_Span(start, end, term, negated))
        if self._said_past is not None and self._said_past.search(folded):
            for span in spans:
                if self._given_up(folded, span, clause_starts):
                    span.negated = True
        # "喷漆和电镀都不做": a denial after the last term reaches back over the joiners, like one before the first
        for at in range(len(spans) - 2, -1, -1):
            if spans[at + 1].negated and not spans[at].negated:
                if self._joined(folded, spans[at].end, spans[at + 1].start, clause_starts):
                    spans[at].negated = True
        return spans

    def _counted_objects(
        self, folded: str, kept: list[tuple[int, int]], counting: re.Pattern[str]
    ) -> dict[tuple[int, int], str]:
        """The words of outside.yaml said with a count between their verb and its object ("养了两千头猪" says 养猪, "种了
        三百亩玉米" 种玉米), each by where it stands, verb to object, the longest object; the known words inside the object
        are left out of `kept`, as the longer word said without the count holds them ("种植中药材"), and a known word
        across either end keeps its place (`counting`: the pattern of a verb, a count and its measure)."""
        counted: dict[tuple[int, int], str] = {}
        for found in counting.finditer(folded):
            verb, at = found.group(1), found.end()
            word = next(
                (
                    verb + folded[at:end]
                    for end in range(min(len(folded), at + _COUNTED_OBJECT_MAX), at, -1)
                    if verb + folded[at:end] in self._outside
                ),
                None,
            )
            if word is None:
                continue
            place = (found.start(), at + len(word) - len(verb))
            inside = [(low, high) for low, high in kept if at <= low and high <= place[1]]
            if not any(low < place[1] and place[0] < high for low, high in kept if (low, high) not in inside):
                counted[place] = word
                kept[:] = [known for known in kept if known not in inside]
        return counted

    def _starts_inside_listed(self, folded: str, term: tuple[int, int], start: int, end: int) -> bool:
        """Whether a word outside the 47 starting inside a listed word before it is no word of its own: of two
        characters on the listed word's last ("废钢化了" melts scrap, 废钢 then 化; it tempers no glass, 钢化), or the
        listed word's tail and a word of production ("塑料齿轮加工" works plastic gears); a longer word holding more of
        the listed one and other work is a compound of its own ("花岗岩荒料开采" quarries)."""
        low, high = term
        if not (
            low < start < high and folded[start:end] in self._outside and folded[low:high] in self._terms
        ):
            return False
        # the listed word's tail and a word of production ("石墨模具加工" holds 模具加工): the work done to the listed
        # goods, no trade of the tail's goods ("模具加工" of steel moulds)
        return (end - start == _SHORTEST_TERM and start == high - 1) or (
            self._production is not None and self._production.fullmatch(folded, high, end) is not None
        )

    def _verb_takes_outside(self, folded: str, term: tuple[int, int], start: int, end: int) -> bool:
        """Whether a term of a verb and goods ("做饲料", "做软件") overlaps, right after its verb, a longer word outside
        the 47 that the verb governs whole ("我们做饲料店", "做石材安装的", "做软件外包"): the business is that trade."""
        low, high = term
        verb = self._plain_verbs.match(folded, low) if self._plain_verbs is not None else None
        return (
            verb is not None
            and verb.end() == start
            and folded[start:end] in self._outside
            and (folded[low:high] in self._terms or folded[low:high] in self._outside)
        )

    def _names_outside(self, folded: str, outside: tuple[int, int], end: int) -> bool:
        """Whether a term overlapping a word outside the 47 and ending at `end` only adds a business noun to it: the head
        word is the outside one ("免烧砖厂" is a 免烧砖 plant, no 烧砖厂); not where the outside word starts with a verb,
        whose object the term is ("做防水厂" is a 防水厂)."""
        low, high = outside
        return (
            folded[low:high] in self._outside
            and not any(
                verbs is not None and verbs.match(folded, low)
                for verbs in (self._plain_verbs, self._production)
            )
            and self._names_business is not None
            and self._names_business.fullmatch(folded, high, end) is not None
        )

    def _given_up(self, folded: str, span: _Span, clause_starts: set[int]) -> bool:
        """Whether the term is said of the past ("以前喷漆") and a later clause says, by itself, that it stopped
        ("现在不喷了", "去年拆了") or starts with what the place was changed to ("现在改成仓库了": what that clause
        names places the business); "现在不用油性漆了" names what changed, and stops nothing."""
        if span.negated or self._past is None:
            return False
        clause = _clause_around(clause_starts, span.start, len(folded))[0]
        if not self._past.match(folded, clause):
            return False
        later = [folded[low:high] for low, high in _clauses(clause_starts, len(folded)) if low > span.start]
        return any(
            self._denied_after_term("", part)
            or (self._stopped is not None and self._stopped.match(part) is not None)
            or (self._changed_to is not None and self._changed_to.match(part) is not None)
            for part in later
        )

    def _joined(self, folded: str, end: int, start: int, clause_starts: set[int]) -> bool:
        """Whether two terms stand joined in one clause ("喷漆和电镀"), so that a denial of one is of both."""
        # a clause starting right where the first term ends is between them too ("不喷漆，做鞋")
        return folded[end:start] in self._joiners and not _clause_between(clause_starts, end - 1, start)

    def _mark_parties(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> None:
        """Marks the business names of another party (`_mark_counterparts`); then, in one walk, the goods of a customer
        the speaker works on as handled, and the listed words a clause asks about as no one's where other words say
        what the business is ("面粉厂，算饲料加工吗": the question, not the evidence; "做饲料的，算饲料加工吗" is still
        饲料加工); alone, the name asked about is the speaker's own guess ("我们家做砖，这算砖瓦窑吗")."""
        self._mark_shop_sellers(folded, spans, clause_starts)
        self._mark_repaired(folded, spans, clause_starts)
        self._mark_made_for(folded, spans, clause_starts)
        self._mark_held(folded, spans, clause_starts)
        self._mark_graded_subjects(folded, spans, clause_starts)
        counterparts = self._counterparts
        parties = counterparts is not None and (
            any(
                span.term in self._business_names
                or (self._maker_named is not None and self._maker_named.match(folded, span.end) is not None)
                for span in spans
            )
            or bool(spans and counterparts.sold_to_others(folded))
            or bool(spans and counterparts.sells_to_someone(folded))
            or (counterparts.supplies_someone(folded) and any(span.term in self._outside for span in spans))
        )
        asked = self._asked_before
        asking = asked is not None and self._asked_anywhere.search(folded) is not None
        if not (parties or asking):
            return  # most messages name no business and ask about no name
        uses: list[tuple[int, int, bool]] = []
        if parties and counterparts is not None:
            self._mark_counterparts(folded, spans, clause_starts, counterparts)
            uses = self._customers_use(folded, spans, clause_starts)
        asked_about: list[_Span] = []
        unasked = False  # a span left the speaker's own
        for span in spans:
            handled = next((handled for low, high, handled in uses if low <= span.start < high), None)
            if handled is False:
                span.party = True
            elif handled and span.term in self._terms and span.term not in self._made:
                # the customer's goods the speaker works on are goods handled, the condition, even those of its own
                # industry (给陶瓷厂切割瓷砖); a process named (加工球团) or an outside word (修印刷机) is still the
                # speaker's work, or the customer's plant (帮焦化厂修焦炉)
                span.bought, span.party = True, False
            if asking and asked is not None and span.term in self._terms:
                clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
                if asked.search(folded, clause, span.start) and self._asks_in(
                    folded[clause:clause_end], self._question_words
                ):
                    asked_about.append(span)
                    continue
            if not span.party:
                unasked = True
        # "给铁合金厂修矿热炉，算铁合金吗": the industry of a party named is asked about, not the speaker's guess
        parties_of = {number for span in spans if span.party for number in self._terms.get(span.term, ())}
        for span in asked_about:
            if unasked or self._terms[span.term] <= parties_of:
                span.party = True

    def _mark_shop_sellers(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> None:
        """Marks a shop named as the seller of the speaker's goods a party, and the listed goods it sells the speaker's
        own product: "药店里卖的感冒颗粒是我们厂生产的" is no pharmacy's word, "我们是五金店，卖铁锹" still a shop."""
        if self._counterparts is None:
            return
        for low, high in self._counterparts.sold_by_shops(folded, clause_starts, self._sells):
            for span in spans:
                if low <= span.start < high and not span.negated:
                    if span.term in self._outside:
                        span.party = True
                    else:
                        span.sold_by_shop = True

    def _mark_graded_subjects(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> None:
        """Marks as another's a listed word that is the subject of the grading talked about ("印染要报我们也要报吗",
        "这个砖瓦窑的评级跟我们有关系吗", "分局说涉及焦化"): whose business it is the message does not say, so where nothing
        else says what the speaker's is, the reply is unsure, never 不属于."""
        before, after = self._subject_before, self._subject_after
        for span in spans:
            if span.term not in self._terms:
                continue
            clause = _clause_around(clause_starts, span.start, len(folded))[0]
            if (before is not None and before.search(folded, clause, span.start)) or (
                after is not None and after.match(folded, span.end)
            ):
                span.party = span.graded = True

    def _mark_inputs(self, folded: str, spans: list[_Span]) -> None:
        """Marks as a party's the goods the speaker says it takes in as raw material (`taken_in`: "拿煤焦油当原料烧炭黑")
        or applies to something (`applied_with`: "钢结构喷防腐漆", "果园喷农药"), made by its supplier, unless an industry of the catalogue lists them as what it takes in (蒽油 of 炭黑制造), which
        stays evidence of that industry. Then the materials of an industry whose business the message names as another
        party: what the speaker supplies or carries to it ("选矿厂，铁精粉都卖给钢厂"), which that industry takes in and
        never makes, so no evidence that the speaker is one. Goods found bought or traded stay so, the condition
        ("铸造厂的型砂供应商，只做贸易")."""
        parties_of = {number for span in spans if span.party for number in self._terms.get(span.term, ())}
        for index, span in enumerate(spans):
            if (
                not (span.negated or span.bought)
                and span.term not in self._materials
                and (
                    folded.startswith(self._taken_in, span.end)
                    or self._worked_into_other_goods(folded, spans, index)
                    or self._applied(folded, span)
                )
            ):
                span.party = True
        if not parties_of:
            return  # most messages name no other party
        for span in spans:
            if (
                not (span.negated or span.bought)
                and span.term in self._materials
                and self._terms[span.term] <= parties_of
            ):
                span.party = True

    def _applied(self, folded: str, span: _Span) -> bool:
        """Whether the term names goods of an industry making what is applied (`applied_goods`: paint, pesticide) right
        after a word of applying them ("喷防腐漆", "撒尿素"); the things coated are no such goods ("喷家具")."""
        industries = self._terms.get(span.term, set())
        return (
            bool(industries)
            and industries <= self._applied_goods
            and span.term not in self._made
            and folded.endswith(self._applied_with, 0, span.start)
        )

    def _worked_into_other_goods(self, folded: str, spans: list[_Span], index: int) -> bool:
        """Whether goods follow one of `taken_with` and come right before a word of production and the listed goods of
        other industries made of them ("用煤焦油烧炭黑", "拿铝锭轧铝板", "用焦炭炼铁"): what the speaker takes in, its supplier's."""
        span = spans[index]
        if (
            index + 1 == len(spans)
            or span.term in self._made
            or span.term not in self._terms
            or not folded.endswith(self._taken_with, 0, span.start)
            or self._production is None
        ):
            return False
        made = self._production.match(folded, span.end)
        product = spans[index + 1]
        return (
            made is not None
            # the goods made ("烧炭黑"), or the making named by one term ("炼铁")
            and (product.start == made.end() or (product.start == span.end and product.term in self._made))
            and product.term in self._terms
            and self._terms[product.term].isdisjoint(self._terms[span.term])
        )

    def _mark_made_for(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> None:
        """Marks as a customer's a listed word that one of `made_for` follows after a verb of making in its clause, and
        the later words of its clause naming only its industry: the speaker makes things for that industry
        ("生产钢厂用的皮带输送机", "做热镀锌用的锌锅设备"); "我们有喷漆用的设备" makes nothing and stays evidence."""
        if not self._made_for:
            return
        for at, span in enumerate(spans):
            if (
                span.negated
                or span.term not in self._terms
                or not folded.startswith(self._made_for, span.end)
            ):
                continue
            clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
            # "做玻璃钢管道，用的不饱和树脂": 用的 starting the next clause says what is used, not whom it is made for
            if span.end >= clause_end or not self._naming_verbs.search(folded, clause, span.start):
                continue
            span.party = True
            industries = self._terms[span.term]
            for later in spans[at + 1 :]:
                if later.start >= clause_end:
                    break
                if not later.negated and self._terms.get(later.term, industries | {-1}) <= industries:
                    later.party = True

    def _mark_held(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> None:
        """Marks as another's the listed goods counted as machines the speaker holds ("我们有两台装载机", "买了台挖掘机"):
        another maker's goods, which say nothing of what the speaker makes. Processes and facilities counted so are the
        speaker's own work ("有两台矿热炉")."""
        if self._held is None:
            return
        for span in spans:
            if span.negated or span.term not in self._products or span.term in self._made:
                continue
            clause = _clause_around(clause_starts, span.start, len(folded))[0]
            if self._held.search(folded, clause, span.start) is not None:
                span.party = True

    def _mark_plant_parts(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> None:
        """Marks as no business of the speaker's a trade outside the 47 that opens its clause after the speaker's own
        plant, named by no industry ("厂里食堂下个月装修", "我们厂的锅炉房要改造"): a part every plant may have, which says
        nothing of what this one makes."""
        if self._plant_part is None:
            return
        for span in spans:
            if span.negated or span.term not in self._outside:
                continue
            clause = _clause_around(clause_starts, span.start, len(folded))[0]
            # the whole clause before the trade: "钢厂里的保安公司" is a firm hosted by a plant named, not its part
            if self._plant_part.fullmatch(folded, clause, span.start) is not None:
                span.party = span.plant_part = True

    def _mark_repaired(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> None:
        """Marks as another's the known words after a word of repairing, to the end of its clause unless a word of
        production comes between: the plant or goods the speaker repairs ("专业维修高炉和转炉设备", "专门修推焦车",
        "修焦炉上的设备和电机"), no evidence of what it runs or makes; "装修涂料" and "汽修厂" repair nothing here."""
        repairs = self._repairs
        if repairs is None or repairs.search(folded) is None:
            return  # most messages say no repair: one search rules them out
        bounds = [(span.start, span.end) for span in spans]
        for repair in repairs.finditer(folded):
            if repair.group(1) is None or _inside(repair.start(), bounds):
                continue  # 装修; a term's own 修 (修枝剪, 汽修厂)
            clause, clause_end = _clause_around(clause_starts, repair.start(), len(folded))
            # a repair service for a party named, or one said to be the business's trade ("专业维修") on plant
            # not said to be its own
            for_another = repair.group(1) in self._repair_services and (
                (
                    self._repairs_for_another is not None
                    and self._repairs_for_another.search(folded, clause, repair.start()) is not None
                )
                or (
                    folded.endswith(self._repair_trade_words, clause, repair.start())
                    and self._own_chars.isdisjoint(folded[repair.end() : clause_end])
                )
            )
            repaired = self._repaired_before(folded, spans, clause, repair.start(), clause_starts)
            for span in spans:
                if (
                    repair.end() <= span.start < clause_end
                    and not span.negated
                    and (
                        self._production is None
                        or not self._production.search(folded, repair.end(), span.start)
                    )
                ):
                    repaired.append(span)
            for span in repaired:
                span.party = True
                span.repaired_for_another = span.repaired_for_another or for_another

    def _repaired_before(
        self, folded: str, spans: list[_Span], clause: int, repair: int, clause_starts: set[int]
    ) -> list[_Span]:
        """The known words right before a repair word, joined or side by side, that one of `repaired_for` starts,
        alone or with the plant's owner ("帮客户的"): another's plant the speaker repairs ("给高炉转炉砌砖修炉",
        "帮焦炉换炉门"), as the words after it are."""
        if not self._repaired_for:
            return []
        run: list[_Span] = []
        # "给焦炉做检修": the plant stands before the verb the repair word follows
        light_verb = next(
            (verb for verb in self._repair_light_verbs if folded.endswith(verb, clause, repair)), ""
        )
        start = repair - len(light_verb)
        for span in reversed(spans):
            if span.end > start or span.start < clause:
                if span.start < clause:
                    break
                continue
            if not self._joined(folded, span.end, start, clause_starts) or span.negated:
                break
            run.append(span)
            start = span.start
        before = folded[clause:start]
        owned = self._repaired_for_owner is not None and self._repaired_for_owner.search(before) is not None
        return run if run and (before.endswith(self._repaired_for) or owned) else []

    def _mark_counterparts(
        self, folded: str, spans: list[_Span], clause_starts: set[int], counterparts: _Counterparts
    ) -> None:
        """Marks the business names of another party, a customer or a supplier ("给钢厂供活性灰", "铸造厂的供应商"):
        what the speaker's business does is in the rest."""
        own_trades = [span for span in spans if span.term in self._outside and not span.negated]
        named_party = False  # the span before was a party's name, or joined to one
        for at, span in enumerate(spans):
            # "给护栏厂镀", "卖给腻子粉厂": goods before 厂, 公司 … name the maker a customer is, as 家具厂 does
            maker = (
                self._maker_named.match(folded, span.end)
                if self._maker_named is not None and (span.term in self._terms or span.term in self._outside)
                else None
            )
            clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
            previous_end = spans[at - 1].end if at else clause  # no other word between the cue and the name
            before = folded[max(clause, previous_end) : span.start]
            # "卖给超市", "给涂料经销商供货": a trade outside the 47 the goods are sold or supplied to is the customer's,
            # whatever its word, and whatever goods its name holds
            customer_trade = (
                span.term in self._outside
                and not span.negated
                and counterparts.supplied_to(
                    folded[clause : span.start], span.term, folded[span.end : clause_end]
                )
            )
            if span.term not in self._business_names and maker is None and not customer_trade:
                # "收旧电瓶，卖给炼铅的厂": the customer's trade, not the speaker's work
                span.party = span.party or (
                    not span.negated
                    and counterparts.sold_to_trade(
                        self._generic.sub("", before), folded[span.end : clause_end]
                    )
                )
                named_party = False
                continue
            name_end = maker.end() if maker is not None else span.end
            party = customer_trade or (
                not span.negated
                and counterparts.party(
                    folded[span.start : name_end],
                    before,
                    folded[name_end:clause_end],
                    # "在平山建光伏电站": the trade named is this very name, the speaker's own, no other party beside it
                    any(trade is not span for trade in own_trades),
                )
            )
            # "给钢厂和水泥厂拉货", "给钢厂水泥厂供货": a name joined to a party's is another party, as a denial
            # carries on over joiners
            party = party or (
                named_party
                and self._joined(folded, spans[at - 1].end, span.start, clause_starts)
                and not counterparts.shares(folded[span.start : name_end])  # the plant they share
            )
            span.party = named_party = (
                span.party  # a customer's by what it is made for ("生产钢厂用的皮带输送机")
                or party
                or (
                    maker is None
                    and (
                        self._head_after(folded, spans, at, clause_end)
                        or self._does_the_work(folded, spans, at, clause_end)
                    )
                )
            )
            # "卖给涂料经销商": the goods right before the customer's trade word name that trade, not goods of ours
            held = at
            while (
                customer_trade
                and held
                and spans[held - 1].end == spans[held].start
                and spans[held].start not in clause_starts
            ):
                held -= 1
                spans[held].party = True
        # "做水泥厂和玻璃厂的工艺设计": a name joined to a party's after it is a party too, as a denial after the last
        # of joined terms reaches back over the joiners
        for at in range(len(spans) - 2, -1, -1):
            span, joined_to = spans[at], spans[at + 1]
            if (
                joined_to.party
                and not span.party
                and not span.negated
                and span.term in self._business_names
                and self._joined(folded, span.end, joined_to.start, clause_starts)
                and counterparts.of_another(folded[: span.start], "")  # "我们焦化厂和…" is the speaker's own
            ):
                span.party = True
        self._mark_parties_own(folded, spans, clause_starts)

    def _mark_parties_own(self, folded: str, spans: list[_Span], clause_starts: set[int]) -> None:
        """Marks as the party's the words after its name, in its clause, that name only its own industry and say no
        production: its goods and plant ("给焦化厂拉焦炭", "帮铁合金厂修矿热炉"), which the speaker carries or
        repairs. Another industry's goods ("给钢厂做耐火砖"), production said ("给焦化厂炼焦") and goods made or supplied
        ("给钢厂加工球团", "给药厂供原料药") stay the speaker's."""
        for at, party in enumerate(spans):
            industries = self._terms.get(party.term) if party.party else None
            if not industries:
                continue
            clause_end = _clause_around(clause_starts, party.start, len(folded))[1]
            for span in spans[at + 1 :]:
                if span.start >= clause_end:
                    break
                between = folded[party.end : span.start]
                # "焦化厂的煤焦油下游": goods its 的 names are what the speaker takes from it
                if (
                    not span.negated
                    and self._terms.get(span.term, industries | {-1}) <= industries
                    and not between.startswith(_OF_WORD)
                    and not self._says_making(span.term)
                    and (self._own_goods_before is None or self._own_goods_before.search(between) is None)
                ):
                    span.party = True

    def _says_making(self, term: str) -> bool:
        """Whether a term names work done, not goods: goods named by their making (the 铸 of 铸件, the 锻 of 锻件) are
        goods like any other."""
        return term in self._made or (
            term not in self._products
            and self._production is not None
            and self._production.search(term) is not None
        )

    def _unit_owners(self, folded: str, spans: list[_Span]) -> list[Industry]:
        """The listed plants a unit named right after their 的 may belong to ("钢厂的运输车队"): a fleet the speaker
        says it is may be a department of the plant, whose enterprise takes part for the plant's production and
        answers for its fleet (the 2020 notice's mobile-source rules), or a business of its own serving it."""
        if not self._unit_ends:
            return []
        owners: dict[str, Industry] = {}
        for at, plant in enumerate(spans[:-1]):
            if (
                not plant.party
                or plant.negated
                or plant.term not in self._terms
                # "给钢厂拉铁矿粉的运输车队": goods carried, not a plant
                or plant.term not in self._business_names
                or folded[plant.end : spans[at + 1].start] != _OF_WORD
            ):
                continue
            # the unit ends the outside words right after the 的 ("钢厂的物流车队": 物流, 车队)
            last, end = at, spans[at + 1].start
            while (
                last + 1 < len(spans)
                and spans[last + 1].start == end
                and spans[last + 1].term in self._outside
            ):
                last += 1
                end = spans[last].end
            if last > at and spans[last].term.endswith(self._unit_ends):
                for number in sorted(self._terms[plant.term]):
                    owners[self.industries[number].name] = self.industries[number]
        return list(owners.values())

    def _does_the_work(self, folded: str, spans: list[_Span], at: int, clause_end: int) -> bool:
        """Whether the business name at `at` is the party the term before it is said to be the work of ("喷漆是家具厂
        的事"): another's, as the work is."""
        if not at:
            return False
        by_party = self._by_party_after(folded, spans[at - 1].end, clause_end)
        return by_party is not None and by_party.end() >= spans[at].end

    def _head_after(self, folded: str, spans: list[_Span], at: int, clause_end: int) -> bool:
        """Whether the business name at `at` is another's because a trade outside the 47 after it and 的 ends its
        clause, alone or with more such trades: the head word names the speaker's business, the plant before 的 is
        the one it belongs to or serves ("钢厂的运输车队", "我们是焦化厂的保安公司", "钢厂里的余热发电合同能源公司");
        "我们焦化厂的食堂" is the speaker's own plant, and so is one whose 的 ends its clause or comes before a word of
        having ("我们是钢厂的，有个运输车队", "我是焦化厂的有个车队"): the speaker belongs to it, and the trade is what it has."""
        counterparts = self._counterparts
        span = spans[at]
        if counterparts is None or span.negated or at + 1 == len(spans):
            return False
        head = spans[at + 1]
        between = folded[span.end : head.start]
        if head.start >= clause_end or (self._owning is not None and self._owning.search(between)):
            return False
        # more words of trades outside the 47 may name the business with the head ("钢厂里的余热发电合同能源公司")
        rest = folded[head.end : clause_end]
        for trade in spans[at + 2 :]:
            if trade.start < clause_end and trade.term in self._outside and not trade.negated:
                rest = rest.replace(trade.term, "", 1)
        return (
            head.term in self._outside
            and not head.negated
            and counterparts.of_plant(between)
            and not self._generic.sub("", rest)
            and counterparts.of_another(folded[: span.start], between)
        )

    def _customers_use(
        self, folded: str, spans: list[_Span], clause_starts: set[int]
    ) -> list[tuple[int, int, bool]]:
        """Where a clause says what a customer the goods are sold to does with them: after its name, to the end of
        the clause ("卖给陶瓷厂烧窑", "卖给玻璃厂装玻璃", "租给石灰窑用"); not after a 的 ("卖给钢厂的是自己烧的灰"). So too
        where the speaker works on the customer's things ("给铸造厂精加工铸件", "帮焦化厂修焦炉门"): they are the
        customer's goods and plant, and the work is plain (each range marked so: True)."""
        counterparts = self._counterparts
        if counterparts is None or not counterparts.serves_someone(folded):
            return []  # most messages sell to no one and work for no one
        # "厂房租给别人搞喷漆": what someone else the premises or goods go to does, to the end of the clause
        uses = [
            (start, _clause_around(clause_starts, start - 1, len(folded))[1], False)
            for start in counterparts.sold_to_others(folded)
        ]
        for at, span in enumerate(spans):
            if span.term not in self._business_names or span.negated:
                continue
            clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
            if span.end >= clause_end or folded.startswith(_OF_WORD, span.end):
                continue
            before = folded[max(clause, spans[at - 1].end if at else clause) : span.start]
            if counterparts.sold_to(before, span.term) or counterparts.takes(
                span.term, before, folded[span.end : clause_end]
            ):
                uses.append((span.end, clause_end, False))
            elif counterparts.works_for(before, folded[span.end : clause_end]):
                uses.append((span.end, clause_end, True))
        return uses

    def _mark_bought(
        self, folded: str, spans: list[_Span], clause_starts: set[int], finished: list[tuple[int, int, str]]
    ) -> None:
        """Marks the spans naming goods bought, sold, traded or handled (needed only for a verdict), once every
        party is marked: a party's name says no production of ours."""
        # What the message says besides the goods it names (铸件 holds 铸 but says no casting), the work on goods
        # others made ("铸件后加工", "铸件是别人铸好的") and the making of goods outside the 47 ("做复合肥"):
        # production said there keeps goods as evidence.
        for span in spans:  # a plain loop: a generator in any() costs more than the test
            if (
                span.term not in self._made
                or span.term in self._verb_terms
                or span.term.endswith(self._machine_ends)
            ) and span.term not in self._outside:
                break
        else:
            return  # processes and outside words are never goods bought, but for machines sold
        # words of grades and measures say no production ("限产名单" holds 产)
        said = (
            self._about_grading.sub(lambda word: "_" * len(word.group()), folded)
            if self._about_grading
            else folded
        )
        starts = {span.start for span in spans if span.term not in self._outside}  # of listed words
        placing = [
            span.term in self._outside and self._places(folded, span, starts, clause_starts) for span in spans
        ]
        any_placing = any(placing)  # once, not per span
        inputs: list[_Span] = []  # goods worked into the product of the business an outside class places
        for span, places in zip(spans, placing, strict=True):
            worked = (
                next((word for word in self._worked_after if folded.startswith(word, span.end)), "")
                if folded.startswith(self._worked_after, span.end)
                else ""  # most goods are followed by no such word: one call in C rules them out
            )
            if span.term in self._outside and any(
                span.start < listed.start < span.end < listed.end
                for listed in spans
                if listed.term not in self._outside
            ):
                continue  # "做防水卷材": the verb of 做防水 makes the listed goods its object runs on into
            start = span.end if span.term in self._made else span.start
            if places and self._production_before is not None:
                # within its clause: "瓷砖自己生产，开仓库" makes no warehouse
                made = self._production_before.search(
                    folded, _clause_around(clause_starts, span.start, len(folded))[0], start
                )
                start = made.start() if made else start
            end = span.end + len(worked) - len(self._list_head(folded, span, spans))
            others = self._others_made.match(folded, end) if self._others_made else None
            # a business an outside class places works goods it buys, or mixes in, into its own product: "做复合肥，
            # 尿素是买来掺混造粒的" makes no urea, "做免烧砖，水泥加砂压的" no cement
            goods = any_placing and span.term not in self._made and span.term not in self._outside
            # mixed into the product of the business named before ("做免烧砖，水泥加砂"), not into what follows
            # ("铝土矿加烧碱溶出")
            mixed = (
                goods
                and self._mixed_in(folded, span.end)
                and any(
                    placed and named.end <= span.start for named, placed in zip(spans, placing, strict=True)
                )
            )
            if mixed:
                inputs.append(span)
            # goods a placed business buys: the rest of the clause is what it does with them; "瓷砖买卖" sells them
            bought_in = (
                goods
                and self._bought_after is not None
                and self._bought_after.match(folded, span.end) is not None
                and not (self._sells is not None and self._sells.match(folded, span.end))
            )
            # bought before ("买原片玻璃回来切割、钢化，做淋浴房的隔断"): inputs, whatever it makes of them after
            if goods and not bought_in and self._bought_in_then_worked(folded, span, clause_starts):
                inputs.append(span)
                bought_in = True
            if others is not None or mixed or bought_in:
                end = _clause_around(clause_starts, span.start, len(folded))[1]
            said = said[:start] + "_" * (end - start) + said[end:]
        for low, high, _ in finished:
            said = said[:low] + "_" * (high - low) + said[high:]
        for party in [
            span for span in spans if span.party
        ]:  # a customer's name says no production of ours (铸造厂)
            said = said[: party.start] + "_" * (party.end - party.start) + said[party.end :]
        # A business that handles goods others made (trade, transport, storage, building, repair) names them as
        # the goods it handles: "废品收购站，纸壳塑料瓶分拣打包"; so does a trader ("玻璃经销商，浮法玻璃都是厂里订的货")
        # "瓷砖自己生产，开仓库存瓷砖": production said anywhere keeps the goods the business's own ("卖砖的，砖是自己窑上烧的")
        # "采购玉米、豆粕…制成颗粒": what a listed industry takes in, bought by a business that says production and that no
        # outside class places, is evidence of that industry, not goods traded
        # (production is looked for once, and only where one of these asks for it)
        handles = self.only_plain(folded)
        takes_in = False
        if not handles:
            handles_or_sells = any(
                places and self._outside[span.term] in self._handles_goods
                for span, places in zip(spans, placing, strict=True)
            ) or (
                self._sells is not None
                and self._production is not None
                and self._sells.search(said) is not None
            )
            if handles_or_sells or not any_placing:
                produces = self._says_production(said, clause_starts)
                handles = handles_or_sells and not produces
                takes_in = not any_placing and not handles and produces
        for span in spans:
            if (
                not span.negated
                and not span.party
                and not (takes_in and span.term in self._materials)
                and (span in inputs or self._bought(folded, said, span, clause_starts, handles))
            ):
                span.bought = True
        # The same goods said again are the same goods: "铝锭贸易，给型材厂供铝锭"; but goods said made where one of them
        # is named, or named by a works of its own ("自己有地板砖厂"), are the business's own product ("我们生产瓷砖，
        # 瓷砖代理商" names its own distribution); only the goods bought somewhere are looked at so
        bought = {span.term for span in spans if span.bought}
        bought -= {
            span.term
            for span in spans
            if not span.bought
            and span.term in bought
            and (
                self._made_in_its_clause(folded, said, span, clause_starts)
                or self._names_own_works(
                    folded, span, _clause_around(clause_starts, span.start, len(folded))[0]
                )
            )
        }
        for span in spans:
            if span.term in bought and not span.negated:
                span.bought = True
        # A term overlapping bought goods names the same goods more fully: "买浮法玻璃原片" buys the 玻璃原片 too
        for before, span in itertools.pairwise(spans):
            if (
                before.bought
                and span.start < before.end
                and not (span.negated or span.party or span.term in self._made)
            ):
                span.bought = True
        # Goods said side by side, no joiner between, are bought together: "水泥石子买来" buys the cement too
        next_start = -1  # where the word after the span starts
        run_end = -1  # where the run of words side by side that the span may join ends
        run_bought = False  # whether a word of that run is bought
        for span in reversed(spans):
            if span.end != next_start or span.end in clause_starts:  # "铸造厂，生铁买来": a comma between
                run_end, run_bought = span.end, False
            elif (
                self._may_be_bought_beside(span)
                and (
                    run_bought
                    or (self._bought_after is not None and self._bought_after.match(folded, run_end))
                )
                # "我们做铸件生铁买来": the castings are made, the pig iron bought
                and not (
                    self._production_before is not None
                    and self._production_before.search(folded, 0, span.start) is not None
                )
            ):
                span.bought = True
            next_start, run_bought = span.start, run_bought or span.bought

    def _list_head(self, folded: str, span: _Span, spans: list[_Span]) -> str:
        """The word of production ending an outside word that is the last item of a list after listed goods
        ("经营范围：饲料、豆腐加工及销售"): it is the list's, said of every item, so the goods before are made; else ""."""
        if span.term not in self._outside or self._production_before is None:
            return ""
        if not any(
            folded[listed.end : span.start] in self.listing_joiners
            for listed in spans
            if listed.term not in self._outside and listed.end < span.start
        ):
            return ""
        made = self._production_before.search(span.term)
        return made.group() if made is not None and made.start() > 0 else ""

    def _goods_bought_in(self, folded: str, span: _Span, clause_starts: set[int]) -> bool:
        """Whether a span names a listed product (no material, process or plant) said bought in its clause: after a
        buying word or in a list it heads ("把买来的铝锭加工了卖"), or before one ("铝锭买来")."""
        if span.term not in self._products or span.term in self._made:
            return False
        clause = _clause_around(clause_starts, span.start, len(folded))[0]
        return (
            self._bought_said_before(folded, clause, span.start)
            or self._bought_in_list(folded, clause, span.start)
            or (self._bought_after is not None and self._bought_after.match(folded, span.end) is not None)
        )

    def _bought_in_then_worked(self, folded: str, span: _Span, clause_starts: set[int]) -> bool:
        """Whether goods follow a buying word and the message says no listed work from their clause on: "买原片玻璃回来切割、
        钢化" tempers the glass it buys; "收废铝，回来熔成铝锭" melts it and "小厂印外卖包装盒" prints the boxes (listed work,
        which keeps the goods as evidence)."""
        clause = _clause_around(clause_starts, span.start, len(folded))[0]
        return self._bought_said_before(folded, clause, span.start) and not (
            self._listed_work is not None and self._listed_work.search(folded, clause) is not None
        )

    def _may_be_bought_beside(self, span: _Span) -> bool:
        """Whether a word right before goods bought may be bought with them: goods of a listed industry, not denied, a
        party's or a process ("回转窑水泥买来" names no kiln bought)."""
        return not (span.negated or span.party or span.term in self._made or span.term in self._outside)

    def _mixed_in(self, folded: str, at: int) -> bool:
        """Whether goods ending at `at` are mixed into something ("水泥加砂", "水泥掺石粉"), not worked ("水泥加工")."""
        return (
            self._mixing is not None
            and self._mixing.match(folded, at) is not None
            and (self._production is None or self._production.match(folded, at) is None)
        )

    def _says_production(self, said: str, clause_starts: set[int]) -> bool:
        """Whether `said` (a message without its goods and the work done on goods others made) names production of
        the business's own in any clause; a production word denied is none ("只做批发，没有生产线"), but "不过…炼出来轧的"
        is no denial."""
        return self._production_in(
            "".join(self._without_trading(said[low:high]) for low, high in _clauses(clause_starts, len(said)))
        )

    def _names_production(self, untraded: str) -> bool:
        """Whether a message without its trades (`_says_production`) names production, its plain work and denied
        production taken out."""
        return (
            self._production is not None
            and self._production.search(self._without_produced_denied(self._without_plain_work(untraded)))
            is not None
        )

    def _places(self, folded: str, span: _Span, starts: set[int], clause_starts: set[int]) -> bool:
        """Whether an outside word names the business itself, not what its goods are for ("养殖场设备", "快递纸箱":
        a listed word follows it in its clause, or overlaps it) nor a customer's or a supplier's business ("卖给养殖户");
        a listed word after a comma says nothing of it ("做复合肥，尿素是买来的")."""
        return not (
            span.negated
            or span.party
            or any(span.start < start <= span.end for start in starts - clause_starts)
            or self._supplies(folded, span, clause_starts)
            or self._kept_unit(folded, span)
        )

    def _kept_unit(self, folded: str, span: _Span) -> bool:
        """Whether an outside word names a unit the business keeps ("钢坯厂，自己的车队", "有运输队"), not its trade."""
        return span.term.endswith(self._unit_ends) and folded.endswith(self._keeps_unit, 0, span.start)

    def _supplies(self, folded: str, span: _Span, clause_starts: set[int]) -> bool:
        """Whether the words after an outside word, in its clause, make it a customer ("养殖场设备"); "挖机维修，配件
        也卖" names no 维修配件."""
        return span.end not in clause_starts and folded.startswith(self._outside_suffixes, span.end)

    def _bought(self, folded: str, said: str, span: _Span, clause_starts: set[int], handles: bool) -> bool:
        """Whether goods the message names are bought, sold, assembled or handled rather than made ("买铝型材",
        "熟料买来磨", "水泥沙子都卖", "氧化铝从山西买来", "做饲料原料贸易"); a process ("烧石灰") never is, nor goods in a message
        naming production (searched in `said`: the message without the work done on goods others made)."""
        term, start, end = span.term, span.start, span.end
        if term in self._outside or span.sold_by_shop:
            return False
        clause, clause_end = _clause_around(clause_starts, start, len(folded))
        # "倒腾二手注塑机": a process named by its machine, after a word of selling in its clause, is the machine traded;
        # before a word of selling or letting to someone ("把注塑机租给别人"), it is the machine let or sold
        machine = term.endswith(self._machine_ends)
        machine_let = (
            machine and self._counterparts is not None and self._counterparts.sells_on(folded[end:clause_end])
        )
        machine_sold = machine_let or (machine and self._sold_in_its_item(folded, span, clause, start))
        if term in self._made and not machine_sold:
            # "做饲料原料贸易": the verb of the term governs a trade, whose goods these are
            return (
                term in self._verb_terms
                and self._trading is not None
                and self._trading.match(folded, start, clause_end) is not None
            )
        after = folded[end:clause_end]  # "钢坯，外购原料": the next clause says nothing of 钢坯
        # a business's own name before a word of servicing ("石灰窑维修") is its plant, not goods others made
        worked_on = after.startswith(self._worked_after) and term not in self._business_names
        if worked_on or (self._others_made and self._others_made.match(after)):
            return True  # "铸件后加工", "铸件是别人铸好的": someone else's goods, worked on
        # Production said, and not denied, keeps the goods as evidence ("收废铝熔成铝锭", "熟料买来磨", "收废铝，
        # 回来自己化成铝锭"); 铸造厂 names, its 铸 makes nothing here. Of goods said to be bought, production in an
        # earlier clause is said of other things ("车铣磨钻，外购铸件": the 磨 grinds, it casts nothing).
        earlier = []
        for low, high in _clauses(clause_starts, len(folded)):
            part = said[low:start] + said[end:high] if low == clause else said[low:high]
            if low < clause:
                earlier.append(part)
            elif self._says_made(part) or (low == clause and self._says_made(said[end:high])):
                # the work done to the goods after them is the business's, whatever a denial before them denies in a
                # run-on clause ("没有窑嗯就两台球磨机把外头拉来的熟料磨细了": no kiln, but the clinker is ground here)
                return False
        marked = (
            machine_let
            or self._bought_said_before(folded, clause, start)
            # a kiln or works is no goods a list of goods sold runs on to ("卖石灰系统1套、白灰窑1座")
            or (self._bought_in_list(folded, clause, start) and not self._names_own_item(term))
            or (self._bought_after is not None and self._bought_after.match(after) is not None)
        )
        marked = marked or (
            after.startswith(self._listing_starts)
            and self._list_bought_after is not None
            and self._list_bought_after.match(after) is not None
        )
        if marked:
            return True
        if self._names_own_works(folded, span, clause):
            return False  # "副业有个织塑料编织袋的车间": made in a works of its own, whatever its main trade handles
        if any(self._says_made(part) for part in earlier):
            return False
        if self._counterparts is not None and self._counterparts.supplied_from(after):
            return True
        if handles and not (self._counterparts and self._counterparts.names_business(term)):
            # goods named by listed work in a clause saying nothing else of them ("废旧轮胎回收，烧结砖", "废品回收，自己
            # 烧结砖") may be made there: no word of handling governs them, so they are not taken for goods handled
            return not (
                self._named_by_listed_work(term) and not self._says_something(folded[clause:start] + after)
            )
        return self._sold_in_its_item(folded, span, clause, clause_end)

    def _sold_in_its_item(self, folded: str, span: _Span, low: int, high: int) -> bool:
        """Whether a word of selling in folded[low:high] is said of the term: of a kiln, works or process named as one
        item of a list, only one in its own item ("主要设备：白灰窑2座、石灰销售系统1套" sells lime, not the kiln)."""
        if self._sells is None:
            return False
        if not self._names_own_item(span.term):
            return self._sells.search(folded, low, high) is not None
        return any(
            not _in_another_item(folded, span.start, span.end, found.start(), found.end())
            for found in self._sells.finditer(folded, low, high)
        )

    def _names_own_item(self, term: str) -> bool:
        """Whether a term names a plant, or a process of an industry defined by what it makes: named as one item of a
        list, it is the business's own whatever another item names."""
        return term in self._business_names or (
            term in self._processes and not self._terms[term] & self._process_defined
        )

    def _names_made(self, part: str) -> bool:
        """Whether a clause of `said` names production, besides its denials (production given to others too: "生产全部
        外包"), plain work and trades."""
        return self._production is not None and bool(
            self._production.search(
                self._without_plain_work(
                    self._without_trading(self._without_denials(self._without_produced_denied(part)))
                )
            )
        )

    def _made_in_its_clause(self, folded: str, said: str, span: _Span, clause_starts: set[int]) -> bool:
        """Whether the clause naming goods names production besides them ("我们生产瓷砖"), or the term names its making
        ("做农药") and governs no trade ("做农药代理")."""
        clause, clause_end = _clause_around(clause_starts, span.start, len(said))
        if span.term in self._verb_terms:
            return self._trading is None or self._trading.match(folded, span.start, clause_end) is None
        return self._says_made(said[clause : span.start] + said[span.end : clause_end])

    def _names_own_works(self, folded: str, span: _Span, clause: int) -> bool:
        """Whether goods name a works the business has: a place of production right after them ("塑料编织袋的车间",
        "编织袋小作坊") and a word of having one before them in their clause ("副业有个", "另外投了个")."""
        return (
            self._works_after is not None
            and self._owning is not None
            and self._works_after.match(folded, span.end) is not None
            and self._owning.search(folded, clause, span.start) is not None
        )

    def _says_something(self, words: str) -> bool:
        """Whether words say more than a word opening another line of business ("另外") and the fillers that say
        nothing of the business ("自己", "也")."""
        sideline = self._sideline.match(words) if self._sideline is not None else None
        words = words[sideline.end() :] if sideline else words
        return bool(self._says_nothing.sub("", words) if self._says_nothing is not None else words)

    def _named_by_listed_work(self, term: str) -> bool:
        """Whether goods are named by the listed work that makes them ("烧结砖", "铸件", "镀锌管")."""
        return self._listed_work is not None and self._listed_work.search(term) is not None

    def _bought_said_before(self, folded: str, clause: int, start: int) -> bool:
        """Whether a buying word ends right before the goods at `start` ("买来的铸件", "我们用的水泥")."""
        found = self._bought_before.search(folded, clause, start) if self._bought_before is not None else None
        return found is not None and not self._used_for(folded, clause, found.start())

    def _bought_in_list(self, folded: str, clause: int, start: int) -> bool:
        """Whether the goods at `start` are a later item of a list a buying word heads ("买来的锻件和铸件")."""
        if self._bought_list is None or not any(
            joiner in folded[clause:start] for joiner in self._listing_starts
        ):
            return False  # most clauses hold no joiner
        found = self._bought_list.search(folded, clause, start)
        return found is not None and not self._used_for(folded, clause, found.start())

    def _used_for(self, folded: str, clause: int, at: int) -> bool:
        """Whether the word of use at `at` (用的) says what goods are for, not that they are taken in: after a word
        of its clause that is none of their users ("建筑用的涂料"; "我们用的水泥" and "用的水泥" take it in)."""
        return (
            at > clause
            and folded.startswith(self._uses_before, at)
            and not folded.endswith(self._users, clause, at)
        )

    def _without_produced_denied(self, text: str) -> str:
        return self._denied_production.sub("", text) if self._denied_production is not None else text

    def _without_trading(self, clause: str) -> str:
        """ "只做螺纹钢的批发": the verb governs a trade, no production."""
        return self._trading.sub("", clause) if self._trading is not None else clause

    def _without_plain_work(self, text: str) -> str:
        """ "机加工", "焊接": work in none of the 47 makes none of their goods."""
        return self._plain_work.sub("", text) if self._plain_work is not None else text

    def _sizes_said(self, folded: str, clause_starts: set[int]) -> list[tuple[int, int]]:
        """The amounts ending their clause ("数控车床40台", "一年50万件"): how large the business or what the clause named
        before them is, which says nothing of what it does. One before a word ("厂里40台设备") counts that word, which
        stays to be explained with it."""
        if self._amounts is None:
            return []
        return [
            amount.span()
            for amount in self._amounts.finditer(folded)
            if amount.end() == len(folded) or amount.end() in clause_starts
        ]

    def _respelled(
        self, folded: str, spans: list[_Span], clause_starts: set[int]
    ) -> tuple[list[_Span], list[tuple[str, str]]]:
        """A known word inside a longer mistyped one is read as the longer term ("养化铝厂" holds 化铝厂 but
        means 氧化铝厂, "玻璃刚" holds 玻璃 but means 玻璃钢, "石墨电机" holds the outside 电机 but means 石墨电极):
        only towards 属于, like every typo."""
        respelled: list[_Span] = []
        read_as: list[tuple[str, str]] = []
        sounds: tuple[str, ...] = ()
        for span in spans:
            # an outside word is looked around only when it is two characters long, as those inside a mistyped
            # listed term are (电机 of 石墨电机)
            # most known words sound like no part of a longer term: one kept answer a word spares their windows (a
            # count said inside a word, "养了两千头猪", is looked around as before)
            if (
                span.negated
                or span.bought
                or span.party
                or (span.term in self._outside and len(span.term) > 2)
                or (
                    span.term == folded[span.start : span.end]
                    and not self._sounds.lengthens(span.term, _AROUND_MOST)
                )
            ):
                respelled.append(span)
                continue
            sounds = sounds or self._sounds.syllables(folded)  # each character's once, for every window
            clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
            around = [
                (span.start - before, span.end + after)
                for before, after in _AROUND
                if span.start - before >= clause and span.end + after <= clause_end
            ]
            longer = next(
                (
                    (low, high, term)
                    for low, high, term in self._sounds.same_sound(folded, sounds, around)
                    if self._terms[term]
                    != self._terms.get(span.term)  # an outside word too: 石墨电机 → 石墨电极
                    # a listed word is typed right: the longer term holds it ("做兔料" is no 做涂料)
                    and (span.term not in self._terms or term[span.start - low : span.end - low] == span.term)
                ),
                None,
            )
            if longer is None:
                respelled.append(span)
                continue
            low, high, term = longer
            respelled.append(_Span(low, high, term, False))
            read_as.append((folded[low:high], self._spelling[term]))
        return respelled, read_as

    def _excluded(
        self, folded: str, number: int, span: _Span, spans: list[_Span], clause_starts: set[int]
    ) -> bool:
        """Whether the message says a look-alike of the industry, and does not deny it ("不是卖瓷砖的"); a
        look-alike inside a term of the industry itself is none ("仿真皮" holds 真皮), nor one inside a customer's
        or a supplier's name ("给家具厂供油漆"), nor one that sells where the goods were not found bought:
        the message says production ("卖饲料的，也自己生产"), nor the name of a business that handles goods others
        made, whose goods were not found bought either ("废品站，收的废铅自己炼"). A term in a later clause that
        starts with a sideline word is another line of business, which the look-alike does not describe
        ("汽修厂，还接主机厂零件的喷漆活"); nor does a look-alike said after the term past a sideline word, with or
        without a comma ("做页岩烧结砖的然后还有一部分空心砌块也是烧的")."""
        excludes = self._excludes[number]
        found_all = list(excludes.finditer(folded)) if excludes is not None else []
        if not found_all:
            return False  # most messages say no look-alike
        clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
        # a plant's name is a business of its own: a look-alike of its goods in another clause ("玻璃厂，玻璃回收点")
        # describes another business beside it, not the plant
        plant = span.term in self._plant_names
        goods = span.term not in self._made
        bounds = [(s.start, s.end) for s in spans]
        # a look-alike inside the name of a business carried for or bought from ("运农药中间体厂的货") is none either
        own = [
            (s.start, s.end)
            for s in spans
            if number in self._terms.get(s.term, ())
            or s.party
            or (s.bought and s.term in self._business_names)
        ]
        # "养猪场，饲料都是买的，饲料自己生产" (or "…，自己生产饲料"): a look-alike of buying says nothing of goods said made
        # in their own clause, nor of a term naming the making or the plant ("自己有饲料厂") in another clause
        made_here = self._made_in_its_clause(folded, folded, span, clause_starts)
        names_making = span.term in self._made or span.term in self._business_names
        # a kiln, works or process of an industry defined by what it makes, named as one item of a list ("主要设备：双膛
        # 石灰窑2座、石灰石破碎筛分系统1套"), is the business's own: a look-alike in another item is another part of it;
        # so are its goods a licence line names made, or its making ("卫生杀虫剂、消杀加工及销售", "整车生产、汽车零部件机加工
        # 及销售": the look-alike names another business of the line), where the look-alike does not hold them
        # ("生产岩棉和岩棉夹芯板" may make the rock wool for its panels only)
        own_item = self._names_own_item(span.term)
        own_goods = number not in self._process_defined and (span.term in self._made or (goods and made_here))
        # a look-alike inside a word of a class making other goods, in the goods' clause, is that other line's
        # ("翼展车、汽车零部件机加工及销售"; not "做水泥管，水泥外购": the goods bought in another clause), unless it
        # holds the goods ("生产岩棉和岩棉夹芯板" may make the rock wool for its panels only)
        other_lines = (
            [(s.start, s.end) for s in spans if self._outside.get(s.term) in self._makes_other_goods]
            if goods
            else []
        )
        return any(
            not (
                found.start() < clause and self._sideline is not None and self._sideline.match(folded, clause)
            )
            and not (
                found.start() >= span.end
                and self._sideline_word is not None
                and self._sideline_word.search(folded, span.end, found.start())
            )
            and not self._negated(folded, found.start(), found.end(), bounds, clause_starts)
            # "我们做浮法玻璃，钢厂拿去" holds no 玻璃钢: no word is read across a comma
            and not _clause_between(clause_starts, found.start(), found.end() - 1)
            and not any(start <= found.start() and found.end() <= end for start, end in own)
            and not (self._sells is not None and self._sells.search(found.group()))
            and not (
                (made_here or (names_making and not clause <= found.start() < clause_end))
                and self._buys(found.group())
            )
            and not self._cut_by_selling(folded, found.start(), found.end())
            and not (plant and (found.end() <= clause or found.start() >= clause_end))
            and not (
                (
                    own_item
                    or (own_goods and span.term not in found.group())
                    or (
                        clause <= found.start() < clause_end
                        and span.term not in found.group()
                        and any(start <= found.start() and found.end() <= end for start, end in other_lines)
                    )
                )
                and _in_another_item(folded, span.start, span.end, found.start(), found.end())
            )
            and not (goods and found.group() in self._handler_names)
            and not (
                self._counterparts is not None
                and self._counterparts.supplier_named(folded, found.start(), found.end())
            )
            for found in found_all
        )

    def _buys(self, words: str) -> bool:
        """Whether words hold a word that follows goods bought ("饲料都是买的", "外购饲料"); not 收 of "回收"."""
        return self._bought_after is not None and self._bought_after.search(words) is not None

    def _cut_by_selling(self, folded: str, start: int, end: int) -> bool:
        """Whether a word of selling starts inside the look-alike and runs past its end: the look-alike is no word
        of the message ("玻璃门市" is a shop of glass, no 玻璃门)."""
        if self._sells is None:
            return False
        for at in range(start + 1, end):
            selling = self._sells.match(folded, at)
            if selling is not None and selling.end() > end:
                return True
        return False

    def _negated(
        self, folded: str, start: int, end: int, spans: list[tuple[int, int]], clause_starts: set[int]
    ) -> bool:
        clause, clause_end = _clause_around(clause_starts, start, len(folded))
        before = folded[clause:start]
        if self._question.search(before):
            return False
        if self._by_party_after(folded, end, clause_end) or (
            end == clause_end and self._next_clause_by_party(folded, start, end, clause_starts)
        ):
            return True  # "喷漆是家具厂的事", "喷漆，是家具厂的事": another party's work
        if (
            self._negator_pattern.search(folded, end, clause_end)  # most terms have no negator after them
            and self._denied_after_term(before, folded[end:clause_end])
            and not (
                self._bought_said_before(before, 0, len(before))
                or self._bought_in_list(before, 0, len(before))
            )
        ):
            return True  # "只卖饲料不生产" stays goods sold: what follows them denies making them
        # A denial starts with a negator, which most clauses lack: a plain search for one rules it out cheaply.
        denials = self._denial.finditer(before) if self._negator_pattern.search(before) else ()
        for denial in denials:
            at = clause + denial.start()
            if not _inside(at, spans) and not self._not_negation(folded, at):
                return True
        # "除了喷漆都做" denies 喷漆; "除了注塑没别的工序" and "除了注塑还喷漆" do not deny 注塑.
        if before.endswith(self._except):
            after = folded[end:]
            return any(after.startswith(word) for word in self._except_negates)
        return False

    def _by_party_after(self, folded: str, start: int, end: int) -> re.Match[str] | None:
        """The rest of a clause from `start` saying the work before it is another party's (`_by_party`); not where the
        party follows 是 after a word of "we" or "own" ("卖瓷砖我们是瓷砖厂", "卖钢材的我们自己是钢厂"): that names what
        the speaker is, wherever its trade was said."""
        by_party = self._done_by_party.match(folded, start, end) if self._done_by_party is not None else None
        if (
            by_party is not None
            and by_party.group("to") == _BEING_WORD
            and not self._own_chars.isdisjoint(by_party.group("subject"))
        ):
            return None
        return by_party

    def _next_clause_by_party(
        self, folded: str, term_start: int, start: int, clause_starts: set[int]
    ) -> bool:
        """Whether the clause from `start`, after a term ending the one before, says all through that the work is
        another party's ("喷漆，是家具厂的事", "铸造，由客户负责"): a clause of its own with no subject, said of that term.
        A bare 是 and a name say what the speaker is ("我们做家具，是家具厂"): the work must be said (的事, 做). Goods
        sent there are sold, not made elsewhere ("我们厂的涂料，都发到装修公司"): only a process, no product, is handed
        over so."""
        if start == len(folded):
            return False
        clause_end = _clause_around(clause_starts, start, len(folded))[1]
        by_party = self._by_party_after(folded, start, clause_end)
        return (
            by_party is not None
            and (by_party.group("does") is not None or by_party.group("to") != _BEING_WORD)
            and not self._generic.sub("", folded[by_party.end() : clause_end])
            and (
                by_party.group("to") not in self._sending_words or self._handed_over(folded[term_start:start])
            )
        )

    def _handed_over(self, term: str) -> bool:
        """Whether work named by `term`, sent to another party, is handed over: a process ("染色，都发给外面的染厂"),
        not goods, which are sold so (炉法炭黑 names both: its goods are sent)."""
        return term in self._processes and term not in self._products

    @staticmethod
    def _by_party(cues: CuesFile, fillers: str) -> re.Pattern[str] | None:
        """The rest of a clause that says the work before it is another party's: a party after one of `to`, then
        one of `does` or the clause's end ("是客户自己做", "是家具厂的事", "都发给外面的染厂"), also after a 的 naming
        who does the work ("拉货的都是客户自己派的车"); a name holds no word for "we" or "own" ("是我们厂自己做" is ours)."""
        rule = cues.elsewhere_parties
        if rule is None:
            return None
        own = re.escape(fold(cues.counterparts.own_chars if cues.counterparts else ""))
        to, parties, names, does = (
            literal_alternation({fold(word) for word in words})
            for words in (rule.to, rule.parties, rule.names, rule.does)
        )
        party = rf"(?:{parties}|[^{own}]{{1,4}}?(?:{names}))"
        return re.compile(
            rf"的?(?P<subject>(?:{fillers})*)(?P<to>{to})(?:{fillers})*{party}(?:(?:{fillers})*(?P<does>{does})|的?$)"
        )

    def _denied_after_term(self, before: str, after: str) -> bool:
        """Whether the rest of a clause denies the term it follows: "我们不做", "这块没有" (a bare "没有" is none,
        nor "有喷漆没有", which asks), or "外包给别人"."""
        if self._done_elsewhere is not None and self._done_elsewhere.match(after):
            return True
        denial = self._denied_after.match(after)
        if denial is None:
            return False
        verbs = denial.group("verbs")
        return bool(denial.group("fillers") or verbs) and not (verbs and before.endswith(verbs))

    def _not_negation(self, folded: str, at: int) -> bool:
        """Whether the negator at `at` lies inside a word that negates nothing: 不干胶 starts with it, 类别 ends with it."""
        return any(
            folded.startswith(word, at - inside) for word, inside in self._not_negations if inside <= at
        )

    def _denials(self, text: str, spans: list[tuple[int, int]]) -> list[int]:
        """Where the negators of a text stand, without those inside a term (不锈钢), those starting a word that
        negates nothing (不干胶) and those of a question (要不要, 有没有)."""
        found = []
        for negator in self._negator_pattern.finditer(text):
            at = negator.start()
            if _inside(at, spans) or self._not_negation(text, at):
                continue
            if at > 0 and text[at - 1 : at] == text[negator.end() : negator.end() + 1]:
                continue
            found.append(at)
        return found

    def _without_denials(self, clause: str) -> str:
        """A clause without its denials: what it says the business does ("收废铝但不熔化" → "收废铝但"; "没有窑就磨熟料" →
        "就磨熟料")."""
        denials = self._denials(clause, [])
        if not denials:
            return clause
        end = self._denial_end(clause, denials[0], len(clause))
        return clause[: denials[0]] + (self._without_denials(clause[end:]) if end < len(clause) else "")

    def _denial_end(self, text: str, at: int, clause_end: int) -> int:
        """Where the reach of the negator at `at` ends: at a word turning to what the business does, after the negator
        and at least one word it denies ("没有窑就磨…": at 就), or else at its clause's end."""
        negator = self._negator_pattern.match(text, at)
        denied = (negator.end() if negator is not None else at) + 1  # at least one character denied
        turn = self._denial_turns.search(text, denied, clause_end) if self._denial_turns is not None else None
        return turn.start() if turn is not None else clause_end

    def _unexplained(
        self, folded: str, spans: list[_Span], clause_starts: set[int], finished: list[tuple[int, int, str]]
    ) -> str:
        """What a message says besides the words both sides know, its denials (each negator to the end of its
        clause: "不熔化"), its cues and work in none of the 47 ("冲压", "组装"): what is left places the business."""
        kept = [True] * len(folded)
        for span in spans:
            kept[span.start : span.end] = [False] * (span.end - span.start)
        # words of grades and measures say no work: the 染 of 重污染天气 dyes nothing, the 产 of 限产 makes nothing
        for grading in self._about_grading.finditer(folded) if self._about_grading else ():
            kept[grading.start() : grading.end()] = [False] * (grading.end() - grading.start())
        bounds = [(s.start, s.end) for s in spans]
        for at in self._denials(folded, bounds):
            clause_end = self._denial_end(folded, at, _clause_around(clause_starts, at, len(folded))[1])
            kept[at:clause_end] = [False] * (clause_end - at)
        # "我们是做配电柜的，喷塑外包": a verb naming no process, whose goods end its clause and count only for a process
        # the message denies, says no more than they do
        undone = self._undone(folded, spans) if self._plain_verbs is not None else set()
        for span in spans if undone else ():
            if not self._counts_no_more(span.term, undone):
                continue
            clause, clause_end = _clause_around(clause_starts, span.start, len(folded))
            verb = self._plain_verbs.search(folded, clause, span.start) if self._plain_verbs else None
            if (
                verb is not None
                and verb.end() == span.start
                and not self._generic.sub("", folded[span.end : clause_end])
            ):
                kept[verb.start() : verb.end()] = [False] * (verb.end() - verb.start())
        for low, high, _ in self._customers_use(folded, spans, clause_starts):
            kept[low:high] = [False] * (high - low)
        for low, high in self._sizes_said(folded, clause_starts):
            kept[low:high] = [False] * (high - low)
        # "阀体是外面铸好的": what a clause says after goods others made is their work
        for others in self._others_made.finditer(folded) if self._others_made else ():
            clause_end = _clause_around(clause_starts, others.start(), len(folded))[1]
            kept[others.start() : clause_end] = [False] * (clause_end - others.start())
        for low, high, _ in finished:  # "车架是买来喷好的": the maker's work
            # and the goods before it, bought so ("立柱横梁都是买来喷好塑的"), unless production is said there
            clause = _clause_around(clause_starts, low, len(folded))[0]
            start = low if self._says_made(folded[clause:low]) else clause
            kept[start:high] = [False] * (high - start)
        # "做危化品贸易": a verb governing a trade, and the goods between, say no production (most messages sell nothing)
        if self._trading is not None and self._sells is not None and self._sells.search(folded):
            for low, high in _clauses(clause_starts, len(folded)):
                for trade in self._trading.finditer(folded, low, high):
                    kept[trade.start() : trade.end()] = [False] * (trade.end() - trade.start())
        rest = "".join(char for char, keep in zip(folded, kept, strict=True) if keep)
        # A cue that says making ("我们做", "主要生产") keeps its verb: "我们做砖" says that something is made; a vague
        # business word says no more than itself ("机械加工厂" leaves no 加工 behind)
        production = self._production
        rest = self._cue_pattern.sub(
            lambda cue: (
                "".join(production.findall(cue.group()))
                if production and cue.group() not in self._vague
                else ""
            ),
            rest,
        )
        if self._metal_grade is not None:
            rest = self._metal_grade.sub("", rest)
        rest = self._without_plain_work(rest)
        if self._says_nothing is not None:
            rest = self._says_nothing.sub("", rest)
        for word in self._joiners:  # not the negated verbs: 熔, 烧 left over are production, never placed
            rest = rest.replace(word, "") if word else rest
        # plain work said with particles inside it ("锅炉烧的是天然气") or doubled ("焊焊补补") is the same plain work
        return self._without_plain_work(_DOUBLED.sub(r"\1", self._generic.sub("", rest)))


class _Counterparts:
    """Where a message names another party's business: "给钢厂", "卖给下游轧钢厂", "铸造厂的供应商", "从水泥厂进"."""

    GAP = (
        6  # at most this many characters between a cue and the name ("给化工园区几家药厂"), none of them 我们
    )

    def __init__(self, cues: Counterparts, filler_words: list[str], plain_verbs: list[str]) -> None:
        self._names = _alternatives(cues.names)
        before = _alternatives(cues.before)
        fillers = _alternatives(filler_words)
        # a cue that starts a filler is that word ("去年", not 去): only those fillers are looked for
        starting = _alternatives(
            [word for word in map(fold, filler_words) if before is not None and before.match(word)]
        )
        # "给我们铸造厂看看", "到自己的焦化厂" name the speaker's own: the gap holds no word for "we" or "own", nor
        # one of having a business ("另外在村里有个小砖厂")
        self._own_chars = fold(cues.own_chars)
        owning = _alternatives(cues.owning)
        not_owning = f"(?!{owning.pattern})" if owning else ""
        gap = rf"(?:{not_owning}[^{re.escape(self._own_chars)}]){{0,{self.GAP}}}$"
        self._before = re.compile(
            rf"{f'(?!{starting.pattern})' if starting else ''}(?:{before.pattern if before else '$^'}){gap}"
        )
        self._plain_verbs = tuple(map(fold, plain_verbs))  # "从事铸造" is no supplier
        self._copulas = tuple(map(fold, cues.copulas))
        self._visited = tuple(map(fold, cues.visited))
        self._of_place = tuple(fold(place) + _OF_WORD for place in cues.places)
        after = _alternatives(cues.after)
        self._after = re.compile(rf"的.{{0,{self.GAP}}}?(?:{after.pattern if after else '$^'})")
        sold_to = _alternatives([*cues.sold_to, *cues.delivered_to])
        worked_for = _alternatives(cues.worked_for)
        self._serves = _alternatives(
            [*cues.sold_to, *cues.delivered_to, *cues.sent_to, *cues.worked_for, *cues.taken_by]
        )
        self._taken_by = _alternatives(cues.taken_by)
        self._name_ends = tuple(map(fold, cues.names))
        # a bare 发 or 供: the customer's name, its goods before it or not ("发涂料经销商"), comes after it with no 的
        # between ("开发区的超市" is a place)
        sent_to = _alternatives(cues.sent_to)
        self._sent_to = (
            re.compile(
                rf"(?=({sent_to.pattern})(?:{not_owning}[^{re.escape(self._own_chars)}{_OF_WORD}]){{0,{self.GAP}}}$)"
            )
            if sent_to
            else None
        )
        self._not_sent = _alternatives(cues.not_sent)
        self._sent_to_ends = tuple(map(fold, cues.sent_to_ends))
        self._worked_for = (
            re.compile(f"(?:{fillers.pattern if fillers else ''})*(?:{worked_for.pattern})")
            if worked_for
            else None
        )
        self._sold_to = re.compile(rf"(?:{sold_to.pattern}){gap}") if sold_to else None
        self._sells_to = _alternatives(cues.sold_to_trade)
        self._sold_to_trade = re.compile(f"(?:{self._sells_to.pattern})$") if self._sells_to else None
        self._sells_or_lets = _alternatives(cues.sold_to)
        self._supplies_after = _alternatives(cues.supplies)
        self._customer_after = _alternatives(cues.customer_after)
        self._supplies_someone = _alternatives(
            [*cues.sold_to, *cues.delivered_to, *cues.sent_to, *cues.supplies, *cues.customer_after]
        )
        others = _alternatives(cues.others)
        self._sold_to_others = (
            re.compile(f"(?:{sold_to.pattern})(?:{others.pattern})") if sold_to and others else None
        )
        grounds = _alternatives(cues.grounds)
        self._grounds = re.compile(f"(?:{grounds.pattern})") if grounds else None
        several, shared = _alternatives(cues.several), _alternatives(cues.shared)
        # "我们几家家具厂合用…": the speaker is one of them
        own_before = rf"(?<![{re.escape(self._own_chars)}])"
        self._several = re.compile(rf"{own_before}(?:{several.pattern}){gap}") if several else None
        self._shared = (
            re.compile(f"(?:{fillers.pattern if fillers else ''})*(?:{shared.pattern})") if shared else None
        )
        beside_own_trade = _alternatives(cues.beside_own_trade)
        self._beside_own_trade = (
            re.compile(rf"(?:{beside_own_trade.pattern}){gap}") if beside_own_trade else None
        )
        shops, sold_in, ours = (
            _alternatives(cues.shops),
            _alternatives(cues.sold_in),
            _alternatives(cues.ours),
        )
        self._sold_in_shop = (
            re.compile(f"(?:{shops.pattern})(?:{sold_in.pattern})") if shops and sold_in else None
        )
        self._ours = ours
        suppliers, supplied = _alternatives(cues.suppliers), _alternatives(cues.supplied)
        self._supplied_from = (
            re.compile(
                rf"(?:{fillers.pattern if fillers else ''})*(?:{suppliers.pattern}).{{0,6}}?(?:{supplied.pattern})"
            )
            if suppliers and supplied
            else None
        )
        # "从石材市场进荒料": a place named right after 从 and before a word of supply is where goods come from
        self._supplier_place = re.compile(rf"(?:{suppliers.pattern})$") if suppliers and supplied else None
        self._supply_after = re.compile(f"(?:{supplied.pattern})") if supplied else None

    def sold_by_shops(
        self, folded: str, clause_starts: set[int], sells: re.Pattern[str] | None
    ) -> list[tuple[int, int]]:
        """Where a shop is named as the seller of goods the speaker makes ("五金店里卖的铁锹，我们厂打的", "卖窗户玻璃的店进的
        平板玻璃是我们厂拉出来的"): from the shop's clause to the word of the maker, which must say something after it
        and sell nothing ("…我们也卖" is another seller)."""
        if self._sold_in_shop is None or self._ours is None:
            return []
        found = []
        for shop in self._sold_in_shop.finditer(folded):
            clause, clause_end = _clause_around(clause_starts, shop.start(), len(folded))
            # the maker is said in the shop's clause or in the next one
            reach = (
                _clause_around(clause_starts, clause_end, len(folded))[1]
                if clause_end < len(folded)
                else clause_end
            )
            maker = self._ours.search(folded, shop.end(), reach)
            if maker is None:
                continue
            maker_end = _clause_around(clause_starts, maker.start(), len(folded))[1]
            rest = folded[maker.end() : maker_end]
            if rest and not (sells is not None and sells.search(rest)):
                found.append((clause, maker.start()))
        return found

    def names_business(self, term: str) -> bool:
        return self._names is not None and self._names.search(term) is not None

    def party(self, term: str, before: str, after: str, own_trade_named: bool) -> bool:
        """Whether a term, with what its clause says before and after it, names another party's business;
        `own_trade_named`: the message names the speaker's trade by a word outside the 47."""
        if not self.names_business(term):
            return False
        cue = self._before.search(before)
        copula = cue is not None and cue.group().startswith(self._copulas) and not after.strip(_OF_WORD)
        visited = cue is not None and cue.group().startswith(self._visited)
        if cue is not None and not cue.group().startswith(self._plain_verbs) and not (copula or visited):
            return True
        if self.takes(term, before, after):
            return True
        if own_trade_named and self._beside_own_trade is not None and self._beside_own_trade.search(before):
            return True
        # "在钢厂院子里租了块地", "在焦化厂旁边": the plant's grounds the speaker rents or neighbours, another's plant
        # ("我在钢厂上班" stays the speaker's own)
        if (
            self._grounds is not None
            and self._beside_own_trade is not None
            and self._beside_own_trade.search(before)
            and self._grounds.match(after)
        ):
            return True
        # Several plants ("我们几家" is the speaker among them) are others beside the speaker's trade named by a word
        # outside the 47 ("附近几家陶瓷厂的废料都是我们清运，我们是搞运输的"), or, where none is, the users of a plant they
        # share, which the speaker runs ("园区里几家家具厂合用一个喷漆房"); a shared canteen ("几家钢厂合用一个食堂") says
        # neither who runs it nor that the speaker does
        if self._several is not None and self._several.search(before):
            return own_trade_named != self.shares(after)
        # "水泥厂的职工宿舍楼，我们是管物业的": a plant's thing before the speaker's trade, named by a word outside the 47,
        # is where that trade works; "我们焦化厂的食堂" and "我们是钢厂的" stay the speaker's own
        if (
            own_trade_named
            and self.of_plant(after)
            and after.strip(_OF_WORD)
            and not any(char in self._own_chars for char in before)
        ):
            return True
        # "我们焦化厂的改造项目" is the speaker's own plant
        return self._after.match(after) is not None and not (before and before[-1] in self._own_chars)

    def shares(self, text: str) -> bool:
        """Whether a text starts with a word of sharing ("共用一个喷涂车间"): the plant several businesses share."""
        return self._shared is not None and self._shared.match(text) is not None

    def of_another(self, before: str, between: str) -> bool:
        """Whether a business name, with the text before it and that between it and the word after its 的, is
        another's: no word for "we" or "own" right before it (我们焦化厂的) nor between, and a few characters at most."""
        return (
            len(between) <= self.GAP
            and not (before and before[-1] in self._own_chars)
            and not any(char in self._own_chars for char in between)
        )

    def of_plant(self, between: str) -> bool:
        """Whether the text between a business name and the word after it is its 的, or a place of the plant and
        its 的 ("钢厂院里的工业气体公司", "水泥厂旁边的物流公司")."""
        return between.startswith(_OF_WORD) or between.startswith(self._of_place)

    def serves_someone(self, text: str) -> bool:
        """Whether a text holds a word of selling or letting to someone, or of working for someone, at all (one
        search, before any per name)."""
        return self._serves is not None and self._serves.search(text) is not None

    def takes(self, name: str, before: str, after: str) -> bool:
        """Whether a business name, with what its clause says before and after it, is a customer taking the speaker's
        goods ("…黑粉，橡胶厂拿去做补强剂", "钢厂都来拉"): a name ending as a business's does ("运动场地塑胶" holds 场 but
        is goods), and "我们橡胶厂拿去…" is the speaker's own."""
        return (
            self._taken_by is not None
            and name.endswith(self._name_ends)
            and self._taken_by.match(after) is not None
            and not any(char in self._own_chars for char in before)
        )

    def works_for(self, before: str, after: str) -> bool:
        """Whether a business name, with what its clause says before and after it, is a customer the speaker works
        for ("给铸造厂精加工铸件", "帮焦化厂修焦炉门的零件")."""
        return (
            self._worked_for is not None
            and self._worked_for.match(after) is not None
            and self._before.search(before) is not None
        )

    def sold_to_others(self, text: str) -> list[int]:
        """Where the words after a word of selling or letting to someone else begin ("租给别人搞喷漆": at 搞)."""
        return [found.end() for found in self._sold_to_others.finditer(text)] if self._sold_to_others else []

    def sells_on(self, text: str) -> bool:
        """Whether a text holds a word of selling or letting to someone ("租给别人", "卖给砖厂"), not of carrying goods
        there ("拉给客户": a maker's fleet delivers its own machines)."""
        return self._sells_or_lets is not None and self._sells_or_lets.search(text) is not None

    def supplies_someone(self, text: str) -> bool:
        """Whether a text holds a word of selling, letting or supplying to someone at all (one search, before any per
        name)."""
        return self._supplies_someone is not None and self._supplies_someone.search(text) is not None

    def supplied_to(self, before: str, name: str, after: str) -> bool:
        """Whether a name, with what its clause says before and after it, is a customer the speaker sells or supplies
        goods to ("卖给超市", "给经销商供货", "客户是超市", "超市是我们的客户")."""
        return (
            self.sold_to(before, name)
            or (self._customer_after is not None and self._customer_after.match(after) is not None)
            or (
                self._supplies_after is not None
                and self._supplies_after.match(after) is not None
                and self._before.search(before) is not None
            )
        )

    def sold_to(self, before: str, name: str) -> bool:
        """Whether the text before a business's name sells, lets or sends goods to it ("卖给", "租给", "货都发")."""
        return (self._sold_to is not None and self._sold_to.search(before) is not None) or self._sent_to_name(
            before, name
        )

    def sells_to_someone(self, text: str) -> bool:
        """Whether a text holds a word of selling to someone that may name the customer by its trade (one search,
        before any per word)."""
        return self._sells_to is not None and self._sells_to.search(text) is not None

    def sold_to_trade(self, before: str, after: str) -> bool:
        """Whether words of listed work or goods, with what comes right before (generic words left out) and after
        them, name a customer by its trade: a word of selling to right before, 的 right after ("卖给炼铅的厂",
        "卖给那个做饲料的")."""
        return (
            self._sold_to_trade is not None
            and after.startswith(_OF_WORD)
            and self._sold_to_trade.search(before) is not None
        )

    def _sent_to_name(self, before: str, name: str) -> bool:
        """Whether a bare 发 or 供 before a name sends goods to it: the name is a business's ("供超市"; "供石灰石"
        names the goods), and the word is no part of another (批发, 发电)."""
        if self._sent_to is None or not (self.names_business(name) or name.endswith(self._sent_to_ends)):
            return False
        sent = [found.start(1) for found in self._sent_to.finditer(before)]
        if not sent:
            return False
        words = (
            [found.span() for found in self._not_sent.finditer(before)] if self._not_sent is not None else []
        )
        return any(not any(low <= at < high for low, high in words) for at in sent)

    def supplier_named(self, folded: str, start: int, end: int) -> bool:
        """Whether the words at `start`..`end` name where goods come from ("从石材市场进大理石荒料"), not the business."""
        return (
            self._supplier_place is not None
            and self._supply_after is not None
            and self._supplier_place.search(folded, 0, start) is not None
            and self._supply_after.match(folded, end) is not None
        )

    def supplied_from(self, after: str) -> bool:
        """Whether what follows goods says they come from a supplier ("从山西买来", "从水泥厂进")."""
        return self._supplied_from is not None and self._supplied_from.match(after) is not None


def _two_character_words(terms: Collection[str]) -> frozenset[str]:
    """The two-character words of the catalogue's terms: its terms of two characters, both halves of one of four
    (烧制 of 电窑烧制: such terms are mostly two words), and the two characters a longer term holds besides another
    term it starts or ends with (熔炼 of 中频炉熔炼)."""
    words = {term for term in terms if len(term) == 2}
    for term in terms:
        if len(term) == _TWO_WORDS or (len(term) > _TWO_WORDS and term[:-2] in terms):
            words.add(term[-2:])
        if len(term) == _TWO_WORDS or (len(term) > _TWO_WORDS and term[2:] in terms):
            words.add(term[:2])
    return frozenset(words)


def _alternatives(phrases: list[str]) -> re.Pattern[str] | None:
    pattern = literal_alternation({fold(phrase) for phrase in phrases})
    return re.compile(pattern) if pattern else None


def _asking(words: list[str], not_asking: list[str]) -> re.Pattern[str] | None:
    """The asking words as the pattern's one group, after the words that hold one but ask nothing (几十, 好几), so
    that a match of those is no match of the group."""
    asking = _alternatives(words)
    if asking is None:
        return None
    held = _alternatives(not_asking)
    return re.compile(f"{held.pattern}|({asking.pattern})" if held else f"({asking.pattern})")


def _classes_said(spans: list[_Span], classes: Mapping[str, int]) -> set[int]:
    """The classes (of `classes`, by word) whose words the message says as its own: neither denied nor another
    party's."""
    return {classes[span.term] for span in spans if span.term in classes and not (span.negated or span.party)}


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a negator is part of a term ("不锈钢", "无纺布"): then it negates nothing."""
    return any(start <= at < end for start, end in spans)


def _clauses(clause_starts: set[int], length: int) -> list[tuple[int, int]]:
    if len(clause_starts) == 1:  # most messages are one clause, starting at 0: nothing to sort
        return [(0, length)]
    starts = sorted(clause_starts)
    return list(zip(starts, [*starts[1:], length], strict=True))


def _clauses_apart(text: str, clause_starts: set[int]) -> str:
    """The text's clauses joined by "_", which no typed word a typo search reads crosses."""
    if len(clause_starts) == 1:  # most messages are one clause, starting at 0: the text itself
        return text
    return "_".join(text[low:high] for low, high in _clauses(clause_starts, len(text)))


def _told_by_size_alone(sizes: re.Pattern[str], rest: str) -> bool:
    """Whether what a message says of a business, its cue words taken out, is a size and next to nothing else."""
    unsized = sizes.sub("", rest)
    return len(unsized) < len(rest) and len(unsized) <= Catalogue.NOTHING_SAID


def _clause_around(clause_starts: set[int], at: int, length: int) -> tuple[int, int]:
    """Where the clause holding position `at` starts and ends (the first clause starts at 0)."""
    start, end = 0, length
    if len(clause_starts) == 1:  # most messages are one clause, starting at 0
        return start, end
    # a plain loop over the few starts: max and min of filters cost three times as much
    for clause in clause_starts:
        if clause <= at:
            if clause > start:
                start = clause
        elif clause < end:
            end = clause
    return start, end


def _in_another_item(folded: str, start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether the words at other_start:other_end stand in another item of the list holding start:end, in its clause
    (a joiner between them: "、" is folded to it)."""
    joiner = _ENUMERATION_WORDS[1]
    if other_end <= start:
        return joiner in folded[other_end:start]
    return other_start >= end and joiner in folded[end:other_start]


def _clause_between(clause_starts: set[int], after: int, before: int) -> bool:
    if len(clause_starts) > 1:
        for start in clause_starts:  # a plain loop: a generator in any() costs twice as much
            if after < start <= before:
                return True
    return False


def _name_windows(blanked: str, name_end_places: re.Pattern[str]) -> str:
    """The few characters up to each name end (厂, 的) that follows a word not blanked (`name_end_places` finds
    them), joined in one string: where a business's own name stands ("油默厂", "做碳嘿的")."""
    return "_".join(
        blanked[max(0, end.start() - TYPED_MAX) : end.end()] for end in name_end_places.finditer(blanked)
    )


class Reading:
    """One message seen by the catalogue: which industry it names and what it asks of it."""

    def __init__(
        self,
        catalogue: Catalogue,
        folded: str,
        spans: list[_Span],
        clause_starts: set[int],
        question_mark: bool = False,
    ) -> None:
        self._catalogue = catalogue
        self._question_mark = question_mark
        # What is read on first use, remembered by hand: functools.cached_property's first read takes a lock on
        # Python 3.11 and cost more than the later reads of a property it spares.
        self._match: IndustryMatch | None = None
        self._asks_nothing_read: bool | None = None
        self._unexplained_read: str | None = None
        self._finished_read: list[tuple[int, int, str]] | None = None
        self._folded = folded
        # marked at once, not with the other parties when matched: whether a business is told depends on it
        catalogue._mark_plant_parts(folded, spans, clause_starts)
        self._spans = spans
        self._clause_starts = clause_starts
        self.describes_business = self._has(catalogue._describes)
        # "有B-这一档没", "预警限产吗": a word of grades or measures. Searched here: every `decide` asks it (through
        # asks_membership), and a lazy attribute's first read cost more than the search.
        self.asks_about_grading = self._has(catalogue._about_grading)
        asked = catalogue._asks_participation
        # what a last tag asks to confirm is no taking part ("…能进正面清单是不是")
        tags = catalogue._question_tags
        tag = next(tag for tag in tags if folded.endswith(tag)) if folded.endswith(tags) else ""
        # blanking the acts counted leaves no cue the message did not hold: they are looked for only where one is
        self.asks_participation = (
            asked is not None
            and asked.search(folded, 0, len(folded) - len(tag)) is not None
            and asked.search(catalogue.without_acts_counted(folded), 0, len(folded) - len(tag)) is not None
        )
        self.vague = (
            [term for term in catalogue._vague if term in folded]
            if catalogue._names_vague.search(folded)
            else []
        )
        # The message without the words that name a business: what it asks besides.
        without_business = folded
        for span in reversed(spans):  # made by the scan in order
            without_business = without_business[: span.start] + without_business[span.end :]
        self.without_business = without_business
        rest = catalogue._cue_pattern.sub(
            "", without_business
        )  # vague business words too: "我们是机械加工厂" asks nothing else
        self._rest = catalogue._generic.sub("", rest)
        # "我们是个小厂": the business told by nothing but its size
        self.sized_alone = False
        if self.describes_business and not spans and not self.vague and catalogue._sizes is not None:
            # "我们是小微企业也要报吗": a business described by its size alone is described by nothing of what it does;
            # what it asks is the small and micro enterprises' rules, not the verdict's. So is one described by its size
            # in a clause of its own before what is asked ("我们是个小厂，截止到几点")
            if _told_by_size_alone(catalogue._sizes, self._rest):
                self.describes_business = False
                self.sized_alone = True
            elif (
                len(clause_starts) > 1
                and catalogue._describes is not None
                and self._described_by_size_alone(catalogue._describes, catalogue._sizes)
            ):
                self.describes_business = False

    def _has(self, cues: re.Pattern[str] | None) -> bool:
        return cues is not None and cues.search(self._folded) is not None

    def _described_by_size_alone(self, describes: re.Pattern[str], sizes: re.Pattern[str]) -> bool:
        """Whether every clause describing a business says nothing of it but its size."""
        catalogue, folded = self._catalogue, self._folded
        for described in describes.finditer(folded):
            start, end = _clause_around(self._clause_starts, described.start(), len(folded))
            rest = catalogue._generic.sub("", catalogue._cue_pattern.sub("", folded[start:end]))
            if not _told_by_size_alone(sizes, rest):
                return False
        return True

    @property
    def names_the_grading(self) -> bool:
        """ "评级要不要交钱": the grading itself named, whatever is asked of it."""
        return self._has(self._catalogue._grading_named)

    @property
    def states_business(self) -> bool:
        """ "粮库，储存小麦玉米的", "装载机和小挖都做，整机出厂": words of a business, and nothing asked; or a trade said
        with no known word ("钢材买卖，纯贸易，仓库都是租的")."""
        # most questions name no known word and sell nothing: spared the reading of what they ask
        # a part of the plant told of ("厂里食堂下个月装修") states no business
        told = any(not span.plant_part for span in self._spans)
        return (told or bool(self._trade_words)) and self._asks_nothing

    @property
    def states_business_by_sound(self) -> bool:
        """ "钣金件加工，喷图线是自己的": no known word, nothing asked, but a business's word typed by its sound
        (the typo search runs only here, for a message nothing else has placed)."""
        return not self._spans and self._asks_nothing and bool(self.match.read_as)

    @property
    def asks_something(self) -> bool:
        """A question word, a word asked both ways, a last word that asks, a question mark, or a word of grades or
        measures."""
        return not self._asks_nothing

    @property
    def _asks_nothing(self) -> bool:
        if self._asks_nothing_read is None:
            self._asks_nothing_read = self._read_asks_nothing()
        return self._asks_nothing_read

    def _read_asks_nothing(self) -> bool:
        catalogue = self._catalogue
        # A question word inside a known word asks nothing ("玻璃茶几"): the words are cut out only where one is found
        asks = (
            catalogue._asks_in(self._folded, catalogue._asks_something)
            and catalogue._asks_in(self._without_counted_names(), catalogue._asks_something)
        ) or catalogue.ends_asking(self._folded)
        return not asks and not self._question_mark and not self.asks_about_grading

    def _without_counted_names(self) -> str:
        """The message without the words naming a business, nor a count said right before one ("劳保用品买卖，给几个钢厂
        供货": some steel works, no question), unless a question word asks that count ("有几个钢厂")."""
        catalogue, folded = self._catalogue, self._folded
        if not catalogue._counts_before_names:
            return self.without_business
        kept = folded
        for span in reversed(self._spans):  # made by the scan in order
            start = span.start
            before = folded[:start]
            count = next((word for word in catalogue._counts_before_names if before.endswith(word)), "")
            if count and not folded[: start - len(count) + 1].endswith(catalogue._counts_asked_by):
                start -= len(count)
            kept = kept[:start] + kept[span.end :]
        return kept

    @property
    def names_no_business_of_its_own(self) -> bool:
        """Of a message that asks about membership: whether it names its business by no word of its own (厂, 公司 alone)
        and does not describe it ("我们这种厂子都得报吗"), and asks only whether to take part: "我们算重点行业吗" asks about
        the 47 in so many words (industry_cues), but a cue after a negator ("不在47个行业里 还要申报吗") says the
        business is not among them."""
        if self._spans or self.vague or self.describes_business:
            return False
        cues = self._catalogue._asks_membership
        denials = self._catalogue._negation_chars
        return cues is None or all(
            self._folded[found.start() - 1 : found.start()] in denials
            for found in cues.finditer(self._folded)
        )

    @property
    def tells_production(self) -> bool:
        """Whether what the message says besides the business's words holds a word of production (生产, 做, 烧 …): it
        goes on describing the business ("公司有两座捣固焦炉，年产焦炭一百万吨左右")."""
        production = self._catalogue._production
        return production is not None and production.search(self.without_business) is not None

    @property
    def asks_what_it_counts_as(self) -> bool:
        """ "做饲料的，算饲料加工吗", "我们是铸造厂，是不是铸造": a listed name right after a word of `asked_before`
        asks what the business counts as, which the verdict answers (as it does "要报吗")."""
        catalogue = self._catalogue
        asked = catalogue._asked_before
        if asked is None or catalogue._asked_anywhere.search(self._folded) is None:
            return False  # most messages ask about no name
        return any(asked.search(self._folded, 0, span.start) for span in self._spans)

    @property
    def own_industries(self) -> list[tuple[str, Industry]]:
        """The listed industries the message names as the business's own, each by a word of its own (as the catalogue
        writes it), in the order named ("既有石灰窑又有耐火材料车间": 石灰窑, 耐火材料): none denied, bought, a party's or
        only talked about, nor joined to a party's. A word several industries share counts as the verdict's candidate
        among them."""
        catalogue = self._catalogue
        candidates = {id(industry) for industry in self.match.candidates}  # read first: it marks the spans
        named: dict[str, tuple[str, Industry]] = {}
        spans = self._spans
        for at, span in enumerate(spans):
            if span.negated or span.bought or span.party or span.graded or span.term not in catalogue._terms:
                continue
            after = spans[at + 1] if at + 1 < len(spans) else None
            if (
                after is not None
                and after.party
                and catalogue._joined(self._folded, span.end, after.start, self._clause_starts)
            ):
                continue  # "胶印和凹印用的油墨": joined to a party's word, it is that party's too
            industries = [catalogue.industries[number] for number in sorted(catalogue._terms[span.term])]
            industry = next((one for one in industries if id(one) in candidates), industries[0])
            named.setdefault(industry.name, (catalogue._spelling[span.term], industry))
        return list(named.values())

    def says_beside_own_goods(self, words: re.Pattern[str]) -> bool:
        """Whether any of `words` stands in a clause with a listed word of the business the verdict places (none denied,
        bought or a party's): "报价单上是高铝砖" prices the goods, "我们是铸造厂，门禁报价八万" the kit of its other clause."""
        if words.search(self._folded) is None:  # most messages say none
            return False
        # the verdict, read first, marks the goods bought and the parties' words
        if self.match.verdict not in ("one", "ambiguous"):
            return False
        own = [
            span.start
            for span in self._spans
            if span.term in self._catalogue._terms
            and not (span.negated or span.bought or span.party or span.graded)
        ]
        length = len(self._folded)
        for found in words.finditer(self._folded):
            start, end = _clause_around(self._clause_starts, found.start(), length)
            if any(start <= at < end for at in own):
                return True
        return False

    @property
    def names_listed_words(self) -> bool:
        """Whether a word of the catalogue was found, denied or not (cheap: no typo search)."""
        return any(span.term in self._catalogue._terms for span in self._spans)

    @property
    def names_only_others_words(self) -> bool:
        """Whether every word of the catalogue found is another party's ("他把厂房租给别人搞喷漆": the tenant paints) and
        the verdict places nothing."""
        # the verdict, read first, marks the parties' words
        return (
            bool(self._spans)
            and self.match.verdict in ("unsure", "unknown")
            and all(span.party for span in self._spans)
        )

    @property
    def match(self) -> IndustryMatch:
        """The industry verdict, read on first use: most messages routed without it are spared it."""
        if self._match is None:
            self._match = self._read_match()
        return self._match

    def _read_match(self) -> IndustryMatch:
        catalogue = self._catalogue
        # Goods bought and typos inside known words are looked for only here: routing never needs them.
        # Names of customers and suppliers are no evidence either way, and what they hold is said of no one
        # ("铸造厂" holds 铸, "家具厂" a look-alike of 工业涂装)
        # The spans are marked in place: parties first, then goods bought, which blanks the parties' names.
        catalogue._mark_parties(self._folded, self._spans, self._clause_starts)
        catalogue._mark_bought(self._folded, self._spans, self._clause_starts, self._finished)
        catalogue._mark_inputs(self._folded, self._spans)
        spans = catalogue._marked_finished(self._spans, self._finished)
        spans, read_as = catalogue._respelled(self._folded, spans, self._clause_starts)
        exact = catalogue._evidence(self._folded, spans, self._clause_starts)
        if exact is not None and exact.verdict == "outside":
            # "钢厂的运输车队": no positive evidence of a business of its own, the plant's industry the best reading
            owners = catalogue._unit_owners(self._folded, self._spans)
            if owners:
                return IndustryMatch(
                    "unsure",
                    owners[: Catalogue.CANDIDATES],
                    [],
                    None,
                    exact.negated,
                    exact.bought,
                    plant_unit=True,
                )
        if (
            exact is not None
            and exact.verdict == "outside"
            and exact.outside
            and self._does_listed_work_beside(exact.outside)
        ):
            # "做波璃的…窑炉熔化石英砂": the listed work said beside an outside word may be the business's own,
            # named by a word mistyped right before 的 or 厂
            named = self._mistyped_name(IndustryMatch("unsure", [], []), spans)
            if named is not None:
                return named
        if exact is not None and exact.conditional and not exact.bought and self._says_only_denials:
            # Not being one of the 47 says nothing of the other 46, and what it denies is no guess
            return IndustryMatch("unsure", [], [])
        made = self._listed_goods_made_itself if exact is not None and exact.outside is not None else []
        if exact is not None and (
            (exact.conditional and self._unplaced)
            or (exact.verdict == "outside" and self._does_listed_work_beside(exact.outside))
            or made
        ):
            # What it does not do is known, what it does is not; or it does listed work besides: no "不属于".
            # The industries the outside class's caution names come first: the listed work it warns of; those of
            # what the business says it makes itself before them, where the caution names none of these.
            cautioned = (
                catalogue._cautioned[catalogue._outside_classes.index(exact.outside)] if exact.outside else []
            )
            guesses = {industry.name: industry for industry in cautioned if industry in made}
            guesses |= {industry.name: industry for industry in made}
            guesses |= {industry.name: industry for industry in cautioned}
            guesses |= {industry.name: industry for _, industry in (*exact.negated, *exact.bought)}
            guesses |= {industry.name: industry for industry in catalogue._closest(self._rest)}
            return IndustryMatch(
                "unsure",
                list(guesses.values())[: Catalogue.CANDIDATES],
                [],
                None,
                exact.negated,
                exact.bought,
            )
        if exact is not None and exact.verdict == "outside":
            # "不属于" holds only where nothing listed was found, by a homophone either ("我们做铁丝网，热度锌"); in
            # what the known words leave, only words of three characters or more are read so ("电路" is no 电炉), and
            # then those holding part of a known word ("我们做防水卷才的": 做防水; "卖建材的，自己有个石灰姚": 石灰)
            unknown = self._unknown(spans)
            typo = catalogue._read_as(
                catalogue._sounds.find(self._apart(unknown), edits=False, near=False, shortest=3)
            ) or catalogue._read_as(self._across_known_words(unknown))
            if typo is not None:
                return typo
        if exact is not None and exact.verdict in ("one", "ambiguous"):
            named = self._mistyped_name(exact, spans) or self._named(exact, spans)
            if named is not None:
                return named
        if exact is not None:
            return replace(exact, read_as=read_as) if read_as else exact
        trade = self._trade_words if catalogue._trade_class is not None else []
        if trade and (self._asks_nothing or self.asks_membership):
            # "钢材买卖，纯贸易，仓库都是租的": a trade that makes nothing, whatever goods it names
            return IndustryMatch("outside", [], trade, catalogue._trade_class)
        if self.vague:  # a real word for a business of several industries: not a typo of one
            guesses = {industry.name: industry for term in self.vague for industry in catalogue._vague[term]}
            # but a word mistyped beside it may say which of them it is ("水尼厂，有回转窑"); one holding the vague
            # word itself is typed right ("做砖的" is no 座砖)
            typo = catalogue._typo(self._blanked(self._spans), self._clause_starts)
            if (
                typo is not None
                and typo.verdict == "one"
                and typo.candidates[0].name in guesses
                and any(not any(term in typed for term in self.vague) for typed, _ in typo.read_as)
            ):
                return typo
            return IndustryMatch("unsure", list(guesses.values())[: Catalogue.CANDIDATES], [])
        # A known word its exclude cancelled ("涂料批发") is no typo of another term: only a message with no
        # known word of its own is searched for typos; the speaker's own words decide where every known word is
        # another party's ("练焦的，给钢厂供焦碳", "屋流公司，给焦化厂拉焦炭").
        own_words = not all(span.party for span in self._spans)
        # the parties' own words blanked: "帮焦化厂修焦炉的" names no 焦炉 of the speaker's, mistyped or not
        typo = None if own_words else catalogue._typo(self._blanked(self._spans), self._clause_starts)
        if typo is not None and self._only_parties_words(typo):
            # "给钢厂送矿粉": 矿粉 read as the steel works' 铁矿粉 is still what the speaker carries to the party
            typo = None
        if typo is None and not own_words:
            typo = catalogue._outside_typo(self._folded, self._clause_starts)
        if typo is not None:
            return typo
        if not own_words and self._repairs_for_another_only:
            # "帮客户的高炉检修": a repairer of plant other parties own, which makes and runs nothing of its own
            return IndustryMatch("outside", [], [], catalogue._repair_class)
        if not own_words and self._stores_for_another_only:
            # "替铸造厂存铸件": a warehouse of goods other parties made, which makes nothing of its own
            return IndustryMatch("outside", [], [], catalogue._storage_class)
        if not self.names_a_business:
            return IndustryMatch("unknown", [], [])
        # "分局说涉及焦化", "印染要报我们也要报吗": the industry talked about may be the speaker's own, offered as the best
        # reading to confirm, never placed
        talked_about = {
            industry.name: industry
            for span in self._spans
            if span.graded
            for industry in map(catalogue.industries.__getitem__, sorted(catalogue._terms.get(span.term, ())))
        }
        talked_about |= {industry.name: industry for industry in catalogue._closest(self._rest)}
        return IndustryMatch("unsure", list(talked_about.values())[: Catalogue.CANDIDATES], [])

    def _across_known_words(self, unknown: str) -> list[tuple[str, str]]:
        """Terms of three characters or more sounding exactly like a word that holds part of a known word and a whole
        word left unexplained (`unknown`: the message with what it is known to say blanked): "做防水卷才" holds 防水 of
        做防水, "石灰姚" the goods 石灰. A piece of a word left unexplained is none: "纸壳塑料" holds no 可塑料."""
        folded, index = self._folded, self._catalogue._sounds
        slices = []
        for word in self._catalogue._unexplained_word.finditer(unknown):
            low, high = word.span()
            if high - low >= TYPED_MAX:
                continue  # too long to share a typed word with a known one
            # from inside the known word before it, or to inside the known word after it
            if low and unknown[low - 1] == "_":
                slices += [
                    (start, high)
                    for start in range(max(0, high - TYPED_MAX), low)
                    if unknown[start:low].strip("_") == ""
                ]
            if high < len(unknown) and unknown[high] == "_":
                slices += [
                    (low, end)
                    for end in range(high + 1, min(len(folded), low + TYPED_MAX) + 1)
                    if unknown[high:end].strip("_") == ""
                ]
        if not slices:
            return []
        # "钢化玻璃，主要供…" holds no 玻璃主: a typed word lies within one clause
        long_enough = [
            (start, end)
            for start, end in slices
            if end - start >= 3 and not any(start < clause < end for clause in self._clause_starts)
        ]
        return [
            (folded[start:end], term)
            for start, end, term in index.same_sound(folded, index.syllables(folded), long_enough)
        ]

    def _apart(self, text: str) -> str:
        """The message (or a blanking of it) with its clauses joined by "_": no typo is read across a comma."""
        return _clauses_apart(text, self._clause_starts)

    def _blanked(self, spans: list[_Span]) -> str:
        """The message with these known words blanked."""
        # string slices, not a list of characters joined: the messages are short, the spans few, and the list cost
        # twice as much
        blanked = self._folded
        for span in spans:
            blanked = blanked[: span.start] + "_" * (span.end - span.start) + blanked[span.end :]
        return blanked

    def _unknown(self, spans: list[_Span]) -> str:
        """The message with what it is known to say blanked: neither the spans nor the cues, vague business words
        or plain work are typos ("机械加工" holds no 鞋加工)."""
        blanked = self._blanked(spans)
        for known in (self._catalogue._cue_pattern, self._catalogue._plain_work):
            for word in known.finditer(self._folded) if known is not None else ():
                blanked = blanked[: word.start()] + "_" * (word.end() - word.start()) + blanked[word.end() :]
        return blanked

    def _mistyped_name(self, exact: IndustryMatch, spans: list[_Span]) -> IndustryMatch | None:
        """The business's own name mistyped beside words known exactly ("油默厂，胶印的", "做碳嘿的，用煤焦油当原料"):
        the name says what the business is, the other words may be its inputs or customers' work, so the
        industry its homophone names is offered first beside them. Only a word right before 厂 or 的 is read
        so, and only the same sound: towards 属于, like every typo."""
        catalogue = self._catalogue
        # First the windows with only the known words blanked: a word found there is the only kind the full
        # blanking (cues, plain work) can leave, and most messages have none, so they are spared that blanking.
        ends, places = catalogue._name_ends, catalogue._name_end_places
        # Blanking and joining the clauses by "_" add no name end and leave none a letter before it that it lacked
        # here: a message with no name end at all (45 % of those read here) has no window, spared both.
        if places.search(self._folded) is None:
            return None
        if not catalogue._sounded_in_windows(_name_windows(self._apart(self._blanked(spans)), places)):
            return None
        readings = [
            (typed, term)
            for typed, term in catalogue._sounded_in_windows(
                _name_windows(self._apart(self._unknown(spans)), places)
            )
            if typed[-1] in ends or any(typed + end in self._folded for end in ends)
        ]
        named = catalogue._read_as(readings)
        if named is None or set(map(id, named.candidates)) <= set(map(id, exact.candidates)):
            return None
        # its likeliest reading first, then what the exact words say
        candidates = {industry.name: industry for industry in (*named.candidates[:1], *exact.candidates)}
        return IndustryMatch(
            "ambiguous" if len(candidates) > 1 else "one",
            list(candidates.values())[: Catalogue.CANDIDATES],
            [*named.terms, *exact.terms],
            read_as=named.read_as,
        )

    def _named(self, exact: IndustryMatch, spans: list[_Span]) -> IndustryMatch | None:
        """The business's own name said exactly, after a verb of making and right before 厂 or 的 ("我们是做铸件的，电炉
        熔炼"), where longer words of another industry outweigh it: the name says what the business is, a process word
        both may share does not, so its industry is offered first beside theirs ("收废铝熔成铝锭的" names no 铝锭 maker)."""
        catalogue, folded, clauses = self._catalogue, self._folded, self._clause_starts
        offered = {id(industry) for industry in exact.candidates}
        for span in spans:
            if (
                span.party
                or span.bought
                or span.negated
                or span.end == len(folded)
                or folded[span.end] not in catalogue._name_ends
                or catalogue._naming_verbs.search(
                    folded, _clause_around(clauses, span.start, len(folded))[0], span.start
                )
                is None
                or span.term not in catalogue._terms
            ):
                continue
            own = [catalogue.industries[number] for number in sorted(catalogue._terms[span.term])]
            if not offered.isdisjoint(map(id, own)):
                continue
            candidates = {industry.name: industry for industry in (*own[:1], *exact.candidates)}
            return IndustryMatch(
                "ambiguous",
                list(candidates.values())[: Catalogue.CANDIDATES],
                [catalogue._spelling[span.term], *exact.terms],
            )
        return None

    @property
    def _finished(self) -> list[tuple[int, int, str]]:
        """Work said finished after a word of buying (Catalogue._finished): what goods bought, the denials and what
        the message leaves unexplained each need, found once."""
        if self._finished_read is None:
            self._finished_read = self._catalogue._finished(self._folded, self._clause_starts)
        return self._finished_read

    @property
    def _unexplained(self) -> str:
        """What the message says besides the words both sides know, its denials and cues (Catalogue._unexplained)."""
        if self._unexplained_read is None:
            self._unexplained_read = self._catalogue._unexplained(
                self._folded, self._spans, self._clause_starts, self._finished
            )
        return self._unexplained_read

    @property
    def _does_listed_work(self) -> bool:
        """Whether the message says, besides the words both sides know and its denials, work that only the
        listed processes do ("收废钢回来…炼成钢"): then an outside class does not place the business."""
        listed_work = self._catalogue._listed_work
        return listed_work is not None and listed_work.search(self._unexplained) is not None

    def _does_listed_work_beside(self, outside: OutsideClass | None) -> bool:
        """Whether the message says listed work besides what the outside class matched does as its own trade: a
        word of its `own_work` ending its clause names nothing burnt or made ("集中供热的锅炉房，冬天烧")."""
        if outside is None or not outside.own_work or not self._does_listed_work:
            return self._does_listed_work
        catalogue = self._catalogue
        unexplained = self._unexplained
        folded, generic = self._folded, catalogue._generic
        for low, high in _clauses(self._clause_starts, len(folded)):
            said = generic.sub("", folded[low:high])
            for word in outside.own_work:
                at = said.find(word)
                while at >= 0:
                    end = at + len(word)
                    if end == len(said) or (
                        catalogue._work_goes_on is not None and catalogue._work_goes_on.match(said, end)
                    ):
                        unexplained = unexplained.replace(word, "", 1)
                    at = said.find(word, end)
        listed_work = catalogue._listed_work
        return listed_work is not None and listed_work.search(unexplained) is not None

    @property
    def _listed_goods_made_itself(self) -> list[Industry]:
        """The listed industries sharing words with what the speaker says it makes, itself and not denied, once
        the words of production are left out ("农场，自己生产化肥", "养猪场，自己加玉米粉碎搅拌"); what
        shares none ("饭店，自己做馒头") leaves an outside class placing the business. The goods may come first in
        the clause ("化肥自己生产"); the words of classes outside the 47, blanked, say nothing of them."""
        catalogue = self._catalogue
        own_making, production = catalogue._own_making, catalogue._production
        if own_making is None or production is None:
            return []
        folded = self._folded
        blanked = self._blanked([span for span in self._spans if span.term in catalogue._outside])
        for low, high in _clauses(self._clause_starts, len(folded)):
            for said in own_making.finditer(folded, low, high):
                if catalogue._negator_pattern.search(folded, low, said.start()):
                    continue  # "不是自己生产的"
                closest = catalogue._closest(production.sub("", blanked[low:high]))
                if closest:
                    return closest
        return []

    @property
    def _repairs_for_another_only(self) -> bool:
        """Whether the known words are all plant the speaker repairs for a party it names ("给焦化厂的焦炉做检修"),
        and nothing else it says, the repair words left out, is production or listed work."""
        catalogue = self._catalogue
        if catalogue._repair_class is None or not any(span.repaired_for_another for span in self._spans):
            return False
        rest = (
            catalogue._repair_said.sub("", self._unexplained) if catalogue._repair_said else self._unexplained
        )
        produces = catalogue._production is not None and catalogue._production.search(rest) is not None
        listed_work = catalogue._listed_work is not None and catalogue._listed_work.search(rest) is not None
        return not produces and not listed_work

    def _only_parties_words(self, typo: IndustryMatch) -> bool:
        """Whether every term a typo reading found is a word of only the industries of the parties the message names:
        their goods or materials mistyped, which count for the speaker no more than spelt right."""
        terms = self._catalogue._terms
        parties = {number for span in self._spans if span.party for number in terms.get(span.term, ())}
        return bool(parties) and all(terms.get(term, {-1}) <= parties for _, term in typo.read_as)

    @property
    def _stores_for_another_only(self) -> bool:
        """Whether the message, whose known words are all a party's (its name and goods), says it stores them
        ("替铸造厂存铸件", "帮陶瓷厂存放瓷砖"), and nothing else it says, the storing left out, is production or listed
        work ("帮铸造厂存铸件，自己也铸一些" stays not sure)."""
        catalogue = self._catalogue
        said = catalogue._storage_said
        if catalogue._storage_class is None or said is None or said.search(self._folded) is None:
            return False
        rest = said.sub("", self._unexplained)
        produces = catalogue._production is not None and catalogue._production.search(rest) is not None
        listed_work = catalogue._listed_work is not None and catalogue._listed_work.search(rest) is not None
        return not produces and not listed_work

    @property
    def _unplaced(self) -> bool:
        """Whether the message says more of the business than the words both sides know, its denials and
        work in none of the 47."""
        catalogue = self._catalogue
        rest = self._unexplained
        # "收废铝熔成…": a word of production left over, however short, may be a listed process
        produces = catalogue._production is not None and catalogue._production.search(rest) is not None
        # what a business that only trades says besides are its goods, their places and its paperwork
        return produces or (len(rest) > Catalogue.SHORT_REST and not self._trade_words)

    @property
    def _says_only_denials(self) -> bool:
        """ "我们不是水泥厂，要报吗", "我们厂不喷漆": no word of the business but those it denies, and nothing else said of
        it besides the negators and the words that say nothing ("我们是机械加工厂，不喷漆" says a business by a vague word)."""
        catalogue = self._catalogue
        # a vague word outside the denied names says the business (the 砖 of 不是砖厂 does not)
        if any(term in self.without_business for term in self.vague):
            return False
        if any(not span.negated for span in self._spans):
            return False
        rest = catalogue._negator_pattern.sub("", self._rest)
        for low, high in catalogue._sizes_said(self._folded, self._clause_starts):
            # as the rest says it: without the words that say nothing ("一年" is 年 there)
            rest = rest.replace(catalogue._generic.sub("", self._folded[low:high]), "", 1)
        return not (catalogue._says_nothing.sub("", rest) if catalogue._says_nothing is not None else rest)

    @property
    def says_it_trades(self) -> bool:
        """Whether the message says its business sells, not denied, and makes nothing ("家具卖场，代理几个品牌，不生产")."""
        return bool(self._trade_words)

    @property
    def _trade_words(self) -> list[str]:
        """The words of selling the message says of its business, not denied, where it says no production of its own
        nor listed work ("油漆经销部，只卖漆不生产，门店加仓库": 经销, 卖); none where it makes anything ("卖砖的，砖是
        自己窑上烧的")."""
        catalogue = self._catalogue
        sells, production = catalogue._sells, catalogue._production
        folded = self._folded
        clauses = _clauses(self._clause_starts, len(folded))
        # clause by clause: the folded message has no commas, and "劳保用品买卖，给钢厂供货" sells nothing "to" (卖给) a steel
        # works
        if sells is None or not any(sells.search(folded, low, high) for low, high in clauses):
            return []  # most messages sell nothing
        if (production is not None and production.search(self._unexplained)) or self._does_listed_work:
            return []
        # "五金店里卖的铁锹，我们厂打的": the shop's selling, not the speaker's; nor "卖给经销商", a customer's trade
        if catalogue._counterparts is not None:
            for low, high in catalogue._counterparts.sold_by_shops(folded, self._clause_starts, sells):
                folded = folded[:low] + "_" * (high - low) + folded[high:]
        for span in self._spans:
            if span.party:
                folded = folded[: span.start] + "_" * (span.end - span.start) + folded[span.end :]
        said = [catalogue._without_denials(folded[low:high]) for low, high in clauses]
        another_party = catalogue._another_party_before
        return list(
            dict.fromkeys(
                word.group()
                for clause in said
                for word in sells.finditer(clause)
                # "让代理公司统一寄过去": the agency's trade, not the speaker's
                if another_party is None or another_party.search(clause, 0, word.start()) is None
            )
        )

    @property
    def asks_membership(self) -> bool:
        """Whether the message asks if a business is one of the 47 (not just mentions an industry)."""
        if self.asks_about_grading:
            # "水泥熟料B级红色预警是不是得停窑", "又有铸造又有喷涂算哪个等级" ask about grades and measures: the entries
            # answer them first
            return False
        if self._has(self._catalogue._asks_membership) or self.asks_what_it_counts_as:
            return True  # "算水泥吗" asks it of a listed name
        return self.asks_participation and (bool(self._spans) or self._has(self._catalogue._names_business))

    @property
    def asks_of_a_graded_subject(self) -> bool:
        """ "石灰窑的评级", "铸造厂的评级标准": every word the message names a business by is the subject of the grading
        talked about (`graded_subject.after`), and it asks nothing of taking part: it asks about that industry's
        grading, which the entries answer; whose business it is the message never says, so no verdict does."""
        after = self._catalogue._subject_after
        if after is None or not self._spans or self.asks_membership:
            return False
        if any(term in self.without_business for term in self.vague):
            return False  # "化工厂的评级": a vague business word beside it may be the speaker's
        return all(
            span.term in self._catalogue._terms and after.match(self._folded, span.end) is not None
            for span in self._spans
        )

    @property
    def asks_participation_in_the_list(self) -> bool:
        """ "要不要报", "是不是…": about taking part, unless it asks about grades or measures ("评上A了是不是预警也能
        照常干活")."""
        return self.asks_participation and not self.asks_about_grading

    @property
    def names_a_business(self) -> bool:
        """False for "我们算重点行业吗": it asks, but says nothing of what the business does."""
        return len(self._rest) > Catalogue.NOTHING_SAID

    @property
    def only_describes_business(self) -> bool:
        """ "我们是水泥厂", "红砖": a business named with nothing else asked, meaning "are we one of the 47?"."""
        return bool(self._spans or self.describes_business) and len(self._rest) <= Catalogue.SHORT_REST
