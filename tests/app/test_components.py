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


def test_a_bound_slider_reads_the_value_at_its_path_and_none_where_nothing_is_scored():
    from ui.components import _value_at

    data = {"items": [{"profit": {"a": 4}}], "our_view": {}}
    assert _value_at(data, ["items", 0, "profit", "a"]) == 4
    assert _value_at(data, ["items", 0, "profit", "b"]) is None
    assert _value_at(data, ["items", 3, "profit", "a"]) is None and _value_at(data, ["our_view", "x"]) is None


def test_figures_are_built_once_per_builder_and_two_builders_of_one_worksheet_do_not_share_them():
    from types import SimpleNamespace

    from kamcore.tools import TOOLS
    from ui.components import tool_figures

    tool = TOOLS["partnership"]
    ws = SimpleNamespace(tool=tool, data=tool.example(tool.method()), overrides_json="{}", lang="en")
    calls = []

    def first(data, result, m, lang):
        calls.append("first")
        return (result.verdict,)

    def second(data, result, m, lang, extra):
        calls.append("second")
        return (extra,)

    assert tool_figures(ws, first) == tool_figures(ws, first) == (tool.run(ws.data).verdict,)
    assert tool_figures(ws, second, "x") == ("x",) and tool_figures(ws, second, "y") == ("y",)
    assert calls == ["first", "second", "second"]


def test_the_row_picker_starts_on_the_first_row_keeps_the_readers_pick_and_falls_back_when_it_goes():
    from streamlit.testing.v1 import AppTest

    def page():
        import streamlit as st

        from ui.components import row_picker

        rows = [{"key": "a", "name": "A"}, {"key": "b", "name": "B"}][:1 if st.session_state.get("drop") else 2]
        st.markdown(f"place {row_picker(rows, 'pick', 'Row')}")

    at = AppTest.from_function(page).run()
    assert at.markdown[0].value == "place 0" and at.selectbox[0].value == "a"
    at.selectbox[0].select("b").run()
    assert at.markdown[0].value == "place 1"
    at.session_state["drop"] = True  # the picked row was removed (on this device or another)
    assert at.run().markdown[0].value == "place 0" and at.selectbox[0].value == "a"


def test_the_join_address_is_this_machines_network_address_or_localhost_without_a_network(monkeypatch):
    import ipaddress
    import socket

    from ui.console import _lan_address

    found = _lan_address()
    assert found == "localhost" or ipaddress.ip_address(found).version == 4

    def no_network(self, address):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert _lan_address() == "localhost"
