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


def screenshot(page: Page, name: str) -> None:
    """Save a screenshot of the app's main block as a test artifact."""
    from tests.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("[data-testid=stMain]").screenshot(path=str(ARTIFACTS / f"{name}.png"))
