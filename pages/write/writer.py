"""Write a note: draft the thank-you or any follow-up with the user, and check it against the
article's advice. Thin page: widgets, calls into followup.write, rendering. User text is shown
only through inert elements (text areas, st.text, st.code, st.dataframe) or escaped Markdown;
nothing the user types leaves the app (mailto: and .eml hand it to the user's own mail program)."""
from __future__ import annotations

import streamlit as st

from followup import workspace
from followup.charts import app_label
from followup.dates import country_from_locale, fmt_long, keep_style
from followup.clock import user_today
from followup.log import store as log_store
from followup.markdown import escape
from followup.notes import check, summary
from followup.write import drafts, form, send, store
from followup.write.rules import rules

R = rules()
ss = st.session_state
secrets = workspace.st_secrets(st)
ws = workspace.st_workspace(st, secrets)
engine = workspace.st_engine(st, secrets)
owner = ws.owner
today, _tz_notice = user_today(st.context.timezone)
log = log_store.load_log(engine, owner)
by_id = {a["id"]: a for a in log}

# --- what to write: from the link (planner, timeline) on arrival, then from the widgets -----------
if "wr_kind" not in ss:
    ss.wr_kind = form.parse_kind(st.query_params.get("kind"))
    ss.wr_app = form.parse_app(st.query_params.get("app"), by_id) or 0  # 0: no application
    ss.wr_channel = form.parse_channel(st.query_params.get("channel"))
if ss.get("wr_app") not in by_id:
    ss.wr_app = 0
slot = (ss.wr_app or None, ss.wr_kind)
if ss.get("wr_loaded") != slot or "wr_body" not in ss:  # the saved draft, or a fresh one
    values = form.start_values(ss.wr_kind, ss.wr_channel, by_id.get(ss.wr_app),
                               store.get_draft(engine, owner, slot[0], ss.wr_kind), f"{owner}|{slot}")
    for name in (*form.DEBRIEF_FIELDS, "subject", "body", "opening", "closing", "channel"):
        ss[f"wr_{name}"] = values[name]
    ss.wr_loaded, ss.wr_status = slot, (values["status"], values["sent_on"])
st.query_params.update({"kind": ss.wr_kind, **({"app": str(ss.wr_app)} if ss.wr_app else {})})
if not ss.wr_app:
    st.query_params.pop("app", None)


def compose() -> None:
    app = by_id.get(ss.wr_app)
    d = drafts.compose(ss.wr_kind, ss.wr_channel, form.debrief({k: ss[f"wr_{k}"] for k in form.DEBRIEF_FIELDS},
                       form.interview_date(app)), opening=ss.wr_opening, closing=ss.wr_closing)
    ss.wr_subject, ss.wr_body = d.subject, d.body


st.title("✍️ Write a note")
st.caption("Draft your note here, edit it freely, and check it against the article's advice. Your words stay "
           "in this app: nothing is sent anywhere until you send it from your own mail program.")
c1, c2, c3 = st.columns([2, 1.4, 1.2])
app_id = c1.selectbox("Application", [0, *by_id], key="wr_app",
                      format_func=lambda i: app_label(by_id[i]) if i else "None: I'll type the details") or None
kind = c2.selectbox("Kind of note", list(R.kinds), key="wr_kind", format_func=R.kinds.get)
channel = c3.selectbox("Channel", list(R.channels), key="wr_channel", format_func=R.channels.get)
app = by_id.get(app_id)
if ss.wr_status[0] == "sent":
    st.info(f"📨 This note was logged as sent on {fmt_long(ss.wr_status[1])}.")
elif ss.wr_status[0] == "draft":
    st.caption("💾 Your saved draft (not sent yet).")

with st.expander("📝 Debrief: what only you know (each optional)", expanded=not app, key="wr_debrief"):
    d1, d2, d3 = st.columns(3)
    d1.text_input("Company", key="wr_company", max_chars=200)
    d2.text_input("Role", key="wr_role", max_chars=200)
    d3.text_input("Who you write to", key="wr_contact", max_chars=200, placeholder="e.g. Priya Shah")
    st.text_input("Who you met", key="wr_met", max_chars=200)
    st.text_input("One specific thing from the conversation", key="wr_specific", max_chars=300,
                  placeholder="e.g. how your team rebuilt the claims dashboards")
    st.text_input("One line on why you fit", key="wr_fit", max_chars=300,
                  placeholder="e.g. I ran month-end reporting for a 40-person finance team")
    e1, e2, e3 = st.columns(3)
    e1.text_input("Anything you promised to send", key="wr_promised", max_chars=200)
    e2.text_input("Your name (signature)", key="wr_sender", max_chars=200)
    e3.text_input("Their email address (optional)", key="wr_to", max_chars=200)
    o1, o2 = st.columns(2)
    o1.selectbox("Opening", range(len(drafts.openings(kind))), key="wr_opening",
                 format_func=lambda i: drafts.preview(drafts.openings(kind)[i]))
    o2.selectbox("Closing", range(len(drafts.closings(kind))), key="wr_closing",
                 format_func=lambda i: drafts.preview(drafts.closings(kind)[i]))
    st.button("🪄 Write a draft from these", key="wr_compose", on_click=keep_style(compose),
              help="Replaces the text in the box below with a new draft.")

subject = st.text_input("Subject", key="wr_subject", max_chars=300) if channel == "email" else ""
body = st.text_area("Your note", key="wr_body", height=320, max_chars=store.MAX_BODY)
b1, b2, b3 = st.columns(3)
do_check = b1.button("🔎 Check my note", key="wr_check", type="primary", width="stretch")
do_save = b2.button("💾 Save draft", key="wr_save", width="stretch")
do_sent = b3.button("📨 Log as sent", key="wr_sent", width="stretch", disabled=app is None,
                    help="Adds this note to the application's timeline, dated today." if app
                    else "Pick an application above to log the note on its timeline.")
fields = {k: ss[f"wr_{k}"] for k in form.DEBRIEF_FIELDS}
if do_save or do_sent:
    try:
        store.save_draft(engine, owner, application_id=app_id, kind=kind, channel=channel, subject=subject,
                         body=body, fields=fields)
        if do_sent:
            store.log_sent(engine, owner, app_id, kind, today)
            ss.wr_status = ("sent", today)
            st.success(f"📨 Logged on {escape(app_label(app))}'s timeline as sent today; its next step has moved on.")
            st.page_link("pages/log/timeline.py", label="Open my follow-up timeline", icon="🗂️")
        else:
            ss.wr_status = (ss.wr_status[0] if ss.wr_status[0] == "sent" else "draft", ss.wr_status[1])
            st.success("💾 Draft saved" + (f" with {escape(app_label(app))}." if app else "."))
    except log_store.ValidationError as err:
        st.error("⚠️ Not saved: " + escape("; ".join(f"{k} {v}" for k, v in err.errors.items())) + ".")
if do_check or do_save or do_sent or ss.get("wr_checked") == slot:
    ss.wr_checked = slot
    findings = check(body, kind=kind, channel=channel, subject=subject, company=fields["company"],
                     role=fields["role"], contact=fields["contact"], specific=fields["specific"],
                     other_companies=form.other_companies(log, app_id), sent_on=today,
                     country=(app or {}).get("country") or country_from_locale(st.context.locale), subdivision=(app or {}).get("subdivision") or None)
    with st.container(key="wr_findings"):
        st.header("What the check found")
        (st.warning if findings else st.success)(summary(findings))
        for i, f in enumerate(findings):
            with st.container(border=True, key=f"wr_finding_{i}_{f.code}"):
                st.markdown(f"**{'🔴 Fix' if f.severity == 'fix' else '🟡 Consider'} · {escape(f.title)}**")
                if f.quote:
                    st.text(f"“{f.quote}”")
                st.markdown(escape(f.message.removeprefix(f.title + ".").strip()))
                rests = form.passage_links(f.refs) or ""
                st.caption(f"Rests on: {rests}{' · ' if rests and f.source else ''}{escape(f.source)}")

st.header("Send it your way")
st.caption("Copy the note with the button at the top right of the box, open it in your own mail program, "
           "or download it as an email draft.")
with st.container(key="wr_copy"):
    st.code((f"Subject: {subject}\n\n" if subject else "") + body, language=None, wrap_lines=True)
s1, s2 = st.columns(2)
s1.link_button("✉️ Open in my mail program", send.mailto(subject, body, fields["to"]), key="wr_mailto",
               width="stretch", disabled=channel != "email")
s2.download_button("⬇️ Download as email draft (.eml)", data=send.eml(subject, body, fields["to"]),
                   file_name=send.filename(fields["company"], kind), mime="message/rfc822",
                   on_click="ignore", key="wr_eml", width="stretch", disabled=channel != "email")

saved = store.list_drafts(engine, owner)
if saved:
    with st.expander(f"🗂️ Your saved notes ({len(saved)})", key="wr_saved"):
        st.dataframe(form.draft_rows(saved, by_id, R.kinds), hide_index=True, width="stretch", key="wr_saved_table")
