"""The article, its answers and reader comments as validated data.

Content lives in ``content/*.json``; a broken file fails loudly with the file and
field named, so a bad edit never reaches a user as a half-rendered page.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
KINDS = ("intro", "letter", "question", "answer", "closing", "comment")
ROLES = ("expert", "host", "reader")
NAME_NOT_SHOWN = "name not shown"


class ContentError(ValueError):
    """A content file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Speaker:
    key: str
    name: str | None
    role: str
    credentials: str

    @property
    def display_name(self) -> str:
        return self.name or NAME_NOT_SHOWN


@dataclass(frozen=True)
class Passage:
    ref: str
    kind: str
    order: int
    speaker: Speaker
    text: str
    topics: tuple[str, ...]
    question: str | None = None  # for answers: the ref of the question answered
    number: int | None = None  # for comments: the number shown in the source
    reply_to: str | None = None  # for comments: the comment this one answers
    duplicate_of: str | None = None
    redacted: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Where the passage stands in the article, as a reader would cite it."""
        if self.kind == "comment":
            return f"Reader comment #{self.number}"
        if self.kind == "question":
            return f"Question {self.ref[1:]}"
        if self.kind == "answer":
            return f"Answer to question {self.question[1:]}"
        return {"intro": "Introduction", "letter": "The reader's letter", "closing": "Closing words"}[self.kind]


@dataclass(frozen=True)
class Article:
    title: str
    source_file: str
    source_note: str
    speakers: dict[str, Speaker]
    topics: dict[str, str]
    passages: tuple[Passage, ...]
    by_ref: dict[str, Passage] = field(repr=False)

    def get(self, ref: str) -> Passage | None:
        return self.by_ref.get(ref)

    def replies_to(self, ref: str) -> list[Passage]:
        return [p for p in self.passages if p.reply_to == ref]

    def thread(self, ref: str) -> list[Passage]:
        """The passages shown together with ``ref``: the comment it answers, and the replies to it."""
        p = self.by_ref[ref]
        root = p
        while root.reply_to and root.reply_to in self.by_ref:
            root = self.by_ref[root.reply_to]
        out, todo = [], [root]
        while todo:
            cur = todo.pop(0)
            out.append(cur)
            todo.extend(self.replies_to(cur.ref))
        return out if len(out) > 1 else []

    def answers(self, question_ref: str) -> list[Passage]:
        return [p for p in self.passages if p.question == question_ref]

    def canonical(self, ref: str) -> Passage | None:
        """The passage to show for ``ref``: a repeated comment resolves to its first posting."""
        p = self.by_ref.get(ref)
        while p is not None and p.duplicate_of:
            p = self.by_ref.get(p.duplicate_of)
        return p

    def duplicates_of(self, ref: str) -> list[Passage]:
        return [p for p in self.passages if p.duplicate_of == ref]

    def body(self, topics: set[str] | frozenset[str] = frozenset()) -> list[Passage]:
        """The article itself in reading order (no comments), optionally only passages on ``topics``."""
        return [p for p in self.passages
                if p.kind != "comment" and (not topics or set(p.topics) & set(topics))]

    def comment_threads(self, topics: set[str] | frozenset[str] = frozenset()) -> list[list[Passage]]:
        """Comments grouped by thread (a comment, then the replies to it), repeats shown once.

        With ``topics``, a thread is kept when any of its comments is on one of them."""
        threads = []
        for p in self.passages:
            if p.kind != "comment" or p.reply_to or p.duplicate_of:
                continue
            group, todo = [], [p]
            while todo:
                cur = todo.pop(0)
                group.append(cur)
                todo.extend(r for r in self.replies_to(cur.ref) if not r.duplicate_of)
            if not topics or any(set(c.topics) & set(topics) for c in group):
                threads.append(group)
        return threads


def _fail(file: str, where: str, msg: str) -> None:
    raise ContentError(f"{file}: {where}: {msg}")


def _need(obj: dict, key: str, typ, file: str, where: str):
    if key not in obj:
        _fail(file, where, f"missing field '{key}'")
    val = obj[key]
    if not isinstance(val, typ) or (isinstance(val, str) and not val.strip() and typ is str):
        _fail(file, where, f"field '{key}' must be a non-empty {typ.__name__ if isinstance(typ, type) else typ}")
    return val


def read_json_object(path: Path, error: type[Exception] = ContentError) -> dict:
    """A content file's top-level JSON object; a missing, unreadable or malformed file raises
    ``error`` naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path.name}: file is missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise error(f"{path.name}: not valid UTF-8 JSON: {exc}") from None
    if not isinstance(data, dict):
        raise error(f"{path.name}: top level: must be an object")
    return data


REF_RE = re.compile(r"^(intro|letter|closing|q[1-9]|q[1-9]-[a-z]+|c[1-9][0-9]*)$")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\b\w+ at (gmail|yahoo|hotmail|outlook) dot com\b", re.I)


def load_article(content_dir: Path | str = CONTENT_DIR) -> Article:
    """Load and validate ``article.json`` and ``passages.json`` from ``content_dir``."""
    content_dir = Path(content_dir)
    meta = read_json_object(content_dir / "article.json")
    af = "article.json"
    title = _need(meta, "title", str, af, "top level")
    speakers_raw = _need(meta, "speakers", dict, af, "top level")
    speakers: dict[str, Speaker] = {}
    for key, s in speakers_raw.items():
        where = f"speakers.{key}"
        if not isinstance(s, dict):
            _fail(af, where, "must be an object")
        role = _need(s, "role", str, af, where)
        if role not in ROLES:
            _fail(af, where, f"role '{role}' is not one of {ROLES}")
        name = s.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            _fail(af, where, "name must be a non-empty string or null (not shown)")
        speakers[key] = Speaker(key, name, role, _need(s, "credentials", str, af, where))
    topics = _need(meta, "topics", dict, af, "top level")

    pf = "passages.json"
    raw = _need(read_json_object(content_dir / pf), "passages", list, pf, "top level")
    passages: list[Passage] = []
    seen: set[str] = set()
    for i, r in enumerate(raw):
        where = f"passages[{i}]"
        if not isinstance(r, dict):
            _fail(pf, where, "must be an object")
        ref = _need(r, "ref", str, pf, where)
        where = f"passage '{ref}'"
        if not REF_RE.match(ref):
            _fail(pf, where, "field 'ref' has an unknown form")
        if ref in seen:
            _fail(pf, where, "field 'ref' is used twice")
        seen.add(ref)
        kind = _need(r, "kind", str, pf, where)
        if kind not in KINDS:
            _fail(pf, where, f"field 'kind' must be one of {KINDS}")
        skey = _need(r, "speaker", str, pf, where)
        if skey not in speakers:
            _fail(pf, where, f"field 'speaker' names unknown speaker '{skey}'")
        speaker = speakers[skey]
        if kind == "comment":
            name = r.get("name")
            if name is not None and (not isinstance(name, str) or not name.strip()):
                _fail(pf, where, "field 'name' must be a non-empty string or null")
            speaker = Speaker(skey, name, speaker.role, speaker.credentials)
        text = _need(r, "text", str, pf, where)
        if EMAIL_RE.search(text):
            _fail(pf, where, "field 'text' contains an email address")
        tlist = _need(r, "topics", list, pf, where)
        for t in tlist:
            if t not in topics:
                _fail(pf, where, f"field 'topics' names unknown topic '{t}'")
        question = r.get("question")
        if kind == "answer" and (not isinstance(question, str) or question not in seen):
            _fail(pf, where, "field 'question' must name an earlier question")
        number = r.get("number")
        if kind == "comment" and (not isinstance(number, int) or ref != f"c{number}"):
            _fail(pf, where, "field 'number' must match the ref")
        for link in ("reply_to", "duplicate_of"):
            if r.get(link) is not None and r[link] not in seen:
                _fail(pf, where, f"field '{link}' must name an earlier passage")
        passages.append(Passage(
            ref=ref, kind=kind, order=i, speaker=speaker, text=text, topics=tuple(tlist),
            question=question, number=number, reply_to=r.get("reply_to"),
            duplicate_of=r.get("duplicate_of"), redacted=tuple(r.get("redacted", ())),
        ))
    return Article(
        title=title, source_file=meta.get("source_file", ""), source_note=meta.get("source_note", ""),
        speakers=speakers, topics=dict(topics), passages=tuple(passages),
        by_ref={p.ref: p for p in passages},
    )


@lru_cache(maxsize=1)
def article() -> Article:
    """The article, loaded once per process (content is the same for every visitor)."""
    return load_article()
