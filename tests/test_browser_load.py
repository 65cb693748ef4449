"""Many visitors at once on a shared server (bounded: 20 browser sessions on loopback).

Each visitor adds an application with a unique marker while the others do the same; then every
visitor reloads their private link and sees their own marker and no one else's."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser import wait_for_app

pytestmark = pytest.mark.browser
VISITORS = 20


def test_twenty_visitors_at_once_each_see_only_their_own(streamlit_server_factory, browser):
    server = streamlit_server_factory({"FOLLOWUP_SHARED": "1"})  # fresh: no warm-up visit first
    contexts = [browser.new_context() for _ in range(VISITORS)]
    try:
        pages = [c.new_page() for c in contexts]
        markers = ["Visitor" + uuid.uuid4().hex[:12] for _ in pages]
        for page in pages:  # every session open at once
            page.goto(server.url + "/timeline")
        for page in pages:
            wait_for_app(page)
            expect(page.get_by_text("Nothing logged yet")).to_be_visible()
        for page, marker in zip(pages, markers):  # submissions overlap on the server
            page.locator(".st-key-tl_add_company input").fill(marker)
            page.locator(".st-key-tl_add_submit button").click()
        links = []
        for page, marker in zip(pages, markers):
            wait_for_app(page)
            expect(page.get_by_text(marker).first).to_be_visible()
            assert "key=" in page.url
            links.append(page.url)
        assert len(set(links)) == VISITORS  # one private workspace each
        for page, link, marker in zip(pages, links, markers):
            page.goto(link)
            wait_for_app(page)
            expect(page.get_by_text(marker).first).to_be_visible()
            html = page.content()
            assert [m for m in markers if m != marker and m in html] == []
    finally:
        for c in contexts:
            c.close()
