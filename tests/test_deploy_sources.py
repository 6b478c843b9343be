"""The project carries the documents its answers cite: `knowledge check` finds every cited file and article
inside the repository, refuses a missing one, and nothing points outside the clone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bot.settings import Settings
from knowledge.base import KnowledgeBase, fidelity_problems, load_knowledge
from knowledge.citations import REPOSITORY_ROOT
from tests.harness import ROOT


def test_every_cited_document_and_article_is_in_knowledge_sources(kb: KnowledgeBase) -> None:
    assert fidelity_problems(kb) == []
    assert REPOSITORY_ROOT == ROOT
    for source in kb.sources.values():
        assert (ROOT / source.file).is_file()
        if source.id in ("notice2020", "pingshan2022"):
            assert source.file.startswith("knowledge/sources/")


def test_the_seed_documents_carry_their_provenance() -> None:
    notice = (ROOT / "knowledge/sources/notice2020.txt").read_text(encoding="utf-8")
    header = notice[: notice.index("# ---")]
    assert "石家庄市生态环境局" in header
    assert "〔2020〕-126" in header
    assert "2020年7月15日" in header
    pingshan = (ROOT / "knowledge/sources/pingshan2022.txt").read_text(encoding="utf-8")
    assert "平山县分局" in pingshan[: pingshan.index("# ---")]


# (document, the article cited instead of the one the data cites, what the problem names as missing)
MISCITED = [
    ("notice2020", "第（十八）条", "第（十八）条"),
    ("notice2020", "附件10及文末附件下载说明", "附件10"),
    ("pingshan2022", "九、2.适用对象", "九、"),
    ("pingshan2022", "一、6.申报条件", "6.申报条件"),
    ("pingshan2022", "二、激励性生态环境绩效分级制度·政策内容", "激励性生态环境绩效分级制度"),
]


def test_a_cited_article_the_document_does_not_contain_is_a_problem(tmp_path: Path) -> None:
    """Each miscitation in its own entry (a document's first citations in turn), all in one copy of the data:
    one knowledge build (~0.5 s) instead of one each."""
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    edited: dict[str, int] = {}  # document -> citations of its FAQ file edited so far
    for doc, section, _missing in MISCITED:
        faq = data / f"faq_{doc}.yaml"
        text = faq.read_text(encoding="utf-8")
        first = -1
        for _ in range(edited.get(doc, 0) + 1):
            first = text.index(f"{{doc: {doc}, section: ", first + 1)
        end = text.index("}", first)
        faq.write_text(f"{text[:first]}{{doc: {doc}, section: {section}{text[end:]}", encoding="utf-8")
        edited[doc] = edited.get(doc, 0) + 1
    problems = fidelity_problems(load_knowledge(data, Settings().templates_dir))
    assert len(problems) == len(MISCITED)
    for _doc, _section, missing in MISCITED:
        assert len([problem for problem in problems if missing in problem]) == 1, (missing, problems)


# (data file, what it says, the same with a wrong figure, the figure): each a kind of error the audit looked for
MISSTATED = [
    ("faq_notice2020.yaml", "须在2020年7月17日12:00前", "须在2020年7月19日12:00前", "7月19日"),  # a wrong day
    ("faq_notice2020.yaml", "全市涉及的企业共5522家", "全市涉及的企业共5622家", "5622"),  # a wrong count
    (
        "faq_pingshan2022.yaml",
        "兑现时间是2022年9月30日前",
        "兑现时间是2021年9月30日前",
        "2021",
    ),  # another year
    # a time of day the notice never gives
    ("flows/self_assessment.yaml", "at: 2020-07-17T12:00:00+08:00", "at: 2020-07-17T18:00:00+08:00", "18:00"),
    # an invented threshold
    (
        "flows/self_assessment.yaml",
        "{grade: B, min: 80, requirement: 国五及以上或新能源车辆运输比例不低于80%",
        "{grade: B, min: 75, requirement: 国五及以上或新能源车辆运输比例不低于75%",
        "75",
    ),
]


def test_a_figure_its_cited_document_does_not_hold_is_a_problem(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    for file, said, wrong, _figure in MISSTATED:
        path = data / file
        text = path.read_text(encoding="utf-8")
        assert text.count(said) == 1, said
        path.write_text(text.replace(said, wrong), encoding="utf-8")
    problems = fidelity_problems(load_knowledge(data, Settings().templates_dir))
    assert len(problems) == len(MISSTATED), problems
    for file, _said, _wrong, figure in MISSTATED:
        found = [problem for problem in problems if f"说的“{figure}”" in problem]
        assert len(found) == 1, (figure, problems)
        cited = {"75": "guide-facts.md", "2021": "pingshan2022.txt"}.get(figure, "notice2020.txt")
        assert cited in found[0], (file, found)


def test_a_missing_source_file_is_a_problem(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Settings().knowledge_dir, data)
    sources = data / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace("knowledge/sources/pingshan2022.txt", "knowledge/sources/gone.txt"), "utf-8"
    )
    problems = fidelity_problems(load_knowledge(data, Settings().templates_dir))
    assert problems == ["sources.yaml: pingshan2022.file: 文件 knowledge/sources/gone.txt 不存在"]


def test_nothing_in_the_repository_points_outside_the_clone() -> None:
    outside = "../" + "shared"  # spelled apart so that this file does not name it
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    naming = [
        name for name in tracked if outside in (ROOT / name).read_text(encoding="utf-8", errors="replace")
    ]
    assert naming == []
