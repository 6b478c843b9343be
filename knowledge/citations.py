"""Whether what a source line cites is there: the document's file, and the article in its text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from knowledge.models import Source, SourceRef
from knowledge.wording import Wording

# The folder holding knowledge/: a source's `file` is relative to it.
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent

_NUMERAL_CHARS = "一二三四五六七八九十"
# How the documents name their articles: as source lines cite them and their texts head them.
_CLAUSE_WORD = "第（{}）条"
_ANNEX_WORD = "附件{}"
_ANNEX_LIST_WORD = "附件："
_CLAUSE = re.compile(rf"第（([{_NUMERAL_CHARS}]+)）条")
_ANNEX = re.compile(r"附件(\d+)")
_PART = re.compile(rf"^([{_NUMERAL_CHARS}]+)、(.+)$")
_PART_HEADING = re.compile(rf"^\s*([{_NUMERAL_CHARS}]+)、(.*)$", re.MULTILINE)
_SPACE = re.compile(r"\s+")
# A section that lists articles (第（十五）条、第（十七）条; 附件3、附件4), read as each of them: one source line for
# several sections names each article once. Any other section (一、2.适用对象) is one article, whatever its 、.
_ARTICLE_LIST = re.compile(
    rf"(?:第（[{_NUMERAL_CHARS}]+）条|附件\d+)(?:、(?:第（[{_NUMERAL_CHARS}]+）条|附件\d+))*"
)
# What a text states that its document must hold (knowledge check): dates (7月17日; the guide reference writes
# 2020-07-15 and 30 Aug 2020, a flow's deadline is a datetime), times of day (12:00) and any other number, once
# dates and times are read.
# Contacts (an e-mail address, a telephone number) are the documents' own, cited across answers: any document
# holding one will do.
_DATE = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-(\d{2})-(\d{2})(?!\d)")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ENGLISH_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})({'|'.join(_MONTHS)})")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_CONTACT = re.compile(r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+[A-Za-z0-9]|(?<![\d.])\d{3,4}-?\d{7,9}(?!\d)")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")


def articles(section: str) -> list[str]:
    """The articles a source line's section cites: each of a list of clauses or annexes, else the section whole."""
    return section.split("、") if _ARTICLE_LIST.fullmatch(section) else [section]


def clauses_cited(section: str, words: Wording) -> list[str]:
    """The clauses a source line's section cites, each as people name it (第（十六）条 as 第十六条, citation_words.j2):
    a question naming one asks of what that clause says."""
    return [words.citation_word("clause_named", numeral=numeral) for numeral in _CLAUSE.findall(section)]


def citation_problems(
    sources: Iterable[Source], refs: list[tuple[str, SourceRef]], root: Path, words: Wording
) -> list[str]:
    """A source whose file is missing, and each reference whose article its document does not contain."""
    problems: list[str] = []
    texts: dict[str, str] = {}
    by_id = {source.id: source for source in sources}
    for source in by_id.values():
        path = root / source.file
        if not path.is_file():
            problems.append(
                words.problem(
                    "source_file_missing", where=f"sources.yaml: {source.id}.file", file=source.file
                )
            )
        elif source.articles:
            texts[source.id] = path.read_text(encoding="utf-8")
    for where, ref in refs:
        cited = by_id.get(ref.doc)
        if cited is None or ref.doc not in texts:
            continue
        find = _missing_clauses if cited.articles == "clauses" else _missing_part
        problems += [
            words.problem("article_missing", where=where, file=cited.file, article=missing)
            for missing in find(texts[ref.doc], ref.section)
        ]
    return problems


def _missing_clauses(text: str, section: str) -> list[str]:
    """第（N）条 must start a line of the text; 附件N must head an annex or be in the annex list."""
    missing = [
        _CLAUSE_WORD.format(number)
        for number in _CLAUSE.findall(section)
        if not re.search(rf"^\s*（{number}）", text, re.MULTILINE)
    ]
    folded = _SPACE.sub("", text)
    annex_list = folded[folded.find(_ANNEX_LIST_WORD) :] if _ANNEX_LIST_WORD in folded else ""
    missing += [
        _ANNEX_WORD.format(number)
        for number in _ANNEX.findall(section)
        if _ANNEX_WORD.format(number) not in folded and not re.search(rf"(：|\D){number}\.", annex_list)
    ]
    return missing


def _missing_part(text: str, section: str) -> list[str]:
    """一、2.适用对象: part 一 has item 2.适用对象; 一、标题·项目: part 一's heading holds the title and its
    text the item. Sections that name no numbered part (全文·…, 各项政策·…) are not checkable."""
    cited = _PART.match(section)
    if cited is None:
        return []
    number, rest = cited.groups()
    headings = list(_PART_HEADING.finditer(text))
    for at, heading in enumerate(headings):
        if heading.group(1) != number:
            continue
        end = headings[at + 1].start() if at + 1 < len(headings) else len(text)
        body = _SPACE.sub("", text[heading.end() : end])
        title, _, item = rest.rpartition("·")
        missing = []
        if title and title not in heading.group(2):
            missing.append(f"{number}、…{title}")
        if _SPACE.sub("", item) not in body and _SPACE.sub("", item) not in _SPACE.sub("", heading.group(2)):
            missing.append(f"{number}、…{item}")  # the part itself ("一、实施…制度") is cited by its heading
        return missing
    return [f"{number}、"]


def figure_problems(
    sources: Iterable[Source],
    statements: list[tuple[str, SourceRef, str]],
    root: Path,
    words: Wording,
    together: frozenset[str] = frozenset(),
) -> list[str]:
    """Each date, time of day or number a statement gives that the document it cites does not hold: a
    deadline of another year, a wrong day, an invented threshold. The documents in `together` are one reference
    kept in several files (the guide reference): a figure held by any of them will do. A number in a registered
    document's title (环办大气函〔2020〕340号) names that document and may be said anywhere."""
    by_id = {source.id: source for source in sources}
    held = {
        doc: _SPACE.sub("", (root / source.file).read_text(encoding="utf-8"))
        for doc, source in by_id.items()
        if (root / source.file).is_file()
    }
    everything = "".join(held.values())
    titles = "".join(source.title for source in by_id.values())
    shared = "".join(held[doc] for doc in together if doc in held)
    # what each cited document holds: its text (the whole reference's, for one of `together`) and its dates
    holding = {doc: (shared if doc in together else text) for doc, text in held.items()}
    dates = {doc: _dates(text) for doc, text in holding.items()}
    problems: list[str] = []
    for where, ref, text in statements:
        if ref.doc not in held:
            continue
        document = holding[ref.doc]
        said = _SPACE.sub("", text)
        missing = [contact for contact in _CONTACT.findall(said) if contact not in everything]
        said = _CONTACT.sub("", said)
        missing += [
            m.group(0)
            for date in (_DATE, _ISO_DATE)
            for m in date.finditer(said)
            if (int(m[1]), int(m[2])) not in dates[ref.doc]
        ]
        said = _ISO_DATE.sub(lambda m: m.group(0)[:4], said)  # its year is a number the document must hold
        missing += [time for time in _TIME.findall(said) if time not in document]
        said = _TIME.sub("", _DATE.sub("", said))
        missing += [number for number in _NUMBER.findall(said) if not _holds(document + titles, number)]
        problems += [
            words.problem("figure_not_in_source", where=where, figure=figure, file=by_id[ref.doc].file)
            for figure in dict.fromkeys(missing)
        ]
    return problems


def _holds(text: str, number: str) -> bool:
    """Whether the text writes the number whole (20 is not held by 2020, nor 0.3 by 10.3)."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?!\d|\.\d)", text) is not None


def _dates(text: str) -> set[tuple[int, int]]:
    """The (month, day) of every date the text writes, in any of the forms the documents use."""
    found = {(int(m[1]), int(m[2])) for m in _DATE.finditer(text)}
    found |= {(int(m[1]), int(m[2])) for m in _ISO_DATE.finditer(text)}
    found |= {(_MONTHS.index(m[2]) + 1, int(m[1])) for m in _ENGLISH_DATE.finditer(text)}
    return found
