"""The five sample reports outline with the right roles, topics and metadata."""

from __future__ import annotations

import pytest

from compare import Document, parse_report

from .conftest import SAMPLE_NAMES

EXPECTED = {
    # name: (government, year, top-level roles, plan topics, self-government nested in plan)
    "hanbin-2020": (
        "汉滨区",
        2020,
        ["opening", "review", "plan", "self_government", "closing"],
        7,
        False,
    ),
    "hecheng-20xx-traditional": (
        "鹤城区",
        None,
        ["opening", "review", "plan", "self_government", "closing"],
        6,
        False,
    ),
    "jinan-2020": (
        "金安区",
        2020,
        ["opening", "review", "plan", "self_government", "closing"],
        7,
        False,
    ),
    "luojiang-2024": ("罗江区", 2024, ["opening", "review", "plan", "closing", "notes"], 6, True),
    "yingze-2018": (
        "迎泽区",
        2018,
        ["opening", "review", "plan", "closing", "appendix", "notes"],
        7,
        True,
    ),
}

TOPIC_KEYWORDS = {
    "hanbin-2020": [
        "复产达效",
        "脱贫成果",
        "乡村振兴",
        "经济稳定增长",
        "生态宜居",
        "幸福指数",
        "内生动力",
    ],
    "jinan-2020": [
        "合六一体化",
        "三大攻坚战",
        "实体经济",
        "农业农村现代化",
        "服务业",
        "城乡一体化",
        "民生福祉",
    ],
    "luojiang-2024": ["产业支撑", "城乡融合", "乡村振兴", "改善民生", "底线红线", "自身建设"],
}


def plan_of(doc: Document):  # type: ignore[no-untyped-def]
    return next(s for s in doc.sections if s.role == "plan")


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_metadata(samples: dict[str, Document], name: str) -> None:
    government, year, *_ = EXPECTED[name]
    doc = samples[name]
    assert doc.meta.government == government
    assert doc.meta.year == year
    assert doc.meta.title and "工作报告" in doc.meta.title.replace("報告", "报告")
    assert doc.warnings == []


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_top_level_roles(samples: dict[str, Document], name: str) -> None:
    assert [s.role for s in samples[name].sections] == EXPECTED[name][2]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_plan_topic_found(samples: dict[str, Document], name: str) -> None:
    *_, topics, nested_self = EXPECTED[name]
    plan = plan_of(samples[name])
    assert len(plan.children) == topics
    nested = [c for c in plan.children if c.role == "self_government"]
    assert len(nested) == (1 if nested_self else 0)
    if nested_self:
        assert plan.children[-1].role == "self_government"


@pytest.mark.parametrize("name", sorted(TOPIC_KEYWORDS))
def test_topic_titles_in_order(samples: dict[str, Document], name: str) -> None:
    titles = [c.title for c in plan_of(samples[name]).children]
    for title, keyword in zip(titles, TOPIC_KEYWORDS[name], strict=True):
        assert keyword in title


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_offsets_land_on_headings(samples: dict[str, Document], name: str) -> None:
    doc = samples[name]
    for section in doc.walk():
        assert doc.original[section.start :].startswith(section.title)
        assert section.start < section.end <= len(doc.original)
        for child in section.children:
            assert section.start <= child.start < child.end <= section.end


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sections_tile_the_body(samples: dict[str, Document], name: str) -> None:
    """Top-level parts follow one another with only whitespace between them."""
    doc = samples[name]
    for left, right in zip(doc.sections, doc.sections[1:], strict=False):
        assert doc.original[left.end : right.start].strip() == ""


def test_chrome_is_dropped(samples: dict[str, Document]) -> None:
    luojiang = samples["luojiang-2024"]
    body = luojiang.original[luojiang.sections[0].start : luojiang.sections[-1].end]
    assert body.startswith("2024年德阳市罗江区政府工作报告")
    assert "签到天数" not in body and "您需要登录" not in body
    assert body.rstrip().endswith("环境准入负面清单。")
    jinan = samples["jinan-2020"]
    jinan_body = jinan.original[jinan.sections[0].start : jinan.sections[-1].end]
    assert "浏览次数" not in jinan_body and "推荐访问" not in jinan_body
    yingze = samples["yingze-2018"]
    assert "Adobe Flash" not in yingze.original[yingze.sections[0].start :]
    assert yingze.original[: yingze.sections[-1].end].rstrip().endswith("“五个全覆盖”。")


def test_inline_headings_are_split_from_their_paragraph(samples: dict[str, Document]) -> None:
    jinan = samples["jinan-2020"]
    assert jinan.sections[1].title == "一、美丽金安建设迈出坚实步伐"
    assert jinan.sections[3].title == "三、全面提升政府治理能力和水平"
    assert plan_of(jinan).children[0].title.endswith("打造合六一体化发展示范区")


def test_traditional_titles_keep_original_script(samples: dict[str, Document]) -> None:
    hecheng = samples["hecheng-20xx-traditional"]
    assert hecheng.sections[3].title == "三、加強政府自身建設"
    assert hecheng.meta.government == "鹤城区"  # normalised for grouping


def test_speakers(samples: dict[str, Document]) -> None:
    speakers = {name: doc.meta.speaker for name, doc in samples.items()}
    assert speakers == {
        "hanbin-2020": "范传斌",
        "hecheng-20xx-traditional": None,
        "jinan-2020": "霍绍斌",
        "luojiang-2024": "张天则",
        "yingze-2018": "李慧",
    }


def test_notes_and_appendix_items(samples: dict[str, Document]) -> None:
    luojiang_notes = samples["luojiang-2024"].sections[-1]
    assert len(luojiang_notes.children) == 24
    yingze = samples["yingze-2018"]
    appendix, notes = yingze.sections[-2], yingze.sections[-1]
    assert [c.title for c in appendix.children][:2] == [
        "1、优化教育资源配置",
        "2、提升公共文化服务水平",
    ]
    assert len(appendix.children) == 10
    assert len(notes.children) == 10


FOLDED = """某县2024年政府工作报告
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，我们坚持稳中求进，全县经济持续向好，各项事业全面进步，人民生活不断改善。
二、2024年工作安排
今年工作的总体要求是：坚持稳中求进工作总基调，推动高质量发展。
（一）大力发展特色产业
推进产业园区建设，培育龙头企业，发展现代农业，促进三产融合，产业结构不断优化升级。
（二）加强政府自身建设
坚持依法行政，建设法治政府，改进工作作风，提高行政效能，打造人民满意的服务型政府。
（三）持续保障改善民生
办好民生实事，稳定扩大就业，发展教育卫生事业，完善社会保障体系，提升群众幸福感。
各位代表，这些成绩来之不易，今年的任务依然艰巨繁重，我们必须保持清醒头脑，勇于担当作为。
各位代表！我们要坚持依法行政，严格落实廉洁从政规定，加强作风建设，建设人民满意的政府。
各位代表，让我们在县委的坚强领导下，团结一心，开拓进取，为全面建设现代化新县城而努力奋斗！
"""


def test_a_folded_self_building_paragraph_leaves_the_last_topic_cut() -> None:
    """The unheaded self-building paragraph folds into the plan (a headed one exists), and
    the plan's last topic, cut before the plan's closing paragraph, stays cut."""
    doc = parse_report(FOLDED, "folded.txt")
    plan = next(s for s in doc.sections if s.role == "plan")
    last = plan.children[-1]
    assert doc.original[plan.start : plan.end].endswith("建设人民满意的政府。")  # folded in
    assert doc.original[last.start : last.end].endswith("提升群众幸福感。")  # still cut
    assert "这些成绩来之不易" in doc.original[last.end : plan.end]
