"""What Streamlit draws by itself, in a real browser: the file uploader's button and size line are ours,
in the reader's language (the AppTest in tests/app/test_language_leaks.py relies on this)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app


@pytest.mark.parametrize("lang, button, limit",
                         [("zh", "上传", "每个最大 20 MB"), ("en", "Upload", "up to 20 MB each")])
def test_the_import_uploader_speaks_only_the_readers_language(page, app_url, lang, button, limit):
    page.goto(f"{app_url}/?lang={lang}")
    wait_for_app(page)
    page.get_by_test_id("stExpander").filter(has=page.get_by_test_id("stFileUploader")).first.click()
    uploader = page.locator(".st-key-exports-upload [data-testid='stFileUploaderDropzone']")
    expect(uploader).to_be_visible()
    expect(uploader.get_by_test_id("stFileUploaderDropzoneInstructions")).to_be_hidden()  # "20MB per file • JSON"
    shown = uploader.locator("button [data-testid='stMarkdownContainer'] p")
    expect(shown).to_be_visible()
    drawn = shown.evaluate("p => getComputedStyle(p, '::after').content + '|' + getComputedStyle(p).fontSize")
    assert drawn == f'"{button}"|0px'  # Streamlit's own "Upload" takes no room; ours is drawn instead
    box = uploader.locator("button").bounding_box()
    assert box["width"] > 40  # the translated label gives the button its width
    expect(page.get_by_text(limit)).to_be_visible()
