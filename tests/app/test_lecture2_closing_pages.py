"""Lecture 2's closing pages: bid control, the objection log, the negotiation plan and the closing
strategy, in both languages; the position read from the group's competitive ranking (never typed twice);
the course examples down to their numbers; and each tool on the projector."""

import pytest
from streamlit.testing.v1 import AppTest

from kamcore.methods import competition as cp
from kamcore.store import Account, Store
from kamcore.tools import TOOLS
from tests.app.conftest import APP, browser_group, by_key_suffix, menu, open_page, open_tab, shown

PAGES = {"bid_control": "app_pages/bid_control.py", "negotiation_plan": "app_pages/negotiation_plan.py",
         "closing_strategy": "app_pages/closing_strategy.py", "objection_log": "app_pages/kind.py"}
TITLES = {"bid_control": {"zh": "投标控制：投标清单与报价策略", "en": "Bid control: bid checklist and price strategy"},
          "negotiation_plan": {"zh": "谈判：价格谈判计划与记录",
                               "en": "Negotiation: price negotiation plan and record"},
          "closing_strategy": {"zh": "促成销售：进攻策略", "en": "Closing strategy: how to attack"},
          "objection_log": {"zh": "排除异议：异议记录", "en": "Objection log"}}
PRICE_TAB = {"zh": "报价策略", "en": "Price strategy"}
ROUNDS_TAB = {"zh": "谈判记录", "en": "Record of rounds"}
UNSCORED = {"zh": "尚未评分", "en": "Not scored yet"}


def with_account(database_url, ranked: bool = False, lang: str = "en"):
    """The browser's workspace with one account; `ranked`: its competitive ranking is the course example."""
    store = Store(database_url)
    group = browser_group(store)
    store.upsert_accounts(group.id, [Account("acct-a", "Global Motors")])
    if ranked:
        tool, m = TOOLS[cp.TOOL_ID], TOOLS[cp.TOOL_ID].method()
        store.save_worksheet(group.id, cp.TOOL_ID, tool.validate(tool.example(m, lang=lang), m), 0, "acct-a")
    return store, group


def page(tool: str, lang: str) -> AppTest:
    return open_page(PAGES[tool], lang, url=tool if PAGES[tool] == "app_pages/kind.py" else None)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tool", list(PAGES))
def test_each_page_runs_in_each_language_with_its_name_in_the_development_section(tool, lang, database_url):
    with_account(database_url)
    at = page(tool, lang)
    assert at.title[0].value == TITLES[tool][lang]
    assert TOOLS[tool].name(lang) in menu(at)
    assert TOOLS[tool].nav.section == "develop"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_a_ranking_the_bid_asks_for_it_and_prices_nothing_yet(lang, database_url):
    with_account(database_url)
    at = open_tab(page("bid_control", lang), "l2d.bid.tab", PRICE_TAB[lang])
    text = shown(at)
    assert UNSCORED[lang] in text and ("竞争排名" if lang == "zh" else "competitive ranking") in text
    assert TOOLS[cp.TOOL_ID].name(lang) in [link.label for link in at.get("page_link")]


@pytest.mark.parametrize("lang, words", [
    ("en", ("Our rank: 1", "Delivery", "★ At rank 1 the method suggests: Premium.", "Our rank suggests Premium")),
    ("zh", ("我们的排名：1", "交付", "★ 排名第 1 时，方法建议：高价策略。", "按我们的排名建议采用高价策略")),
])
def test_the_bid_reads_our_rank_from_the_ranking_and_prices_the_courses_options(lang, words, database_url):
    store, group = with_account(database_url, ranked=True, lang=lang)
    at = page("bid_control", lang)
    at.button(key="bid_control.load_example").click().run()
    at = open_tab(at, "l2d.bid.tab", PRICE_TAB[lang])
    text = shown(at)
    assert all(w in text for w in words), text
    options = at.dataframe[-1].value
    assert list(options.iloc[:, 1]) == [108.0, 100.0, 92.0] and list(options.iloc[:, 3]) == [25.9, 20.0, 13.0]
    saved = store.worksheet(group.id, "bid_control", "acct-a").data
    assert [s["rank"] for s in saved["position"]["suppliers"]] == [1, 2, 3]


def test_a_ranking_that_changes_moves_the_bids_suggestion(database_url):
    store, group = with_account(database_url, ranked=True)
    at = page("bid_control", "en")
    at.button(key="bid_control.load_example").click().run()
    tool, m = TOOLS[cp.TOOL_ID], TOOLS[cp.TOOL_ID].method()
    data = tool.example(m)
    data["ratings"]["us"] = {"quality": 2, "delivery": 2, "price": 2, "tech_support": 2}  # now last of three
    store.save_worksheet(group.id, cp.TOOL_ID, tool.validate(data, m), 1, "acct-a")
    at = open_tab(page("bid_control", "en"), "l2d.bid.tab", PRICE_TAB["en"])
    assert "★ At rank 3 the method suggests: Penetration." in shown(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_objection_log_example_shows_counts_by_type_and_the_open_objections(lang, database_url):
    store, group = with_account(database_url)
    at = page("objection_log", lang)
    at.button(key="objection_log.load_example").click().run()
    text = shown(at)
    assert ("未解决 3" if lang == "zh" else "Open 3") in text
    assert ("价格异议 1" if lang == "zh" else "Price 1 · Competitor 1") in text, text
    assert store.worksheet(group.id, "objection_log", "acct-a").version == 1


@pytest.mark.parametrize("lang, met, room", [
    ("en", "Opening ≥ target ≥ walk-away", "Room between opening and walk-away: 16; planned concessions cost 5.5."),
    ("zh", "开价 ≥ 目标价 ≥ 底价", "开价与底价之间的空间：16；计划让步的总成本：5.5。"),
])
def test_the_negotiation_example_passes_its_checks_and_records_its_rounds(lang, met, room, database_url):
    with_account(database_url)
    at = page("negotiation_plan", lang)
    at.button(key="negotiation_plan.load_example").click().run()
    assert met in shown(at) and room in shown(at) and not at.warning
    at = open_tab(at, "l2d.neg.tab", ROUNDS_TAB[lang])
    assert [m.value for m in at.metric] == ["112", "6", "6"] and at.get("plotly_chart")


def test_an_opening_below_the_target_is_refused_as_a_check_and_kept(database_url):
    store, group = with_account(database_url)
    at = page("negotiation_plan", "en")
    at.button(key="negotiation_plan.load_example").click().run()
    by_key_suffix(at.number_input, "opening").set_value(105.0).run()
    assert any("As the seller, open at or above the target" in w.value for w in at.warning)
    assert store.worksheet(group.id, "negotiation_plan", "acct-a").data["opening"] == 105


@pytest.mark.parametrize("lang, suggested, differs", [
    ("en", "Head-on attack", "Our position suggests Head-on attack"),
    ("zh", "正面出击", "按我们的竞争地位建议采用正面出击"),
])
def test_the_closing_strategy_is_suggested_from_the_ranking_and_another_choice_is_questioned(lang, suggested, differs,
                                                                                         database_url):
    store, group = with_account(database_url, ranked=True, lang=lang)
    at = page("closing_strategy", lang)
    assert suggested in shown(at)
    assert ("竞争对手 B" if lang == "zh" else "Competitor B") in shown(at)  # weakest first
    at.radio(key=next(r.key for r in at.radio if r.key.endswith("chosen"))).set_value("divide").run()
    assert differs in shown(at)
    saved = store.worksheet(group.id, "closing_strategy", "acct-a").data
    assert saved["chosen"] == "divide" and saved["position"]["suppliers"][0]["key"] == "us"


def test_each_tool_is_on_the_projector_for_every_group(workshops):
    workshop, token = workshops.create("KAM", "en", "2468")
    for name in ("North", "South"):
        group = workshops.join(workshop.code, name)
        group.add_account(Account("acct-a", f"{name} Motors"))
        for tool_id in PAGES:
            tool, m = TOOLS[tool_id], TOOLS[tool_id].method()
            group.save(tool_id, tool.validate(tool.example(m), m), 0, "acct-a")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"w": workshop.code, "p": token, "lang": "en"})
    at.run()
    at.switch_page("app_pages/projector.py").run()
    for tool_id, word in (("bid_control", "Parity at 100.00"), ("negotiation_plan", "4 / 4"),
                          ("closing_strategy", "Head-on attack"), ("objection_log", "Price 1")):
        at.session_state["projector.tool"] = tool_id
        at.run()
        tables = " ".join(str(h.proto.body) for h in at.get("html"))
        assert not at.exception and at.get("plotly_chart"), tool_id
        assert "North Motors" in tables and "South Motors" in tables and word in tables, (tool_id, tables[:2000])
