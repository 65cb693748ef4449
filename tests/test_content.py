"""The article as data: every ref exists, text is verbatim, validation fails loudly."""
import json
import re
import shutil

import pytest

from followup.advice.content import ContentError, article, load_article, CONTENT_DIR
from tests.conftest import ROOT

# The source article as published, shipped in the repository so that a plain clone can run this check.
SEED = ROOT / "content" / "source" / "article.txt"
REQUIRED_REFS = (
    ["letter"] + [f"q{i}" for i in range(1, 7)]
    + ["q1-kevin", "q1-chris", "q2-kevin", "q2-chris", "q3-chris", "q4-kevin", "q5-kevin", "q6-chris"]
    + [f"c{i}" for i in range(1, 23)]
)


def normalise(text: str) -> str:
    """The source indents comment lines; compare without that indentation."""
    text = re.sub(r"\n[ \t]+", "\n", text)
    return re.sub(r"\n\s*\n+", "\n\n", text)


@pytest.fixture(scope="module")
def source() -> str:
    return normalise(SEED.read_text(encoding="utf-8"))


def test_every_required_ref_exists():
    refs = {p.ref for p in article().passages}
    assert set(REQUIRED_REFS) <= refs


def test_comments_numbered_as_in_source():
    comments = [p for p in article().passages if p.kind == "comment"]
    assert [p.ref for p in comments] == [f"c{i}" for i in range(1, 23)]


def test_every_passage_is_verbatim(source):
    for p in article().passages:
        for chunk in p.text.split("[email address removed]"):
            for para in chunk.strip().split("\n\n"):
                assert para.strip() in source, (p.ref, para[:80])


def test_no_email_address_remains():
    for p in article().passages:
        assert "@" not in p.text.replace("@Craig", "").replace("@RecruiterChicks", "").replace("@KevinWGrossman", "")
        assert "gmail" not in p.text.lower()
    c7 = article().get("c7")
    assert "[email address removed]" in c7.text and c7.redacted


def test_names_never_inferred():
    a = article()
    # c1 is addressed as "Ron" in c2 and the host as "Sharlyn" in c1: neither name is shown as an author.
    assert a.get("c1").speaker.name is None
    assert a.get("q1").speaker.name is None and a.get("q1").speaker.role == "host"
    assert a.get("c12").speaker.name is None
    assert a.get("c11").speaker.name == "Craig"
    assert a.get("q1-kevin").speaker.name == "Kevin W. Grossman"
    assert a.get("q6-chris").speaker.name == "Chris Havrilla"
    assert "BraveNewTalent" in a.get("q1-kevin").speaker.credentials


def test_threads_and_duplicate():
    a = article()
    assert [p.ref for p in a.thread("c6")] == ["c5", "c6"]
    assert [p.ref for p in a.thread("c11")] == ["c11", "c12"]
    assert a.get("c21").duplicate_of == "c20"
    assert a.get("c21").text == a.get("c20").text
    assert [p.ref for p in a.answers("q2")] == ["q2-kevin", "q2-chris"]


def test_answers_do_not_carry_image_alt_text():
    for p in article().passages:
        assert not p.text.startswith(("recruiter, recruiting", "[Kevin]", "[Chris]"))


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["passages"][3].pop("text"), "missing field 'text'"),
    (lambda d: d["passages"][3].update(speaker="nobody"), "unknown speaker 'nobody'"),
    (lambda d: d["passages"][3].update(topics=["not-a-topic"]), "unknown topic"),
    (lambda d: d["passages"][5].update(ref=d["passages"][4]["ref"]), "used twice"),
    (lambda d: d["passages"][20].update(text="write me at someone@example.com"), "email address"),
])
def test_broken_content_fails_loudly(tmp_path, mutate, message):
    shutil.copy(CONTENT_DIR / "article.json", tmp_path / "article.json")
    data = json.loads((CONTENT_DIR / "passages.json").read_text(encoding="utf-8"))
    mutate(data)
    (tmp_path / "passages.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError, match=message) as err:
        load_article(tmp_path)
    assert "passages.json" in str(err.value)


def test_unreadable_file_named(tmp_path):
    shutil.copy(CONTENT_DIR / "article.json", tmp_path / "article.json")
    (tmp_path / "passages.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match="passages.json"):
        load_article(tmp_path)
