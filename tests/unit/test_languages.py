"""Data written in both languages reaches a reader in one: worked examples, case accounts, units,
the trainer's group, and the words of validation errors."""

import re

import pytest
from pydantic import ValidationError

from kamcore.canvas import canvas_html, item_text
from kamcore.cases import cases, load_case
from kamcore.i18n import LANGS, explain, localized
from kamcore.methods import selection as sel
from kamcore.methods import value_proposition as vp
from kamcore.store import Store
from kamcore.tools import TOOLS
from kamcore.workshop import Workshops

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
IDENTIFIER = re.compile(r"^[a-z0-9_\-]+$")  # ids, keys and choices: data, never shown as they are
ZH_TOKENS = {"KAM", "KPI", "DF"}  # DF: the case company of the course's price negotiation


def strings(tree) -> list[str]:
    if isinstance(tree, dict):
        return [s for value in tree.values() for s in strings(value)]
    if isinstance(tree, list):
        return [s for item in tree for s in strings(item)]
    return [tree] if isinstance(tree, str) else []


def foreign(texts: list[str], lang: str) -> list[str]:
    if lang == "en":
        return [s for s in texts if CJK.search(s)]
    return [s for s in texts if not IDENTIFIER.match(s) and set(ENGLISH_WORD.findall(s)) - ZH_TOKENS]


def test_a_pair_of_texts_becomes_the_readers_text_anywhere_in_a_tree():
    tree = {"name": {"zh": "我们", "en": "Us"}, "rows": [{"player": {"zh": "对手", "en": "Rival"}, "score": 4}],
            "ratings": {"zh": 3}}
    assert localized(tree, "zh") == {"name": "我们", "rows": [{"player": "对手", "score": 4}], "ratings": {"zh": 3}}
    assert localized(tree, "en")["rows"][0]["player"] == "Rival"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_every_worked_example_is_in_the_readers_language_only(tool_id, lang):
    tool = TOOLS[tool_id]
    method = tool.method()
    for example in method.examples:
        data = tool.example(method, example.id, lang=lang)
        tool.validate(data, method)
        assert not foreign(strings(data), lang), example.id


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_account_arrives_in_the_language_it_is_loaded_in(lang, store):
    group = store.personal_group()
    case = cases()["precision_machinery"]
    methods = {tool_id: TOOLS[tool_id].method() for tool_id in TOOLS}
    assert load_case(store, group.id, case, lang, methods) == []
    assert [a.name for a in store.accounts(group.id)] == [case.account(lang)]
    competition = store.worksheet(group.id, "competition", case.id).data
    assert competition["us_name"] == {"zh": "我们", "en": "Us"}[lang]
    assert not foreign(strings(competition), lang)


@pytest.mark.parametrize("lang, unit", [("zh", "120 万元/年"), ("en", "120 CNY 10k/year")])
def test_the_canvas_names_a_unit_by_its_label_never_its_id(lang, unit):
    m = vp.method()
    inp = vp.ValuePropositionInput.model_validate(vp.example_input(m, lang=lang), context={"method": m})
    head, _, _ = item_text("q1", inp.q1[0], m, lang)
    html = canvas_html(inp, vp.evaluate(inp, m), m, lang, "A")
    assert unit in head and unit in html
    assert "cny10k_per_year" not in head + html


@pytest.mark.parametrize("lang, name", [("zh", "讲师（参考答案）"), ("en", "Trainer (model answer)")])
def test_the_trainers_group_is_named_in_the_readers_language(lang, name, database_url):
    workshops = Workshops(Store(database_url))
    workshop, _ = workshops.create("W", "zh", "2468")
    assert workshops.trainer_workspace(workshop).display_name(lang) == name
    assert workshops.join(workshop.code, "Team Red").display_name(lang) == "Team Red"


@pytest.mark.parametrize("lang", LANGS)
def test_validation_errors_name_fields_and_criteria_in_words_not_keys(lang):
    m = sel.method()
    data = sel.example_input(m, lang=lang)
    data["attractiveness_criteria"][0]["weight"] = 10
    data["accounts"][0]["name"] = ""
    with pytest.raises(ValidationError) as caught:
        sel.SelectionInput.model_validate(data, context={"method": m})
    messages = " ".join(explain(caught.value, lang))
    assert "attractiveness_criteria" not in messages and "accounts" not in messages
    assert {"zh": "吸引力标准", "en": "Attractiveness criteria"}[lang] in messages
    assert {"zh": "第 1 项", "en": "item 1"}[lang] in messages


@pytest.mark.parametrize("lang, words", [("zh", "“资产/成本效率”"), ("en", "'Asset/cost efficiency'")])
def test_a_score_off_the_scale_names_the_criterion_by_its_course_name(lang, words):
    tool = TOOLS["partnership"]
    data = tool.example(tool.method(), lang=lang)
    data["drivers_us"]["asset_cost"] = 99  # off the scale
    with pytest.raises(ValidationError) as caught:
        tool.validate(data)
    messages = " ".join(explain(caught.value, lang))
    assert words in messages and "asset_cost" not in messages and "drivers_us" not in messages

