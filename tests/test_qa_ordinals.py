"""Ordinals typed in digits (第3条, 第（17）条, 第１步) name the article or step the documents number in Chinese
numerals (第三条, 第（十七）条): the normaliser writes them so, and the questions find the article's entry."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.textnorm import Normalizer, chinese_numeral, chinese_ordinals
from tests.harness import Harness

NUMERALS = "一二三四五六七八九"


def _written_by_hand(number: int) -> str:
    """The numeral as a reader writes it, independently of chinese_numeral: 十 alone, 十七, 二十, 九十九."""
    tens, units = divmod(number, 10)
    written = {0: "", 1: "十"}.get(tens, NUMERALS[tens - 1] + "十") if tens else ""
    return written + (NUMERALS[units - 1] if units else "")


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
BRACKETS = [("", ""), ("（", "）"), ("(", ")")]


@settings(max_examples=200)
@given(
    number=st.integers(min_value=1, max_value=99),
    fullwidth=st.booleans(),
    brackets=st.sampled_from(BRACKETS),
    after=st.sampled_from(["条", "步", "项", ""]),
)
def test_any_ordinal_in_digits_reads_as_its_chinese_numeral(
    number: int, fullwidth: bool, brackets: tuple[str, str], after: str
) -> None:
    digits = str(number).translate(FULLWIDTH) if fullwidth else str(number)
    opening, closing = brackets
    assert chinese_numeral(number) == _written_by_hand(number)
    assert (
        chinese_ordinals(f"八大原则第{opening}{digits}{closing}{after}")
        == f"八大原则第{_written_by_hand(number)}{after}"
    )
    # as the index and the questions are folded: the documents' own 第（十七）条 and the typed one meet
    normalize = Normalizer([])
    typed = normalize(f"通知第{opening}{digits}{closing}条")
    assert typed == normalize(f"通知第（{_written_by_hand(number)}）条")


@settings(max_examples=300)
@given(text=st.text())
def test_any_text_is_normalised_without_error(text: str) -> None:
    assert isinstance(chinese_ordinals(text), str)
    assert isinstance(Normalizer([["第一步", "头一步"]])(text), str)


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("100", id="beyond-99"),
        pytest.param("0", id="zero"),
        pytest.param("123", id="three-digits"),
    ],
)
def test_numbers_no_article_has_are_left_as_typed(number: str) -> None:
    assert chinese_ordinals(f"第{number}条") == f"第{number}条"


@pytest.mark.parametrize(
    ("message", "article"),
    [
        pytest.param("八大原则 第3条", "所有运输环节应管尽管", id="digits"),
        pytest.param("八大原则第（3）条是什么", "所有运输环节应管尽管", id="bracketed"),
        pytest.param("八大原则第１条", "所有无组织排放应收尽收", id="fullwidth"),
        pytest.param("八大原则第7条说的啥", "短板原则", id="seventh"),
    ],
)
async def test_an_article_asked_by_its_number_in_digits_gets_that_article(
    harness: Harness, message: str, article: str
) -> None:
    reply = await harness.text("张三", message)
    assert article in reply, reply
    assert "可能是下面两项之一" not in reply, reply


@pytest.mark.parametrize(
    ("in_digits", "in_numerals"),
    [
        pytest.param("评级第1步干啥", "评级第一步干啥", id="the-first-step"),
        pytest.param("通知第（17）条说的什么", "通知第（十七）条说的什么", id="article-seventeen"),
    ],
)
async def test_a_number_in_digits_is_answered_as_in_numerals(
    harness: Harness, in_digits: str, in_numerals: str
) -> None:
    assert await harness.text("张三", in_digits) == await harness.text("李四", in_numerals)
