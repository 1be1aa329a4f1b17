"""Formula templates: figures, dates, numbered things and places become slots."""

from __future__ import annotations

import pytest

from compare.corpus.slots import form_of, slots_written_out, template_of


@pytest.mark.parametrize(
    "clause,template,fills",
    [
        ("社会消费品零售总额增长3.5%左右，", "社会消费品零售总额增长{数}%左右，", ("3.5",)),
        ("全年实现地区生产总值18.46亿元，", "全年实现地区生产总值{数}亿元，", ("18.46",)),
        (
            "——2024年1月23日在博野县十八届人民代表大会第四次会议上",
            "——{数}年{数}月{数}日在{地}{名}届人民代表大会第{名}次会议上",
            ("2024", "1", "23", "博野县", "十八", "四"),
        ),
        ("保定市第十四届人民代表大会", "{地}第{名}届人民代表大会", ("保定市", "十四")),
        ("建设美丽富裕和谐新汉滨", "建设美丽富裕和谐新{地}", ("汉滨",)),
        ("推动河北省经济稳中向好", "推动{地}经济稳中向好", ("河北省",)),
    ],
)
def test_details_become_slots(clause: str, template: str, fills: tuple[str, ...]) -> None:
    found = template_of(clause)
    assert (found.text, found.fills) == (template, fills)
    assert found.slotted


@pytest.mark.parametrize(
    "clause",
    [
        "在市委、市政府和区委的坚强领导下，",  # 和区 is no place: one-character stems are not read
        "坚持以习近平新时代中国特色社会主义思想为指导，",
        "新建城北第二小学",  # 新建 is a word before it is 南昌's district
        "资源节约型社会",
        "向人大代表和政协委员，",  # 和政 (和政县) straddles 政协: no place
        "自觉接受人大法律监督、工作监督和政协民主监督，",
    ],
)
def test_formula_without_details_keeps_its_words(clause: str) -> None:
    found = template_of(clause)
    assert found.text == clause and not found.slotted


@pytest.mark.parametrize(
    "clause,template",
    [
        ("----过去的一年，", "过去的一年，"),  # one report's layout, not the formula's
        ("●坚持稳中求进工作总基调，", "坚持稳中求进工作总基调，"),
        ("”让我们更加紧密地团结，", "让我们更加紧密地团结，"),
        ("——2024年1月", "——{数}年{数}月"),  # a dash is punctuation, kept
    ],
)
def test_marks_before_a_clause_are_not_the_formula(clause: str, template: str) -> None:
    assert template_of(clause).text == template


def test_the_same_formula_with_other_figures_has_one_template() -> None:
    one = template_of("城镇居民人均可支配收入增长6.5%，")
    two = template_of("城镇居民人均可支配收入增长8%，")
    assert one.text == two.text and one.fills != two.fills


def test_a_place_every_form_names_is_written_out_and_one_that_varies_stays_a_slot() -> None:
    """A place slot is where the forms name their own division: a name all forms share is
    the formula's (a slogan's 金山, one government's 保定); figures stay slots."""
    forms = ["践行“绿水青山就是金山银山”理念，"] * 2
    slogan = template_of(forms[0])
    assert slogan.text == "践行“绿水{地}就是{地}银山”理念，"
    fills = [template_of(f).fills for f in forms]
    assert slots_written_out(slogan.text, fills) == forms[0]
    varying = ["推动保定市经济增长6%，", "推动保定市经济增长7%，", "推动石家庄市经济增长6%，"]
    template = template_of(varying[0]).text
    assert {template_of(f).text for f in varying} == {template}
    assert slots_written_out(template, [template_of(f).fills for f in varying]) == template
    same_place = [template_of(f).fills for f in varying[:2]]
    assert slots_written_out(template, same_place) == "推动保定市经济增长{数}%，"


def test_slot_marks_that_do_not_match_the_fills_leave_the_template_as_it_is() -> None:
    assert slots_written_out("建设{地}新区", []) == "建设{地}新区"
    assert slots_written_out("建设{地}新区", [("雄安", "多余")]) == "建设{地}新区"


@pytest.mark.parametrize(
    "clause,form",
    [
        ("坚决做到“两个维护", "坚决做到“两个维护”"),  # the closing quote went with the next line
        ("大力发展县域经济”，", "大力发展县域经济"),  # a quote opened in an earlier clause
        ("坚决做到“两个维护”[23]。", "坚决做到“两个维护”"),  # a note marker
        ("——树立和践行正确政绩观，", "树立和践行正确政绩观"),  # a list's dash
        ("●坚持稳中求进工作总基调；", "坚持稳中求进工作总基调"),
        ("实施《河北省乡村振兴促进条例》", "实施《河北省乡村振兴促进条例》"),
        ("请予审议。", "请予审议"),
    ],
)
def test_a_form_has_no_marks_of_one_reports_spelling(clause: str, form: str) -> None:
    assert form_of(clause) == form


@pytest.mark.parametrize(
    "clause,template",
    [
        ("三、全面加强政府自身建设", "{名}、全面加强政府自身建设"),
        ("（三）着力扩大有效需求", "（{名}）着力扩大有效需求"),
    ],
)
def test_a_headings_number_is_a_numbered_thing(clause: str, template: str) -> None:
    assert template_of(clause).text == template


def test_a_numbered_thing_every_form_shares_is_written_out() -> None:
    template = template_of("深入贯彻党的二十大和二十届历次全会精神").text
    assert template == "深入贯彻党的二十大和{名}届历次全会精神"
    assert (
        slots_written_out(template, [("二十",), ("二十",)])
        == "深入贯彻党的二十大和二十届历次全会精神"
    )
    assert slots_written_out(template, [("十九",), ("二十",)]) == template
