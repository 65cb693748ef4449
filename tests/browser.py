"""Helpers for browser tests (Playwright, sync API)."""
from __future__ import annotations

from playwright.sync_api import Page, expect


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit is connected, no script runs and no skeleton remains."""
    page.wait_for_timeout(200)
    app = page.locator("[data-testid=stApp]")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0, timeout=timeout)


def screenshot(page: Page, name: str, max_height: int = 2400) -> None:
    """Save a screenshot of the app's main block (up to ``max_height`` px) as a test artifact.

    Streamlit scrolls inside its own container, so the viewport is made as tall as the content
    for the shot, then restored."""
    from tests.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    block = page.locator("[data-testid=stMainBlockContainer]")
    old = page.viewport_size
    height = min(max_height, int(block.evaluate("e => e.scrollHeight")) + 120)
    page.set_viewport_size({"width": old["width"] if old else 1280, "height": max(height, 600)})
    page.wait_for_timeout(300)
    page.locator("[data-testid=stMain]").screenshot(path=str(ARTIFACTS / f"{name}.png"))
    if old:
        page.set_viewport_size(old)
