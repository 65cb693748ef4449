"""The facilitator's handout: the session's cases, in the room's order, as a PDF to print.

Each case is quoted from the article (by ref) with the task, the decision and its options; the
room code and a QR code of the room link sit at the top. Built with ``followup.printing``.
"""
from __future__ import annotations

from followup.advice.content import article
from followup.plan import timing
from followup.printing import ACCENT, MUTED, CREDIT, MARGIN, PAGE_W, QR_MM, Sheet
from followup.workshop.exercises import exercises


def handout_pdf(order, room_link: str, code: str) -> bytes:
    exs = exercises()
    art = article()
    pdf = Sheet("Workshop handout: following up after an interview")
    pdf.add_page()
    text_w = PAGE_W - 2 * MARGIN - QR_MM - 6
    pdf.qr(room_link, PAGE_W - MARGIN - QR_MM, MARGIN, caption="Scan to join the room")
    pdf.set_xy(MARGIN, MARGIN)
    pdf.text_block("Following up after an interview: the cases", size=17, color=ACCENT, width=text_w, gap=1.5)
    pdf.text_block(f"Room code: {code}", size=14, width=text_w)
    pdf.text_block(f"Join: {room_link}", size=9, color=MUTED, width=text_w)
    pdf.text_block("Each case is a real reader's situation from the article. Read it, decide when to follow up, "
                   "whom to contact and what to say, then compare with what the experts and readers said.",
                   size=9.5, width=text_w)
    pdf.set_y(max(pdf.get_y(), MARGIN + QR_MM + 8))
    for i, ex_id in enumerate(order, 1):
        ex = exs.get(ex_id)
        if ex is None:
            continue
        pdf.ln(2)
        y = pdf.get_y()
        pdf.set_draw_color(*ACCENT)
        pdf.line(MARGIN, y, PAGE_W - MARGIN, y)
        pdf.ln(1.5)
        pdf.text_block(f"Case {i}. {ex.title}", size=12.5, color=ACCENT)
        for ref in ex.case_refs:
            p = art.get(ref)
            pdf.text_block(f"{p.label} ({p.speaker.display_name}):", size=8.5, color=MUTED, gap=0.2)
            pdf.text_block(p.text, size=9)
        date_note = " (our example date: the article gives none)" if ex.date_is_ours else ""
        said = f"; they said \u201c{ex.said}\u201d" if ex.said else "; nothing was said about timing"
        pdf.text_block(f"Interview: {timing.fmt(ex.interview)}{date_note}{said}.", size=9)
        pdf.text_block(f"Task: {ex.task}", size=10)
        pdf.text_block(f"{ex.question}", size=10, gap=0.2)
        for o in ex.options:
            pdf.text_block(f"  [ ]  {o.label}", size=9.5, gap=0.2)
        pdf.text_block("My follow-up date: ____________    Whom: ____________________", size=9.5)
    pdf.ln(2)
    pdf.text_block(CREDIT, size=7, color=MUTED)
    return bytes(pdf.output())
