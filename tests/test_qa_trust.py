"""Answers enterprises can trust: "属于" only on evidence, "不属于" only on evidence, typos of pinyin input
forgiven, negations respected, the numbered clarifying question taken up, sources and confidence shown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.__main__ import run_knowledge
from bot.settings import Settings
from handlers.qa import Answers
from knowledge.answering import decide
from knowledge.base import KnowledgeBase, KnowledgeError, fidelity_problems, load_knowledge
from knowledge.catalogue import fold
from knowledge.pinyin import SoundIndex
from tests.harness import Harness, shared_knowledge

NEED_NOT_APPLY = ("不需要参加", "不用参加", "不属于")


# The vocabularies the properties below pick from, built once per module rather than once per example (the
# knowledge is immutable): folding every product for the goods took more CPU than deciding the example.
@pytest.fixture(scope="module")
def listed_goods(kb: KnowledgeBase) -> list[str]:
    """The 47's products that can be bought: a process, or a product named by its making ("墨水生产",
    "翻新轮胎"), is production said, never goods bought."""
    return [
        term
        for industry in kb.catalogue.industries
        for term in industry.products
        if fold(term) not in kb.catalogue._made
    ]


@pytest.fixture(scope="module")
def listed_processes(kb: KnowledgeBase) -> list[str]:
    return [term for industry in kb.catalogue.industries for term in industry.processes]


@pytest.fixture(scope="module")
def listed_terms(kb: KnowledgeBase) -> list[str]:
    return [term for industry in kb.catalogue.industries for term in industry.terms]


@pytest.fixture(scope="module")
def outside_terms(kb: KnowledgeBase) -> list[str]:
    return [term for kind in kb.catalogue._outside_classes for term in kind.terms]


@pytest.fixture(scope="module")
def factory_names(kb: KnowledgeBase) -> list[str]:
    """The 47's names for a factory (铸造厂), as a customer is named."""
    return [
        alias for industry in kb.catalogue.industries for alias in industry.aliases if alias.endswith("厂")
    ]


@pytest.mark.parametrize("question", ["做砖瓦的要参加评级吗", "我们烧砖的，要报吗", "我们做石灰的要评级吗"])
async def test_listed_businesses_by_their_bare_words_are_told_to_apply(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert reply.startswith("属于"), reply
    assert not any(phrase in reply for phrase in NEED_NOT_APPLY)


async def test_a_business_outside_names_its_class_and_still_mentions_the_list(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是开饭店的，算重点行业吗")
    assert reply.startswith("不属于")
    assert "餐饮业" in reply
    assert "《国民经济行业分类》（GB/T 4754-2017）" in reply
    assert "应急减排清单" in reply


async def test_listed_work_beside_an_outside_class_is_never_told_no(harness: Harness) -> None:
    # recycling is outside the 47, melting and casting what it collects is not: "不确定", never "不属于"
    reply = await harness.text("张三", "我们是废品回收站，收废铁，回来自己熔了浇成铁锭")
    assert reply.startswith("我没能确定"), reply
    assert "按最低等级管理" in reply
    assert "1. 再生铜铝铅锌" in reply  # the industry the class's caution names is the first guess
    assert (await harness.text("张三", "1")).startswith("好的，按“再生铜铝铅锌”")
    plain = await harness.text("张三", "收废品的，废纸废铁打包卖")
    assert plain.startswith("不属于")
    assert "再生物资回收与批发" in plain


async def test_a_denied_process_is_no_evidence_but_becomes_the_condition(harness: Harness) -> None:
    reply = await harness.text("张三", "我们做五金冲压件，不做表面处理也不喷漆")
    assert not reply.startswith("属于")
    assert "如有“喷漆”工序，则属于“工业涂装”" in reply
    # a vague business word that is plain work places the business as well, and holds no typo (械加工 ~ 鞋加工)
    reply = await harness.text("李四", "我们是机械加工厂，不喷漆也不电镀")
    assert "单从这点看不属于" in reply, reply
    assert "制鞋" not in reply


async def test_a_denied_process_leaves_the_listed_business(harness: Harness) -> None:
    reply = await harness.text("张三", "我们做实木家具，不喷漆，要报吗")
    assert reply.startswith("属于")
    assert "“家具制造”" in reply


async def test_a_mistyped_business_name_beside_a_known_word_is_offered_first(harness: Harness) -> None:
    # the name says what the business is; 胶印 may be the ink's use or a printer's work: both are offered
    reply = await harness.text("张三", "油默厂，胶印的")
    assert "“油默厂”按“油墨厂”理解" in reply, reply
    assert "1. 油墨制造" in reply
    assert "2. 包装印刷" in reply
    assert (await harness.text("张三", "1")).startswith("好的，按“油墨制造”")
    # a raw material taken in (当原料) is its supplier's product, no candidate: the name read decides
    reply = await harness.text("李四", "我们厂做碳嘿的，用煤焦油当原料")
    assert "“炭黑制造”" in reply, reply
    assert "焦化" not in reply, reply


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.sampled_from("油默碳嘿石才涂聊陶资水尼专瓦饲四交化"), min_size=2, max_size=3),
    st.sampled_from(["厂，", "的，我们"]),
    st.integers(min_value=0),
)
def test_a_name_read_by_its_sound_never_drops_the_words_known(
    kb: KnowledgeBase, name: str, joint: str, pick: int
) -> None:
    """Whatever word stands before 厂 or 的, a listed process said beside it keeps its industry among the
    candidates, and the business is never told 不属于."""
    processes = [(term, industry) for industry in kb.catalogue.industries for term in industry.processes]
    process, industry = processes[pick % len(processes)]
    text = f"{name}{joint}有{process}"
    match = decide(kb, text).industry
    assert match is not None, text
    assert match.verdict != "outside", text
    assert match.verdict in ("one", "ambiguous"), text
    assert industry in match.candidates, (text, match.terms)


async def test_goods_bought_into_an_outside_product_are_no_evidence(harness: Harness) -> None:
    # the blending and granulating is the compound fertiliser's making, not the urea's
    reply = await harness.text("张三", "我们做复合肥，尿素是买来掺混造粒的")
    assert reply.startswith("不属于"), reply
    assert "复混肥料制造" in reply
    assert "如果贵企业自己生产或加工“尿素”" in reply


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0), st.integers(min_value=0))
def test_goods_bought_in_the_next_clause_never_place_an_outside_business_in_the_list(
    kb: KnowledgeBase, outside_terms: list[str], listed_goods: list[str], outside_pick: int, goods_pick: int
) -> None:
    """A listed word after a comma is no customer's goods of the outside word before it: "我们是O，G是买来的" is
    never 属于 on G."""
    text = f"我们是{outside_terms[outside_pick % len(outside_terms)]}，{listed_goods[goods_pick % len(listed_goods)]}是买来的"
    match = decide(kb, text).industry
    assert match is not None, text
    assert match.verdict not in ("one", "ambiguous"), (text, match.terms)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("是的了有在不只厂石施丝胶器光灰板带皿伏合饭店点修场汽"), max_size=12))
def test_a_function_character_of_the_message_is_never_a_wrong_one(kb: KnowledgeBase, text: str) -> None:
    """Whatever the message, a word read as a term by its sound has none of 是, 的, 有 … where the term has
    another character: those are words of their own."""
    for typed, term in kb.catalogue._sounds.find(text):
        if len(typed) == len(term):
            function_chars = kb.catalogue.function_chars
            assert all(a == b or a not in function_chars for a, b in zip(typed, term, strict=True)), (
                typed,
                term,
            )


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0),
    st.text(alphabet=st.sampled_from("氧养化铝玻璃钢刚石墨电极机涂兔料陶瓷水泥砖窑铸造厂的"), max_size=2),
    st.text(alphabet=st.sampled_from("氧养化铝玻璃钢刚石墨电极机涂兔料陶瓷水泥砖窑铸造厂的"), max_size=2),
)
def test_a_word_no_term_sounds_like_with_more_around_has_no_longer_term_around_it(
    kb: KnowledgeBase, pick: int, before: str, after: str
) -> None:
    """Where no term sounds like a known word with a character or two more around it (`SoundIndex.lengthens`), no
    slice reaching past the word in a message sounds like one: the respelling search that skips it misses nothing."""
    sounds = kb.catalogue._sounds
    words = sorted({*sounds._terms, *kb.catalogue._outside})  # the known words a message is scanned for
    word = words[pick % len(words)]
    text = f"{before}{word}{after}"
    around = [
        (len(before) - more_before, len(before) + len(word) + more_after)
        for more_before in range(len(before) + 1)
        for more_after in range(len(after) + 1)
        if more_before or more_after
    ]
    found = list(sounds.same_sound(text, sounds.syllables(text), around))
    assert sounds.lengthens(word, 2) or not found, (text, found)


def test_the_some_of_a_question_word_is_no_mistyped_term(kb: KnowledgeBase) -> None:
    # 哪些材料 sounds like 哪鞋材料: 些 of 哪些/这些/一些 is a word of its own, so no 鞋材 (制鞋) is read in a question
    for text in ("我们厂要交哪些材料", "这些材料交给谁", "还差一些材料没弄完"):
        assert all(term != "鞋材" for _typed, term in kb.catalogue._sounds.find(text)), text
        assert "制鞋" not in [industry.name for industry in kb.catalogue.read(text).match.candidates], text


# Found by probing every industry's trade words and shop names, and listed sidelines beside outside trades:
# (message, how the reply starts, what it names)
READ_RIGHT = [
    ("我们做轴承钢的，要报吗", "属于", "“长流程联合钢铁”"),  # was told 不属于 through 轴承
    ("我们是做金属硅的，矿热炉四台", "属于", "“铁合金”"),
    ("我们是燃煤电厂，两台机组", "不属于", "电力生产"),
    ("我们是电极厂", "属于", "“炭素”"),  # was told 不属于 as a homophone of the outside 电机厂
    ("我们是铝厂", "我没能确定", "电解铝"),  # a bare metal plant is one of several industries
    ("我们是做砖的", "我没能确定", "砖瓦窑"),  # bare 砖 was read by its sound as 座砖 (耐火材料)
    # a kiln or a centre is a business of its own, not goods the trader handles
    ("我们是卖建材的，自己还有个小石灰窑", "属于", "“石灰窑”"),
    ("我们是物流园，园区里有个共享喷涂中心是我们建的", "属于", "“集中喷涂”"),
    ("我们除了卖轮胎还翻新轮胎", "属于", "“橡胶制品制造”"),  # retreading is making: not only sold
    ("做纸管的，也印点logo", "我没能确定", "包装印刷"),  # printing beside an outside product
]


async def test_trade_words_and_listed_sidelines_are_read_right(harness: Harness) -> None:
    for number, (text, start, named) in enumerate(READ_RIGHT):
        reply = await harness.text(f"用户{number}", text)
        assert reply.startswith(start), reply
        assert named in reply, reply
    # a suffix left right is no typo (管材 is no 石材), nor is 是, a word of its own (是胶 is no 施胶)
    assert "石材" not in await harness.text("张三", "我们做管材的")
    assert "人造板" not in await harness.text("李四", "我们是胶带厂")


async def test_questions_are_no_negations(harness: Harness) -> None:
    reply = await harness.text("张三", "有没有喷漆工序的厂都要报吗，我们厂喷漆")
    assert reply.startswith("属于")
    assert "“工业涂装”" in reply


@pytest.mark.parametrize(
    ("question", "typed", "meant", "industry"),
    [("我们做涂聊的", "涂聊", "涂料", "涂料制造"), ("我们是陶资厂", "陶资厂", "陶瓷厂", "陶瓷")],
)
async def test_pinyin_typos_are_read_and_say_how(
    harness: Harness, question: str, typed: str, meant: str, industry: str
) -> None:
    reply = await harness.text("张三", question)
    assert re.search(f"“[^”]*{typed}[^”]*”按“[^”]*{meant}[^”]*”理解", reply), reply
    assert f"“{industry}”" in reply


async def test_a_vague_business_gets_candidates_never_a_no(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是化工厂，要报吗")
    assert reply.startswith("我没能确定")
    assert "1. 有机化工行业" in reply
    assert "按最低等级管理" in reply
    assert not any(phrase in reply for phrase in NEED_NOT_APPLY)


async def test_the_clarifying_question_takes_a_number_or_a_name(harness: Harness) -> None:
    await harness.text("张三", "我们是化工厂，要报吗")
    chosen = await harness.text("张三", "2")
    assert chosen.startswith("好的，按“炼油与石油化工”")
    await harness.text("李四", "我们是化工厂")
    assert (await harness.text("李四", "涂料制造")).startswith("好的，按“涂料制造”")


async def test_after_the_clarifying_question_anything_else_is_answered_as_usual(harness: Harness) -> None:
    await harness.text("张三", "我们是化工厂")
    reply = await harness.text("张三", "申请名单什么时候交")
    assert "7月17日" in reply
    assert "1" not in (await harness.text("张三", "1"))[:2]  # the choice was used up by the question


async def test_a_short_deadline_question_leads_with_the_list_and_the_materials(harness: Harness) -> None:
    reply = await harness.text("张三", "啥时候截止")
    first = reply.split("——来源")[0]  # one answer, the list's, saying the materials' date in a line
    assert "7月17日12:00" in first
    assert "7月31日" in first
    assert "平山" not in reply.split("您要问的如果是别的")[0]
    assert "全部时间节点汇总" in reply


async def test_revising_the_application_list_is_its_own_question(harness: Harness) -> None:
    reply = await harness.text("张三", "申请名单能修改吗")
    assert "修改" in reply
    assert reply.count("——来源") == 1


async def test_guide_statements_show_their_confidence_and_chinese_source(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是铸造厂")
    assert "可信度中" in reply
    assert "平山县分局2022年助企政策 一、2.适用对象" in reply
    hebei = await harness.text("张三", "我们做注塑件")
    assert "推断" in hebei
    assert "可信度低" in hebei
    for question in ("340号文是什么", "河北八个行业是哪八个", "视频和台账保存多久"):
        answer = await harness.text("张三", question)
        assert "§" not in answer, answer
        assert "The " not in answer, answer


def test_every_listed_term_in_a_description_is_never_told_no(kb: KnowledgeBase) -> None:
    """Zero false "不属于" over the whole vocabulary: each term, said as a business, is one of the 47."""
    wrong = []
    for industry in kb.catalogue.industries:
        for term in industry.terms:
            for text in (f"我们做{term}的", f"{term}要报吗"):
                match = decide(kb, text).industry
                if match is None or match.verdict == "outside":
                    wrong.append(f"{text} → {match.verdict if match else '问答'}")
    assert not wrong, wrong


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(
            "我们做不没有是喷漆涂料铸造饭店厂，。 要报吗除了都化工五金冲压砖瓦石灰聊资a1"
        ),
        max_size=40,
    )
)
def test_every_industry_verdict_says_what_it_must(kb: KnowledgeBase, answers: Answers, text: str) -> None:
    """Whatever the wording: "不属于" only with the class or the denial it rests on, "属于" always with "需要申报",
    and "not sure" always with the lowest-grade warning."""
    # the answer and the decision it was written from, decided once (no chat emoji "[…]" in the alphabet: the
    # decision is `decide`'s); a message without words is answered undecided
    answer, written_from = answers.with_decision(text)
    match = (written_from or decide(kb, text)).industry
    reply = answer.text
    if match is None:
        assert "不属于" not in reply
    elif match.verdict == "outside" and match.outside is not None:
        # after the line saying how a mistyped word was read ("（“要店”按“药店”理解。）"), when there is one
        assert reply.split("\n", 1)[bool(match.read_as)].startswith("不属于")
        assert match.outside.name in reply
    elif match.verdict == "outside":
        assert "如有“" in reply
    elif match.verdict in ("one", "ambiguous"):
        assert "需要申报" in reply
    elif match.verdict == "unsure":
        assert "按最低等级管理" in reply


@pytest.mark.slow
def test_knowledge_check_refuses_an_english_source_heading_and_a_missing_confidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    guide = data / "faq_guide.yaml"
    text = guide.read_text(encoding="utf-8")
    first = text.index("section:")
    text = text[:first] + "section: §2 Partial facts}" + text[text.index("\n", first) :]
    guide.write_text(text.replace("    confidence: medium\n", "", 1), encoding="utf-8")
    # the harness's: the check below reads this build rather than building the copy again
    problems = fidelity_problems(shared_knowledge(data, Settings().templates_dir))
    assert any("不是中文的文件和条目名称" in problem for problem in problems)
    assert any("须注明可信度" in problem for problem in problems)
    # what `python -m bot knowledge check` runs (its process is tested in test_qa.py)
    assert run_knowledge(Settings(knowledge_dir=data), "check") == 1
    assert "来源或可信度问题" in capsys.readouterr().err


async def test_the_self_assessment_industry_question_respects_negation(harness: Harness) -> None:
    from tests.harness import VALID_CODES

    replies = [
        await harness.text("王会计", text)
        for text in ("我要自评", "平山县木艺家具厂", VALID_CODES[0], "平山县")
    ]
    assert "【行业类别】" in replies[-1]
    reply = await harness.text("王会计", "我们做实木家具，不喷漆")
    assert "家具制造" in reply
    assert "工业涂装" not in reply


@pytest.mark.parametrize(
    ("description", "condition"),
    [
        ("门窗店，买铝型材回来切割组装", "如果贵企业自己生产或加工“铝型材”"),  # the shop is the class
        ("我们没有焦炉，就是把焦炭筛一下再卖", "“焦炭”只是买进、卖出，单从这点看不属于"),
        # goods sold in the words of a look-alike of their industry ("卖饲料") are still goods sold
        ("我们只卖饲料不生产", "如果贵企业自己生产或加工“饲料”"),
        # machining castings others made: its 加工 makes nothing, and the foundry it buys from is a supplier,
        # whose name is no condition of the speaker's business
        ("铸件后加工，不熔化不浇注，毛坯从铸造厂买", "如果贵企业自己生产或加工“铸件”"),
    ],
)
async def test_goods_only_bought_or_sold_are_no_evidence_but_become_the_condition(
    harness: Harness, description: str, condition: str
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith("不属于") or "单从这点看不属于" in reply, reply
    assert condition in reply


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0),
    st.sampled_from(["只卖{}，不生产", "我们就是卖{}的门市", "{}都是买的，我们只卖"]),
)
def test_listed_goods_only_sold_are_never_evidence_for_the_list(
    kb: KnowledgeBase, listed_goods: list[str], pick: int, wording: str
) -> None:
    """Goods a business only sells are never 属于, look-alike or not ("卖饲料"): they are named as goods bought
    and sold (the condition), or as the trade they are."""
    term = listed_goods[pick % len(listed_goods)]
    match = decide(kb, wording.format(term)).industry
    assert match is not None, term
    assert match.verdict not in ("one", "ambiguous"), (term, match.terms)
    assert match.outside is not None or any(fold(bought) == fold(term) for bought, _ in match.bought), term


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0), st.integers(min_value=0), st.sampled_from(["精加工", "维修", "切割"]))
def test_a_customers_goods_worked_on_are_no_evidence(
    kb: KnowledgeBase,
    factory_names: list[str],
    listed_goods: list[str],
    name_pick: int,
    goods_pick: int,
    work: str,
) -> None:
    """Goods after 给 + a customer's name + work on others' things ("给铸造厂精加工铸件") are the customer's: a machining
    shop saying so is never 属于 on them."""
    name, term = factory_names[name_pick % len(factory_names)], listed_goods[goods_pick % len(listed_goods)]
    text = f"我们是机加工车间，给{name}{work}{term}"
    match = decide(kb, text).industry
    assert match is not None, text
    assert match.verdict not in ("one", "ambiguous"), (text, match.terms)


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0), st.sampled_from(["喷好", "喷好漆", "烤好漆", "镀好", "喷好塑"]), st.booleans()
)
def test_goods_bought_already_finished_are_no_evidence_and_our_own_finishing_is(
    kb: KnowledgeBase, listed_goods: list[str], pick: int, done: str, ours: bool
) -> None:
    """Work said finished after a word of buying is the maker's ("G是买来喷好的，我们只组装": never 属于), unless the
    message says it is its own ("G买来我们自己喷好"): then never 不属于."""
    term = listed_goods[pick % len(listed_goods)]
    text = f"{term}买来我们自己{done}再卖" if ours else f"{term}是买来{done}的，我们只组装"
    match = decide(kb, text).industry
    if ours:
        assert match is None or match.verdict != "outside", text
    else:
        assert match is not None, text
        assert match.verdict not in ("one", "ambiguous"), (text, match.terms)


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0),
    st.integers(min_value=0),
    st.sampled_from(["买来的{}和{}，我们只组装", "外购的{}、{}", "收来的{}及{}，打包卖掉"]),
)
def test_every_item_of_a_list_after_a_buying_word_is_bought(
    kb: KnowledgeBase, listed_goods: list[str], first: int, second: int, wording: str
) -> None:
    """A buying word heads the whole list it starts ("买来的锻件和铸件"): none of its goods is evidence for the list."""
    text = wording.format(listed_goods[first % len(listed_goods)], listed_goods[second % len(listed_goods)])
    match = decide(kb, text).industry
    assert match is not None, text
    assert match.verdict not in ("one", "ambiguous"), (text, match.terms)


@pytest.mark.parametrize(
    ("description", "industry"),
    [
        ("收废铝熔成铝锭的，用报吗", "再生铜铝铅锌"),  # bought to be melted: made here
        ("我们是水泥粉磨站，没有窑，熟料买来磨", "水泥"),
        ("我们生产和销售水泥", "水泥"),
        # a look-alike that sells cancels nothing where production is said, nor one inside a customer's name
        ("卖饲料的，也自己生产一部分", "饲料加工"),
        ("给家具厂供油漆，自己生产", "工业涂装"),
    ],
)
async def test_goods_bought_to_be_processed_are_still_evidence(
    harness: Harness, description: str, industry: str
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith("属于"), reply
    assert f"“{industry}”" in reply


async def test_a_process_verb_carries_the_negation(harness: Harness) -> None:
    reply = await harness.text("张三", "我们不是皮革厂，不鞣真皮，是做PVC人造革的")
    assert reply.startswith("属于"), reply
    assert "“塑料人造革与合成革制造”" in reply


async def test_an_adjective_with_a_negator_negates_nothing(harness: Harness) -> None:
    reply = await harness.text("张三", "我们生产不燃岩棉板")
    assert reply.startswith("属于"), reply
    assert "“岩矿棉”" in reply


async def test_a_known_word_inside_a_mistyped_longer_one_is_read_as_the_longer(harness: Harness) -> None:
    reply = await harness.text("张三", "公司是养化铝厂，用报名不")
    assert "“养化铝厂”按“氧化铝厂”理解" in reply
    assert "“氧化铝”" in reply


async def test_a_description_with_nothing_asked_gets_the_verdict(harness: Harness) -> None:
    reply = await harness.text("张三", "装载机和小挖都做，整机出厂")
    assert reply.startswith("属于"), reply
    assert "“工程机械整机制造”" in reply
    reply = await harness.text("李四", "俺们做猪饲聊的")
    assert "“饲料加工”" in reply


async def test_denials_and_plain_work_place_the_business_on_the_condition(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是机加工厂，不铸造不喷漆，毛坯都是外购的")
    assert "单从这点看不属于" in reply, reply
    assert "如有“铸造”工序，则属于“铸造”" in reply
    assert "如有“喷漆”工序，则属于“工业涂装”" in reply


_FRAGMENTS = [
    "不",
    "没有",
    "只卖",
    "买",
    "外购",
    "都卖",
    "经销",
    "组装",
    "冲压",
    "门市",
    "批发",
    "打包",
    "收",
    "不是",
    "，",
]


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=6),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=6),
    st.integers(min_value=0),
)
def test_a_business_saying_it_runs_a_listed_process_is_never_told_no(
    kb: KnowledgeBase, listed_processes: list[str], before: list[str], after: list[str], pick: int
) -> None:
    """Whatever is bought, sold, assembled or denied in the clauses around it, a clause that says the business
    runs a listed process keeps "不属于" away."""
    process = listed_processes[pick % len(listed_processes)]
    text = f"{''.join(before)}，我们有{process}，{''.join(after)}"
    match = decide(kb, text).industry
    assert match is None or match.verdict != "outside", text


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=6),
    st.sampled_from(["卖给别人", "也卖", "批发零售", "后卖掉", "，只卖", "，不喷漆", "，外购", ""]),
    st.integers(min_value=0),
)
def test_a_business_saying_it_makes_listed_goods_is_never_told_no(
    kb: KnowledgeBase, listed_terms: list[str], before: list[str], selling: str, pick: int
) -> None:
    """Goods the business says it produces stay evidence, however it sells them and whatever else it buys."""
    term = listed_terms[pick % len(listed_terms)]
    text = f"{''.join(before)}，我们生产{term}{selling}"
    match = decide(kb, text).industry
    assert match is None or match.verdict != "outside", text


async def test_production_said_in_another_clause_keeps_the_goods_as_evidence(harness: Harness) -> None:
    """People type a space for a comma: "收废铜 熔炼后卖" melts what it buys, so 废铜 stays evidence."""
    reply = await harness.text("张三", "收废铜 熔炼后卖")
    assert reply.startswith("属于"), reply
    assert "“再生铜铝铅锌”" in reply


async def test_an_outside_word_typed_as_its_homophone_is_read_and_says_how(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是开饭点的，要报吗")
    assert "“开饭点”按“开饭店”理解" in reply, reply
    assert "不属于" in reply
    assert "餐饮业" in reply
    reply = await harness.text("李四", "我们是屋流公司，只有仓库")
    assert "“屋流公司”按“物流公司”理解" in reply, reply
    assert "不属于" in reply


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["我们是开饭点的", "我们是屋流公司", "开超事的"]),
    st.lists(st.sampled_from(["还", "自己", "也", "，", "有", "我们", "顺便"]), max_size=4),
    st.integers(min_value=0),
)
def test_an_outside_homophone_never_outweighs_listed_work(
    kb: KnowledgeBase, listed_processes: list[str], outside_typo: str, between: list[str], pick: int
) -> None:
    """An outside word read by its sound places the business only where nothing listed is said beside it."""
    text = f"{outside_typo}，{''.join(between)}{listed_processes[pick % len(listed_processes)]}"
    match = decide(kb, text).industry
    assert match is None or match.verdict != "outside", text


def test_knowledge_check_refuses_a_caution_naming_no_industry(tmp_path: Path) -> None:
    """The industries a caution names in quotes are offered as guesses: each must be one of 附件1."""
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    outside = data / "outside.yaml"
    text = outside.read_text(encoding="utf-8")
    outside.write_text(text.replace("属于“焦化”", "属于“炼焦行业”", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="引号里的“炼焦行业”不是附件1的行业名称"):
        load_knowledge(data, Settings().templates_dir)


async def test_a_word_typed_by_its_sound_is_read_without_a_known_word_beside_it(harness: Harness) -> None:
    """Nothing asked and no known word, but a business's word typed by its sound: the verdict, saying how it
    was read; "件加工" is a word of the pattern of 铜加工 and 鞋加工 (two industries), not a typo of either."""
    reply = await harness.text("张三", "钣金件加工，喷图线是自己的")
    assert "“喷图线”按“喷涂线”理解" in reply, reply
    assert "“工业涂装”" in reply
    assert "铜加工" not in reply


_DISTINCT_SOUNDS = "铜铝鞋件钢锌铁木"  # tong lv xie jian gang xin tie mu


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(_DISTINCT_SOUNDS), min_size=3, max_size=3, unique=True),
    st.sampled_from(["加工", "制品厂", "型材厂"]),  # one-character edits are forgiven in three or more
    st.booleans(),
)
def test_a_one_character_edit_shared_by_terms_of_two_kinds_is_no_typo(
    chars: list[str], rest: str, same_kind: bool
) -> None:
    """The typed word differs from two terms in the same place: a typo of them only if both are words for one
    thing (one industry); otherwise the character there is what the word is about."""
    first, second, typed = (char + rest for char in chars)
    kinds = {first: 1, second: 1 if same_kind else 2}
    index = SoundIndex({first, second}, set(), "的厂", kinds=kinds)
    found = {term for _, term in index.find(typed)}
    assert found == ({first, second} if same_kind else set()), (typed, found)


async def test_a_shared_painting_shop_is_central_spraying_not_industrial_coating(harness: Harness) -> None:
    reply = await harness.text("张三", "园区统一建的喷涂车间，几十家企业共用")
    assert reply.startswith("属于"), reply
    assert "“集中喷涂”" in reply
    reply = await harness.text("李四", "我们厂自己的喷涂车间，不对外加工")
    assert "“工业涂装”" in reply, reply
    assert "集中喷涂" not in reply


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0), st.sampled_from(["共用", "合用", "共享", "对外加工"]), st.booleans())
def test_only_a_word_said_and_not_denied_narrows_coating_to_central_spraying(
    kb: KnowledgeBase, pick: int, shared: str, denied: bool
) -> None:
    coating = kb.catalogue.by_name["工业涂装"]
    terms = [*coating.processes, *coating.aliases]
    text = f"我们有{terms[pick % len(terms)]}，{'不' if denied else ''}{shared}"
    match = decide(kb, text).industry
    assert match is not None, text
    names = [industry.name for industry in match.candidates]
    assert ("集中喷涂" in names) is not denied, (text, match.verdict, names)


@pytest.mark.parametrize(
    "description",
    [
        "喷漆我们不做，只做焊接",
        "喷漆外包给别人了，我们只焊接",
        "不是我们喷漆，是外协喷的",
        "我们只做组装，不喷漆",
        "找人喷漆，我们只焊接",  # whoever is found to do it does it, not us
        "喷漆交给别人，我们只组装",
    ],
)
async def test_a_process_denied_after_it_or_given_to_others_is_the_condition(
    harness: Harness, description: str
) -> None:
    reply = await harness.text("张三", description)
    assert "单从这点看不属于" in reply, reply
    assert "如有“喷漆”工序，则属于“工业涂装”" in reply


async def test_a_denial_reaches_no_further_than_its_clause_and_leaves_a_made_thing_unplaced(
    harness: Harness,
) -> None:
    assert (await harness.text("张三", "不喷漆，做鞋")).startswith("属于")  # 做鞋 is past the comma
    reply = await harness.text(
        "李四", "不喷漆，我们做砖"
    )  # something is made: not placed by the denial alone
    assert reply.startswith("我没能确定"), reply
    assert not (await harness.text("王五", "有喷漆没有")).startswith("不属于")  # asks


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0),
    st.sampled_from(["我们不做", "这块没有", "我们不搞了", "都不做了", "外包给别人", "是外协的"]),
    st.sampled_from(["有{}没有", "做{}不做", "{}做不做", "我们{}，不{}", "不{}，{}"]),
)
def test_a_denial_after_the_term_denies_it_and_a_question_or_another_clause_never_does(
    kb: KnowledgeBase, listed_processes: list[str], pick: int, denial: str, untouched: str
) -> None:
    """ "喷漆我们不做" denies 喷漆 as "我们不做喷漆" does; "有喷漆没有" asks and "我们喷漆，不X" denies only X: never
    "不属于" for a process said so."""
    process = listed_processes[pick % len(listed_processes)]
    denied = decide(kb, f"{process}{denial}").industry
    assert denied is None or denied.verdict not in ("one", "ambiguous"), (process, denial, denied.terms)
    other = listed_processes[(pick * 7 + 3) % len(listed_processes)]
    text = (
        untouched.format(process, other) if untouched.startswith("我们") else untouched.format(other, process)
    )
    kept = decide(kb, text).industry
    assert kept is None or kept.verdict != "outside", text


async def test_a_real_word_that_sounds_like_a_process_is_no_typo(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是正面清单企业的上游 能申请帮扶不")  # 上游 is not 上釉
    assert "上下游产业链企业" in reply, reply
    assert "上釉" not in reply


async def test_a_participation_cue_about_grades_is_no_question_about_the_list(harness: Harness) -> None:
    reply = await harness.text("张三", "评上A了是不是预警也能照常干活")
    assert "是否属于2020年47个重点行业" not in reply, reply


async def test_a_process_given_up_is_the_condition(harness: Harness) -> None:
    reply = await harness.text("张三", "以前有铸造，去年拆了，现在就机加工")
    assert "单从这点看不属于" in reply, reply
    assert "如有“铸造”工序，则属于“铸造”" in reply
    assert (await harness.text("李四", "以前喷漆，现在不用油性漆了")).startswith("属于")


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0),
    st.sampled_from(["以前", "我们原来", "前几年"]),
    st.sampled_from(
        ["现在也做", "现在还在干", "现在不用油性漆了", "现在换了新设备", "后来扩产了", "现在改用天然气了"]
    ),
)
def test_a_process_said_of_the_past_stays_evidence_unless_a_later_clause_stops_it(
    kb: KnowledgeBase, listed_processes: list[str], pick: int, past: str, later: str
) -> None:
    text = f"{past}{listed_processes[pick % len(listed_processes)]}，{later}"
    match = decide(kb, text).industry
    assert match is None or match.verdict != "outside", text


@pytest.mark.parametrize(
    ("description", "industry", "not_named"),
    [
        ("给钢厂供活性灰，自己有两座套筒窑", "石灰窑", "长流程联合钢铁"),  # the customer's words are not ours
        ("我们是电解铝厂的配套，做阳极炭块", "炭素", "电解铝"),
        ("我们的油墨卖给印刷厂", "油墨制造", "包装印刷"),  # selling to a customer says whose goods they are
        ("我们是饲料厂，猪料鸡料都有，卖给养殖户", "饲料加工", "畜牧业"),
        # the furnace and the cell tell the metal industry, whatever goods others make too
        ("各位老师好，我们厂废钢进电炉，出钢后轧螺纹钢，需要申报不", "短流程钢铁", "长流程联合钢铁"),
        ("俺们厂有四台电炉炼硅铁", "铁合金", "短流程钢铁"),
        ("我们不生产氧化铝，氧化铝是买来的，我们就是电解出铝液", "电解铝", "“氧化铝”（附件1"),
    ],
)
async def test_the_industry_told_is_named_by_the_speakers_own_words(
    harness: Harness, description: str, industry: str, not_named: str
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith("属于"), reply
    assert f"“{industry}”" in reply
    assert not_named not in reply


@pytest.mark.parametrize(
    ("description", "outside_class", "condition"),
    [
        ("我们是物流园，给钢厂拉货", "装卸搬运和仓储业", None),  # a customer's name is no condition of ours
        ("我们是搅拌站，水泥从水泥厂进", "水泥", "如果贵企业自己生产或加工“水泥”"),
        # businesses that handle goods others made: what they name is what they handle
        ("废品收购站，纸壳塑料瓶废铁分拣打包", "再生物资回收与批发", "如果贵企业自己生产或加工“塑料瓶”"),
        ("化工贸易公司，甲醇醋酸都倒", "其他化工产品批发", "如果贵企业自己生产或加工“甲醇”"),
        ("石材安装队，给人铺大理石地面", "建筑装饰、装修和其他建筑业", "如果贵企业自己生产或加工“大理石”"),
        (
            "防水工程公司，就是上门做防水的，卷材都是买的",
            "建筑装饰、装修和其他建筑业",
            "自己生产或加工“卷材”",
        ),
        ("挖机维修，配件也卖", "金属制品、机械和设备修理业", None),  # 配件 of the next clause is no 维修配件
        ("我们是做汽车配件的厂，冲压焊接，不喷漆", "汽车零部件及配件制造", None),
    ],
)
async def test_suppliers_customers_and_goods_handled_leave_the_business_outside(
    harness: Harness, description: str, outside_class: str, condition: str | None
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith("不属于") or "单从这点看不属于" in reply, reply
    assert outside_class in reply
    if condition is None:
        assert "如果贵企业自己生产或加工" not in reply
    else:
        assert condition in reply


async def test_goods_made_by_others_are_no_production_of_ours(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是机加工厂，铸件是别人铸好的，我们车铣")
    assert "单从这点看不属于" in reply, reply
    assert "如果贵企业自己生产或加工“铸件”" in reply


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0),
    st.sampled_from(
        [
            "我们做{term}的，卖给{party}",
            "{term}，给{party}供货",
            "我们是{party}的供应商，自己生产{term}",
            "给{party}配套，我们做{term}",
            "我们做{term}，原料从{party}买",
        ]
    ),
    st.sampled_from(
        ["钢厂", "铸造厂", "养殖户", "物流公司", "4S店", "饭店", "建材市场", "汽车厂", "化工厂", "印刷厂"]
    ),
)
def test_a_listed_business_naming_a_customer_or_supplier_is_never_told_no(
    kb: KnowledgeBase, listed_terms: list[str], pick: int, wording: str, party: str
) -> None:
    """Whoever the customer or the supplier is, in or out of the 47, a business that names its own listed
    goods or process beside it is never told 不属于."""
    term = listed_terms[pick % len(listed_terms)]
    text = wording.format(term=term, party=party)
    match = decide(kb, text).industry
    assert match is None or match.verdict != "outside", (text, match.outside, match.bought)


@pytest.mark.parametrize(
    ("description", "not_read_as"),
    [
        ("叉车厂要报吗", "叉车胎"),  # 厂 is a word of its own, never the wrong character of a typo
        ("我们做化肥掺混", "化肥厂"),
        ("我们是汽车配件经销商", "汽车铸件"),  # a look-alike the catalogue excludes is a real word
    ],
)
async def test_a_real_word_beside_a_term_is_no_typo_of_it(
    harness: Harness, description: str, not_read_as: str
) -> None:
    reply = await harness.text("张三", description)
    assert f"按“{not_read_as}”理解" not in reply, reply
    assert not reply.startswith("属于"), reply


async def test_spraying_said_beside_an_outside_business_keeps_it_unsure(harness: Harness) -> None:
    reply = await harness.text("张三", "电机外购，我们组装电动车，车架自己焊自己喷")
    assert reply.startswith("我没能确定"), reply
    assert "工业涂装" in reply


@pytest.mark.parametrize(
    "description", ["除了卖瓷砖，我们还自己烧", "以前是废品站，现在收废铝自己熔了做铝锭"]
)
async def test_firing_or_melting_said_beside_a_trade_is_never_told_no(
    harness: Harness, description: str
) -> None:
    reply = await harness.text("张三", description)
    assert not any(phrase in reply for phrase in NEED_NOT_APPLY), reply


async def test_a_wrong_character_fitting_terms_of_two_kinds_in_two_places_is_no_typo(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "我们做石子骨料，破碎筛分")
    assert "按“做鞋子”理解" not in reply
    assert "制鞋" not in reply


async def test_a_listed_word_typed_by_its_sound_beside_an_outside_word_is_never_told_no(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "我们做铁丝网，热度锌")
    assert "属于。" in reply, reply
    assert "“热度锌”按“热镀锌”理解" in reply


async def test_goods_of_a_process_industry_whose_process_is_denied_are_no_evidence(harness: Harness) -> None:
    reply = await harness.text("张三", "做防盗门的，喷塑外协")
    assert not reply.startswith("属于"), reply
    assert "如有“喷塑”工序，则属于“工业涂装”" in reply
    reply = await harness.text(
        "李四", "我们做钢结构，不喷漆，自己热镀锌"
    )  # another process industry's work stays
    assert reply.startswith("属于"), reply
    assert "热镀锌" in reply


@pytest.mark.parametrize(
    ("question", "first_words"),
    [
        ("我们只是个修车铺，也要填这个表吗", "不属于"),
        ("开超市的跟这个有关系吗", "不属于"),
        ("我们厂就做点纸箱，要报名单吗", "属于"),
        ("做门窗的需要报吗", "不属于"),
    ],
)
async def test_everyday_ways_of_asking_whether_we_must_apply_get_the_industry_answer(
    harness: Harness, question: str, first_words: str
) -> None:
    reply = await harness.text("张三", question)
    assert reply.startswith(first_words), reply


@pytest.mark.parametrize(
    ("description", "outside_class"),
    [
        ("我们是做玩具的", "玩具制造"),
        (
            "我们是做电子产品的",
            "计算机、通信和其他电子设备制造业",
        ),  # no 做鞋子: only a verb and a suffix of it would be right
        ("我们是做电池的", "电气机械和器材制造业"),  # no 电瓷
    ],
)
async def test_makers_of_goods_outside_the_list_by_their_goods(
    harness: Harness, description: str, outside_class: str
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith("不属于"), reply
    assert outside_class in reply


async def test_an_outside_word_inside_a_mistyped_listed_term_is_read_as_the_term(harness: Harness) -> None:
    reply = await harness.text("张三", "我们做石墨电机，有焙烧炉")
    assert "“石墨电机”按“石墨电极”理解" in reply, reply
    assert "“炭素”" in reply
