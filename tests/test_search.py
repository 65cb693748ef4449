"""followup.search: signature, normalisation features, robustness, index reuse, quality bar."""
from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.advice import search as S
from followup.advice.content import ContentError, article

ROOT = Path(__file__).resolve().parent.parent


def _questions(name: str) -> list[dict]:
    return json.loads((ROOT / "tests" / f"search_{name}_set.json").read_text(encoding="utf-8"))["questions"]


DEV, HELD_OUT = _questions("dev"), _questions("heldout")
# fresh-1: written before the second tuning round, then tuned on; fresh-2..5: never example questions
FRESH, FRESH2, FRESH3, FRESH4, FRESH5 = (_questions(n) for n in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5"))
# fresh-6 (in scope) and the out-of-scope held-out set: written before the change they measure and
# never tuned on; the out-of-scope tuning set is what content/search_scope.json was written from
FRESH6, OOS_TUNE, OOS_HELD = _questions("fresh6"), _questions("oos_tune"), _questions("oos_heldout")
# fresh-7..12 and out-of-scope held-out 2..6 were each scored once, then tuned on (their "about" keeps the
# first, never-tuned scores); fresh-10..12 and held-out 4..6 were written by helpers who saw only the article.
# fresh-12 and held-out 6 are tuned on since round 13
FRESH7, FRESH8, FRESH9, FRESH10, FRESH11 = (_questions(f"fresh{n}") for n in (7, 8, 9, 10, 11))
OOS_HELD2, OOS_HELD3, OOS_HELD4, OOS_HELD5 = (_questions(f"oos_heldout{n}") for n in (2, 3, 4, 5))
FRESH12, OOS_HELD6 = _questions("fresh12"), _questions("oos_heldout6")
# fresh-13 and out-of-scope held-out 7: written by a fourth helper who saw only the article's passages,
# scored once after round 13 and NEVER tuned on (the honest estimate; see the README). Do not tune on them.
FRESH13, OOS_HELD7 = _questions("fresh13"), _questions("oos_heldout7")


def refs(query: str, limit: int = 5, **kw) -> list[str]:
    return [h.ref for h in S.search(query, limit=limit, **kw)]


def rank(query: str, ref: str, limit: int = 10) -> int:
    """1-based rank of ``ref`` for ``query``; 99 when not in the top ``limit``."""
    got = refs(query, limit)
    return got.index(ref) + 1 if ref in got else 99


# --- API ---------------------------------------------------------------------------------------
def test_signature_is_the_public_one():
    sig = inspect.signature(S.search)
    params = list(sig.parameters.values())
    assert [p.name for p in params[:2]] == ["query", "limit"]
    assert params[1].default == 5
    assert sig.parameters["topics"].kind is inspect.Parameter.KEYWORD_ONLY


def test_hits_are_ranked_best_first_with_fields():
    hits = S.search("is it ok to send an email instead of a letter")
    assert 1 <= len(hits) <= 5
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(isinstance(s, float) and s > 0 for s in scores)
    known = {p.ref for p in article().passages}
    for h in hits:
        assert h.ref in known
        assert h.passage is article().get(h.ref)
        assert h.terms, "every hit names the query words it matched"
    assert len(set(r for r in refs("email", 50))) == len(refs("email", 50))


def test_limit_is_respected():
    assert len(S.search("follow up after the interview", limit=2)) == 2
    assert len(S.search("follow up after the interview", 3)) == 3
    assert S.search("follow up", limit=0) == []
    assert len(S.search("follow up", limit=100)) > 5


def test_answer_ranks_above_its_bare_question():
    # The question's words are indexed with its answer, which a job seeker wants.
    for query, answer, question in [
        ("is email an acceptable way to follow up", "q3-chris", "q3"),
        ("should you ever follow up a second time", "q6-chris", "q6"),
        ("Is email OK?", "q3-chris", "q3"),
    ]:
        assert rank(query, answer) < rank(query, question), query


def test_search_does_not_import_streamlit():
    code = "import sys; import followup.search as s; s.search('email'); print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- normalisation features named in the issue -------------------------------------------------
def test_word_forms_match_by_stem():
    q = S.analyse_query("following")
    assert "follow" in q.terms
    assert S.analyse_query("references").terms.keys() == S.analyse_query("reference").terms.keys()
    # "followed up" and "follows up" find what "follow up" finds
    assert refs("followed up a second time")[:1] == refs("follow up a second time")[:1] == ["q6-chris"]


@pytest.mark.parametrize("typed, meant, ref", [
    ("pay", "salary", "q5-kevin"),
    ("phone", "call", "q1-kevin"),
    ("e-mail", "email", "q3-chris"),
    ("mail", "email", "q3-chris"),
    ("ghosted", "reply", "q1-kevin"),
    ("ghosted", "response", "c22"),
    ("uni", "academia", "c6"),
    ("headhunter", "recruiter", "c22"),
    ("university", "academia", "c6"),
    ("agency", "recruiter", "c22"),
])
def test_synonyms(typed, meant, ref):
    terms = S.analyse_query(typed).terms
    assert S.stem(meant) in terms, f"{typed!r} should expand to {meant!r}"
    # the synonym is what finds the passage: the passage does not contain the typed word
    text = article().get(ref).text.lower()
    assert typed not in text.replace("e-mail", "email").split()
    assert ref in refs(typed, 10) or ref in refs(f"{typed} follow up", 10)


def test_synonyms_change_the_ranking():
    assert refs("should i mention pay")[:1] == ["q5-kevin"]
    assert rank("university job after the holidays", "c6") == 1
    assert rank("i applied through an agency, can i call every day", "c22") == 1
    # c16 ("no hard and fast rules", "the waiting and wondering can be brutal") and c12 ("very
    # possible they're behind schedule") answer "is that normal" too: the old test accepted only
    # c22 / q1-kevin, which was too narrow once passages are also found by example questions
    assert min(rank("i got ghosted, is that normal", r) for r in ("c22", "q1-kevin", "c16", "c12")) <= 3


def test_verbs_that_frame_the_question_count_less():
    # "mention" occurs twice in c22; the question is about salary
    assert S.analyse_query("mention salary").terms == {"mention": 0.5, "salari": 1.0, "includ": 0.25}
    assert refs("should I mention salary in my follow up email")[:1] == ["q5-kevin"]


def test_salary_question_finds_the_salary_answer_first():
    # c22 says "mention" twice and "email"; only q5-kevin is about salary
    hits = S.search("should I mention salary in my follow up email")
    assert hits[0].ref == "q5-kevin" and hits[0].score > 1.1 * hits[1].score
    assert refs("in my thank you email can I ask what the salary range is")[:1] == ["q5-kevin"]


def test_call_question_within_the_agency_topic():
    assert refs("can i call them", topics={"recruiters-agencies"})[:1] == ["c22"]


def test_phrase_keys_match_across_stop_words():
    # "what ... say" is a question about what to write; "not ... put" about what never to write
    assert S.analyse_query("what should i say").terms["includ"] == pytest.approx(0.85)
    assert rank("what do i say in a follow up email after interview", "q4-kevin") <= 3
    assert refs("what should i NOT put in a thank you email")[:1] == ["q5-kevin"]
    # at most two stop words between: "what if they never tell me" is not "what to tell"
    assert "includ" not in S.analyse_query("what if they never tell me").terms


def test_ways_of_saying_omit_and_paid_leave():
    # "leave out" is "not include" (not the verb leave); holiday pay is a benefit, not the holidays
    assert S.analyse_query("what should I leave out of my note").terms[S.stem("refrain")] == pytest.approx(0.85)
    groups = S.analyse_query("holiday allowance").groups
    assert len(groups) == 1 and ((S.stem("benefits"),), pytest.approx(0.85)) in groups[0].alternatives
    assert not any(alt == (S.stem("holiday"),) for alt, _ in groups[0].alternatives)  # only with "allowance"
    assert refs("what should I leave out of a thank you note")[:1] == ["q5-kevin"]
    assert refs("can I ask about annual leave and pension in my follow up email")[:1] == ["q5-kevin"]


def test_ways_of_saying_what_not_to_do():
    # the don'ts of a follow-up (no-nos, pitfalls, faux pas, mistakes to avoid) are what the article
    # says to refrain from (q5-kevin) and not to stalk (q6-chris, c22), not the passages on what to write
    for q in ("What are the big no-nos for a follow-up email?", "any pitfalls to watch for in a thank-you note?",
              "faux pas in a follow up email", "mistakes to avoid in a post-interview note",
              "biggest mistakes candidates make after an interview"):
        assert S.analyse_query(q).terms[S.stem("refrain")] == pytest.approx(0.85), q
        assert {"q5-kevin", "q6-chris", "c22"} & set(refs(q, 3)), q
    # ("don'ts" alone stems to "don't", as in "I don't want to be annoying": not a key)
    # a mistake made is not a mistake to avoid
    assert S.stem("refrain") not in S.analyse_query("the recruiter rejected me by mistake").terms
    assert S.stem("refrain") not in S.analyse_query("I made a mistake in my thank you email").terms
    assert refs("what should I say in my follow-up email")[:1] == ["q4-kevin"]


def test_ways_of_saying_they_chose_someone_else():
    # 'gone with another candidate', 'not progressing', 'decided not to proceed' are a rejection: replying
    # to one gracefully is q2-chris's story; 'I went with a handwritten card' is not a rejection
    rejected = S.stem("rejected")
    for q in ("How do I reply to a 'we've gone with another candidate' email without sounding bitter?",
              "they said they decided not to proceed with my application, should I reply",
              "got the 'not progressing' email, do I answer it", "they went with someone else, is it worth replying",
              "email said they will not be taking my application further, how to respond",
              "the role has been filled, is it worth a reply"):
        assert rejected in S.analyse_query(q).terms, q
        assert refs(q)[:1] == ["q2-chris"], q
    for q in ("I went with a handwritten card instead of an email, was that ok",
              "another candidate has a second interview, should I follow up"):
        assert rejected not in S.analyse_query(q).terms, q
    assert refs("I went with a handwritten card instead of an email, was that ok")[:1] == ["q3-chris"]


def test_ways_of_saying_they_are_stalling_or_still_interviewing():
    # fobbing off, stringing along, a runaround, an excuse: is the company lying (c12); seeing or meeting
    # candidates is still interviewing
    for q in ("HR keep saying they are still seeing candidates. Are they fobbing me off?",
              "the recruiter says they're still meeting candidates, is that an excuse",
              "they keep saying they are still seeing people, are they stringing me along"):
        assert refs(q)[:1] == ["c12"], q


def test_ways_of_saying_nothing_came_back_and_thanks_given():
    # round 13 (after fresh-12's first score): no call, no phone call, no email, no update, no contact,
    # nothing back are hearing nothing; "strung along" is stringing along (c12); thanks said or sent
    # ("say thanks", "my thanks", "a quick thanks", "a thanks note") is a thank-you, though "thanks"
    # alone stays a stop word (a sign-off)
    heard, thank = S.stem("heard"), S.stem("thank")
    for q in ("two weeks since the interview and no phone call, what should I do",
              "interviewed for the caretaker job, still no update after ten days",
              "the hiring manager promised news last week but nothing back yet",
              "no contact from the panel since monday", "still no email from them after the final round"):
        assert heard in S.analyse_query(q).terms, q
    assert refs("they keep pushing the decision date, do you think I'm being strung along")[:1] == ["c12"]
    for q in ("ok to text the owner my thanks", "should I say thanks to the panel", "a quick thanks by email",
              "is a thanks note enough"):
        assert thank in S.analyse_query(q).terms, q
    assert thank not in S.analyse_query("when should I follow up? thanks in advance").terms
    assert thank not in S.analyse_query("thanks, how long do agencies take to reply").terms
    assert refs("should I say thanks to the panel") == refs("should I say thank you to the panel")
    thanks = {"q1-kevin", "q1-chris", "c19", "c7", "q3-chris"}
    assert thanks & set(refs("gardener, did a working interview at the nursery on monday. ok to text the owner my thanks?", 3))


def test_ways_of_asking_whether_it_is_done_asking_directly_and_the_tone():
    # round 13 (after fresh-12's first score), related words: whether a thank-you or follow-up is still
    # done (outdated, old fashioned, still a thing, do people still, a cultural thing) is whether to
    # always follow up (q1-kevin, q1-chris, c19); asking outright / point blank / directly whether one is
    # still being considered or in contention is q1-kevin's "ask for acknowledgement and closure" (in
    # the running); the tone, attitude or manner of the contact is c4's positive engagement
    always = S.stem("always")
    for q in ("are thank-you emails after interviews outdated these days", "is a follow-up call old fashioned",
              "do people still write after interviews", "is a thank-you note a cultural thing"):
        assert always in S.analyse_query(q).terms, q
    for q in ("should I just ask them outright if I got the job", "is it ok to ask point blank whether they have decided",
              "am I still in contention after three weeks of silence"):
        assert refs(q)[:1] == ["q1-kevin"], q
    assert "c4" in refs("how should my manner come over in a follow-up call", 3)
    # a word of another use keeps its question's answer: an outdated website to mention is what to write
    assert refs("the company's website looks outdated, can I mention that in my note")[0] in {
        "q2-chris", "q2-kevin", "q4-kevin", "q5-kevin"}


def test_complaining_about_the_current_job_is_what_to_leave_out():
    # unhappy in / complaining about / hating the current job is one of q5-kevin's 'professional issues'
    for q in ("thinking of mentioning in my email that I'm unhappy in my current temp job, is that wise",
              "should I complain about my boss in my thank-you note", "can I say my current place is toxic in my note"):
        assert refs(q)[:1] == ["q5-kevin"], q
    # unhappy with how the interview went is not the current job
    assert refs("I was unhappy with how the interview went, can a note fix it")[:1] == ["q2-chris"]


def test_an_instruction_to_follow_up_in_n_days_finds_the_answer_not_only_the_asker():
    # c9 (mary ann: HR told her to follow up after 3 days) only asks; its instruction examples also name
    # q6-chris, which answers how to pace follow-ups by the employer's cues
    for q in ("HR said to follow up in 3 days but I'm worried about coming across as annoying",
              "HR told me to check in again in three days, is that too soon?"):
        assert "q6-chris" in refs(q, 3), q
    assert refs("the supervisor wanted to hire me but HR interviewed me too, what now")[:1] == ["c9"]


def test_filler_adverbs_count_less():
    # "definitely", "honestly" stress a question; a passage using them is not therefore an answer
    assert S.analyse_query("definitely").terms == {"definit": 0.5}
    assert rank("should I honestly follow up if I'm not sure I want the job", "c7") == 1


def test_concept_phrase_counts_once():
    # "thank you email" is one thing: its best word counts, not thank + email
    groups = S.analyse_query("salary in my thank you email").groups
    assert len(groups) == 2 and {g.source for g in groups} == {"salary", "thank you email"}


def test_synonym_keys_do_not_capture_other_words_by_stem():
    # "range" stems to "rang" (not the phone), "team" is not MS Teams, "don't" is not "don'ts"
    assert "call" not in S.analyse_query("salary range").terms
    assert "video" not in S.analyse_query("fit in the team").terms
    assert "refrain" not in S.analyse_query("i dont want to be annoying").terms


def test_long_passages_are_not_buried():
    # the matching paragraph of a long comment (c13, c15) counts, not just the whole
    assert rank("the recruiter told me i wasnt selected then called back saying it was sent by mistake", "c13") <= 3
    query = "if they decide not to hire me will they even tell me"
    idx, q = S.index(), S.analyse_query(query)
    whole, _ = S._group_scores(q, idx.term_scores, len(idx.refs))
    total, _ = S._score(q, idx)
    c15 = idx.refs.index("c15")
    assert total[c15] > whole[c15]  # its last paragraph asks exactly this: the paragraph counts


def test_typo_corrected_by_stem():
    assert S.analyse_query("gosted").corrections == {"gosted": "ghost"}
    for real in ("idea", "found", "tuesday", "teaching"):
        assert S.analyse_query(real).corrections == {}, real


def test_expert_name_finds_their_answers():
    assert {"q1-chris", "q2-chris", "q3-chris", "q6-chris"} <= set(refs("chris", 10))
    assert refs("what did kevin say about salary")[:1] == ["q5-kevin"]


def test_signatures_and_redaction_markers_are_not_indexed():
    # c4 ends with its author's blog signature "...Calculate Your Hourly Pay"; c7 with
    # "[email address removed]": neither is advice about pay or email.
    assert "Hourly Pay" in article().get("c4").text and "[email address removed]" in article().get("c7").text
    assert refs("pay")[:1] == ["q5-kevin"] and "c4" not in refs("pay", 40)
    # (c7 is found for "email" through the follow-up-email questions it answers, so check the
    # marker's own word: "address" is in no indexed field of c7)
    c7 = S.index().refs.index("c7")
    assert S.index().term_scores.get(S.stem("address"), [0] * 50)[c7] == 0


def test_e_mail_spellings_are_one_word():
    a = S.analyse_query("e-mail").terms
    assert a == S.analyse_query("email").terms == S.analyse_query("E-Mail").terms
    assert S.analyse_query("follow-up").terms == S.analyse_query("follow up").terms == S.analyse_query("followup").terms


@pytest.mark.parametrize("typo, word", [
    ("salery", "salary"), ("refrences", "references"), ("intervew", "interview"),
    ("folow", "follow"), ("recuiter", "recruiter"), ("emial", "email"), ("linkdin", "linkedin"),
])
def test_typos_are_corrected(typo, word):
    q = S.analyse_query(typo)
    assert q.corrections == {typo: word}


@pytest.mark.parametrize("word", ["science", "sold", "missed", "condition", "weight", "flying", "stable", "closed"])
def test_a_word_the_model_holds_whole_is_no_typo(word):
    # round 13: every correction of a word that the meaning model's vocabulary holds as one token was a
    # real word turned into another (science -> silence, sold -> old, missed -> messed); misspellings
    # take two tokens or more, and are still corrected (above)
    assert S.analyse_query(f"is {word} a problem").corrections == {}


def test_typos_find_the_same_passage():
    assert refs("shoud i metion my salery")[:1] == refs("should i mention my salary")[:1] == ["q5-kevin"]
    assert rank("refrences not called yet", "c14") <= 3


def test_short_and_known_words_are_not_corrected():
    for q in ("hte", "uni", "job", "pay", "ok", "cv"):
        assert S.analyse_query(q).corrections == {}
    # a real word the article does not use is left alone when nothing is close
    assert S.analyse_query("xylophone").corrections == {}
    # real words near an index word: "fired" must never become "hired", "read" not "real"
    for q in ("fired", "read", "bomb"):
        assert S.analyse_query(q).corrections == {}, q
    assert S.analyse_query("offr").corrections == {"offr": "offer"}  # 4 letters: one missing letter
    # known via its stem: no "correction" of a valid word form
    assert S.analyse_query("ghosted").corrections == {}
    assert S.analyse_query("interviewing").corrections == {}


def test_stop_words_are_ignored():
    assert S.analyse_query("the of and to a is it").terms == {}
    assert S.search("what is the and of to") == []
    with_stops = refs("what should i do about the references that they have not called")
    without = refs("references not called")
    assert with_stops[:1] == without[:1] == ["c14"]


# --- robustness --------------------------------------------------------------------------------
HOSTILE = [
    "", " ", "\n\t", "\x00", "a\x00b email", "🙂🙂🙂", "email 🙂", "<script>alert(1)</script>",
    "**bold** _x_ [link](http://e.com) `code`", ".*+?^$()[]{}|\\", "(((", "\\", "'\"", "é-mail ÉMAIL",
    "ß" * 50, "x" * 10_000, "follow up " * 2000, "ﬁnd the oﬀer", "\u200b\u200b", "İstanbul",
    "-", "--", "e-", "-e", "''", "’", "1-2", "2013", "100%",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_raise(query):
    hits = S.search(query)
    assert isinstance(hits, list) and len(hits) <= 5
    for h in hits:
        spans = h.spans()
        assert "".join(s for s, _ in spans) == h.passage.text
    spans = S.highlight_spans("Some text: e-mail, follow-up & <b>salary</b>!", query)
    assert "".join(s for s, _ in spans) == "Some text: e-mail, follow-up & <b>salary</b>!"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_any_text_and_query_never_raise(text, query):
    hits = S.search(query, limit=3)
    assert len(hits) <= 3
    spans = S.highlight_spans(text, query)
    assert "".join(s for s, _ in spans) == text
    assert all(isinstance(s, str) and isinstance(f, bool) for s, f in spans)


def test_non_string_inputs_do_not_raise():
    assert S.search(None) == []  # type: ignore[arg-type]
    assert S.highlight_spans(None, "x") == []  # type: ignore[arg-type]
    assert S.highlight_spans("text", None) == [("text", False)]  # type: ignore[arg-type]


# --- highlighting ------------------------------------------------------------------------------
def test_highlight_by_stem_synonym_and_typo():
    text = "I sent a follow-up e-mail about my salary; following up by phone call is fine."
    marked = [s for s, f in S.highlight_spans(text, "followed pay emial") if f]
    assert "follow-up" in marked and "following" in marked  # stem
    assert "salary" in marked  # synonym of pay
    assert "e-mail" in marked  # typo emial -> email
    assert "phone" not in marked and "call" not in marked and "I" not in marked
    assert "".join(s for s, _ in S.highlight_spans(text, "followed")) == text


def test_highlight_unicode_folding_keeps_text():
    text = "Straße ﬁnal e-mail ǅ"
    spans = S.highlight_spans(text, "email")
    assert "".join(s for s, _ in spans) == text
    assert ("e-mail", True) in spans


def test_highlight_phrase_synonym_only_where_whole_phrase_occurs():
    # "ghosted" expands to phrases like "heard nothing": "nothing" alone is not highlighted
    assert [s for s, f in S.highlight_spans("I heard nothing back.", "ghosted") if f] == ["heard", "nothing"]
    assert not any(f for _, f in S.highlight_spans("Nothing to add.", "ghosted"))


def test_highlight_stop_word_query_marks_nothing():
    assert S.highlight_spans("the interview", "the") == [("the interview", False)]


# --- duplicates, index, topics -----------------------------------------------------------------
def test_duplicate_comment_is_not_returned():
    assert article().get("c21").duplicate_of == "c20"
    got = refs("i emailed both interviewers a thank you mail, should i call or email", 30)
    assert "c20" in got and "c21" not in got


def test_index_is_built_once_per_process():
    S.search("email")
    S.search("salary")
    idx = S.index()
    assert S.build_count() == 1
    for q in ("phone", "references", "holiday card"):
        S.search(q)
    assert S.build_count() == 1 and S.index() is idx


def test_index_is_built_once_under_concurrent_first_use():
    # Streamlit serves visitors from several threads: the first searches may race.
    code = (
        "import threading, followup.search as s\n"
        "b = threading.Barrier(8)\n"
        "def run():\n"
        "    b.wait(); s.search('holiday card')\n"
        "ts = [threading.Thread(target=run) for _ in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "print(s.build_count())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


def test_stemming_is_thread_safe():
    # snowballstemmer objects keep state while stemming: a shared one garbles stems under threads.
    code = (
        "import threading, snowballstemmer, followup.search as s\n"
        "base = sorted({w.lower() for p in s.article().passages for w in p.text.split() if w.isalpha()})\n"
        "words = [w + suf for w in base for suf in ('', 's', 'ing', 'ed', 'ational', 'iveness', 'fulness')]\n"
        "ref = snowballstemmer.stemmer('english')\n"
        "want = {w: ref.stemWord(w) for w in words}\n"
        "s.stem.cache_clear(); b = threading.Barrier(8); bad = []\n"
        "def run(k):\n"
        "    b.wait()\n"
        "    for w in words[k::3] + words[::-1][k::5]:\n"
        "        try:\n"
        "            if s.stem(w) != want[w]: bad.append(w)\n"
        "        except Exception as e: bad.append(repr(e))\n"
        "ts = [threading.Thread(target=run, args=(k,)) for k in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "print(len(words), len(bad))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    n, bad = map(int, res.stdout.split())
    assert n > 4000 and bad == 0


def test_concurrent_queries_give_the_same_results():
    # Fresh process, so every word is stemmed for the first time while threads race.
    code = (
        "import json, threading, followup.search as s\n"
        "qs = [q['q'] for q in json.load(open('tests/search_dev_set.json'))['questions']]\n"
        "b = threading.Barrier(8); out = {}\n"
        "def run(k):\n"
        "    b.wait(); out[k] = [[h.ref for h in s.search(q)] for q in qs[k::8]]\n"
        "ts = [threading.Thread(target=run, args=(k,)) for k in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "print(json.dumps({q: r for k in range(8) for q, r in zip(qs[k::8], out[k])}))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "Traceback" not in res.stderr, res.stderr
    got = json.loads(res.stdout)
    assert len(got) == len(DEV)
    for q in DEV:
        assert got[q["q"]] == refs(q["q"]), q["q"]


def test_topic_filter():
    all_hits = refs("should i call or email", 30)
    only = refs("should i call or email", 30, topics={"holidays"})
    assert only and set(only) < set(all_hits)
    assert all("holidays" in article().get(r).topics for r in only)
    assert refs("video interview", topics={"video-interviews"}) == ["c18"]
    assert refs("video interview", topics=["references", "video-interviews"])[:1] == ["c18"]
    assert refs("salary", topics=set()) == []
    with pytest.raises(ValueError, match="unknown topic"):
        S.search("salary", topics={"no-such-topic"})


# --- the synonyms file is validated ------------------------------------------------------------
def _write(tmp_path, data) -> Path:
    (tmp_path / S.SYNONYMS_FILE).write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def _good() -> dict:
    return json.loads((ROOT / "content" / S.SYNONYMS_FILE).read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d.pop("stop_words"), "stop_words"),
    (lambda d: d.update(synonym_weight=2), "synonym_weight"),
    (lambda d: d.pop("related"), "related"),
    (lambda d: d["related"].update(put=["include", 7]), "related.put[1]"),
    (lambda d: d.update(typo_weight="high"), "typo_weight"),
    (lambda d: d["synonyms"].update(pay=[]), "synonyms.pay"),
    (lambda d: d["synonyms"].update(pay=["Salary"]), "synonyms.pay[0]"),
    (lambda d: d["synonyms"].update(paying=["salary"]), "paying"),
    (lambda d: d["rewrites"].update({"x": 3}), "rewrites.x"),
    (lambda d: d["stop_words"].append("two words"), "stop_words["),
    (lambda d: d.pop("not_typos"), "not_typos"),
    (lambda d: d.pop("weak_words"), "weak_words"),
    (lambda d: d.update(weak_weight=0), "weak_weight"),
    (lambda d: d["not_typos"].append(""), "not_typos["),
    (lambda d: d.update(example_questions={}), "example_questions"),
    (lambda d: d["example_questions"].append({"q": "x", "refs": []}), "example_questions["),
    (lambda d: d["example_questions"].append({"refs": ["c22"]}), "example_questions["),
    (lambda d: d["concepts"].append("single"), "concepts["),
])
def test_bad_synonyms_file_names_file_and_field(tmp_path, mutate, field):
    data = _good()
    mutate(data)
    with pytest.raises(ContentError) as exc:
        S.load_lexicon(_write(tmp_path, data))
    assert S.SYNONYMS_FILE in str(exc.value) and field in str(exc.value)


def test_missing_or_broken_synonyms_file(tmp_path):
    with pytest.raises(ContentError, match="search_synonyms.json: file is missing"):
        S.load_lexicon(tmp_path)
    (tmp_path / S.SYNONYMS_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match="search_synonyms.json: not valid"):
        S.load_lexicon(tmp_path)


def test_example_questions_with_unknown_refs_are_rejected(tmp_path):
    data = _good()
    data["example_questions"].append({"q": "who are you", "refs": ["c99"]})
    with pytest.raises(ContentError, match="example_questions.*c99"):
        S.build_index(lex=S.load_lexicon(_write(tmp_path, data)))


def test_measured_questions_are_not_example_questions():
    # The held-out and fresh-2.. sets measure how the engine does on questions it has never
    # seen: none of them may be indexed as an example question.
    examples = {q["q"].casefold() for q in _good()["example_questions"]}
    for qs in (HELD_OUT, FRESH2, FRESH3, FRESH4, FRESH5, FRESH6, FRESH7, FRESH8, FRESH9, OOS_TUNE, OOS_HELD,
               OOS_HELD2, OOS_HELD3):
        leaked = [q["q"] for q in qs if q["q"].casefold() in examples]
        assert not leaked, leaked


def test_passages_own_sentences_are_a_meaning_signal():
    # Each passage's own sentences (signatures out), and an answer's question, are embedded; a
    # query's cosine with the nearest of them adds to the score, at the tuning's weight.
    from dataclasses import replace

    from followup.advice.indexing import meaning, sentences

    idx = S.index()
    sents = sentences(idx)
    assert {i for i, _ in sents} == set(range(len(idx.refs)))
    assert not any("recently posted" in x or "removed]" in x for _, x in sents)
    assert any(x == article().get("q3").text for _, x in sents)  # q3-chris is also its question
    assert [idx.refs[i] for i, x in sents if x == article().get("c5").text] == ["c5", "c6"]  # c6 answers c5
    assert len(meaning(idx).sentences) == len(sents)
    query = next(x for _, x in sents if "interviewing the company" in x)  # c14's last sentence
    lexical, _ = S._score(S.analyse_query(query), idx)
    with_sentences, _ = S._blend(query, lexical, idx)
    saved = idx.tuning
    try:
        idx.tuning = replace(saved, meaning_sentences=0.0)
        without, _ = S._blend(query, lexical, idx)
    finally:
        idx.tuning = saved
    c14 = idx.refs.index("c14")
    assert saved.meaning_sentences > 0
    assert with_sentences[c14] - without[c14] == pytest.approx(saved.meaning_sentences, abs=0.001)


def test_example_questions_find_their_passage():
    # a passage is also found by the words of the questions it answers
    assert S.index().lexicon.examples["c18"]
    assert refs("skype interview tips webcam")[:1] == ["c18"]


def test_unanswered_reader_questions_rank_like_asking_comments():
    # c9, c10, c17 ask the experts and no comment answers them: like c11 (which c12 answers), they
    # rank below answers; c17 is still first where it is the only passage on the subject
    idx = S.index()
    prior = {r: idx.prior[i] for i, r in enumerate(idx.refs)}
    assert prior["c9"] == prior["c10"] == prior["c17"] == prior["c11"] < prior["c12"] == prior["c4"]
    assert refs("when can I add the interviewers on LinkedIn")[:1] == ["c17"]


def test_unanswered_questions_must_be_unanswered_comments(tmp_path):
    data = json.loads((ROOT / "content" / "search_synonyms.json").read_text(encoding="utf-8"))
    for bad in (["c11"], ["c12"], ["q6-chris"]):  # answered by c12; a reply; an answer
        (tmp_path / "search_synonyms.json").write_text(json.dumps({**data, "unanswered_questions": bad}),
                                                      encoding="utf-8")
        with pytest.raises(ContentError, match="unanswered_questions"):
            S.build_index(lex=S.load_lexicon(tmp_path))


def test_shipped_synonyms_file_is_valid():
    lex = S.load_lexicon()
    assert "the" in lex.stop_words and (S.stem("pay"),) in lex.synonyms


# --- quality bar ---------------------------------------------------------------------------------
def _hit_at(questions, k):
    hits = sum(bool(set(q["refs"]) & set(refs(q["q"], k))) for q in questions)
    return hits / len(questions)


def test_question_sets_are_well_formed():
    known = {p.ref for p in article().passages}
    assert len(DEV) >= 40 and len(HELD_OUT) >= 10 and len(FRESH) >= 40 and all(len(f) >= 20 for f in (FRESH2, FRESH3, FRESH4, FRESH5))
    dev_q = {q["q"] for q in DEV}
    for q in DEV + HELD_OUT:
        assert q["q"].strip() and 1 <= len(q["refs"]) <= 3 and set(q["refs"]) <= known, q
    for q in FRESH + FRESH2 + FRESH3 + FRESH4 + FRESH5:  # a what-to-write question may be answered by four passages
        assert q["q"].strip() and 1 <= len(q["refs"]) <= 4 and set(q["refs"]) <= known, q
    assert not dev_q & {q["q"] for q in HELD_OUT}, "held-out questions must not be in the dev set"
    # (two fresh-1 questions, written without reading the dev set, happen to be dev questions)
    earlier = {q["q"] for q in DEV + HELD_OUT + FRESH}
    assert not earlier & {q["q"] for q in FRESH2}, "fresh-2 questions must be new"
    for later in (FRESH2, FRESH3, FRESH4, FRESH5):
        assert not earlier & {q["q"] for q in later}, "a fresh set's questions must be new"
        earlier |= {q["q"] for q in later}


def test_dev_set_hit_at_3_meets_the_bar():
    assert _hit_at(DEV, 3) >= 0.9


def test_held_out_set_hit_at_3():
    # Never tuned on: a lower bar than the dev set, so a real regression still fails.
    assert _hit_at(HELD_OUT, 3) >= 0.8


def test_fresh_set_hit_at_3_meets_the_bar():
    # Written before the second tuning round (untouched score 0.925), then tuned on.
    assert _hit_at(FRESH, 3) >= 0.9


def test_second_fresh_set_hit_at_3():
    # Never tuned on (0.80 when first scored): an honest estimate; a lower bar.
    assert _hit_at(FRESH2, 3) >= 0.8


def test_third_fresh_set_hit_at_3():
    # Never tuned on (0.90 when first scored); a lower bar.
    assert _hit_at(FRESH3, 3) >= 0.8


def test_later_fresh_sets_hit_at_3():
    # fresh-4: 0.85 when first scored, 0.95 with example questions; fresh-5, written after
    # the last change: 1.00 when first scored
    assert _hit_at(FRESH4, 3) >= 0.8 and _hit_at(FRESH5, 3) >= 0.8


def test_unseen_questions_meet_the_bar():
    # Every question the engine has never indexed as an example: the quality bar itself.
    assert _hit_at(HELD_OUT + FRESH2 + FRESH3 + FRESH4 + FRESH5, 3) >= 0.95


def test_fresh6_meets_the_issue_11_bar():
    # Written before the meaning and scope work; first scored 0.819 / 0.958 untouched, then used to
    # choose the meaning weights (0.903 / 0.986 now). Issue 11's bar: hit@1 >= 0.80, hit@3 >= 0.95.
    assert len(FRESH6) >= 70
    assert _hit_at(FRESH6, 1) >= 0.86
    assert _hit_at(FRESH6, 3) >= 0.97


def test_fresh7_and_fresh8():
    # Each scored once before being tuned on: fresh-7 0.904 / 1.000, fresh-8 0.700 / 0.850 (now 0.775 / 0.950).
    assert _hit_at(FRESH7, 1) >= 0.88 and _hit_at(FRESH7, 3) >= 0.98
    assert _hit_at(FRESH8, 1) >= 0.775 and _hit_at(FRESH8, 3) >= 0.925


def test_fresh9():
    # 0.766 / 0.915 when first scored (never tuned on until then), then tuned on (the passages' own
    # sentences as a meaning signal, the 'company news' and 'panel' synonyms): 0.830 / 0.936 now.
    assert len(FRESH9) >= 45
    assert _hit_at(FRESH9, 1) >= 0.80
    assert _hit_at(FRESH9, 3) >= 0.97  # 0.957 once unanswered reader questions ranked below answers; 0.979 in round 13


def test_fresh10():
    # 0.844 / 0.938 when first scored (written by someone who never saw the code), then tuned on
    # (ways of saying 'leave out', paid leave as a benefit, filler adverbs): 0.891 / 0.953 now.
    assert len(FRESH10) >= 60
    assert _hit_at(FRESH10, 1) >= 0.87
    assert _hit_at(FRESH10, 3) >= 0.97  # 0.984 in round 13 (the tone of the contact)


def test_fresh11():
    # 0.866 / 0.925 when first scored (written by someone who never saw the code), then tuned on (ways of
    # saying what not to do, that they chose someone else, that they are stalling, that the current job is
    # a misery, c9's instruction answered by q6-chris): 0.925 / 1.000 now.
    known = {p.ref for p in article().passages}
    assert len(FRESH11) >= 60
    assert all(q["q"].strip() and 1 <= len(q["refs"]) <= 5 and set(q["refs"]) <= known for q in FRESH11)
    assert _hit_at(FRESH11, 1) >= 0.91
    assert _hit_at(FRESH11, 3) >= 0.98  # 1.000


def test_fresh12_tuned_since_round_13():
    # 0.851 / 0.932 when first scored (written by someone who never saw the code; never tuned on until
    # then), tuned on since round 13 (thanks said or sent, whether it is still done, asking outright,
    # the tone of the contact): 0.878 / 1.000 now.
    known = {p.ref for p in article().passages}
    assert len(FRESH12) >= 70
    assert all(q["q"].strip() and 1 <= len(q["refs"]) <= 6 and set(q["refs"]) <= known for q in FRESH12)
    assert _hit_at(FRESH12, 1) >= 0.86
    assert _hit_at(FRESH12, 3) >= 0.98  # 1.000 after round 13's scope and lexicon work


# --- scope: does the article answer it? (followup.search.covers) -----------------------------------
def _flagged(questions) -> float:
    return sum(not S.covers(q["q"]) for q in questions) / len(questions)


def test_covers_is_the_public_one_and_returns_a_bool():
    import followup.search as public

    assert public.covers is S.covers
    assert list(inspect.signature(S.covers).parameters) == ["query"]
    assert S.covers("when should I follow up after my interview") is True
    assert S.covers("how long does a background check take") is False


def test_out_of_scope_tuning_set_is_flagged():
    # Tuned on (the topic lexicon was written from it): a high bar, so a regression fails.
    assert len(OOS_TUNE) >= 40 and _flagged(OOS_TUNE) >= 0.95


def test_out_of_scope_held_out_sets_are_flagged():
    # Held-out 1 (0.925 when first scored, then two topics widened) and 2 (0.700 when first
    # scored, then its questions became examples): tuned now, issue 11's bar of 90% and more.
    assert len(OOS_HELD) >= 40 and _flagged(OOS_HELD) >= 0.95
    assert len(OOS_HELD2) >= 30 and _flagged(OOS_HELD2) >= 0.95


def test_out_of_scope_held_out_3():
    # Held-out 3, mostly questions that name the article's subject about something else: 0.700
    # when first scored (never tuned on), then tuned on (the scope's situations were written from
    # its misses): 0.975 now.
    assert len(OOS_HELD3) >= 40 and _flagged(OOS_HELD3) >= 0.95


def test_out_of_scope_held_out_4():
    # Held-out 4, written by someone who never saw the code: 0.780 when first scored, then tuned on
    # (subject phrases naming only who, the situations its misses show, the article's domain words): 1.000 now.
    assert len(OOS_HELD4) >= 50 and _flagged(OOS_HELD4) >= 0.98


def test_out_of_scope_held_out_5():
    # Held-out 5, written by someone who never saw the code: 0.865 when first scored, then tuned on
    # (agency fees, scams, returning to work as topics; thanking a referee or the team, a promotion,
    # resigning, a job taken elsewhere as situations): 1.000 now.
    assert len(OOS_HELD5) >= 50 and _flagged(OOS_HELD5) >= 0.98


def test_in_scope_questions_are_rarely_flagged():
    # Issue 11's bar, in-scope flagged <= 2%: fresh-6 was never used for a scope choice (0.014);
    # fresh-7 and fresh-8 were looked at after their first scores (0.038 and 0.075 then).
    assert _flagged(FRESH6) <= 0.02 and _flagged(FRESH7) <= 0.02 and _flagged(FRESH8) <= 0.02


def test_in_scope_fresh9_questions_are_rarely_flagged():
    # fresh-9: 0.043 (2 of 47) when first scored (never tuned on), then tuned on: 0 now.
    assert _flagged(FRESH9) <= 0.02


def test_in_scope_fresh10_questions_are_rarely_flagged():
    # fresh-10: 0.062 (4 of 64) when first scored, then tuned on (a note's content, the other
    # candidates, personal problems are the article's subject): 0 now.
    assert _flagged(FRESH10) <= 0.02


def test_out_of_scope_held_out_6_tuned_since_round_13():
    # Held-out 6, written by someone who never saw the code: 0.947 (54 of 57) when first scored (never
    # tuned on until then), tuned on since round 13 (asking what to say or do in an interview is a topic;
    # out-of-scope examples of health, sleep and stress): 1.000 now.
    assert len(OOS_HELD6) >= 55 and _flagged(OOS_HELD6) >= 0.98


def test_in_scope_fresh12_tuned_since_round_13_flagged():
    # fresh-12: 0.054 (4 of 74) when first scored (never tuned on until then), tuned on since round 13
    # (the subject in the search lexicon's other words, thanks said or sent, 'applicant' no application): 0 now.
    assert _flagged(FRESH12) <= 0.02


def test_in_scope_fresh11_questions_are_rarely_flagged():
    # fresh-11: 0.030 (2 of 67) when first scored, then tuned on (saying something in a message to them is
    # the subject; 'fobbing me off' a known word): 0 now.
    assert _flagged(FRESH11) <= 0.02


def test_in_scope_tuning_questions_are_rarely_flagged():
    for name, qs in (("dev", DEV), ("fresh-1", FRESH), ("held-out", HELD_OUT),
                     ("fresh-2..5", FRESH2 + FRESH3 + FRESH4 + FRESH5)):
        assert _flagged(qs) <= 0.02, name


def test_out_of_scope_sets_are_new_questions():
    seen = {q["q"].casefold() for q in DEV + HELD_OUT + FRESH + FRESH2 + FRESH3 + FRESH4 + FRESH5 + FRESH6
            + FRESH7 + FRESH8 + FRESH9 + FRESH10 + FRESH11 + FRESH12}
    oos = [{q["q"].casefold() for q in qs} for qs in (OOS_TUNE, OOS_HELD, OOS_HELD2, OOS_HELD3, OOS_HELD4, OOS_HELD5,
                                                      OOS_HELD6)]
    assert not set().union(*oos) & seen
    # held-out 4 (written without seeing the other sets) repeats one tuning-set question; no others
    assert sum(map(len, oos)) - len(set().union(*oos)) == 1
    assert oos[0] & oos[4] == {"how do i write a resignation letter"}
    assert all(set(q) == {"q"} for q in OOS_TUNE + OOS_HELD + OOS_HELD2 + OOS_HELD3 + OOS_HELD4 + OOS_HELD5 + OOS_HELD6)
    assert len(seen) == len(DEV + HELD_OUT + FRESH + FRESH2 + FRESH3 + FRESH4 + FRESH5 + FRESH6 + FRESH7 + FRESH8
                            + FRESH9 + FRESH10 + FRESH11 + FRESH12) - 2  # two fresh-1 questions are dev questions (see above); no others


def test_fresh13_never_tuned_on():
    # Never tuned on: hit@1 0.865, hit@3 0.986 when scored (issue 11: >= 0.80 and >= 0.95). The bars
    # only guard against a regression from there; do not tune on this set.
    known = {p.ref for p in article().passages}
    assert len(FRESH13) >= 74
    assert all(q["q"].strip() and 1 <= len(q["refs"]) <= 6 and set(q["refs"]) <= known for q in FRESH13)
    assert _hit_at(FRESH13, 1) >= 0.85
    assert _hit_at(FRESH13, 3) >= 0.97


def test_in_scope_fresh13_never_tuned_on_rarely_flagged():
    # Never tuned on: 1 of 74 (0.014) when scored (issue 11: <= 2%); guards a regression.
    assert _flagged(FRESH13) <= 0.02


def test_out_of_scope_held_out_7_never_tuned_on():
    # Never tuned on: 54 of 55 (0.982) when scored (issue 11: >= 90%); guards a regression.
    assert len(OOS_HELD7) >= 55 and all(set(q) == {"q"} for q in OOS_HELD7)
    assert _flagged(OOS_HELD7) >= 0.96


def test_never_tuned_sets_are_new_questions():
    seen = {q["q"].strip().lower() for qs in (DEV, FRESH, HELD_OUT, FRESH2, FRESH3, FRESH4, FRESH5, FRESH6, FRESH7,
                                              FRESH8, FRESH9, FRESH10, FRESH11, FRESH12, OOS_TUNE, OOS_HELD,
                                              OOS_HELD2, OOS_HELD3, OOS_HELD4, OOS_HELD5, OOS_HELD6) for q in qs}
    new = [q["q"].strip().lower() for q in FRESH13 + OOS_HELD7]
    assert len(set(new)) == len(new) and not set(new) & seen
