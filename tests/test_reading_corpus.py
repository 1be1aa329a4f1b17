"""Reading real reports whole: every corpus report keeps its prose, its structure and its name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare import Document, load_report
from compare.model import Section
from compare.read.gazetteer import split_suffix

from .corpus_files import Source, corpus_paths, sources
from .report_variants import prose_coverage


@pytest.fixture(scope="module")
def corpus() -> dict[Path, Document]:
    return {s.path: load_report(str(s.path)) for s in sources()}


@pytest.mark.parametrize("path", corpus_paths(), ids=lambda p: p.stem)
def test_every_report_keeps_its_prose(corpus: dict[Path, Document], path: Path) -> None:
    assert prose_coverage(corpus[path]) >= 0.99


@pytest.mark.parametrize("path", corpus_paths(), ids=lambda p: p.stem)
def test_review_plan_and_topics_are_found(corpus: dict[Path, Document], path: Path) -> None:
    doc = corpus[path]
    roles = [s.role for s in doc.sections]
    assert "review" in roles and "plan" in roles
    plan_parts = [s for s in doc.sections if s.role == "plan"]
    topics = sum(max(1, len(s.children)) for s in plan_parts)
    assert topics >= 3, "the plan's topics (or its parts) are outlined"
    assert roles.index("review") < max(k for k, r in enumerate(roles) if r == "plan")


def _same_government(got: str | None, expected: str | None) -> bool:
    """Equal, or the same unit renamed (徐水县 -> 徐水区): the report's own name stands."""
    if got is None or expected is None:
        return got == expected
    return got == expected or split_suffix(got)[0] == split_suffix(expected)[0]


def test_government_and_year_of_the_corpus(corpus: dict[Path, Document]) -> None:
    rows = sources()
    wrong_government = [
        (s.path.name, corpus[s.path].meta.government, s.own_name)
        for s in rows
        if not _same_government(corpus[s.path].meta.government, s.own_name)
    ]
    wrong_year = [
        (s.path.name, corpus[s.path].meta.year, s.year)
        for s in rows
        if corpus[s.path].meta.year != s.year
    ]
    # One known difference: anxin_county_2024.txt is 新安县's report (it names 新安 and
    # 洛阳, 河南), mislabelled upstream as 安新县 "never naming itself".
    assert len(rows) - len(wrong_government) >= 94, wrong_government
    assert len(rows) - len(wrong_year) >= 94, wrong_year


def _level_agrees(doc: Document, source: Source) -> bool:
    """SOURCES gives today's level; a report keeps the level its own name says (徐水县 in
    2010 is a county, though 徐水区 is a district now)."""
    if doc.meta.level == source.level:
        return True
    name = doc.meta.government or ""
    return split_suffix(name)[1] == "县" and source.level == "district"


def test_levels_and_parents_of_the_corpus(corpus: dict[Path, Document]) -> None:
    rows = sources()
    wrong = [s.path.name for s in rows if not _level_agrees(corpus[s.path], s)]
    assert len(wrong) <= 1, wrong
    for s in rows:
        meta = corpus[s.path].meta
        if s.level in ("county", "district") and meta.government and "保定市" in s.government:
            assert meta.parents == ("河北省", "保定市"), s.path.name


@pytest.mark.parametrize(
    "name,government,level,year",
    [
        ("hebei_province_2003", "河北省", "province", 2003),  # 二〇〇三年一月十日
        ("neimenggu_province_2026", "内蒙古自治区", "province", 2026),
        ("beijing_province_2026", "北京市", "province", 2026),
        ("anguo_city_2020", "安国市", "city", 2020),
        ("baoding_city_2021", "保定市", "city", 2021),
        ("xushui_district_2010", "徐水县", "county", 2010),
        ("mancheng_district_2020", "满城区", "district", 2020),
        ("rongcheng_county_2015", "容城县", "county", 2015),  # no title block: named by its body
    ],
)
def test_metadata_of_chosen_reports(
    corpus: dict[Path, Document], name: str, government: str, level: str, year: int
) -> None:
    meta = next(d.meta for p, d in corpus.items() if p.stem == name)
    assert (meta.government, meta.level, meta.year) == (government, level, year)


def test_a_parts_closing_paragraphs_are_not_its_last_topics(
    corpus: dict[Path, Document],
) -> None:
    """江苏 2026's review ends with the 2025 review, the thanks and the problems after its
    topic （六）: they stay in the review, under no topic (hand-checked)."""
    doc = next(d for p, d in corpus.items() if p.stem == "jiangsu_province_2026")
    review = doc.sections[1]
    last = review.children[-1]
    assert last.title.startswith("（六）积极推动高效能治理")
    tail = doc.original[last.end : review.end]
    assert tail.lstrip().startswith("各位代表，刚刚过去的2025年")
    assert "在看到成绩的同时" in tail
    assert "社会文明程度不断提升" in doc.original[last.start : last.end]


def test_only_closing_paragraphs_end_a_last_topic_early(corpus: dict[Path, Document]) -> None:
    """Where a last topic ends before its part, what follows it opens with an address or a
    summing-up and holds none of the topic's own numbered points (二是…, 第三，…, 2.…)."""
    openings = ("各位代表", "在看到成绩的同时", "我们也清醒", "这些成绩", "成绩来之不易", "回顾")
    points = re.compile(
        r"\s*(?:[二三四五六七八九十]是|第[二三四五六七八九十][，、是]|[2-9][.．、])"
    )
    ended = 0
    for doc in corpus.values():
        for part in doc.walk():
            if not part.children or part.children[-1].end >= part.end:
                continue
            ended += 1
            tail = doc.original[part.children[-1].end : part.end].lstrip()
            assert tail.startswith(openings), (doc.path, part.title, tail[:30])
            assert not any(points.match(line) for line in tail.splitlines()), (doc.path, part.title)
    assert ended >= 40  # 61 parts in the corpus: the rule is at work, not idle


def test_an_aside_between_a_topics_points_stays_in_the_topic(
    corpus: dict[Path, Document],
) -> None:
    """顺平 2021's （三）守住三条底线 addresses the delegates after its first point (各位代表，
    环保治污…) and goes on with 二是 and 三是: all of it is the topic's (hand-checked)."""
    doc = next(d for p, d in corpus.items() if p.stem == "shunping_county_2021")
    topic = next(s for s in doc.walk() if s.title.startswith("（三）守住三条底线"))
    text = doc.original[topic.start : topic.end]
    assert "各位代表，环保治污" in text
    assert any(line.lstrip().startswith("二是") for line in text.splitlines())
    assert any(line.lstrip().startswith("三是") for line in text.splitlines())


def _titles(doc: Document) -> dict[str, Section]:
    return {s.title: s for s in doc.walk()}


def test_long_titles_are_whole_and_run_in_titles_end_at_their_stop(
    corpus: dict[Path, Document],
) -> None:
    """Titles as the reports give them (hand-checked): a 47-character title ending in 。 was
    cut at 30, a run-in title kept its 。 or ran into its text, and a heading line that a
    scraped fragment was joined to took the fragment."""
    expected = {
        "hubei_province_2026": "（二）大力推进科技创新、产业创新和金融创新深度融合发展，加快构建体现湖北优势的现代化产业体系",
        "rongcheng_county_2015": "（一）加快工业转型升级步伐，产业结构更趋合理",
        "jilin_province_2026": "（二）重点任务",
        "li_county_2020": "2.高质量抓城建",
        "hebei_province_2003": "二、促进农业和农村经济全面发展，千方百计增加农民收入",
        "hebei_province_2004": "（二）全面落实农村政策，大力发展农村经济",
        # a term cut out of the title (法制 on a line of its own): the title goes on
        "hebei_province_2001": "5、加强精神文明和民主法制建设，推动社会全面进步",
    }
    docs = {p.stem: d for p, d in corpus.items()}
    for stem, title in expected.items():
        assert title in _titles(docs[stem]), (stem, [s.title for s in docs[stem].walk()])
    for doc in corpus.values():
        for section in doc.walk():
            assert not section.title.endswith("。"), (doc.path, section.title)


def test_a_bracketed_or_spaced_notes_heading_starts_the_notes(
    corpus: dict[Path, Document],
) -> None:
    """``【名词解释】``, ``[名词解释]`` and ``名 词 解 释`` head the notes; the closing before
    them no longer ends with the heading."""
    docs = {p.stem: d for p, d in corpus.items()}
    for stem in ("rongcheng_county_2017", "rongcheng_county_2020", "xushui_district_2024",
                 "fuping_county_2021"):  # fmt: skip
        doc = docs[stem]
        notes = doc.sections[-1]
        assert notes.role == "notes", stem
        assert notes.title.replace(" ", "").strip("【】[]") == "名词解释", (stem, notes.title)
        closing = doc.sections[-2]
        assert closing.role == "closing"
        assert "名词解释" not in doc.original[closing.start : closing.end].replace(" ", "")


def test_self_building_is_found_however_it_is_written(corpus: dict[Path, Document]) -> None:
    """The government's own building, hand-checked in each: a paragraph scraped into pieces
    (河北 2021: its keywords three lines below 各位代表), a paragraph opening 对政府工作提出了
    新的更高要求 (河北 2024), a part under a slogan heading whose first sentence says it
    (徐水 2012), and topics titled 自身能力建设 (涞源 2021) or 把坚持党的全面领导贯穿政府工作
    (内蒙古 2026)."""
    docs = {p.stem: d for p, d in corpus.items()}
    starts = {
        "hebei_province_2021": "各位代表，站在",
        "hebei_province_2024": "各位代表！奋进新征程",
        "xushui_district_2012": "四、全力营造风清气正",
        "laiyuan_county_2021": "（八）增强政府自身能力建设",
        "neimenggu_province_2026": "四、把坚持党的全面领导贯穿政府工作",
    }
    for stem, start in starts.items():
        doc = docs[stem]
        found = [s for s in doc.walk() if s.role == "self_government"]
        assert len(found) == 1, (stem, [s.title for s in found])
        assert doc.original[found[0].start :].startswith(start), stem
    every = [s for d in corpus.values() for s in d.walk() if s.role == "self_government"]
    assert len(every) >= 80  # one in nearly every report, not found everywhere by accident


def test_speakers_written_below_the_dateline_or_after_a_gap(corpus: dict[Path, Document]) -> None:
    """A name on a line of its own below the dateline (保定 2025, 湖南 2026) and a name
    after a space, transcribed in parts (新疆 2026: 自治区主席 艾尔肯·吐尼亚孜), hand-checked;
    every speaker found is a name, not a line of the header."""
    docs = {p.stem: d for p, d in corpus.items()}
    assert docs["baoding_city_2025"].meta.speaker == "闫继红"
    assert docs["hunan_province_2026"].meta.speaker == "毛伟明"
    assert docs["xinjiang_province_2026"].meta.speaker == "艾尔肯·吐尼亚孜"
    found = [d.meta.speaker for d in corpus.values() if d.meta.speaker]
    assert len(found) >= 80
    assert all(2 <= len(name) <= 4 or "·" in name for name in found)


def test_hebei_2002s_topics_numbered_again_are_its_plans(corpus: dict[Path, Document]) -> None:
    """河北 2002 (hand-checked): 二、2002年工作的总体要求和主要任务 holds the topics 一、 to
    五、 that number again under it, the last its self-building."""
    doc = next(d for p, d in corpus.items() if p.stem == "hebei_province_2002")
    plan = next(s for s in doc.sections if s.title.startswith("二、2002年"))
    assert [c.title[:2] for c in plan.children] == ["一、", "二、", "三、", "四、", "五、"]
    assert plan.children[-1].role == "self_government"
    assert [s.role for s in doc.sections][-1] == "closing"


def test_a_heading_number_alone_on_its_line_is_a_heading(corpus: dict[Path, Document]) -> None:
    """河北 2010 puts ``(五)`` on a line of its own and its title (改 革开放…) on the next: the
    review's topics run （一） to （八） without a gap (hand-checked)."""
    doc = next(d for p, d in corpus.items() if p.stem == "hebei_province_2010")
    review = doc.sections[1]
    numbers = [c.title[:3] for c in review.children]
    assert numbers[3:5] == ["(四)", "(五)"]
    # its title as far as the joined lines go: 不断深化 stands on a third line (a known limit)
    assert review.children[4].title == "(五)改 革开放"
    assert doc.original[review.children[4].start :].startswith("(五)")


def test_an_ordinal_cut_by_a_scraped_link_is_no_heading(corpus: dict[Path, Document]) -> None:
    """河北 2009: 第三，切实加强民主 / 法制 / 建设。… is a sentence a link cut, not a heading
    that would hold 第四 and 第五 (hand-checked)."""
    doc = next(d for p, d in corpus.items() if p.stem == "hebei_province_2009")
    assert not any(s.title.startswith("第三，切实加强民主") for s in doc.walk())


def test_a_report_pasted_twice_is_said_to_be(corpus: dict[Path, Document]) -> None:
    """阜平 2020's file holds its closing and its 19 notes twice: a warning says so; no other
    report of the corpus repeats a paragraph word for word."""
    warned = {p.stem for p, d in corpus.items() if any("pasted twice" in w for w in d.warnings)}
    assert warned == {"fuping_county_2020"}
