"""Field-level changes merged onto the newest version: different fields never conflict."""

import copy

from hypothesis import given
from hypothesis import strategies as st

from kamcore.merge import MISSING, Row, apply, diff, value_at

BASE = {
    "weights": [{"id": "a", "weight": 50}, {"id": "b", "weight": 50}],
    "accounts": [{"key": "k1", "name": "ACME", "scores": {"x": 3, "y": 4}},
                 {"key": "k2", "name": "Globex", "scores": {"x": 5, "y": 5}}],
    "note": "hello",
    "tags": ["p", "q"],
}


def changed(**edits):
    data = copy.deepcopy(BASE)
    for path, value in edits.items():
        node = data
        *parents, last = path.split("__")
        for step in parents:
            node = node[int(step)] if step.isdigit() else node[step]
        node[int(last) if last.isdigit() else last] = value
    return data


def test_rows_are_addressed_by_their_key_not_their_position():
    [change] = diff(BASE, changed(accounts__1__scores__x=9))
    assert change.path == ("accounts", Row("k2"), "scores", "x") and (change.old, change.new) == (5, 9)


def test_two_devices_changing_different_fields_both_keep_their_change():
    mine, theirs = changed(accounts__0__scores__x=1), changed(accounts__1__name="Initech")
    merged, conflicts = apply(theirs, diff(BASE, mine))
    assert not conflicts
    assert merged["accounts"][0]["scores"]["x"] == 1 and merged["accounts"][1]["name"] == "Initech"


def test_the_same_field_changed_by_both_is_a_conflict_with_both_values_and_nothing_applied():
    mine, theirs = changed(note="mine"), changed(note="theirs")
    merged, [conflict] = apply(theirs, diff(BASE, mine))
    assert (conflict.path, conflict.mine, conflict.theirs) == (("note",), "mine", "theirs")
    assert merged["note"] == "theirs"


def test_keeping_mine_forces_my_value_over_theirs():
    merged, conflicts = apply(changed(note="theirs"), diff(BASE, changed(note="mine")), force=True)
    assert not conflicts and merged["note"] == "mine"


def test_the_same_value_typed_on_both_devices_is_no_conflict():
    merged, conflicts = apply(changed(note="same"), diff(BASE, changed(note="same")))
    assert not conflicts and merged["note"] == "same"


def test_rows_added_on_two_devices_both_arrive():
    mine = {**BASE, "accounts": [*BASE["accounts"], {"key": "k3", "name": "Mine", "scores": {}}]}
    theirs = {**BASE, "accounts": [*BASE["accounts"], {"key": "k4", "name": "Theirs", "scores": {}}]}
    merged, conflicts = apply(theirs, diff(BASE, mine))
    assert not conflicts and [a["key"] for a in merged["accounts"]] == ["k1", "k2", "k4", "k3"]


def test_an_edit_to_a_row_someone_removed_is_dropped_not_a_conflict():
    theirs = {**BASE, "accounts": BASE["accounts"][:1]}
    merged, conflicts = apply(theirs, diff(BASE, changed(accounts__1__scores__y=1)))
    assert not conflicts and [a["key"] for a in merged["accounts"]] == ["k1"]


def test_a_removed_row_is_removed_even_after_others_edited_other_rows():
    mine = {**BASE, "accounts": BASE["accounts"][1:]}
    merged, conflicts = apply(changed(accounts__1__name="Initech"), diff(BASE, mine))
    assert not conflicts and [a["name"] for a in merged["accounts"]] == ["Initech"]


def test_a_list_without_keys_is_one_value():
    [change] = diff(BASE, changed(tags=["p"]))
    assert change.path == ("tags",) and change.new == ["p"]


def test_a_field_added_or_removed_is_a_change_from_or_to_missing():
    data = copy.deepcopy(BASE)
    data["accounts"][0]["scores"].pop("y")
    data["new"] = 1
    assert {(c.path, c.old is MISSING, c.new is MISSING) for c in diff(BASE, data)} == {
        (("accounts", Row("k1"), "scores", "y"), False, True), (("new",), True, False)}


def test_merging_does_not_change_what_it_was_given():
    theirs, mine = changed(note="theirs"), changed(accounts__0__scores__x=1)
    frozen = copy.deepcopy(theirs)
    apply(theirs, diff(BASE, mine))
    assert theirs == frozen


scores = st.integers(min_value=1, max_value=10)


@given(st.lists(st.tuples(st.sampled_from(["k1", "k2"]), st.sampled_from(["x", "y"]), scores), max_size=6),
       st.lists(st.tuples(st.sampled_from(["k1", "k2"]), st.sampled_from(["x", "y"]), scores), max_size=6))
def test_applying_my_changes_to_my_base_gives_what_i_see_and_disjoint_edits_always_merge(mine_edits, their_edits):
    def edited(edits):
        data = copy.deepcopy(BASE)
        rows = {a["key"]: a for a in data["accounts"]}
        for key, field, value in edits:
            rows[key]["scores"][field] = value
        return data

    mine, theirs = edited(mine_edits), edited(their_edits)
    assert apply(BASE, diff(BASE, mine)) == (mine, [])
    merged, conflicts = apply(theirs, diff(BASE, mine))
    both = {c.path for c in diff(BASE, mine)} & {c.path for c in diff(BASE, theirs)}
    agreed = {path for path in both if value_at(mine, path) == value_at(theirs, path)}
    assert {c.path for c in conflicts} == both - agreed
    for change in diff(BASE, mine):
        if change.path not in both:
            assert value_at(merged, change.path) == change.new
