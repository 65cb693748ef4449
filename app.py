"""Interview Follow-Up Coach: the frame and router.

Page scripts live one level down (pages/<section>/<page>.py). This file has two roles:

- As Streamlit's script (``__name__ == "__main__"``, every visitor's every run) it is the frame: page
  setup, the registered pages and the sidebar text.
- Imported as a module (``streamlit run app.py`` finds the ``st.App`` below and serves it), it is the
  server. Its lifespan runs once at start, before the first session, and tells Streamlit that this
  app does not use the legacy ``pages/`` folder. Otherwise Streamlit decides that at the first
  session from the folder beside this file, and that first visitor's deep link (``/planner``,
  ``/timeline?key=...``) gets a "Page not found" dialog before ``st.navigation`` runs. It also does
  the heavy imports and loading (``followup.startup.warm_up``) before the first visitor arrives.
  The server also tells browsers to send no Referer from any page (a timeline address holds a key).
"""
import asyncio
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent


@asynccontextmanager
async def lifespan(_app):
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False  # pages come from st.navigation only
    _no_ip_lookup()
    # The engine's imports, content, search model and chart specs, then gc.freeze(), before the
    # first visitor instead of in the first visitor's run (in a thread: the event loop stays free).
    from followup import startup

    await asyncio.to_thread(startup.warm_up, _import_page_parts)
    yield


def _import_page_parts() -> None:
    """The pages' own modules (pages/<section>/ui_*.py: functions only, no Streamlit calls at import),
    so they are loaded, and frozen with the rest, before the first visitor."""
    import importlib

    for path in sorted((ROOT / "pages").glob("*/ui_*.py")):
        importlib.import_module(f"pages.{path.parent.name}.{path.stem}")


def _no_ip_lookup() -> None:
    """No request from the server to another host. Streamlit looks up the machine's public address
    (checkip.amazonaws.com, ``streamlit.net_util.get_external_ip``) when a WebSocket comes from
    another origin than its Host (a foreign page, a proxy that rewrites Host), again on every attempt
    while the lookup fails. Pinning its cached answer to "unknown" ends that. (The lookup at start,
    for the "External URL" it prints, is off through ``browser.serverAddress`` in config.toml.)
    ``tests/test_server_requests.py`` checks both with a proxy trap."""
    from streamlit import net_util

    if net_util._external_ip is None:
        net_util._external_ip = ""


class NoReferrer:
    """ASGI middleware: every HTTP response says ``Referrer-Policy: no-referrer``."""

    def __init__(self, asgi_app):
        self.asgi_app = asgi_app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.asgi_app(scope, receive, send)

        async def send_with_policy(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"referrer-policy"]
                message = {**message, "headers": [*headers, (b"referrer-policy", b"no-referrer")]}
            await send(message)

        return await self.asgi_app(scope, receive, send_with_policy)


if __name__ == "__main__":
    from followup import dates, startup

    startup.load_and_freeze()  # once per process: keeps Streamlit's after-run garbage collection cheap

    st.set_page_config(page_title="Interview Follow-Up Coach", page_icon="📬", layout="wide")

    PAGES = [
        st.Page(ROOT / "pages" / "advice" / "explorer.py", title="Advice explorer", icon="🔎", default=True),
        st.Page(ROOT / "pages" / "plan" / "planner.py", title="Wait-time planner", icon="📅", url_path="planner"),
        st.Page(ROOT / "pages" / "write" / "writer.py", title="Write a note", icon="✍️", url_path="write"),
        st.Page(ROOT / "pages" / "log" / "timeline.py", title="Follow-up timeline", icon="🗂️", url_path="timeline"),
        st.Page(ROOT / "pages" / "workshop" / "workshop.py", title="Workshop", icon="🎓", url_path="workshop"),
    ]

    dates.use_locale(st.context.locale)  # one date format on every page, from the browser's locale
    navigation = st.navigation(PAGES)
    # Accessibility, on every page (a static style block, no user text in it): a visible focus ring
    # on every control the keyboard reaches, including those whose own focus style is faint or
    # hidden (sidebar links, checkboxes, toggles, radios, the chart toolbar, which shows on focus
    # too); captions in solid grey instead of 60% opacity, so links in them keep their contrast;
    # replies indented under the comment they answer; the search box's "Press Enter" hint under the
    # box instead of over the question typed in it.
    st.html("""<style>
a:focus-visible, button:focus-visible, summary:focus-visible, [role=tab]:focus-visible,
[role=button]:focus-visible, label:has(input[type=checkbox]:focus-visible),
label:has(input[type=radio]:focus-visible) {
  outline: 2px solid #1d4ed8 !important; outline-offset: 2px; border-radius: 4px;}
[data-testid=stElementToolbar]:has(:focus-visible) {opacity: 1;}
[data-testid=stCaptionContainer] {opacity: 1; color: #4b5563;}
[class*="st-key-reply-"] {margin-left: 2rem; width: calc(100% - 2rem) !important;}
@media (max-width: 640px) {[class*="st-key-reply-"] {margin-left: 1rem; width: calc(100% - 1rem) !important;}}
.st-key-q [data-testid=InputInstructions] {top: 2px; bottom: auto;}
[data-testid=stForm]:has(.st-key-q) {padding-bottom: 0.75rem;}
</style>""")
    if navigation.url_path not in ("timeline", "workshop") and "key" in st.query_params:
        del st.query_params["key"]  # a private key lives only on the timeline's (and a workshop seat's) link
    # Whether this run follows a switch from another page in the same session: the browser then
    # still shows the old page's address for a moment (see pages/log/timeline.py).
    previous = st.session_state.get("app_page")
    st.session_state["app_page"], st.session_state["app_switched"] = (
        navigation.url_path, previous is not None and previous != navigation.url_path)
    with st.sidebar:
        st.caption(
            "Advice from one article, *How To: Follow Up After a Job Interview*, and its 22 reader "
            "comments. Your own entries stay private: this app sends nothing to any other site."
        )
    navigation.run()
else:
    from starlette.middleware import Middleware

    app = st.App(__file__, lifespan=lifespan, middleware=[Middleware(NoReferrer)])
