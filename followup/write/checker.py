"""Check a note against the article's advice and named published guidance.

Public entry point (kept stable: checks outside the repository call it)::

    followup.notes.check(body, *, kind, channel="email", subject="", company="", role="",
                         contact="", specific="", other_companies=(), sent_on=None,
                         country="US", subdivision=None) -> list[Finding]

Findings come ranked: "fix" first, then "consider", each in the rule file's order. Every
phrase rule matches whole words only ("payments API" is not pay), and the company, role and
contact are masked before phrase rules run (a company called "Rocket Mortgage" is not a
money worry). No Streamlit import.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from followup.dates import fmt_long
from followup.write import greeting, spelling
from followup.write.rules import CHANNELS, KINDS, Rule, rules

__all__ = ["Finding", "check", "KINDS", "CHANNELS", "word_count", "summary"]

_WORDS = re.compile(r"[\w’'-]+")
_STOP = frozenset("""a an and the of to in on for at by with from about into as is are was were be been
this that these those it its our your my their his her we you i me us they them or but so if not no
very really just also more most some any all one two new about after before over under then than
what which who whom when where how why will would could should can may might have has had do did
does""".split())
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2934\u2935"
                    "\u3030\u303D\u3297\u3299\uFE0F\u200D]")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "fix" or "consider"
    message: str  # what, then why
    refs: tuple[str, ...] = ()  # article passages it rests on (links: /?ref=<ref>)
    quote: str = ""  # the words of the draft it is about
    source: str = ""  # a named published source where the rule is ours
    title: str = field(default="", compare=False)

    @property
    def links(self) -> tuple[str, ...]:
        return tuple(f"/?ref={r}" for r in self.refs)


def word_count(text: str) -> int:
    return len(_WORDS.findall(text or ""))


def _quote(text: str, start: int, end: int, width: int = 40) -> str:
    """The matched words with a little context, cut at word boundaries."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    if a > 0:
        sp = text.find(" ", a, start)
        a = sp + 1 if sp != -1 else a
    if b < len(text):
        sp = text.rfind(" ", end, b)
        b = sp if sp != -1 else b
    snippet = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + snippet + ("…" if b < len(text) else "")


def _finding(rule: Rule, detail: str = "", quote: str = "") -> Finding:
    message = f"{rule.title}. {detail + ' ' if detail else ''}{rule.why}"
    return Finding(rule.code, rule.severity, message, rule.refs, quote, rule.source, rule.title)


def _mask(text: str, names: list[str]) -> str:
    """Blank out the company, role and contact (same length, so positions stay) before phrase rules."""
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", lambda m: " " * len(m.group()), text,
                      flags=re.IGNORECASE)
    return text


def _content_words(text: str) -> list[str]:
    return [w for w in (x.lower().strip("'’-") for x in _WORDS.findall(text or ""))
            if len(w) >= 3 and w not in _STOP and not w.isdigit()]


def _mentions(text: str, phrase: str) -> bool:
    return bool(phrase and len(phrase.strip()) >= 2 and re.search(
        r"(?<!\w)" + re.escape(phrase.strip()) + r"(?!\w)", text, re.IGNORECASE))


def _is_specific(body: str, company: str, role: str, specific: str, rule: Rule, contact: str = "") -> bool:
    if _mentions(body, company) or _mentions(body, role):
        return True
    generic = rules().generic_company_words
    for word in re.findall(r"[\w'’&-]+", company or ""):  # "Northway" of "Northway Logistics", as written
        if len(word) >= 4 and word.lower() not in generic and re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", body):
            return True
    have = set(_content_words(body))
    role_words = _content_words(role)
    if role_words and sum(w in have for w in role_words) >= min(2, len(role_words)):
        return True
    # "the nursery" of "Nursery Practitioner": the words of the title that say which job, not its rank
    which = [w for w in dict.fromkeys(role_words) if w not in rules().generic_role_words]
    if which and sum(w in have for w in which) >= min(2, len(which)):
        return True
    debrief = list(dict.fromkeys(_content_words(specific)))
    if debrief and sum(w in have for w in debrief) >= min(2, len(debrief)):
        return True
    if rule.satisfied and rule.satisfied.search(body):
        return True
    return _names_something(body, contact)


# "the Bristol team", "your Leeds depot", "meeting Karen", "working beside Ana", "the way Dr Osei ...": a name of theirs (not a greeting "Dear Sam",
# not a vocative ", Sam", not a weekday or a generic capitalised word) is something specific to them
_NAMED = re.compile(r"(?<!,)(?<!, )\b(?i:the|your|at|in|from|meeting|met|meet|visiting|visited|with|beside|alongside|shadowing|shadowed)\s+([A-Z][\w'’-]+)"
                    r"|(?<![\w,])(?<!, )(?:Dr|Mr|Mrs|Ms|Miss|Prof|Chef|Nurse|Sister|Coach|Captain|Cllr|Councillor|Rev|Father|Pastor|Rabbi|Imam)\.?\s+([A-Z][\w'’-]+)")
_GREETING_LINE = re.compile(r"^\s*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|morning|to|attn)\b", re.IGNORECASE)


def _names_something(text: str, contact: str) -> bool:
    skip = rules().generic_capitalised | set(re.findall(r"[\w'’-]+", contact or ""))
    for m in _NAMED.finditer(text):
        name = m.group(1) or m.group(2)
        if name in skip:
            continue
        if m.group(2):  # "Dr Osei" after a title: a person of theirs, but not the one greeted ("Dear Dr Obi,")
            line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            if _GREETING_LINE.match(line) or not line.strip(" \t") and text[m.end():m.end() + 2].startswith(","):
                continue
        return True
    return False


_SENTENCE_END = re.compile(r"[.!?\n]")
_MONEY = re.compile(r"[£$€]\s?\d|\d\s?k\b|\d[\d,.]*\s?(?:per|an|a) (?:hour|year|annum)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]|\b(?:but|because|although|though|however|yet|while|whereas|since|so)\b"
                           r"|\bas (?=(?:my|i|i'm|we|our|things|life|money|work)\b)",  # "... as my manager is impossible"
                           re.IGNORECASE)


def _in_own_work(text: str, at: int, until: int, own_work: re.Pattern) -> bool:
    """Whether the words at ``at:until`` are in a clause where the writer states their own work, in a
    sentence that is not a question: "I ran the pension data migration" is work, not a question about
    pay; "I ran payroll. What is the pension like?" still asks, and so does "I worked hard, but money
    is tight at home" (the clause changes at "but")."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, min(len(text), at + 12)) if m.end() <= at]
    start = starts[-1] if starts else 0
    end = _SENTENCE_END.search(text, at)
    if end is not None and end.group() == "?":
        return False
    m = own_work.search(text, start, until)  # "I managed the grievance cases": the work starts the hit
    return m is not None and m.start() <= at


def _work_on_pay(text: str, at: int, until: int, pay_work: re.Pattern | None, after: re.Pattern | None) -> bool:
    """Whether the pay word at ``at:until`` is the object of a verb of work ("building pay bands for the
    new office", "running payroll", "the bonus scheme you are designing") in a sentence that is not a
    question: pay as the subject of the job, not a question about the writer's own pay ("Could we review
    the salary?" still asks; so does "my pay", which the pattern does not let through)."""
    end = _SENTENCE_END.search(text, at)
    if end is not None and end.group() == "?":
        return False
    return bool((pay_work is not None and pay_work.search(text, max(0, at - 80), at))
                or (after is not None and after.match(text, until)))


_JOINING = ("the|a|an|your|our|my|their|its|this|that|what|which|how|who|when|where|why|whether|if|is|are|was|"
            "will|would|do|does|can|could|should|i|you|we|they|it")
_UNIT_AFTER = re.compile(r"(?:[ \t]+(?:and|&|or)[ \t]+(?!(?:" + _JOINING + r")\b)[\w'-]+){0,2}[ \t]+([\w'-]+)")
_NEXT_WORD = re.compile(r"[ \t]+(?:(?:and|&|of|for) +)?([\w'-]+)")
_PREV_WORD = re.compile(r"([\w'-]+)[ \t]+(?:(?:and|&|of|for) +)?$")


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _names_a_unit(text: str, start: int, end: int, unit_nouns: frozenset[str]) -> bool:
    """Whether the words at ``start:end`` name a team, job title, product or field rather than the
    writer's own pay or health: a unit noun follows ("the benefits team", "workers' compensation
    claims", "a pensions administrator"), or they are part of a capitalised title mid-sentence
    ("the Pay and Reward Analyst role", "Head of Health and Safety")."""
    nxt = _UNIT_AFTER.match(text, end)  # "compensation and benefits reporting": past a pay word joined on
    if nxt and nxt.group(1).lower() in unit_nouns:
        return True
    if not text[start].isupper() or _sentence_start(text, start):
        return False
    after = _NEXT_WORD.match(text, end)
    before = _PREV_WORD.search(text, max(0, start - 40), start)
    return bool((after and after.group(1)[:1].isupper())
                or (before and before.group(1)[:1].isupper() and before.group(1) != "I"
                    and not _sentence_start(text, before.start())))


def _softened(text: str, end: int, softeners: re.Pattern) -> bool:
    """Whether the rest of the sentence after a pushy-sounding phrase takes the pressure off
    ("I know you said you'd decide by the end of the month, so no rush"); a softener before it
    ("No rush, but I need to know by Friday") does not count."""
    stop = _SENTENCE_END.search(text, end)
    return softeners.search(text, end, stop.start() if stop else len(text)) is not None


_FRAME_BREAK = re.compile(r"[.!?;:\n]|\b(?:but|however|yet|although|though|still|so|therefore|and now)\b", re.IGNORECASE)


def _framed(text: str, at: int, framed: re.Pattern) -> bool:
    """Whether the clause before a pushy-sounding phrase makes it an offer or a report of their own
    timeline ("If you need anything else, please let me know today", "You said the panel would decide by
    Friday"); a contrast in between ("If you need time, fine, but I need to know by Friday") or a new
    sentence ends the frame."""
    breaks = [m.end() for m in _FRAME_BREAK.finditer(text, 0, at)]
    return framed.search(text, breaks[-1] if breaks else 0, at) is not None


def _subject_names_something(subject: str, role: str, contact: str = "") -> bool:
    """Whether a subject says what the email is about without the context's company or role: a word of the
    title that says which job ("Class 1 at ..." for "HGV Class 1 Driver"), or a name mid-subject (the
    agency's client, "... at Caledonian Haulage"); a bare "Following up", "Quick question", "Hello from Sam" or
    "Update - Jordan Lee" names nothing, nor does the contact's name ("A note for Priya")."""
    R = rules()
    words = set(_content_words(subject))
    if any(w in words for w in _content_words(role) if w not in R.generic_role_words):
        return True
    skip = R.generic_capitalised | set(re.findall(r"[\w'’-]+", contact or ""))
    names = re.findall(r"\b(?i:at|with|about|on|in)\s+(?i:(?:the|your)\s+)?([A-Z][\w'’&-]+)", subject)
    return any(n not in skip and n.lower() not in _STOP for n in names)


def _satisfied(rule: Rule, masked: str, low: str | None) -> bool:
    """Whether a "must carry" rule's words are in the note (lower-cased text where the rule allows)."""
    if low is None or rule.satisfied_lower is None:
        return rule.satisfied.search(masked) is not None
    return rule.satisfied_lower.search(low) is not None or (
        rule.satisfied_cased is not None and rule.satisfied_cased.search(masked) is not None)


def _other_company(masked: str, name: str) -> re.Match | None:
    from followup.write.spelling import is_known

    name = name.strip()
    if len(name) < 2:
        return None
    flags = 0 if (name[0].isupper() and " " not in name and is_known(name)) else re.IGNORECASE
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", masked, flags)


def _send_date(sent_on: dt.date, country: str, subdivision: str | None, rule: Rule) -> Finding | None:
    from followup.plan import timing

    cal = timing.business_calendar(country or "US", subdivision or None, sent_on.year)
    if cal.is_business_day(sent_on):
        return None
    nxt = cal.on_or_after(sent_on)
    holiday = cal.holiday_names.get(sent_on)
    what = f"{holiday} ({country}{'-' + subdivision if subdivision else ''})" if holiday else "a weekend day"
    detail = f"{fmt_long(sent_on)} is {what}; the next business day is {fmt_long(nxt, year=False)}."
    return _finding(rule, detail, "")


def check(body: str, *, kind: str, channel: str = "email", subject: str = "", company: str = "",
          role: str = "", contact: str = "", specific: str = "", other_companies=(),
          sent_on: dt.date | None = None, country: str = "US", subdivision: str | None = None) -> list[Finding]:
    """Findings about one draft, "fix" first then "consider". An empty list: nothing to change."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {', '.join(CHANNELS)}")
    R = rules()
    body = (body or "").replace("\r\n", "\n")
    subject = subject if channel == "email" else ""
    text = (subject + "\n" + body) if subject else body
    masked = _mask(text.replace("’", "'").replace("‘", "'"), [company, role, contact])
    low = masked.lower()
    if len(low) != len(masked):  # a letter whose lower case is longer ("İ"): match case-insensitively instead
        low = None
    out: list[Finding] = []

    for code in ("salary", "personal_issues", "pushy", "checking_in", "apology", "placeholder", "emoji"):
        rule = R.rules[code]
        if kind not in rule.kinds:
            continue
        hits = list(rule.pattern_lower.finditer(low) if low is not None and rule.pattern_lower is not None
                    else rule.pattern.finditer(masked))
        if rule.except_unit:
            hits = [h for h in hits if not _names_a_unit(masked, h.start(), h.end(), R.unit_nouns)]
        if rule.except_own_work and R.own_work is not None:  # but a sum of money is pay whoever earns it
            hits = [h for h in hits if _MONEY.search(h.group()) or not _in_own_work(masked, h.start(), h.end(), R.own_work)]
        if code == "salary" and (R.pay_work or R.pay_work_after):  # "building pay bands" is work, not asking
            hits = [h for h in hits if _MONEY.search(h.group())
                    or not _work_on_pay(masked, h.start(), h.end(), R.pay_work, R.pay_work_after)]
        if code == "pushy" and R.softeners is not None:  # "you said Friday, so no rush" is not pressure
            hits = [h for h in hits if not _softened(masked, h.end(), R.softeners)]
        if code == "pushy" and R.pushy_framed is not None:  # an offer, or their own timeline reported
            hits = [h for h in hits if not _framed(masked, h.start(), R.pushy_framed)]
        if code == "emoji":
            hits += list(_EMOJI.finditer(text))
        if hits:
            m = min(hits, key=lambda h: h.start())
            more = f"({len(hits)} places.)" if len(hits) > 1 else ""
            out.append(_finding(rule, more, _quote(text, m.start(), m.end())))

    for code in ("no_interest", "no_fit"):
        rule = R.rules[code]
        if kind in rule.kinds and body.strip() and not _satisfied(rule, masked, low):
            out.append(_finding(rule))
    rule = R.rules["no_specific"]
    if kind in rule.kinds and body.strip() and not _is_specific(text, company, role, specific, rule, contact):
        out.append(_finding(rule))

    rule = R.rules["other_company"]
    mine = _mask(text, [company])
    for name in dict.fromkeys(n for n in other_companies if isinstance(n, str)):
        if company and (name.strip().casefold() == company.strip().casefold()
                        or _mentions(company, name)):
            continue
        m = _other_company(mine, name)
        if m:
            out.append(_finding(rule, f"“{m.group()}” is another application in your log.",
                                _quote(text, m.start(), m.end())))
            break

    n_words = word_count(body)
    if channel in ("email", "card") and body.strip():
        low, high = R.length_bands[kind]
        label = R.kinds[kind].lower()
        srcs = "; ".join(R.sources[k] for k in R.length_sources)
        if n_words > high:
            r = R.rules["too_long"]
            out.append(Finding(r.code, r.severity, f"{r.title}. {n_words} words; a {label} usually fits in "
                               f"{low}-{high}. {r.why}", (), "", srcs, r.title))
        elif n_words < low:
            r = R.rules["too_short"]
            out.append(Finding(r.code, r.severity, f"{r.title}. {n_words} words; a {label} usually takes "
                               f"{low}-{high}. {r.why}", (), "", srcs, r.title))
    if channel == "linkedin" and len(body.strip()) > R.linkedin_max_chars:
        out.append(_finding(R.rules["linkedin_length"],
                            f"{len(body.strip())} characters; the limit is {R.linkedin_max_chars}.",
                            _quote(body, R.linkedin_max_chars, R.linkedin_max_chars, 30)))
    if channel == "email":
        if not subject.strip():
            out.append(_finding(R.rules["no_subject"]))
        elif not any(w in subject.lower() for w in R.subject_words) and not _mentions(subject, company) \
                and not _mentions(subject, role) and not _subject_names_something(subject, role, contact):
            out.append(_finding(R.rules["vague_subject"], "", subject.strip()[:80]))

    bangs = text.count("!")
    if bangs > R.max_exclamations:
        i = text.find("!", text.find("!") + 1)
        out.append(_finding(R.rules["exclamations"], f"({bangs} in all.)", _quote(text, i, i + 1, 30)))

    for miss in spelling.misspellings(text, (company, role, contact, *[
            n for n in other_companies if isinstance(n, str)])):
        hint = f"Did you mean “{miss.suggestion}”?" if miss.suggestion else ""
        out.append(_finding(R.rules["spelling"], f"“{miss.word}” is not in the dictionary. {hint}".strip(),
                            miss.word))

    wrong = greeting.wrong_name(body, contact, company, role) if contact.strip() else None
    if wrong:
        out.append(_finding(R.rules["wrong_name"], f"It greets “{' '.join(wrong[1])}”, but you are writing to "
                            f"{contact.strip()}.", wrong[0][:80]))

    if sent_on is not None:
        f = _send_date(sent_on, country, subdivision, R.rules["send_date"])
        if f:
            out.append(f)

    order = {c: i for i, c in enumerate(R.rules)}
    out.sort(key=lambda f: (f.severity != "fix", order[f.code]))
    return out


def summary(findings: list[Finding]) -> str:
    """One plain sentence for the top of the results."""
    if not findings:
        return "No findings: this draft carries what the advice asks for and none of what it warns against."
    fix = sum(f.severity == "fix" for f in findings)
    consider = len(findings) - fix
    parts = [f"{fix} to fix" if fix else "", f"{consider} to consider" if consider else ""]
    return " and ".join(p for p in parts if p).capitalize() + "."
