"""The rough sweep of outside words (issue #11): every word of outside.yaml turned into the shorter or reversed forms
people also say, each in five everyday wordings, and what the catalogue tells of each.

The forms: the word without its 厂 or 公司 (洗煤厂 → 洗煤), and a word led or ended by a two-character verb with the
verb put on the other side (危化品运输 → 运输危化品, 开采铜矿 → 铜矿开采). Some forms are no Chinese a person would say
(印刷品批发 → 品批发印刷): the sweep is rough on purpose, and its lists are read, not asserted. A reading placed in a
listed industry ("WRONG 属于") is the worse error to look at; a reading without 不属于 is mostly a bare word of goods
that a listed maker may also say, left unsure on purpose.

    python bench/outside_sweep.py [--outside PATH] [--list]

`--outside` reads the forms from another copy of outside.yaml (e.g. `git show REV:knowledge/data/outside.yaml`), so
that two commits are measured on the same forms; `--list` prints each reading that is not 不属于.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.catalogue import OutsideFile  # noqa: E402
from tests.harness import shipped_knowledge  # noqa: E402

EVERYDAY = ["我们是{t}的", "我们是{t}，要报吗", "我们做{t}，要报吗", "{t}，给{y}供货", "{t}的，要参加评级吗"]
CUSTOMERS = ["钢厂", "水泥厂", "饲料厂", "焦化厂", "橡胶厂", "家具厂", "玻璃厂", "铸造厂"]
BUSINESS_ENDS = ("厂", "公司")
# two-character verbs the outside words are led or ended by
VERBS = (
    "开采 种植 养殖 维修 修理 安装 加工 收购 销售 批发 零售 回收 运输 生产 制造 烘干 经营 租赁 出租 代理 开发 设计 "
    "施工 检测 印刷 装卸 仓储 配送 清洗 拆解 研发 培训 采摘 屠宰 储存"
).split()


def derived_forms(outside: OutsideFile) -> list[tuple[str, str]]:
    """(class name, form): each word's forms that differ from it, in the file's order."""
    forms: list[tuple[str, str]] = []
    for kind in outside.classes:
        for term in kind.terms:
            said: set[str] = set()
            for end in BUSINESS_ENDS:
                if term.endswith(end) and len(term) > len(end) + 1:
                    said.add(term[: -len(end)])
            for verb in VERBS:
                if term.startswith(verb) and len(term) > len(verb) + 1:
                    said.add(term[len(verb) :] + verb)
                elif term.endswith(verb) and len(term) > len(verb) + 1:
                    said.add(verb + term[: -len(verb)])
            forms.extend((kind.name, form) for form in sorted(said - {term}))
    return forms


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--outside", type=Path, default=ROOT / "knowledge" / "data" / "outside.yaml")
    parser.add_argument("--list", action="store_true", help="print each reading that is not 不属于")
    args = parser.parse_args()
    outside = OutsideFile.model_validate(yaml.safe_load(args.outside.read_text(encoding="utf-8")))
    catalogue = shipped_knowledge().catalogue
    forms = derived_forms(outside)
    verdicts: Counter[str] = Counter()
    for index, (_, form) in enumerate(forms):
        for turn, wording in enumerate(EVERYDAY):
            said = wording.format(t=form, y=CUSTOMERS[(index + turn) % len(CUSTOMERS)])
            match = catalogue.match(said)
            verdicts[match.verdict] += 1
            if args.list and match.verdict != "outside":
                placed = "WRONG 属于" if match.verdict == "one" else match.verdict
                named = [one.name for one in match.candidates][:2]
                print(f"{placed}\t{form}\t{said}\t{named}\t{match.terms}")
    readings = sum(verdicts.values())
    print(f"forms {len(forms)}, readings {readings}: {dict(verdicts)}")
    print(f"without 不属于 {readings - verdicts['outside']}, WRONG 属于 {verdicts['one']}")


if __name__ == "__main__":
    main()
