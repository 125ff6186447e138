"""选品 · Four-quadrant value proposition for one account, with its checks, value mix and canvas."""

import streamlit as st

from kamcore.canvas import canvas_html
from kamcore.i18n import t
from kamcore.methods import value_proposition as vp
from ui import session
from ui import value_proposition as panels
from ui.accounts import account_worksheet
from ui.layout import tabbed

ctx = session.page()
lang = ctx.lang
m, account, ws, result = account_worksheet("value_proposition", ctx, lambda m: vp.blank_input())
with st.expander(t(lang, "vp.how_it_works"), icon=":material/school:"):
    for value_type in m.value_types:
        st.markdown(f"**{value_type.label(lang)}**: {value_type.definition(lang)}")


def edit() -> None:
    if result:
        panels.summary(result, lang)
    for quadrant in vp.QUADRANTS:
        panels.quadrant_table(ws, m, lang, quadrant)
        if result and result.started:
            panels.hints(result, m, lang, quadrant)
    if result and result.started:
        mix, points = st.columns(2, gap="large")
        with mix:
            panels.mix_chart(result, m, lang)
        with points:
            st.markdown(f"**{t(lang, 'vp.rules_title')}**")
            panels.rules(result, m, lang)


def canvas() -> None:
    if result:
        model = vp.ValuePropositionInput.model_validate(ws.data, context={"method": m})
        panels.canvas(model, m, lang)
        st.download_button(t(lang, "vp.print"), canvas_html(model, result, m, lang, account.name),
                           file_name=f"value-proposition-{account.key}.html", mime="text/html",
                           key="vp.print", icon=":material/print:", on_click="ignore")


tabbed("vp.tab", {t(lang, "vp.tab_edit"): edit, t(lang, "vp.tab_canvas"): canvas})
