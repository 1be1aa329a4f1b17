"""A generated corpus with known provenance: national -> provincial -> county hand-downs.

Each report's own words are a disjoint stretch of the samples' prose (no two
reports share them); planted sentences then travel as a planner knows they do:

- ``NATIONAL`` sentences: in the national report of 2024, its two provinces'
  2024 reports and all four counties' 2024 reports;
- ``PROVINCIAL[p]``: in province ``p``'s report and its two counties' reports;
- ``CARRIED``: in 徐水区's 2024 report and again in its 2025 report;
- ``PEER``: in two sibling counties' 2024 reports and no report above them.

Headers name real divisions, so levels and parents come from the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

NATIONAL = (
    "坚持把扩大内需战略同深化供给侧结构性改革有机结合起来推动经济实现质的有效提升和量的合理增长。",
    "统筹推进新型工业化信息化城镇化农业现代化加快建设现代化产业体系增强发展的安全性主动权。",
)
PROVINCIAL = {
    "河北省": ("全力推进京津冀协同发展走深走实加快建设经济强省美丽河北谱写中国式现代化河北篇章。",),
    "河南省": ("锚定两个确保全面实施十大战略奋力推动中原更加出彩谱写新时代中原崛起的壮美篇章。",),
}
CARRIED = ("加快推进大王店产业园区扩容提质培育壮大汽车零部件和新材料两大主导产业集群。",)
PEER = ("深入开展县域特色产业集群提质增效专项行动推动传统优势产业向高端化智能化绿色化迈进。",)


@dataclass
class Generated:
    """A report written to disk and what was planted in it."""

    path: Path
    government: str
    level: str
    year: int
    planted: dict[str, list[str]] = field(default_factory=dict)  # kind -> sentences


_COUNTIES = {
    "河北省": [("保定市", "徐水区"), ("保定市", "满城区")],
    "河南省": [("洛阳市", "新安县"), ("洛阳市", "宜阳县")],
}


def _own_chunks(count: int, size: int = 1800) -> list[list[str]]:
    """``count`` disjoint stretches of sample prose, as lists of sentences."""
    sentences: list[str] = []
    for name in sorted(SAMPLES.glob("*.txt")):
        text = name.read_text(encoding="utf-8")
        sentences += [
            s for s in re.findall(r"[^。！？\n]{20,}[。！？]", text) if "各位代表" not in s
        ]
    chunks, current, length = [], [], 0
    for sentence in sentences:
        current.append(sentence)
        length += len(sentence)
        if length >= size:
            chunks.append(current)
            current, length = [], 0
        if len(chunks) == count:
            break
    assert len(chunks) == count, "the samples hold too little prose"
    return chunks


def _report(header: str, review_year: int, own: list[str], planted: list[str]) -> str:
    half = len(own) // 2
    body = [
        "各位代表：",
        "现在，我代表人民政府向大会报告工作，请予审议，并请列席人员提出意见。",
        f"一、{review_year}年工作回顾",
        "".join(own[:half]),
        f"二、{review_year + 1}年工作安排",
        "".join(planted) + "".join(own[half:]),
        "各位代表！让我们更加紧密地团结起来，为全面建设社会主义现代化而努力奋斗！",
    ]
    return header + "\n" + "\n".join(body) + "\n"


def make_handdown_corpus(folder: Path) -> list[Generated]:
    """Write the corpus into ``folder``; what each report holds."""
    out: list[Generated] = []
    chunks = iter(_own_chunks(9))

    def write(name: str, text: str, report: Generated) -> None:
        report.path = folder / name
        report.path.write_text(text, encoding="utf-8")
        out.append(report)

    national = Generated(Path(), "国务院", "national", 2024, {"national": list(NATIONAL)})
    header = "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强"
    write("national_2024.txt", _report(header, 2023, next(chunks), list(NATIONAL)), national)
    for province, provincial in PROVINCIAL.items():
        report = Generated(Path(), province, "province", 2024)
        report.planted = {"handed_down": list(NATIONAL), "own_formula": list(provincial)}
        header = (
            f"2024年{province}政府工作报告\n——2024年1月21日在{province}第十四届人民代表大会"
            f"第二次会议上\n{province}省长 王某"
        )
        write(
            f"{province}_2024.txt",
            _report(header, 2023, next(chunks), [*NATIONAL, *provincial]),
            report,
        )
        for k, (city, county) in enumerate(_COUNTIES[province]):
            planted = [*NATIONAL, *provincial] + (list(PEER) if province == "河北省" else [])
            extra = list(CARRIED) if county == "徐水区" else []
            report = Generated(
                Path(), county, "county" if county.endswith("县") else "district", 2024
            )
            report.planted = {
                "handed_down": [*NATIONAL, *provincial],
                "peers": list(PEER) if province == "河北省" else [],
            }
            header = (
                f"2024年{city}{county}政府工作报告\n——2024年1月10日在{city}{county}第二届人民代表大会"
                f"第五次会议上\n{city}{county}人民政府区长 李某"
            )
            write(
                f"{county}_2024.txt", _report(header, 2023, next(chunks), planted + extra), report
            )
            if k == 0 and province == "河北省":
                later = Generated(Path(), county, "district", 2025, {"carried_over": list(CARRIED)})
                header = (
                    f"2025年{city}{county}政府工作报告\n——2025年1月12日在{city}{county}第二届人民代表大会"
                    f"第六次会议上\n{city}{county}人民政府区长 李某"
                )
                write(
                    f"{county}_2025.txt", _report(header, 2024, next(chunks), list(CARRIED)), later
                )
    return out
