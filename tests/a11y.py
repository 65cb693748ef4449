"""Accessibility and layout checks for browser tests, shared by every page's tests.

- :func:`axe_violations`: runs axe-core (Deque's rule engine, the copy shipped inside the
  ``axe-playwright-python`` package: nothing is downloaded) on the page and returns the
  violations of the given impacts, as readable lines.
- :func:`overflowing`: elements of the app that are wider than their container (sideways
  scrolling on a phone), as readable lines.

Use them through :func:`check_page_state` so that each page state is checked the same way:

    from tests.a11y import check_page_state
    check_page_state(page, "planner-390")
"""
from __future__ import annotations

from playwright.sync_api import Page

SERIOUS = ("serious", "critical")
WIDTHS = (1280, 390)


def axe_violations(page: Page, impacts: tuple[str, ...] = SERIOUS) -> list[str]:
    """axe-core violations of ``impacts`` on the current page: one line per rule and element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    lines = []
    for v in results.response["violations"]:
        if v.get("impact") not in impacts:
            continue
        for node in v["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:300]
            lines.append(f"{v['id']} ({v['impact']}): {', '.join(map(str, node['target']))} :: "
                         f"{node.get('html', '')[:160]} :: {summary}")
    return lines


# Elements whose box is wider than the box they sit in (with 1 px of rounding), inside the
# app's main area and sidebar. Scroll containers that Streamlit gives its own scrollbar (data
# frames, code blocks) are measured as boxes: their content may scroll, the box may not stick out.
_OVERFLOW_JS = """
() => {
  const root = document.querySelector('[data-testid=stMain]');
  const view = document.documentElement.clientWidth;
  const skip = el => el.closest('[data-testid=stDataFrame], [data-testid=stCode], .stCodeBlock, '
      + '[data-baseweb=popover], [data-testid=stTooltipContent], [role=tooltip]');
  const box = el => { // the nearest ancestor that has a box (display: contents has none)
    let p = el.parentElement;
    while (p && p !== document.body && p.getBoundingClientRect().width === 0) p = p.parentElement;
    return p;
  };
  const bad = new Map();
  for (const el of root.querySelectorAll('*')) {
    if (skip(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    const parent = box(el);
    if (!parent) continue;
    const p = parent.getBoundingClientRect();
    const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX);
    if (r.right > view + 1) {
      bad.set(el, `ends at ${Math.round(r.right)} px, past the ${view} px window`);
    } else if (!clips && r.width > p.width + 1 && (r.right > p.right + 1 || r.left < p.left - 1)) {
      bad.set(el, `is ${Math.round(r.width)} px wide in a ${Math.round(p.width)} px container`);
    }
  }
  const out = [];
  for (const [el, why] of bad) {  // report the outermost element of each overflow only
    let a = el.parentElement, inside = false;
    while (a) { if (bad.has(a)) { inside = true; break; } a = a.parentElement; }
    if (inside) continue;
    const key = el.closest('[class*=st-key-]');
    const name = el.tagName.toLowerCase() + (el.dataset.testid ? `[${el.dataset.testid}]` : '')
      + (key ? ' in .' + [...key.classList].find(c => c.startsWith('st-key-')) : '')
      + ` "${(el.textContent || '').trim().slice(0, 40)}"`;
    out.push(`${name} ${why}`);
  }
  return out;
}
"""


def overflowing(page: Page) -> list[str]:
    """Elements of the page that stick out of their container or the window."""
    return page.evaluate(_OVERFLOW_JS)


def page_scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]');"
        " return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
        " || (m && m.scrollWidth > m.clientWidth + 1); }")


def check_page_state(page: Page, name: str, *, overflow: bool | None = None) -> list[str]:
    """Every problem of the current page state: serious/critical axe findings, and (at phone
    width, or when ``overflow`` is True) elements wider than their container. Returns the
    problems prefixed with ``name``; the caller asserts the list is empty."""
    problems = [f"{name}: axe {line}" for line in axe_violations(page)]
    width = (page.viewport_size or {}).get("width", 1280)
    if overflow if overflow is not None else width <= 480:
        problems += [f"{name}: overflow {line}" for line in overflowing(page)]
        if page_scrolls_sideways(page):
            problems.append(f"{name}: the page scrolls sideways")
    return problems
