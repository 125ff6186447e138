import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from kamcore.i18n import catalog, explain, language_of, t
from kamcore.methods import selection as sel

PLACEHOLDER = re.compile(r"{(\w*)}")


def test_both_languages_have_the_same_keys():
    assert set(catalog("zh")) == set(catalog("en"))


def test_both_languages_use_the_same_placeholders_in_each_text():
    for key, english in catalog("en").items():
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(catalog("zh")[key])), key


def test_every_key_used_in_the_code_exists():
    sources = [*Path("pages").glob("*.py"), *Path("ui").glob("*.py"), Path("app.py"), *Path("kamcore").rglob("*.py")]
    used = {m for f in sources for m in re.findall(r"""t\(\s*lang\s*,\s*["']([\w.]+)["']""", f.read_text())}
    assert used and used <= set(catalog("en"))


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
