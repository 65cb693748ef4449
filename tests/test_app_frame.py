"""AppTest: the frame renders every registered page without exception."""
import pytest

PAGES = ["pages/advice/explorer.py", "pages/plan/planner.py", "pages/log/timeline.py"]


def test_home_renders(app_test):
    at = app_test().run()
    assert not at.exception
    assert at.title[0].value.startswith("🔎")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app_test, page):
    at = app_test().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title, "every page has a title"
