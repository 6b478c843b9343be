"""Confident wrong answers fixed in the data (knowledge/data: synonyms, keywords, phrasings), one wording per cause:
the entry a question is about answers it, and a question no entry answers is still declined where a too-general
keyword was taken away."""

from __future__ import annotations

import pytest

from tests.harness import Harness, assert_declined

SOURCE_LINE = "——来源"  # what follows an answer (answer.j2): the first answer ends before it


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a bare 申请表 is not the notice's 申请名单: Pingshan's incentive grading has its own form
        pytest.param("激励性那个申请表交给谁，县里还是市里", "15个工作日内审核", id="the-incentive-form"),
        # who must install the gate and the video is the mobile-source system's question
        pytest.param("道闸视频那套东西谁家得装", "都必须建设", id="who-installs-the-gate"),
        # the positive list's name is the keyword of the siblings answering a part of it, not of its content alone
        pytest.param(
            "请问市级重点建设项目正面清单的审核工作由哪些部门负责？",
            "负责正面清单审核",
            id="the-lists-duties",
        ),
        # the A grade's point: no limiting by the common ratio
        pytest.param(
            "凭什么人家评了A预警的时候就不用按比例限产！", "自主采取减排措施", id="the-a-grades-ratio"
        ),
        pytest.param("C级停不停", "C级企业预警期间通常要停一部分生产线", id="the-c-grade-stops"),
        pytest.param("是先报名单还是先交材料", "①企业学习标准", id="list-or-materials-first"),
        pytest.param("申请名单出错了是找分局改还是找市局改", "能否修改、补充或撤回", id="a-list-gone-wrong"),
        pytest.param("分局收到我们的材料以后会先过一遍吗", "进行汇总和初审", id="looked-over-first"),
        pytest.param(
            "保安把门口车牌识别的记录删掉了一部分", "记入企业“诚信档案”", id="plate-records-deleted"
        ),
        pytest.param("没参评的企业预警的时候按哪个级别管", "按最低等级进行管理", id="a-non-applicants-grade"),
        pytest.param(
            "我们是玻璃厂，窑炉不能停。预警来了没法停线怎么办", "对不可中断工序", id="a-kiln-that-cannot-stop"
        ),
        pytest.param("客户问我们平山激励性分级的审核流程是怎样的", "15个工作日内审核", id="pingshans-review"),
        pytest.param("环保专家服务队平时都干些啥", "技术专家志愿者团队", id="the-expert-service-team"),
    ],
)
async def test_the_entry_the_question_is_about_answers_first(
    harness: Harness, question: str, expected: str
) -> None:
    reply = await harness.text("张三", question)
    assert expected in reply.split(SOURCE_LINE)[0], reply


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # 八项政策 counted in digits or as 八条/助企 is one word, not only the overview's keyword
        pytest.param("八项政策里哪几项已经过期了", "2022年9月30日前", id="the-eight-policies"),
        # 表格 (read as 模板) was the application list's keyword: the materials' template is answered beside it
        pytest.param(
            "哭了，申报材料模板到底在哪下载，找了一上午", "企业绩效分级申报材料模板", id="the-template"
        ),
        # 降为最低等级 (read as 降级) was the mobile-source fraud's keyword: the list of cases is answered beside it
        pytest.param("弄虚作假会被降级吗", "通知写明的情形有", id="downgraded-for-fraud"),
        # 两进三送 is also named by its three 送
        pytest.param(
            "“送法律、送政策、送技术”这个活动要持续到哪一年", "2022年底前", id="the-three-deliveries-end"
        ),
        # the branch forwarding the materials, beside the enterprises' own deadline it follows
        pytest.param(
            "申报材料交到分局以后分局多久报给市局",
            "最晚于2020年8月7日前报市局专班",
            id="forwarded-to-the-city",
        ),
        pytest.param("分局把全县的名单报到市里是哪天", "7月18日12:00", id="the-countys-list"),
        # 认定下来之后 is 认定后: what follows certification, beside the A grade's 不用限产
        pytest.param(
            "我们年排放80公斤，已经符合小微了，认定下来之后是不是就不用限产了",
            "没有写认定后的具体管控措施",
            id="after-certification",
        ),
    ],
)
async def test_the_entry_the_question_is_about_is_among_the_answers(
    harness: Harness, question: str, expected: str
) -> None:
    assert expected in await harness.text("张三", question)


@pytest.mark.parametrize(
    "question",
    [
        # no entry gives a form's font, nor another plant's history: the keywords taken away pulled no entry to them
        pytest.param("表格用什么字体填", id="a-forms-font"),
        pytest.param("隔壁那家焦化厂前年为啥被降级了", id="another-plants-downgrade"),
    ],
)
async def test_a_question_no_entry_answers_is_still_declined(harness: Harness, question: str) -> None:
    assert_declined(await harness.text("张三", question))
