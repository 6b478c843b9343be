"""What kept the development sets' questions from their entries, each cause in other words than the sets': a rumour going
round (群里传说) taken for the WeChat group, how an enterprise will be treated (会怎么对待) not read as the consequence
asked, who assigns a status (谁给定的) not read as who decides it, a wish for a list (想进正面清单) taken for a
self-description, a grade wished for by its letter (想评B) not read as that grade, charging the enterprise
(收企业钱) not read as what the grading costs it, a penalty said dropped (不罚了) not read as the exemption, a
time of no warning said plainly (没预警) not read as Pingshan's non-warning time, one's own understanding put before a
claim (我理解…对吧) diluting the claim, a process that cannot be stopped at will (不能说停就停) not read as one that
cannot be interrupted, the set that must apply said plainly (要报的范围) not read as the notice's 申报范围, and the
industry average the incentive is measured against asked where to find, which no entry's wording named, and a
hesitation (那个) said inside a term, which split it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.base import SmallTalk
from knowledge.models import read_yaml
from knowledge.real_words import DATA
from knowledge.textnorm import Normalizer
from tests.harness import Harness

SOURCE_LINE = "——来源"  # what follows an answer (answer.j2): the first answer ends before it


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # 群里 of a rumour names no group asked about: the retention asked of is answered (6 months in the notice)
        pytest.param("群里都在传录像要存两年，是这样吗", "6个月", id="a-rumour-in-the-group-is-hearsay"),
        # how an enterprise that stays out will be treated asks what staying out costs: the lowest grade
        pytest.param(
            "我们厂今年干脆不参加了，预警的时候会怎么对待我们",
            "最低等级",
            id="how-treated-is-the-consequence",
        ),
        # who gives a status asks who recognises it: the branch, from the enterprise's proofs, in a written opinion
        pytest.param(
            "涉气小微这个名头是谁给定的，能自己报吗", "书面意见", id="who-gives-a-status-decides-it"
        ),
    ],
)
async def test_plain_words_for_what_the_entries_say(harness: Harness, question: str, answered: str) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply


async def test_a_wish_for_a_list_asks_how_to_enter_it(harness: Harness) -> None:
    # 想进 a list says what the speaker wants, asked of how to get there: no self-description for the verdict to place
    # (a labour company is outside the 47), but the list's entry, whom it takes in
    reply = await harness.text("张三", "劳务公司，给平山的学校盖楼，想进正面清单")
    assert "民生建设项目" in reply, reply
    assert "不属于" not in reply, reply


async def test_a_grade_wished_for_by_its_letter_is_that_grade(harness: Harness) -> None:
    # 想评B aims at B as 想冲B does: B's ink shares (40 % for flexo on film), not A's (60 %)
    reply = await harness.text("张三", "柔印塑料膜，水墨用了五成，想评B")
    assert "不低于40%" in reply.split(SOURCE_LINE)[0], reply
    assert "包装印刷A级" not in reply, reply


async def test_charging_the_enterprise_is_its_paying(harness: Harness) -> None:
    # 收企业钱 asks what the grading costs: the notice sets no fee (the city budgets the grading), not a verdict of
    # the business the message never names
    reply = await harness.text("张三", "弄评级这事儿，县里收企业钱不")
    assert "没有写企业参加评级要交费用" in reply, reply


async def test_a_penalty_said_dropped_is_the_exemption(harness: Harness) -> None:
    # 不罚了 is Pingshan's exemption from a penalty, which still leaves the fault to be put right
    reply = await harness.text("张三", "都说不罚了，厂里还用改吗")
    assert "免罚不等于不整改" in reply, reply


async def test_a_time_of_no_warning_said_plainly_is_the_non_warning_time(harness: Harness) -> None:
    # 没预警 is Pingshan's time of no warning, when its three bans forbid ordering a stop
    reply = await harness.text("张三", "平山的厂，没预警也被要求限产了")
    assert "禁用限产、停产、停工" in reply, reply


async def test_ones_understanding_before_a_claim_asks_the_claim(harness: Harness) -> None:
    # 我理解 only says whose the claim is: the micro standard asked of is answered, which rules out burning oil
    reply = await harness.text("张三", "我理解小微企业排放量够小就行，烧油也没关系，对吧")
    assert "非燃油" in reply, reply


async def test_a_process_not_stopped_at_will_cannot_be_interrupted(harness: Harness) -> None:
    # 不能说停就停 is the notice's uninterruptible process, whose plans the branches help adjust before a warning
    reply = await harness.text("张三", "反应釜不能说停就停，预警期间怎么弄")
    assert "调整生产计划" in reply, reply


async def test_the_set_that_must_apply_said_plainly(harness: Harness) -> None:
    # 要报的范围 is who must apply: every enterprise of the 47 industries, not a verdict of a business never named
    reply = await harness.text("张三", "刚接手这摊事，咋判断我们公司在不在要报的范围里")
    assert "47个重点行业的所有企业" in reply, reply


async def test_where_the_industry_average_is_found(harness: Harness) -> None:
    # the incentive compares tax or R&D with the industry's average, whose figures the documents do not give: the entry
    # on how the measure is taken says so and whom to ask
    reply = await harness.text("张三", "交税比同行平均多，平均水平找谁要数")
    assert "具体数值我们没有" in reply, reply


# groups of synonyms.yaml's kind: the canonical term first
HESITATION_GROUPS = [
    ["激励性评级", "激励政策", "激励评级"],
    ["小微", "小微企业", "小微涉气"],
    ["申请名单", "申报名单"],
]
HESITATIONS = SmallTalk.model_validate(read_yaml(DATA / "smalltalk.yaml")).hesitations  # 那个, 就是 …
TOLD_AROUND = st.text(alphabet="平山我们厂的要报吗找谁问，", max_size=6)


@given(
    member=st.sampled_from([member for group in HESITATION_GROUPS for member in group[1:]]),
    hesitation=st.sampled_from(HESITATIONS),
    split=st.integers(min_value=1),
    before=TOLD_AROUND,
    after=TOLD_AROUND,
)
def test_a_hesitation_inside_a_term_is_taken_out(
    member: str, hesitation: str, split: int, before: str, after: str
) -> None:
    normalize = Normalizer(HESITATION_GROUPS, hesitations=HESITATIONS)
    at = 1 + split % (len(member) - 1)  # inside the member, never at its ends
    hesitating = f"{before}{member[:at]}{hesitation}{member[at:]}{after}"
    assert normalize(hesitating) == normalize(f"{before}{member}{after}")


@given(before=TOLD_AROUND, after=TOLD_AROUND)
def test_a_hesitation_between_words_is_left(before: str, after: str) -> None:
    # 那个 pointing at a thing ("承德那个钢厂") splits no term: it stays
    assert "那个" in Normalizer(HESITATION_GROUPS, hesitations=HESITATIONS)(f"{before}承德那个钢厂{after}")


async def test_a_hesitation_inside_a_policys_name(harness: Harness) -> None:
    # 激励那个政策 is the incentive policy, whose own contact answers, not every policy's contacts
    reply = await harness.text("张三", "激励那个政策归谁管，电话多少")
    assert "激励性生态环境绩效分级制度的联系人" in reply, reply
