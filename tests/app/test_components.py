from ui.components import apply_delta, plain

ROWS = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {"a": 3, "b": "z"}]


def test_edits_apply_by_original_index_before_deletions():
    delta = {"edited_rows": {"2": {"b": "Z"}}, "deleted_rows": [0], "added_rows": []}
    assert apply_delta(ROWS, delta, ["a", "b"]) == [{"a": 2, "b": "y"}, {"a": 3, "b": "Z"}]


def test_added_rows_come_last_with_every_column():
    delta = {"edited_rows": {}, "deleted_rows": [], "added_rows": [{"b": "new"}]}
    assert apply_delta(ROWS, delta, ["a", "b"])[-1] == {"a": None, "b": "new"}


def test_the_shown_rows_are_not_changed():
    apply_delta(ROWS, {"edited_rows": {0: {"a": 9}}}, ["a", "b"])
    assert ROWS[0]["a"] == 1


def test_typed_text_cannot_format_link_or_inject_markup():
    # the word joiner after "http:" keeps the markdown renderer from linking the bare URL it would still find
    assert plain("**bold** [x](http://e.vil) <b>") == r"\*\*bold\*\* \[x\]\(http\:" + "\u2060" + r"//e\.vil\) \<b\>"
