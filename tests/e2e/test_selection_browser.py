import re

from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from kamcore.methods import selection as sel
from kamcore.workshop import Workshops
from tests.e2e.conftest import pick, picked, pills, wait_for_app


def test_scores_survive_a_reload_even_when_the_first_request_is_a_deep_link(page, app_url):
    page.goto(f"{app_url}/selection?lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Account selection")).to_be_visible()
    # the app's own frame and navigation, not a page run on its own
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Trainer console")
    page.get_by_label("Account name").fill("ACME")
    page.get_by_role("button", name="Create").click()
    wait_for_app(page)

    expect(picked(page, 0)).to_have_count(0)  # nothing is scored before the group scores it
    groups = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").count()
    for index in range(groups):  # every criterion at 6, or 3 on the 1–5 scale
        pick(page, index, "3" if pills(page, index).get_by_role("radio").count() == 5 else "6")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("6.00")
    pick(page, 0, "10")
    expect(page.get_by_text(re.compile(r"Saved \(version \d+"))).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7.60")

    page.reload()
    wait_for_app(page)
    expect(picked(page, 0)).to_have_text("10")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7.60")



def saved_version(page) -> int:
    text = page.get_by_text(re.compile(r"Saved \(version \d+")).inner_text()
    return int(re.search(r"version (\d+)", text).group(1))


def drawn_elements(frames: list) -> list[str]:
    """The kinds of element the server sent in these websocket frames."""
    kinds = []
    for payload in frames:
        message = ForwardMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
            kinds.append(message.delta.new_element.WhichOneof("type"))
    return kinds


def test_a_score_picked_redraws_its_panel_and_the_save_line_not_the_page_around_them(page, app_url):
    frames = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    page.goto(f"{app_url}/selection?lang=en")
    wait_for_app(page)
    page.get_by_label("Account name").fill("ACME")
    page.get_by_role("button", name="Create").click()
    wait_for_app(page)
    pick(page, 0, "6")
    before = saved_version(page)
    frames.clear()
    for value in ("7", "8"):
        pick(page, 0, value)
        expect(picked(page, 0)).to_have_text(value)
    expect(page.get_by_text(f"Saved (version {before + 2}", exact=False)).to_be_visible()
    sent = drawn_elements(frames)
    assert "button_group" in sent  # the scores were drawn again, with the verdict beside them ...
    assert not {"dataframe", "selectbox"} & set(sent)  # ... not the accounts table or the account picker
    page.reload()
    wait_for_app(page)
    expect(picked(page, 0)).to_have_text("8")


def test_beside_a_revealed_model_answer_a_score_picked_redraws_the_whole_page(page, app_url, app_store):
    """The model answer shows the group's scores beside the trainer's: it must show the score just picked."""
    workshops = Workshops(app_store)
    workshop, _ = workshops.create("KAM", "en", "2468")
    example = sel.SelectionInput.model_validate(sel.example_input(sel.method()))
    workshops.trainer_workspace(workshop).save("selection", example, 0)
    group = workshops.join(workshop.code, "North")
    group.save("selection", example, 0)
    workshops.update_settings(workshop, reveals={"selection": True})
    frames = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    page.goto(f"{app_url}/selection?lang=en&w={workshop.code}&g={group.group.token}")
    wait_for_app(page)
    expect(page.get_by_text("Model answer", exact=False).first).to_be_visible()
    frames.clear()
    value = "2" if picked(page, 0).inner_text() != "2" else "3"
    pick(page, 0, value)
    expect(picked(page, 0)).to_have_text(value)
    assert "dataframe" in drawn_elements(frames)  # the model answer's tables, with the group's new score
