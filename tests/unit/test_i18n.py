import ast
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from kamcore.i18n import LANGS, catalog, explain, language_of, t
from kamcore.methods import selection as sel
from kamcore.methods.common import Criterion
from kamcore.tools import TOOLS
from tests import texts

PLACEHOLDER = re.compile(r"{(\w*)}")


def test_both_languages_have_the_same_keys():
    assert set(catalog("zh")) == set(catalog("en"))


def test_both_languages_use_the_same_placeholders_in_each_text():
    for key, english in catalog("en").items():
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(catalog("zh")[key])), key


def text_lookups() -> list[tuple[str, str, ast.expr]]:
    """Every t(<anything>, <key>) call in the app's code: (file, how the language is passed, the key)."""
    sources = [*Path("pages").glob("*.py"), *Path("ui").glob("*.py"), Path("app.py"), *Path("kamcore").rglob("*.py")]
    calls = []
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and len(node.args) >= 2
                    and (getattr(node.func, "id", None) == "t" or getattr(node.func, "attr", None) == "t")):
                calls.append((str(source), ast.unparse(node.args[0]), node.args[1]))
    return calls


def key_pattern(key: ast.JoinedStr) -> re.Pattern | None:
    """An f-string key as a pattern over catalog keys ({…} a run of key characters); None when it has no
    fixed part to check (such keys are checked as they are looked up, see tests/texts.py)."""
    parts = [re.escape(p.value) if isinstance(p, ast.Constant) else r"[\w.]+" for p in key.values]
    fixed = "".join(p.value for p in key.values if isinstance(p, ast.Constant))
    return re.compile("".join(parts)) if fixed.strip(".") else None


def test_every_key_used_in_the_code_exists_in_both_catalogs():
    both = set(catalog("en")) & set(catalog("zh"))
    lookups = text_lookups()
    literal = {(f, k.value) for f, _, k in lookups if isinstance(k, ast.Constant)}
    assert {(f, k) for f, k in literal if k not in both} == set()
    patterns = {(f, key_pattern(k).pattern) for f, _, k in lookups if isinstance(k, ast.JoinedStr) and key_pattern(k)}
    assert {(f, p) for f, p in patterns if not any(re.fullmatch(p, k) for k in both)} == set()
    # the check sees calls whatever names the language, and keys built with f-strings
    assert {"lang", "ctx.lang", "self.lang", "args.lang"} <= {how for _, how, _ in lookups}
    assert len(literal) > 400 and len(patterns) > 15


def test_a_text_missing_from_one_catalog_is_reported_with_the_language_that_lacks_it(monkeypatch):
    monkeypatch.setitem(catalog("en"), "only.in_english", "x")
    assert texts.missing_texts({"only.in_english", "app.language", "in.neither"}) == [
        "in.neither (no zh, en)", "only.in_english (no zh)"]


def test_texts_are_recorded_as_looked_up_by_any_module_whatever_the_call_looks_like():
    import kamcore.errors
    from kamcore.workshop import PinThrottled

    assert kamcore.errors.t is texts.recording_t  # imported before the tests began
    texts.LOOKED_UP.clear()
    PinThrottled(3).text("zh")
    assert {"workshop.pin_throttled"} == texts.LOOKED_UP


def test_method_texts_exist_in_both_languages():
    m = sel.method()
    for category in m.portfolio.categories + m.vulnerability_matrix.categories:
        assert category.label("zh") and category.label("en") and category.strategy("zh") != category.strategy("en")


def test_t_fills_placeholders():
    assert t("en", "worksheet.saved", version=3, time="10:00") == "Saved (version 3, 10:00)"
    assert "第 3 版" in t("zh", "worksheet.saved", version=3, time="10:00")


def test_language_follows_the_browser_locale():
    assert [language_of(x) for x in ("zh-CN", "zh-TW", "en-US", "de", None)] == ["zh", "zh", "en", "en", "en"]


@pytest.mark.parametrize("lang, words", [("zh", "权重合计须为 100"), ("en", "must sum to 100")])
def test_validation_errors_are_explained_in_the_users_language(lang, words):
    data = sel.example_input(sel.method(), "course") | {"attractiveness_criteria": [{"id": "x", "weight": 50}]}
    with pytest.raises(ValidationError) as caught:
        sel.SelectionInput.model_validate(data)
    assert any(words in line for line in explain(caught.value, lang))


# every list of weighted criteria any tool's input has, found from the models themselves
WEIGHTED_LISTS = [(tool.id, field) for tool in TOOLS.values()
                  for field, info in tool.input_model.model_fields.items() if info.annotation == list[Criterion]]


def refused(tool_id: str, field: str, criteria: list[dict]) -> ValidationError:
    tool = TOOLS[tool_id]
    data = tool.example(tool.method()) | {field: criteria}
    with pytest.raises(ValidationError) as caught:
        tool.validate(data)
    return caught.value


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tool_id, field", WEIGHTED_LISTS)
def test_weights_not_summing_to_100_are_explained_by_the_lists_title_not_its_field_name(tool_id, field, lang):
    lines = explain(refused(tool_id, field, [{"id": "x", "weight": 50}]), lang)
    sentence = t(lang, "errors.weights_sum", what=t(lang, f"weights.lists.{field}"), total="50")
    assert sentence[:1].upper() + sentence[1:] in lines
    assert not any("_" in line for line in lines)  # no identifier such as attractiveness_criteria


@pytest.mark.parametrize("lang, words", [("en", "Attractiveness criteria › row 2 › Weight"),
                                         ("zh", "吸引力标准 › 第 2 行 › 权重")])
def test_a_bad_weight_in_a_row_is_located_by_list_title_row_number_and_column(lang, words):
    lines = explain(refused("selection", "attractiveness_criteria",
                            [{"id": "x", "weight": 50}, {"id": "y", "weight": 150}]), lang)
    assert any(line.startswith(words) for line in lines), lines


def test_the_weighted_lists_of_every_tool_are_found():
    assert len(WEIGHTED_LISTS) == 9  # global selection has selection's three


@pytest.mark.parametrize("tool_id, rows, limit, words", [
    ("purchasing_portfolio", "items", "max_items", {"en": "Items: at most 30", "zh": "产品：最多 30 个"}),
    ("selection", "accounts", "max_accounts", {"en": "Accounts: at most", "zh": "大客户：最多"}),
    ("competition", "competitors", "max_competitors", {"en": "Competitors: at most", "zh": "竞争对手：最多"}),
])
def test_too_many_rows_names_what_is_limited_not_always_accounts(tool_id, rows, limit, words):
    tool = TOOLS[tool_id]
    m = tool.method()
    data = tool.example(m)
    data[rows] = [dict(data[rows][0], key=f"k{n}", name=f"N{n}") for n in range(getattr(m, limit) + 1)]
    with pytest.raises(ValidationError) as caught:
        tool.validate(data, m)
    for lang in LANGS:
        lines = explain(caught.value, lang)
        assert any(line.startswith(words[lang]) for line in lines), lines
    assert "account" not in " ".join(explain(caught.value, "en")).lower() or rows == "accounts"
