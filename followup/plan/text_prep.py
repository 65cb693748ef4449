"""What of the typed text the timing readers read (followup/plan/reading.py): times in it that are not the
employer's are left out (when the interview happened, when the job starts, how long things took, times of day,
pay, your own tasks), spans said in other words are put in their plain form ("another week" is "a week",
"twenty-one" is 21), and words typed as names are kept from spelling correction ("Sundar" is not Sunday)."""
from __future__ import annotations

import re

from followup.plan.phrases import _MONTH, _MONTH_NAMES, _NUM, _UNIT, _WD, _WEEKDAY

_SOME = r"(?:(?:about|almost|nearly|over|around|roughly|more\s+than|already|now)\s+)*"
# Times in the text that are not the employer's: elapsed ("3 weeks ago", "it's been a week"), how long
# something lasted, when the job starts, a notice period, pay ("£40k a year", "$20 an hour"), "24/7".
# Dropped before reading.
RE_NOT_THEIR_TIMING = re.compile(
    rf"\b{_SOME}{_NUM}\s+{_UNIT}\s+ago\b"
    rf"|\b(?:it\s*'?s|its|it\s+has|it\s+had|has|have|had|i\s*'?ve|ive)\s+{_SOME}been\s+(?:waiting\s+(?:for\s+)?)?"
    rf"{_SOME}{_NUM}\s+{_UNIT}\b"
    rf"|\b(?:in|over|for)\s+the\s+(?:last|past)\s+{_NUM}\s+{_UNIT}\b"
    rf"|\b{_NUM}\s+{_UNIT}(?:'s|')?\s+(?:of\s+)?notice\b|\bnotice\s+(?:period\s+)?(?:of|is)\s+{_SOME}{_NUM}\s+{_UNIT}\b"
    rf"|\b(?:lasted|lasting|took)\s+{_SOME}{_NUM}\s+{_UNIT}\b"
    rf"|\b(?:starts?|starting|start\s+date\s+is|begins?)\s+(?:in|within)\s+{_SOME}{_NUM}\s+{_UNIT}\b"
    rf"|\b(?:starts?|starting|start\s+date|begins?)(?:\s+(?:is|in|on|around|from))?\s+"
    rf"(?:(?:early|mid|late|the\s+end\s+of|end\s+of)[\s-]+)?{_MONTH}"  # "start date June": not their decision
    r"|(?:[£$€]\s*[0-9][0-9.,]*k?|\b[0-9][0-9.,]*\s*k\b|\b[0-9][0-9.,]*\s*(?:dollars|pounds|euros?|usd|gbp|eur)\b)"
    r"\s*(?:a|an|per)\s+(?:hour|day|week|month|year)\b|\bper\s+(?:hour|day|week|month|year)\b"  # pay
    r"|\b24\s*/\s*7\b"
    # times of day ("at 10.30", "9:30", "3pm"), minutes, working hours and days ("37.5 hours a week",
    # "2 days in the office"), a length that describes a thing ("a 6 month contract", "a 2 hour panel
    # interview", "a 3 day weekend", "4 day week"), a journey ("travelled 5 hours")
    r"|\b[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b[0-9]{1,2}:[0-9]{2}\b|\bat\s+[0-9]{1,2}\.[0-9]{2}\b"
    # a dotted pair is a date only after a date word or with its closing dot or year ("by 15.03", "15.03.");
    # otherwise a room, a version, a time ("Room 2.14", "10.30 on Monday")
    r"|(?<![0-9.])(?<!\bby\s)(?<!\bon\s)(?<!until\s)(?<!before\s)(?<!after\s)(?<!from\s)(?<!till\s)"
    r"\b[0-9]{1,2}\.[0-9]{1,2}\b(?![.0-9])(?!\s*(?:business|working|work|days?|weeks?|wks?|months?|hours?|hrs?)\b)"
    rf"|\b{_NUM}[\s-]*(?:min|mins|minutes?)\b"
    rf"|\b{_NUM}\s+(?:hours?|hrs?|days?)\s+(?:a|per|each)\s+(?:week|day|month|fortnight)\b"
    rf"|\b{_NUM}\s+days?\s+in\s+(?:the\s+)?office\b"
    rf"|\b{_NUM}[\s-]+(?:hours?|hrs?|days?|weeks?|months?|years?)[\s-]+(?:[a-z]+\s+)?(?:contract|fixed[\s-]term|"
    r"probation(?:ary)?|placement|internship|project|course|assessment|test|task|panel|interview|screen|call|shift|"
    r"operation|week|fortnight|weekend|commute|drive|trip|session|exercise|presentation|role|position|job|post|"
    r"posting|training|induction|rota|roster|holiday|vacation|leave|absence)s?\b"
    # someone's absence ("she's out for a week", "on leave for 2 weeks"): not when they decide
    rf"|\b(?:out|away|off|on\s+(?:leave|holiday|vacation|annual\s+leave|sick\s+leave|a\s+trip))\s+"
    rf"(?:of\s+(?:the\s+)?office\s+)?for\s+{_SOME}{_NUM}\s+{_UNIT}"
    rf"|\btravel\w*\s+(?:for\s+)?{_SOME}{_NUM}\s+{_UNIT}"
    # a task of yours, the process so far, a working week ("Monday to Friday", "Mon-Fri", "9-5"), an idiom
    rf"|\bdue\s+(?:in|within)\s+{_SOME}{_NUM}\s+{_UNIT}|\b(?:rounds?|stages?|interviews?)\s+over\s+{_SOME}{_NUM}\s+{_UNIT}"
    r"|\bmon(?:day)?\s*(?:-|to|–|through|thru)\s*fri(?:day)?\b|\b9\s*-\s*5\b|\bat\s+the\s+end\s+of\s+the\s+day\b"
    # reference codes ("Job ref 14/03", "Ref: 12/04", "Requisition 2030-03-01", "Reference code 2030-09-30-A")
    r"|\b(?:job\s+)?(?:ref(?:erence)?|requisition|req|vacancy|posting\s+id|job\s+id|job\s+code)\s*(?:code|no|number|id)?"
    r"\s*[:#.]?\s*[a-z]*[0-9][a-z0-9/._-]*")

# When the interview (or the application, or the email quoted) happened is not their decision date:
# "Interviewed Monday, ...", "Thanks for coming in on Tuesday", "Sent: Thursday, April 15, 2027",
# "final round was 14/04", "I had my interview this week", "interviewed today".
_DATE_SAID = (rf"(?:{_WEEKDAY},?\s*)?(?:(?:the\s+)?[0-9]{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}(?:,?\s*[0-9]{{4}})?"
              rf"|{_MONTH}\s+(?:the\s+)?[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,?\s*[0-9]{{4}})?|[0-9]{{1,2}}[/.][0-9]{{1,2}}"
              rf"(?:[/.][0-9]{{2,4}})?|(?:the\s+)?[0-9]{{1,2}}(?:st|nd|rd|th)\b)|{_WEEKDAY}")
_NOT_A_DECISION_WORD = (r"(?!(?:decide|decision|let|hear|back|answer|results?|outcome|by|within|until|till|before|after|"
                        r"next|they|we|will|would|should|expect|get|finish|finishes|end|ends|close|closes|wrap|wraps|"
                        r"decisions|outcomes|offers|results|sent|send|sending|"
                        r"interviews|interviewing)\b)")
RE_WHEN_IT_HAPPENED = re.compile(  # with up to three words between: "had my interview on the 14th"; the
    # ongoing process ("interviews finish on the 20th", "interviewing this week and next") is their timing
    r"\b(?:(?P<ev>interview(?:ed)?|applied|application|attend(?:ed|ing)|came\s+in|coming\s+in|come\s+in|your\s+time|"
    rf"meet(?:ing)?\s+with\s+us|met\s+(?:with\s+)?(?:us|them|the\s+team))(?:\s+{_NOT_A_DECISION_WORD}[a-z0-9]+){{0,3}}?"
    r"|(?P<ev2>interviewing\s+(?:with|at)\s+(?:another|other|a\s+different)\s+[a-z]+|round(?:\s+[0-9]+)?|"
    r"this\s+was|that\s+was|sent\s*:))\s*:?\s*(?:(?:on|was|is|at|for|held)\s+)?(?:a\s+)?"
    rf"(?:{_DATE_SAID}|today|yesterday|this\s+(?:morning|afternoon)|this\s+week(?!\s+(?:and|or|to)\s+(?:the\s+)?next)"
    r"|last\s+week)")  # "interviewing this week and next" is their timing


RE_START_DATE = re.compile(  # "start date would be 1 June", "starting 7/1": when the job starts
    r"\b(?:start(?:s|ing)?|start\s+date|begins?)(?:\s+(?:my|the|a|new|current|job|role|notice|work|there))*"
    r"(?:\s+(?:is|in|on|around|from|would\s+be|will\s+be|should\s+be|be))*"
    rf"\s+(?:{_DATE_SAID})")
RE_YOUR_TASK = re.compile(  # "I need to send my transcript within 24 hours": your deadline, not theirs
    rf"\b(?:i|we)\s+(?:need|have|had|must|got)\s+to\s+[a-z]+(?:\s+[a-z]+){{0,3}}?\s+(?:in|within)\s+{_SOME}{_NUM}\s+{_UNIT}")


def drop_other_times(text: str) -> str:
    text = RE_WHEN_IT_HAPPENED.sub(lambda m: f" {m['ev'] or m['ev2']} , ", text)  # the word stays ("2nd interview")
    text = RE_YOUR_TASK.sub(" , ", RE_START_DATE.sub(" , ", text))
    return RE_NOT_THEIR_TIMING.sub(" , ", text)


# Ways of saying a span that the readers below read in their plain form ("another week" = "a week")
SPAN_REWRITES = (
    (re.compile(r"\b(?:more|extra|additional|further)\s+(?=(?:business\s+|working\s+)?(?:days?|weeks?|months?)\b)"), ""),
    (re.compile(r"\banother\s+(?=(?:business\s+|working\s+)?(?:day|week|month|fortnight)\b)"), "a "),
    (re.compile(r"\b(?:the\s+)?coming\s+(week|month)\b"), r"the next \1"),
    (re.compile(r"\bthe\s+new\s+month\b"), "next month"),  # "by the start of the new month"
    (re.compile(r"\b(next|this)\s+month[\s-]*end\b"), r"the end of \1 month"),  # "by next month end" (India)
    (re.compile(r"\bsame\s+time\s+next\s+week\b"), "this time next week"),
    (re.compile(r"(?<!day\s)\bin\s+the\s+morning\b"), "tomorrow"),  # "they'll call me in the morning"
    (re.compile(r"\b(?:the\s+)?end\s+of\s+(week|month)\b"), r"the end of this \1"),  # "by end of week"
    (re.compile(r"\b(?:the\s+)?(week|month)\s*'?s\s+end\b"), r"the end of this \1"),  # "by week's end"
    (re.compile(r"\b([0-9]{1,3})\s*\+\s*(?=(?:business\s+|working\s+)?(?:days?|weeks?|months?)\b)"), r"at least \1 "),
    (re.compile(r"\b(within|in|over|during)\s+the\s+next\s+month\b(?!\s+or\s+(?:two|three|[23])\b)"), r"\1 a month"),
)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
RE_COMPOUND = re.compile(r"\b(" + "|".join(_TENS) + r")[- ](" + "|".join(_UNITS) + r")\b")


def plain_timing(text: str) -> str:
    """The text the readers read: times that are not the employer's left out ("3 weeks ago", "the job
    starts in 3 months", "interviewed Monday"), and spans said in other words in their plain form."""
    text = drop_other_times(text)
    for pattern, plain in SPAN_REWRITES:
        text = pattern.sub(plain, text)
    return RE_COMPOUND.sub(lambda m: str(_TENS[m[1]] + _UNITS.index(m[2]) + 1), text)  # "twenty-one" = 21


# A capitalised word is a name, not a misspelt day or month ("Sundar", "Mr Mondal", "Frida from HR"),
# unless it follows a word that introduces a date ("by Firday") or starts a sentence on its own.
_DATE_PREPS = frozenset("by on next this until till til before after coming last every from".split())
_DATE_WORDS = _DATE_PREPS | frozenset("of in early mid late end start beginning during around about or and to".split())
_NAME_NEXT = frozenset("from said says told at in of and called emailed mentioned who".split())


def names(cased: str) -> frozenset[str]:
    """The words of ``cased`` (normalised, case kept) that were typed as names."""
    words = list(re.finditer(r"[A-Za-z]+", cased))
    out = set()
    for i, m in enumerate(words):
        w = m[0]
        if len(w) < 3 or not (w[0].isupper() and w[1:].islower()):
            continue
        before = cased[:m.start()].rstrip()
        first = not before or before[-1] in ".!?:;\"'(\n"
        prev = words[i - 1][0].lower() if i else ""
        nxt = words[i + 1][0].lower() if i + 1 < len(words) else ""
        if prev not in _DATE_WORDS and (not first or nxt in _NAME_NEXT):
            out.add(w.lower())
    return frozenset(out)


def people(cased: str) -> frozenset[str]:
    """Of the words typed as names, those that surely are a person or a company even when they are also a
    day, month or holiday: "Jan said ...", "interviewed at Easter Seals", "Tuesday Smith", "April (the
    recruiter)". Stricter than ``names``: "They said Monday" and "Friday at the latest" stay days."""
    words = list(re.finditer(r"[A-Za-z]+", cased))
    out = set()
    for i, m in enumerate(words):
        w, nxt = m[0], words[i + 1][0] if i + 1 < len(words) else ""
        if len(w) < 3 or not (w[0].isupper() and w[1:].islower()) or (i and words[i - 1][0].lower() in _DATE_PREPS):
            continue
        after = cased[m.end():]
        company = after[:1] == " " and nxt[:1].isupper() and nxt[1:].islower() and words[i + 1].start() == m.end() + 1 \
            and nxt.lower() not in _TIME_FOLLOWERS | _TIME_NAMES | _COMMON
        aside = re.match(r"\s*\(([^)0-9]*)\)", after) is not None  # "(the recruiter)", not "(the 16th)"
        if company or aside or nxt.lower() in ("said", "says", "told", "emailed", "called", "mentioned", "from"):
            out.add(w.lower())
    return frozenset(out)


# Words a title-cased line may put after a day or month ("Monday Next Week", "Feb Decision Due")
_COMMON = frozenset("next this the at by or and to before after latest week weeks decision decisions due update "
                    "deadline interview call meeting results outcome offer".split())
# Words that go on from a day, month or holiday in its own name ("Easter Monday", "Christmas Eve", "May 3")
_TIME_FOLLOWERS = frozenset("day eve monday tuesday wednesday thursday friday saturday sunday weekend holiday holidays "
                            "break time week bank period season vacation shutdown morning afternoon".split())
_TIME_NAMES = frozenset(_MONTH_NAMES) | frozenset(_WD) | frozenset(w[:3] for w in _WD) | frozenset(
    "tues weds thur thurs easter christmas xmas thanksgiving whitsun pentecost diwali deepavali holi eid juneteenth "
    "midsummer".split())


def without_named_people(text: str, named: frozenset[str]) -> str:
    """``text`` with the words typed as names that are also days, months or holidays left out ("Jan said",
    "Tuesday Smith", "interviewed at Easter Seals"): not their timing."""
    for w in named & _TIME_NAMES:
        text = re.sub(r"\b" + w + r"\b", "someone", text)
    return text
