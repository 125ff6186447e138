"""The account types page's panels: one account at a time tagged with a type and a nature, each option's
definition, examples and investment implication beside it; the group's portfolio by type × nature."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kamcore.i18n import t
from kamcore.methods import account_types as at
from kamcore.methods.common import NOTE_CHARS
from kamcore.methods.selection import new_key
from kamcore.names import name_key
from kamcore.store import Account
from kamcore.tools.account_types import COUNT_COLORS
from kamcore.tools.lecture1 import heatmap_figure
from ui.live import group_accounts
from ui.session import Context
from ui.worksheet import WorksheetEditor

ACCOUNT_KEY = "types.account"


def entry(ws: WorksheetEditor, key: str) -> dict:
    return next((a for a in ws.data["accounts"] if a["key"] == key), {})


def choose_account(accounts: list[Account], ws: WorksheetEditor, m: at.AccountTypesMethod, lang: str) -> Account:
    """The account to tag (by its name: a label that changed with its tags would lose the choice)."""
    names = {a.key: a.name for a in accounts}
    if st.session_state.get(ACCOUNT_KEY) not in names:
        st.session_state[ACCOUNT_KEY] = next(iter(names))
    chosen = st.selectbox(t(lang, "accounts.choose"), list(names), key=ACCOUNT_KEY, format_func=names.get)
    return next(a for a in accounts if a.key == chosen)


def tags_line(ws: WorksheetEditor, account: Account, m: at.AccountTypesMethod, lang: str) -> None:
    tags = entry(ws, account.key)
    parts = [m.option(f, tags[f]).label(lang) if tags.get(f) else "—" for f in at.FIELDS]
    done = all(tags.get(f) for f in at.FIELDS)
    st.caption(f"{account.name} · {' × '.join(parts)}" + ("" if done else f" · {t(lang, 'l1a.types.untagged')}"))


def _caption(option: at.Option, lang: str) -> str:
    return (f"{option.definition(lang)}  \n*{t(lang, 'l1a.types.examples')}:* {option.examples(lang)}  \n"
            f"*{t(lang, 'l1a.types.investment')}:* {option.strategy(lang)}")


def tag(ws: WorksheetEditor, account: Account, m: at.AccountTypesMethod, lang: str) -> None:
    """The account's type and nature as radios, every option with its definition, examples and investment
    implication under it; the account's note."""
    tags = entry(ws, account.key)
    kinds, natures = st.columns(2, gap="large")
    for column, field in ((kinds, "type"), (natures, "nature")):
        options = m.options(field)
        ids = [o.id for o in options]
        key = ws.key("tag", account.key, field)
        column.radio(t(lang, f"l1a.types.{field}_pick", account=account.name), ids,
                     index=ids.index(tags[field]) if tags.get(field) in ids else None, key=key,
                     format_func=lambda i, f=field: m.option(f, i).label(lang),
                     captions=[_caption(o, lang) for o in options], disabled=ws.disabled,
                     on_change=_set, args=(ws, account, field, key))
    key = ws.key("tag", account.key, "note")
    st.text_input(t(lang, "l1a.types.note"), value=tags.get("note", ""), key=key, max_chars=NOTE_CHARS,
                  placeholder=t(lang, "l1a.types.note_hint"), disabled=ws.disabled,
                  on_change=_set, args=(ws, account, "note", key))


def _set(ws: WorksheetEditor, account: Account, field: str, key: str) -> None:
    ws.commit_or_restore(at.tagged(ws.data, account.key, account.name, field, st.session_state[key] or
                                   ("" if field == "note" else None)))


def overview(ws: WorksheetEditor, accounts: list[Account], m: at.AccountTypesMethod, lang: str) -> None:
    """Every account of the group with its tags (or that it has none yet)."""
    rows = []
    for a in accounts:
        tags = entry(ws, a.key)
        rows.append({t(lang, "compare.account"): a.name,
                     t(lang, "l1a.types.type"): m.option("type", tags["type"]).label(lang) if tags.get("type") else "—",
                     t(lang, "l1a.types.nature"): m.option("nature", tags["nature"]).label(lang)
                     if tags.get("nature") else "—",
                     t(lang, "l1a.types.note"): tags.get("note", "")})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="types.overview")


def portfolio(result: at.AccountTypesResult | None, m: at.AccountTypesMethod, lang: str) -> None:
    """The group's portfolio as a type × nature grid, and what the types it holds imply for investment."""
    if result is None or not result.tagged:
        st.info(t(lang, "l1a.types.portfolio_first"), icon=":material/hourglass_empty:")
        return
    if result.drafts:
        st.caption(t(lang, "l1a.types.drafts", count=len(result.drafts)))
    values = [[result.grid[ty.id][na.id] for na in m.natures] for ty in m.types]
    texts = [[str(v) if v else "" for v in row] for row in values]
    figure = heatmap_figure([ty.label(lang) for ty in m.types], [na.label(lang) for na in m.natures], values, texts,
                            0, max(max(max(row) for row in values), 1), height=140 + 60 * len(m.types),
                            colors=COUNT_COLORS)
    st.plotly_chart(figure, key="types.grid", config={"displayModeBar": False, "staticPlot": True})
    kind, nature = result.top
    st.markdown(t(lang, "l1a.types.top_line", top=f"{m.option('type', kind).label(lang)} × "
                                                  f"{m.option('nature', nature).label(lang)}"))
    for ty in m.types:
        if result.by_type[ty.id]:
            st.markdown(t(lang, "l1a.types.holding", type=ty.label(lang), count=result.by_type[ty.id],
                          strategy=ty.strategy(lang)))


def load_example(ctx: Context, ws: WorksheetEditor, m: at.AccountTypesMethod) -> None:
    """The example's accounts join the group's list (one of the same name is reused), tagged as in the example."""
    example = at.example_input(m, lang=ctx.lang)
    existing = {name_key(a.name): a.key for a in group_accounts(ctx.workspace)}
    accounts = []
    for a in example["accounts"]:
        key = existing.get(name_key(a["name"]))
        if key is None:
            key = new_key()
            ctx.workspace.add_account(Account(key, a["name"]))
        accounts.append({**a, "key": key})
    ws.replace({"accounts": accounts})
