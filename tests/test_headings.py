"""Each heading style is recognised, nested and titled as reports use it."""

from __future__ import annotations

import re

import pytest

from compare import parse_report
from compare.read.headings import detect

OPENING = "某某县政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n"
CLOSING = "各位代表，让我们在县委的坚强领导下，为建设美好某某而努力奋斗！\n"


@pytest.mark.parametrize(
    ("line", "style", "title"),
    [
        ("一、2019年工作回顾", "cn", "一、2019年工作回顾"),
        ("十二、加强政府自身建设", "cn", "十二、加强政府自身建设"),
        ("（一）保持疫情向好态势，全力推进复产达效", "paren_cn", None),
        ("1、优化教育资源配置：启动小学改造。", "num", "1、优化教育资源配置"),
        ("2.加快美丽乡村建设", "num", None),
        ("（3）“专精特新”企业：具有特征的企业。", "paren_num", "（3）“专精特新”企业"),
        ("2018年工作安排", "top", None),
        ("20xx年工作回顾", "top", None),
        ("2018年惠民实事", "top", None),
        ("名词解释", "top", None),
        (
            "一、美丽金安建设迈出坚实步伐 刚刚过去的2019年，面对错综复杂的外部环境。",
            "cn",
            "一、美丽金安建设迈出坚实步伐",
        ),
        # a long title ending in 。 is whole (it was cut at 30 characters)
        (
            "（二）大力推进科技创新、产业创新和金融创新深度融合发展，加快构建体现湖北优势的现代化产业体系。",
            "paren_cn",
            "（二）大力推进科技创新、产业创新和金融创新深度融合发展，加快构建体现湖北优势的现代化产业体系",
        ),
        # a long heading on a line of its own, no stop at all
        (
            "三、接续奋斗2021年，主动融入京雄保一体化发展格局，抓住机遇、乘势而上，加快建设经济强县、旅游城市",
            "cn",
            None,
        ),
        # the first of full stop, colon and gap ends a run-in title
        ("（一）产业结构更趋合理。 探索新思路，扎实促转型。", "paren_cn", "（一）产业结构更趋合理"),
        (
            "（二）重点任务。主要包括：一是构建现代化产业体系；二是扩大内需。",
            "paren_cn",
            "（二）重点任务",
        ),
        ("2.高质量抓城建。抓好“新三个一” ［17］ 建设，打造一批亮点工程。", "num", "2.高质量抓城建"),
        ("【名词解释】", "top", None),
        ("名 词 解 释", "top", None),
    ],
    ids=lambda v: str(v)[:12],
)
def test_heading_styles(line: str, style: str, title: str | None) -> None:
    heading = detect(line)
    assert heading is not None
    assert heading.style == style
    assert line[: heading.title_length] == (title or line)


@pytest.mark.parametrize(
    "line",
    [
        "2019年是汉滨发展进程中艰苦卓绝的一年，面对挑战。",
        "1.5万户群众受益。",
        "一年来，我们狠抓项目。",
        "各位代表：",
    ],
)
def test_not_headings(line: str) -> None:
    assert detect(line) is None


def test_nesting_follows_first_use_of_styles() -> None:
    text = (
        OPENING
        + "2023年工作回顾\n一年来，我们过去的工作很好。\n"
        + "2024年工作安排\n今年的总体要求是发展。\n"
        + "一、着力强化产业支撑\n发展工业。\n（一）做强园区\n园区建设。\n（二）做优企业\n企业培育。\n"
        + "二、着力加强自身建设，打造人民满意政府\n依法行政。\n"
        + CLOSING
    )
    doc = parse_report(text)
    assert [s.role for s in doc.sections] == ["opening", "review", "plan", "closing"]
    plan = doc.sections[2]
    assert [c.title for c in plan.children] == [
        "一、着力强化产业支撑",
        "二、着力加强自身建设，打造人民满意政府",
    ]
    assert [g.title for g in plan.children[0].children] == ["（一）做强园区", "（二）做优企业"]
    assert plan.children[1].role == "self_government"
    assert doc.meta.year == 2024


def test_half_width_parenthesised_headings() -> None:
    text = (
        OPENING
        + "一、工作回顾\n过去一年成绩显著。\n二、今年工作安排\n(一)推进乡村振兴\n发展农业。\n(2)项目\n内容。\n"
        + CLOSING
    )
    doc = parse_report(text)
    plan = doc.sections[2]
    assert plan.role == "plan"
    assert plan.children[0].title == "(一)推进乡村振兴"
    assert plan.children[0].children[0].title == "(2)项目"


def test_text_without_headings_is_one_body_section() -> None:
    text = (
        "这是一段没有任何标题的文字。它讲了很多事情，但不是政府工作报告。\n第二段文字也没有标题。\n"
    )
    doc = parse_report(text)
    assert len(doc.sections) == 1
    assert doc.sections[0].role == "body"
    assert doc.warnings and "no section headings" in " ".join(doc.warnings)
    assert doc.original[doc.sections[0].start : doc.sections[0].end].startswith("这是一段")


def test_year_from_session_date_in_december() -> None:
    text = (
        "某县政府工作报告\n——2023年12月27日在某某县第二届人民代表大会第三次会议上\n" + OPENING[10:]
    )
    text += "一、工作回顾\n过去一年很好。\n二、工作安排\n今年继续努力。\n" + CLOSING
    doc = parse_report(text)
    assert doc.meta.year == 2024
    assert doc.meta.government == "某某县"


def test_national_report_is_the_state_councils() -> None:
    text = (
        "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n"
        "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n"
        "一、2023年工作回顾\n过去一年是全面贯彻党的二十大精神的开局之年，经济回升向好。\n"
        "各位代表！\n过去一年取得的成绩，是以习近平同志为核心的党中央坚强领导的结果。\n"
        "二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是国内生产总值增长5%左右。\n"
        "三、2024年政府工作任务\n（一）大力推进现代化产业体系建设，加快发展新质生产力。\n"
        "充分发挥创新主导作用，以科技创新推动产业创新，加快推进新型工业化。\n"
        "（二）深入实施科教兴国战略，强化高质量发展的基础支撑。\n"
        "坚持教育强国、科技强国、人才强国建设一体统筹推进，创新链产业链资金链人才链一体部署实施。\n"
        "各位代表！\n我们要深刻领悟两个确立的决定性意义，加强政府自身建设，坚持依法行政。\n"
        "各位代表！\n让我们更加紧密地团结在以习近平同志为核心的党中央周围，为全面建设社会主义现代化国家而努力奋斗！\n"
    )
    doc = parse_report(text, "national-2024.txt")
    meta = doc.meta
    assert (meta.government, meta.level, meta.year, meta.speaker) == (
        "国务院",
        "national",
        2024,
        "李强",
    )
    roles = [s.role for s in doc.sections]
    assert roles == ["opening", "review", "plan", "plan", "self_government", "closing"]
    assert doc.sections[-1].start == text.rindex("各位代表！")


def test_text_that_is_mostly_not_chinese_is_outlined_with_a_warning() -> None:
    """A README or ``hello`` is still outlined and compared, but the user is told it does not
    read as a work report; a report (even a short generated one) is not warned of."""
    english = parse_report("Getting started\n\nInstall the tool, then run it on two files.\n")
    assert any("is it a work report?" in w for w in english.warnings)
    mixed = parse_report("Notes on 政府工作报告 and how to read it, with examples.\n")
    assert any("of its letters are Han (" in w for w in mixed.warnings)
    figures = "各位代表：\n生产总值 1234567890 亿元，增长 5.5%，2024年1月1日。\n"
    assert not any("is it a work report?" in w for w in parse_report(figures).warnings)
    report = parse_report(OPENING + "一、2019年工作回顾\n一年来，我们狠抓项目建设。\n" + CLOSING)
    assert not any("is it a work report?" in w for w in report.warnings)


def test_a_run_numbered_again_inside_a_part_nests_under_it() -> None:
    """河北 2002's plan 二、 numbers its topics 一、 to 五、 again: they are its children, and a
    part numbered on after them (三、) is top level again; 一、 after 一、 is no restart."""
    text = (
        OPENING
        + "一、2001年工作回顾\n一年来，我们狠抓项目建设。\n"
        + "二、2002年的主要任务\n今年的主要预期目标是：生产总值增长百分之八。\n"
        + "一、推进结构调整\n发展是硬道理。\n"
        + "二、深化改革开放\n改革是动力。\n"
        + "三、加强政府自身建设\n坚持依法行政。\n"
        + "三、2003年的设想\n明年的工作要早谋划。\n"
        + CLOSING
    )
    doc = parse_report(text)
    top = [s.title for s in doc.sections]
    assert top[1:4] == ["一、2001年工作回顾", "二、2002年的主要任务", "三、2003年的设想"]
    plan = doc.sections[2]
    assert [c.title for c in plan.children] == [
        "一、推进结构调整",
        "二、深化改革开放",
        "三、加强政府自身建设",
    ]
    assert plan.children[-1].role == "self_government"
    # numbered in half-width brackets (folded in the line view, not in titles): the same
    bracketed = re.sub(r"^([一二三])、", r"(\1)", text, flags=re.MULTILINE)
    folded = parse_report(bracketed)
    assert [c.title[:3] for c in folded.sections[2].children] == ["(一)", "(二)", "(三)"]
    assert folded.sections[3].title == "(三)2003年的设想"


def test_numbering_restart_rules_stay_narrow() -> None:
    """一、 after 一、 is no restart; a second run of 1. 2. under a topic is not nested in the
    first run's last item; a part restarting 一、 二、 and then 三、2003年… (both runs' next
    number) goes back to the parts, as it names a period."""
    twice = OPENING + "一、2019年工作回顾\n一年来成绩显著。\n一、2020年工作安排\n今年要抓项目。\n"
    assert [s.title[:2] for s in parse_report(twice + CLOSING).sections[1:3]] == ["一、", "一、"]
    runs = (
        OPENING + "一、2019年工作回顾\n一年来成绩显著。\n二、2020年工作安排\n（一）抓项目\n"
        "1.抓签约\n签约项目十个。\n2.抓开工\n开工项目八个。\n（二）抓服务\n"
        "1.抓审批\n审批提速。\n2.抓帮扶\n帮扶企业。\n" + CLOSING
    )
    topics = parse_report(runs).sections[2].children
    assert [[c.title[:2] for c in t.children] for t in topics] == [["1.", "2."], ["1.", "2."]]
    short = (
        OPENING
        + "一、2001年工作回顾\n一年来成绩显著。\n二、2002年的主要任务\n今年要抓好以下工作。\n"
        "一、推进结构调整\n发展是硬道理。\n二、深化改革开放\n改革是动力。\n"
        "三、2003年的设想\n明年的工作要早谋划。\n" + CLOSING
    )
    doc = parse_report(short)
    assert "三、2003年的设想" in [s.title for s in doc.sections]
    assert [c.title[:2] for c in doc.sections[2].children] == ["一、", "二、"]


def test_chinese_heading_numbers() -> None:
    from compare.read.headings import numbered_as

    assert numbered_as("三、发展", "cn") == 3
    assert numbered_as("（十二）民生", "paren_cn") == 12
    assert numbered_as("二十三、其他", "cn") == 23
    assert numbered_as("4.项目", "num") == 4
    assert numbered_as("（1）一是", "paren_num") == 1
    assert numbered_as("第二部分", "part") == 2
    assert numbered_as("第一，发展", "ordinal") is None


def test_a_heading_number_alone_on_its_line_takes_the_next_line_as_title() -> None:
    text = (
        OPENING + "一、2019年工作回顾\n（一）\n经济运行稳中有进\n生产总值增长百分之七。\n" + CLOSING
    )
    doc = parse_report(text)
    topic = doc.sections[1].children[0]
    assert topic.title == "（一）经济运行稳中有进"
    assert text[topic.start :].startswith("（一）\n经济运行")


def test_an_ordinal_line_followed_by_a_fragment_is_no_heading() -> None:
    body = "九、加强政府自身建设\n第一，转变职能。深化改革。\n第三，切实加强民主\n法制\n建设。健全民主制度。\n"
    doc = parse_report(OPENING + "一、2008年工作回顾\n一年来，我们狠抓项目。\n" + body + CLOSING)
    assert not any(s.title.startswith("第三") for s in doc.walk())
    ordinal = (
        OPENING
        + "一、2008年工作回顾\n第一，牢记第一要务\n发展是第一要务，我们狠抓项目。\n"
        + CLOSING
    )
    assert any(s.title == "第一，牢记第一要务" for s in parse_report(ordinal).walk())
    finished = OPENING + "一、2008年工作回顾\n第一，稳增长\n抓项目。\n第二，促改革\n抓落实。\n"
    assert any(s.title == "第一，稳增长" for s in parse_report(finished + CLOSING).walk())


def test_a_paragraph_said_twice_is_warned_of_and_formula_is_not() -> None:
    paragraph = "我们坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，推动高质量发展。\n"
    slogan = "坚持稳中求进工作总基调，推动高质量发展。\n"  # short formula said twice: no paste
    once = OPENING + "一、2019年工作回顾\n" + slogan + paragraph + slogan + CLOSING
    twice = (
        OPENING + "一、2019年工作回顾\n" + paragraph + "二、2020年工作安排\n" + paragraph + CLOSING
    )
    assert not any("pasted twice" in w for w in parse_report(once).warnings)
    warning = next(w for w in parse_report(twice).warnings if "pasted twice" in w)
    assert f"repeats {len(paragraph) - 1:,} characters" in warning


def test_a_fragment_joined_to_a_heading_line_is_title_only_when_the_title_goes_on() -> None:
    """Scraped pages cut linked terms onto lines of their own. After the fragment, a clause
    mark says it opened the paragraph (the heading ended with its line); a word says the
    term was cut out of the title, which goes on."""
    repeat = "雄安新区\n全面建设小康社会\n"  # each fragment recurs, as a linked term does
    ended = OPENING + "一、2019年工作回顾\n（一）促进农业和农村经济全面发展，千方百计增加农民收入\n"
    ended += "全面建设小康社会\n，重点在农村，难点也在农村。\n" + repeat + CLOSING
    topic = parse_report(ended).sections[1].children[0]
    assert topic.title == "（一）促进农业和农村经济全面发展，千方百计增加农民收入"
    goes_on = OPENING + "一、2019年工作回顾\n（一）主动对接京津冀协同发展，全力服务\n"
    goes_on += "雄安新区\n建设，承接疏解项目十个。\n" + repeat + CLOSING
    topic = parse_report(goes_on).sections[1].children[0]
    assert topic.title.startswith("（一）主动对接京津冀协同发展，全力服务雄安新区建设")


def test_the_line_below_the_dateline_is_a_speaker_only_if_a_name() -> None:
    dateline = "某某县政府工作报告\n——2024年1月10日在某某县第十八届人民代表大会第三次会议上\n"
    rest = "各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n一、2023年工作回顾\n一年来成绩显著。\n"
    assert parse_report(dateline + "王小明\n" + rest + CLOSING).meta.speaker == "王小明"
    assert parse_report(dateline + "摘要\n" + rest + CLOSING).meta.speaker is None
    assert parse_report(dateline + "审议稿\n" + rest + CLOSING).meta.speaker is None


def test_a_plan_part_opening_on_clean_government_words_stays_the_plan() -> None:
    """A slogan-headed part whose first sentence speaks of 依法行政 or 廉洁 is a plan part;
    only the last part, announcing the government's own building, is self-building."""
    text = (
        OPENING
        + "一、2023年工作回顾\n一年来成绩显著。\n二、2024年工作安排\n今年要抓项目。\n"
        + "三、优化营商环境，激发市场活力\n坚持依法行政，深化放管服改革，打造廉洁高效的政务环境。\n"
        + "四、全力营造风清气正的政治环境\n新形势对政府自身建设提出新的更高要求。\n"
        + CLOSING
    )
    roles = [s.role for s in parse_report(text).sections]
    assert roles[3:5] == ["plan", "self_government"]
