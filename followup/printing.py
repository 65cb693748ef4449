"""Printed plans: a one-page PDF of any plan, made in pure Python (fpdf2), with a QR code back to
the plan's own link.

The font is WenQuanYi Micro Hei from the ``paperang-p2-fonts-cjk`` package (Apache-2.0/GPLv3,
installed from requirements.txt, about 5 MB): one font that covers Latin with accents, Vietnamese
and Chinese, so names such as Zoë Łukasiewicz, Nguyễn Thị Lan and 王小明 print as typed. Nothing
is fetched at run time. No Streamlit import: pages pass a callable to ``st.download_button``, so
a PDF is built only when someone asks for it.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from importlib import resources

from fpdf import FPDF

from followup import qr
from followup.advice.content import article
from followup.plan import timing

FONT = "wqy"
PAGE_W = 210  # A4, mm
MARGIN = 14
QR_MM = 34
INK = (20, 20, 20)
MUTED = (90, 90, 90)
ACCENT = (20, 70, 140)
CREDIT = ("Made with Interview Follow-Up Coach from the article “How To: Follow Up After a Job Interview” "
          "and its reader comments. Rules marked as ours name their published source.")


def font_path() -> str:
    return str(resources.files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc")


# The font draws typographic quotes and the ellipsis full-width (CJK style); straight ones read better.
PRINT_FORMS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "\t": " "})


def clean(text: object) -> str:
    """Text as printed: control characters dropped, typographic quotes made straight."""
    s = "" if text is None else str(text)
    return "".join(ch if ch == "\n" or ord(ch) >= 32 else " " for ch in s.translate(PRINT_FORMS))


class Sheet(FPDF):
    """An A4 page set up with the shared font and margins."""

    def __init__(self, title: str, scale: float = 1.0):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.scale = scale  # type sizes are multiplied by it (a long plan is set smaller to fit one page)
        self.add_font(FONT, "", font_path(), collection_font_number=0)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=12)
        self.set_title(clean(title))
        self.set_creator("Interview Follow-Up Coach")
        self.set_lang("en")

    def text_block(self, text: str, size: float = 10, color=INK, width: float = 0, gap: float = 0.6) -> None:
        size *= self.scale
        self.set_font(FONT, size=size)
        self.set_text_color(*color)
        self.multi_cell(width, size * 0.45, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(gap * self.scale)

    def qr(self, link: str, x: float, y: float, size: float = QR_MM, caption: str = "") -> None:
        self.image(io.BytesIO(qr.png(link, scale=8, border=2)), x=x, y=y, w=size, h=size)
        if caption:
            self.set_xy(x - 4, y + size + 0.5)
            self.set_font(FONT, size=7)
            self.set_text_color(*MUTED)
            self.multi_cell(size + 8, 3, clean(caption), align="C")


def passages_line(refs) -> str:
    art = article()
    out = []
    for ref in refs:
        p = art.get(ref)
        if p is not None:
            out.append(f"{p.label} ({p.speaker.display_name}) [{ref}]")
    return "; ".join(out)


@dataclass(frozen=True)
class PlanSheet:
    """What goes on a printed plan besides the plan itself."""
    link: str  # the plan's own link (absolute), also the QR code
    heading: str = "Your follow-up plan"
    details: tuple[tuple[str, str], ...] = ()  # e.g. (("Company", "..."), ("Contact", "..."))


def _when(s: timing.Step) -> str:
    text = timing.fmt(s.date)
    if s.latest and s.latest > s.date:
        text += f"  (window until {timing.fmt(s.latest)})"
    return text


DETAIL_CHARS = 90  # a company, role or contact prints on one line; longer values are clipped
SAID_CHARS = 160


def clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3].rstrip() + "..."


def plan_pdf(plan: timing.Plan, sheet: PlanSheet) -> bytes:
    """A one-page PDF of ``plan``: each step's date, what to send, why, the passages it rests on,
    and a QR code of ``sheet.link``. Long details are clipped, and a plan that would spill over
    is set in smaller type; raises ValueError only if even that does not fit on one page."""
    for scale in (1.0, 0.9, 0.8):
        pdf = _plan_sheet(plan, sheet, scale)
        if pdf.page_no() == 1:
            return bytes(pdf.output())
    raise ValueError("the plan does not fit on one page")


def _plan_sheet(plan: timing.Plan, sheet: PlanSheet, scale: float) -> Sheet:
    pdf = Sheet(sheet.heading, scale)
    pdf.add_page()
    text_w = PAGE_W - 2 * MARGIN - QR_MM - 6
    pdf.qr(sheet.link, PAGE_W - MARGIN - QR_MM, MARGIN, caption="Scan to open this plan")
    pdf.set_xy(MARGIN, MARGIN)
    pdf.text_block(sheet.heading, size=18, color=ACCENT, width=text_w, gap=1.5)
    pdf.text_block(f"Interview: {timing.fmt(plan.interview)}   ·   Public holidays: {plan.country_name}"
                   + (f" ({plan.subdivision})" if plan.subdivision else ""), size=10, width=text_w)
    if plan.said:
        pdf.text_block(f"They said: “{clip(plan.said, SAID_CHARS)}”", size=10, width=text_w)
    pdf.text_block(plan.understood, size=9, color=MUTED, width=text_w)
    for label, value in sheet.details:
        if value:
            pdf.text_block(f"{label}: {clip(value, DETAIL_CHARS)}", size=10, width=text_w)
    pdf.set_y(max(pdf.get_y(), MARGIN + QR_MM + 8))
    for note in plan.notes:
        pdf.text_block(note, size=8.5, color=MUTED)
    for i, s in enumerate(plan.steps, 1):
        pdf.ln(1.5)
        y = pdf.get_y()
        pdf.set_draw_color(*ACCENT)
        pdf.line(MARGIN, y, PAGE_W - MARGIN, y)
        pdf.ln(1.5)
        pdf.text_block(f"{i}. {_when(s)}", size=11.5, color=ACCENT, gap=0.2)
        pdf.text_block(f"What to send: {s.title}", size=10.5, gap=0.2)
        pdf.text_block(f"Why: {s.why}", size=9)
        rests = passages_line(s.refs)
        if rests:
            pdf.text_block(f"Rests on: {rests}" + (f"; our rule after {s.source}" if s.source else ""),
                           size=8, color=MUTED)
    pdf.ln(2)
    pdf.text_block(CREDIT + f" Printed {dt.date.today().isoformat()}. Link: {sheet.link}", size=7, color=MUTED)
    return pdf
