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


_HEADINGS_JS = """
() => [...document.querySelectorAll('[data-testid=stMain] :is(h1, h2, h3, h4, h5, h6)')]
  .filter(h => h.getBoundingClientRect().height > 0)
  .map(h => [Number(h.tagName[1]), (h.textContent || '').trim().slice(0, 50)])
"""


def heading_jumps(page: Page) -> list[str]:
    """Headings that skip a level on the way down (an h1 followed by an h3), in page order."""
    out, level = [], 0
    for n, text in page.evaluate(_HEADINGS_JS):
        if n > max(level + 1, 2):  # a view without a title (the projector) may begin at h2
            out.append(f'h{n} "{text}" follows h{level}' if level else f'h{n} "{text}" is the first heading')
        level = n
    return out


def check_page_state(page: Page, name: str, *, overflow: bool | None = None) -> list[str]:
    """Every problem of the current page state: serious/critical axe findings, headings that
    skip a level, and (at phone width, or when ``overflow`` is True) elements wider than their
    container. Returns the problems prefixed with ``name``; the caller asserts the list is empty."""
    problems = [f"{name}: axe {line}" for line in axe_violations(page)]
    problems += [f"{name}: heading {line}" for line in heading_jumps(page)]
    width = (page.viewport_size or {}).get("width", 1280)
    if overflow if overflow is not None else width <= 480:
        problems += [f"{name}: overflow {line}" for line in overflowing(page)]
        if page_scrolls_sideways(page):
            problems.append(f"{name}: the page scrolls sideways")
    return problems


# --- keyboard focus ----------------------------------------------------------------------------
_FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden input (checkbox, toggle, radio) shows its focus on the control it sits in.
  let shown = el;
  const r0 = el.getBoundingClientRect();
  if (r0.width < 4 || r0.height < 4) shown = el.closest('label') || el.parentElement;
  const r = shown.getBoundingClientRect();
  const key = el.closest('[class*=st-key-]');
  const label = el.getAttribute('aria-label') || (el.innerText || el.value || el.textContent || '').trim()
      || (el.closest('label') ? el.closest('label').innerText.trim() : '');
  return {name: el.tagName.toLowerCase() + (el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : '')
            + (el.dataset.testid ? `[${el.dataset.testid}]` : '')
            + (key ? ' in .' + [...key.classList].find(c => c.startsWith('st-key-')) : '')
            + ` "${label.slice(0, 40).replace(/\\s+/g, ' ')}"`,
          x: r.left, y: r.top, width: r.width, height: r.height};
}
"""


def focused(page: Page) -> dict | None:
    """The element that has the keyboard focus: a readable name and its box on the screen."""
    return page.evaluate(_FOCUSED_JS)


def _clip(page: Page, box: dict, pad: int = 4) -> bytes | None:
    view = page.viewport_size or {"width": 1280, "height": 720}
    x, y = max(0, box["x"] - pad), max(0, box["y"] - pad)
    w = min(view["width"], box["x"] + box["width"] + pad) - x
    h = min(view["height"], box["y"] + box["height"] + pad) - y
    if w < 2 or h < 2:
        return None
    return page.screenshot(clip={"x": x, "y": y, "width": w, "height": h}, animations="disabled")


def from_the_top(page: Page) -> None:
    """Start the keyboard at the top of the page, as after loading it: the next Tab goes to the
    first control (focusing the app's root moves the browser's starting point there)."""
    page.mouse.move(0, 0)
    page.evaluate("""() => { const a = document.querySelector('[data-testid=stApp]');
        a.setAttribute('tabindex', '-1'); a.focus({preventScroll: true}); a.blur(); a.removeAttribute('tabindex'); }""")


def tab_through(page: Page, stops: int, *, check_visible: bool = True) -> tuple[list[str], list[str]]:
    """Press Tab ``stops`` times from the start of the page. Returns (the names of the elements
    that got the focus, in order; those whose focus could not be seen). A focus is seen when the
    pixels around the element differ between focused and unfocused (a ring, a border, a colour)."""
    from_the_top(page)
    order, unseen = [], []
    for _ in range(stops):
        page.keyboard.press("Tab")
        page.wait_for_timeout(120)
        f = focused(page)
        if f is None:
            break
        order.append(f["name"])
        if not check_visible:
            continue
        with_focus = _clip(page, f)
        if with_focus is None:  # outside the window: nothing to see
            unseen.append(f["name"] + " (not on screen)")
            continue
        page.evaluate("() => { window.__a11yFocus = document.activeElement; document.activeElement.blur(); }")
        page.wait_for_timeout(120)
        without = _clip(page, f)
        page.evaluate("() => window.__a11yFocus.focus({preventScroll: true})")
        page.wait_for_timeout(60)
        if with_focus == without:
            unseen.append(f["name"])
    return order, unseen


def tab_until(page: Page, wanted: str, limit: int = 60, *, key: str = "Tab") -> int:
    """Press ``key`` (Tab) until the focused element's name (see :func:`focused`) contains
    ``wanted``; returns how many presses it took. Fails after ``limit`` presses."""
    seen = []
    for n in range(1, limit + 1):
        page.keyboard.press(key)
        page.wait_for_timeout(60)
        f = focused(page)
        seen.append(f["name"] if f else "(nothing)")
        if f and wanted in f["name"]:
            return n
    raise AssertionError(f"{wanted!r} not reached in {limit} presses of {key}: {seen}")
