"""followup.search.covers / decide / asks_when, and the offline meaning model behind them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import search as S
from followup.advice import scope, semantic
from followup.advice.content import ContentError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("query, topic", [
    ("how long does a background check take", "background checks"),
    ("is it ok to counter the first offer they make", "negotiating pay"),
    ("how long should my cover letter be", "CVs and cover letters"),  # "letter" alone is not the subject
    ("how do I write a resignation letter", "notice periods and resigning"),
    ("what should I wear to a job interview", "what to wear"),  # not typo-corrected to "hear"/"year"
    # a recruiter named says who, not what: how agencies are paid, whether a message is a scam
    ("how do headhunters get paid, will it cost me", "recruitment fees"),
    ("do I have to pay a recruiter to find me work", "recruitment fees"),
    ("does the staffing agency take a cut of my wages", "recruitment fees"),
    ("how much do recruiters earn per placement", "recruitment fees"),
    ("a recruiter asked me for my bank details, is that normal", "job scams"),
    ("how to balance a job search with looking after a newborn", "returning to work and managing time"),
    ("is this recruiter message a scam", "job scams"),
    ("best apps for time management when working from home", "returning to work and managing time"),
    ("going back to work after a career break as a dad, where do I start", "returning to work and managing time"),
])
def test_named_out_of_scope_topics(query, topic):
    d = S.decide(query)
    assert (d.covered, d.reason, d.topic) == (False, "topic", topic)


@pytest.mark.parametrize("query, situation", [
    # the article's subject named, about another situation: the situation decides
    ("should I chase a company I applied online to last week", "following up on an application before any interview"),
    ("no interview yet, how long before I chase the recruiter", "following up on an application before any interview"),
    ("is it ok to email them to reschedule my interview", "arranging, moving or missing an interview"),
    ("I started my new job, should I still send the recruiter a thank you", "what comes after accepting a job"),
    ("a thank you email to my coworkers on my last day", "colleagues and your current job"),
    ("when should I follow up with people from a career fair", "networking contacts"),
    ("the recruiter wants my salary history, what do I say", "what salary to ask for"),
    ("a headhunter cold called me about a role, I'm happy where I am: how do I say no", "a recruiter's approach you did not ask for"),
    ("should I email them to withdraw my application now that I have another job", "withdrawing from a hiring process"),
    ("how do I word a thank you to the person who referred me", "thanking people other than the employer who interviewed you"),
    ("should I thank my professor for helping me get the interview", "thanking people other than the employer who interviewed you"),
    ("is a thank you note expected after an internal interview", "colleagues and your current job"),
    ("should I tell my current manager about the interview", "colleagues and your current job"),
    ("how long until I hear back after sending an application form", "following up on an application before any interview"),
    # thanking a referee or the team; a promotion; resigning (the notice names the topic); a job taken elsewhere
    ("what do I write in a thank you for my old boss who gave me a reference", "thanking people other than the employer who interviewed you"),
    ("a thank you note to my team for their support this year", "thanking people other than the employer who interviewed you"),
    ("should I send a thank you to HR after getting a promotion", "colleagues and your current job"),
    ("the offer is verbal so far, do I wait for it in writing before I hand in my notice", "notice periods and resigning"),
    ("how do I let the agency know I took a job somewhere else", "what comes after accepting a job"),
    ("how do I tell the agency I have taken a job with another company", "what comes after accepting a job"),
    ("how do I let a recruiter know I'm no longer looking because I found another job", "what comes after accepting a job"),
    ("thank you card for my former manager who was my referee", "thanking people other than the employer who interviewed you"),
])
def test_situations_the_article_is_not_about(query, situation):
    d = S.decide(query)
    assert (d.covered, d.reason, d.topic) == (False, "situation", situation)


def test_a_topic_named_with_a_situation_gives_the_notice_its_name():
    d = S.decide("will my boss find out about my background check")
    assert (d.covered, d.reason, d.topic) == (False, "situation", "background checks")


def test_situation_phrases_are_whole_words_in_order():
    # "interview" in a phrase is not "interviewer"; words of a phrase may be apart only by stop words
    for query in ("should I connect with my interviewer before the interviewer decides",
                  "my hiring manager has not replied", "is it ok to ask about my application after the interview",
                  # nor are the article's own situations in words close to a phrase's
                  "the interviewer would be my manager, can I add her on LinkedIn",
                  "no interview feedback yet, should I chase", "am I still in the running for new job openings there",
                  "after accepting my LinkedIn request the interviewer went quiet",
                  "should I follow up after a conference call interview",
                  "salary: can I ask about it in my thank you email", "the agency found me the job, can I call daily",
                  "a friend referred me and I interviewed last week, should I follow up",
                  "the internal recruiter has gone quiet since my interview",
                  "my friend says thank you notes are outdated, is she right",
                  "should I mention problems with my current manager in my follow-up email",
                  "is it ok to cold call the hiring manager a week after my interview",
                  "my current company is restructuring, should I say so in my thank you note",
                  # near misses of this round's phrases: the article's own questions
                  "my references were never contacted, what does it mean",
                  "is it a bad sign they have not sent the written contract yet",
                  "should I send a thank you email to everyone on the interview panel",
                  "the agency that got me the interview has gone quiet, should I call them",
                  "I found a job I liked and interviewed last week, when should I follow up",
                  "the interview was for a job with another company in the same group, should I follow up"):
        assert S.decide(query).reason != "situation", query
    assert scope._situation(["before", "the", "interviews"], ("before", "interviews"), frozenset({"the"}))
    assert not scope._situation(["before", "my", "second", "interviews"], ("before", "interviews"), frozenset({"my"}))


def test_no_question_the_article_answers_names_a_situation():
    # Precision guard: every example question the passages are indexed with, and every in-scope
    # question of the test sets, is about the article's own situation.
    questions = [q for qs in S.index().lexicon.examples.values() for q in qs]
    for path in sorted((ROOT / "tests").glob("search_*_set.json")):
        if "oos" not in path.name:
            questions += [q["q"] for q in json.loads(path.read_text(encoding="utf-8"))["questions"]]
    assert len(questions) > 1000
    named = [q for q in questions if S.decide(q).reason == "situation"]
    assert not named, named


@pytest.mark.parametrize("query", [
    "can I mention my salary expectations in my thank you note",  # "salary" alone is no topic
    "they said after the holidays, when do I follow up",
    "is it normal for the recruiter to go quiet",
])
def test_the_subject_decides(query):
    d = S.decide(query)
    assert d.covered and d.reason == "subject"


@pytest.mark.parametrize("query", [
    "should I follow up after the background check",
    "recruiter asked about my start date, is that a good sign",
    "thank you note after a panel interview",
])
def test_subject_and_topic_together_let_meaning_decide(query):
    d = S.decide(query)
    assert d.reason == "mixed" and d.covered and d.margin >= scope.scope().data.mixed_margin


@pytest.mark.parametrize("query, topic", [
    ("how should I prepare for a phone screen with a recruiter", "preparing for interviews"),
    ("what should my linkedin headline say to attract recruiters", "job boards and applying"),
    ("can an agency help me negotiate a higher salary", "negotiating pay"),
])
def test_a_subject_naming_only_who_does_not_outweigh_a_topic(query, topic):
    # a recruiter or an agency named is not what is asked
    d = S.decide(query)
    assert (d.covered, d.reason, d.topic) == (False, "topic", topic)


def test_a_subject_naming_who_still_covers_alone_or_with_what():
    assert S.decide("my recruiter from the staffing company isnt answering").reason == "subject"
    d = S.decide("should I follow up with the recruiter after the background check")
    assert d.reason == "mixed"  # "follow up" is what is asked: meaning decides


@pytest.mark.parametrize("query", [
    "what should I leave out of my note to the interviewer",  # a note's content is the subject
    "their first choice might turn down the offer, do I still have a chance",
    "is it wise to bring up personal problems that could affect my start date",
])
def test_the_notes_content_and_the_other_candidates_are_the_subject(query):
    assert S.decide(query).covered, query


@pytest.mark.parametrize("query", [
    "thinking of mentioning in my email that I'm unhappy in my current temp job, is that wise",
    "is it ok to say in my thank-you note that my current job is a temp contract",
    "can I mention in my follow up email that my current job ends soon",
    "in my follow up, should I mention I have a notice period",
    # a message to thank them, to HR: still the note
    "should I mention in my email to thank them that my current job ends soon",
    "can I mention in my follow-up email to HR that my current contract ends in May",
    # the agency's pay named in a question about the wait
    "the agency hasn't called since my interview, are they getting paid anyway",
])
def test_saying_something_in_a_message_to_them_is_the_subject(query):
    # what to write in the note is the article's subject (q5-kevin), whatever the something is
    assert S.decide(query).covered, query


@pytest.mark.parametrize("query, topic", [
    ("what should I mention in my resignation email", "notice periods and resigning"),
    ("what to include in a cover letter", "CVs and cover letters"),
    ("what to say in my notice letter to my boss", "notice periods and resigning"),
    ("what should I put in my email signature for job applications", "applying for jobs"),
    # a message *to* do what is no part of a hiring's wait: accepting, declining, negotiating
    ("what should I say in my email to accept the offer", "job offers"),
    ("what to put in my email to negotiate salary", "negotiating pay"),
    ("what should I write in my email to decline the offer", "declining an offer"),
])
def test_a_message_of_another_kind_is_not_the_subject(query, topic):
    # a word between ('resignation email', 'cover letter') or after ('email signature') names another message
    d = S.decide(query)
    assert (d.covered, d.topic) == (False, topic), query


def test_hr_still_seeing_candidates_is_the_wait():
    # 'fobbing me off' is a word search knows now (lying, c12), and seeing candidates is still interviewing
    d = S.decide("HR keep saying they are still seeing candidates. Are they fobbing me off or is that real?")
    assert d.covered and not d.unknown
    assert S.decide("the agency says they are still meeting candidates").covered


@pytest.mark.parametrize("query", [
    "should I tailor my message to each interviewer", "can I remind them of my strengths a week after the interview",
    "is it normal practice to contact the interviewer a week later", "when will the offer letter arrive",
    "they never answered my question about the timeline", "is the first day after the interview too soon to email them",
])
def test_topic_words_with_everyday_senses_are_phrases(query):
    # tailoring a CV, strengths as an interview answer, practice questions, arriving for the interview
    assert S.decide(query).covered, query


def test_pay_leave_and_pensions_at_work_are_a_topic_but_asking_about_them_in_a_note_is_the_subject():
    assert (S.decide("do I get paid extra for working on a bank holiday").topic) == "pay, leave and pensions at work"
    assert S.decide("they said they would call after the bank holiday weekend").covered
    assert S.decide("is it ok to ask about holiday pay in my follow-up email").covered  # q5-kevin


def test_assessment_centres_are_a_topic():
    d = S.decide("any tips for the group exercise at an assessment centre")
    assert (d.covered, d.topic) == (False, "assessment centres and aptitude tests")
    assert S.decide("I did a take-home test after my second interview and heard nothing").covered  # c15


def test_a_word_of_another_sense_is_no_topic():
    # "noticed" shares its stem with a notice period, "ages" with age
    for query in ("I noticed they re-posted the job after my interview", "it's been ages, should I follow up",
                  "I'm quite sure I did badly, is there any point writing to them", "how do I recover from a weak interview",
                  "should I fire off another email to HR"):
        assert S.decide(query).reason not in ("topic", "mixed"), query
    assert S.decide("how much notice should I give").reason == "topic"


def test_a_word_of_another_sense_still_counts_in_a_phrase_written_with_it():
    # "applicant" (who the asker is) shares its stem with a "job application" (the topic), not with
    # "applicant tracking"; round 13, written after fresh-12's first score
    d = S.decide("school job applicant here, is a two month wait after the interview normal")
    assert d.covered and d.reason == "subject"
    assert S.decide("what does an applicant tracking system look for").topic == "CVs and cover letters"
    assert S.decide("I'm an applicant, what should I put in my cover letter").topic == "CVs and cover letters"
    assert S.decide("as a job applicant how many references should I list").topic == "giving references"


@pytest.mark.parametrize("query", [
    # round 13 (after fresh-12's first score): the job seeker's own situation, whatever the job, in
    # the search lexicon's words for a rejection or for hearing nothing (each was decided by meaning
    # before, one of them flagged)
    "welder here, had my interview on the 3rd and still no phone call. do i ring them",
    "they've chosen someone else for the post, how do I reply and stay on their radar",
    "the firm decided to go with another person, how do I answer that email nicely",
    "no update since the second round a fortnight ago, should I ring the panel",
])
def test_the_subject_in_the_search_lexicons_other_words(query):
    d = S.decide(query)
    assert d.covered and d.reason == "subject", (query, d)


@pytest.mark.parametrize("query, covered", [
    # round 13: following up or thanking in life outside a hiring is another situation, unless the
    # question names an interview, a job or an employer (a job at a letting agency is a job)
    ("how do I follow up with a landlord about a repair", False),
    ("how do I politely chase an unpaid invoice", False),
    ("should I write a thank you note to my doctor", False),
    ("is it ok to follow up on a dating app after no reply", False),
    ("how long does it take to hear back from a university application", False),
    ("I interviewed to be a letting agent, when will I hear back", True),
    ("interviewed at a dating app startup, is a thank-you email expected", True),
    ("accounts role, I sent the invoice clerk a thank you after the interview, enough?", True),
])
def test_following_up_outside_a_hiring(query, covered):
    d = S.decide(query)
    assert d.covered is covered, (query, d)
    if not covered:
        assert d.topic == "following up or thanking outside a hiring"


def test_a_choice_made_is_the_decision_but_other_candidates_are_not_the_subject():
    # round 13: "made a choice / their choice / up their mind" is the decision (a synonym), named for the
    # scope; the lexicon's "other candidates" (a rejection for search) also names whom one competes with
    assert S.decide("what's a polite way to ask if they've made a choice").reason == "subject"
    assert S.decide("is it rude to ask whether they have made up their mind").reason == "subject"
    # asking whether one got the job is asking for the decision (was flagged by meaning, -0.06)
    assert S.decide("should I just ask them outright if I got the job").reason == "subject"
    assert S.decide("it's been 3 weeks, did I get the job or not").covered
    for query in ("I got the job, how do I negotiate the salary", "I got the job, what do I wear on day one"):
        assert not S.decide(query).covered, query
    assert S.decide("how do I stand out from other candidates").reason != "subject"
    keys = scope.scope().subject_keys
    assert ("hidden", "job", "market") not in keys  # its synonym "decision makers" only contains "decision"
    assert ("other", "candid") not in keys and ("went", "with", "someon") in keys


@pytest.mark.parametrize("query, topic", [
    # ... but not where a situation or a topic says it is about something else
    ("no contact from the new employer since I accepted the job", "what comes after accepting a job"),
    ("no update on my online application after two weeks", "applying for jobs"),
    ("still no callback and I want to negotiate the salary they mentioned", "negotiating pay"),
])
def test_the_subject_in_other_words_does_not_outweigh_a_situation_or_topic(query, topic):
    d = S.decide(query)
    assert not d.covered and d.topic == topic, (query, d)


def test_thanks_said_or_sent_is_a_thank_you():
    # "thanks" is a stop word (a sign-off: "thanks in advance"); said or sent it is the thank-you
    # (the lexicon's rewrites, which the scope reads as search does). Round 13.
    for query in ("gardener, did a working interview at the nursery on monday. ok to text the owner my thanks?",
                  "a quick thanks by email to the practice manager, is that enough"):
        assert S.decide(query).reason == "subject", query
    assert S.decide("how do I send my thanks to the friend who referred me").topic == (
        "thanking people other than the employer who interviewed you")


@pytest.mark.parametrize("query", [
    # round 13 (after out-of-scope held-out 6's first score): what to say or do in an interview itself
    "how do I introduce myself in a group interview",
    "what do I say during a screening call about my availability",
    "how to talk about a career gap in an interview",
    "what can I do at the interview to seem confident",
    "how should I behave at the start of a phone interview",
])
def test_asking_what_to_say_or_do_in_an_interview_is_a_topic(query):
    d = S.decide(query)
    assert not d.covered and d.topic == "what to say or do in an interview", (query, d)


@pytest.mark.parametrize("query", [
    # ... not what was said in it, a message after it, or the interview process
    "I forgot to say in the interview that I can start early, can I add it to my note",
    "how do I follow up on something I said in the interview",
    "what should I mention in my email after the phone screen",
    "how should I reply to their email about the interview process",
    "what should I write in a note after the interview",
])
def test_what_was_said_in_an_interview_or_after_it_is_no_such_topic(query):
    d = S.decide(query)
    assert d.covered and d.topic is None, (query, d)
    assert not scope._asks_what_to_do_in_the_interview(S._split_query(query), scope.scope().data.in_the_interview)


def test_health_sleep_and_stress_for_their_own_sake_are_not_covered_but_the_waits_are():
    # round 13: three out-of-scope meaning examples of the kind; the anxious wait stays the subject
    for query in ("how can I get better sleep before a big day", "is meditation good for stress",
                  "which therapist is best for work anxiety"):
        assert not S.decide(query).covered, query
    for query in ("the anxiety of waiting is awful, any tips", "I've lost sleep waiting to hear back, should I chase them",
                  "can't sleep since the interview, is it ok to email them to ask for news",
                  "I feel anxious every time my phone rings"):
        assert S.decide(query).covered, query


def test_a_topic_word_in_a_question_the_article_answers_is_covered():
    # a topic's word in a question about the wait: meaning close to answered questions
    for query in ("they asked for my CV again after the interview, what does it mean",):
        d = S.decide(query)
        assert d.reason == "topic" and d.covered and d.topic is None
        assert d.margin >= scope.scope().data.topic_override_margin
    d = S.decide("how do I prepare for a panel interview")
    assert d.reason == "topic" and not d.covered and d.topic == "preparing for interviews"


def test_a_mixed_question_closer_to_the_unanswered_is_not_covered():
    d = S.decide("should I accept the offer while waiting on another company")
    assert d.reason == "mixed" and not d.covered and d.topic == "job offers"


def test_meaning_decides_when_no_phrase_names_the_question():
    d = S.decide("my kid was sick during the interview")
    assert d.reason == "meaning" and isinstance(d.margin, float)
    far = S.decide("what does the employee handbook say about parking permits")
    assert far.reason == "meaning" and not far.covered and far.margin < d.margin


def test_a_question_with_no_word_of_the_articles_world_asks_a_wider_margin():
    # none of the people, messages, process or wait of a hiring: a sign it is about something else
    far = S.decide("which tablet is best for a student starting university")
    assert far.reason == "meaning" and not far.covered
    # (a note to the interviewer is the article's subject; taking notes is not)
    assert S.decide("which tablet is best for taking notes in lectures").reason == "topic"
    d = S.decide("how do I stop feeling nervous speaking up in team meetings")
    assert d.reason == "meaning" and not d.covered
    # in-scope questions without such a word are far closer to what the article answers
    for query in ("I'd rather know if it's a no, can I ask directly", "after a no, is it worth asking them to keep me in mind"):
        assert S.decide(query).covered, query


def test_a_question_set_after_the_interview_gets_the_benefit_of_the_doubt():
    after = S.decide("how do I recover after the interview from a weak answer")
    assert after.reason == "meaning" and after.covered and 0 <= after.margin < scope.scope().data.margin
    # ... but not with a word the article never uses
    assert not S.decide("is it normal to do an unpaid trial day after an interview").covered


def test_unknown_words_ask_a_wider_margin():
    d = S.decide("zyxqv plorbs")
    assert d.unknown and not d.covered


@pytest.mark.parametrize("query", [
    # round 13: a job seeker describing their own situation, whatever the job: the words the article
    # never uses that only say who the asker is or which job ("I'm a welder", "as a forklift driver",
    # "lifeguard job", "interviewed at a shipyard") are no rare words and left out of the meaning
    # (each was flagged before, at -0.022, 0.016 and 0.053)
    "I'm a welder, interviewed at a shipyard last week, how long before they tell me",
    "as a forklift driver is it normal to write after an interview or is that for office jobs",
    "lifeguard job, they told me they'd phone, they haven't, what now",
])
def test_who_the_asker_is_is_not_what_is_asked(query):
    d = S.decide(query)
    assert d.reason == "meaning" and d.covered and not d.unknown, (query, d)


@pytest.mark.parametrize("query", [
    # ... while a question about the trade itself stays out
    "plumber here, how much should I charge per hour for a job",
    "nurse here, how do I transfer my registration for a job abroad",
    "I'm an electrician, which tools should I bring to the job on day one",
    "lifeguard job, how do I pass the swimming test",
    "as a freelancer, how do I invoice a client",
    "is it normal to do an unpaid trial day after an interview",
])
def test_a_question_about_the_trade_itself_stays_out(query):
    assert not S.decide(query).covered, query


def test_the_words_about_the_asker():
    about = lambda q: scope._about_the_asker(q, S._split_query(q))  # noqa: E731
    assert about("I'm a welder, interviewed at a shipyard last week, how long before they tell me") == {"welder", "shipyard"}
    assert about("is it normal to do an unpaid trial day after an interview") == frozenset()  # a condition, not who
    assert about("I teach piano and interviewed at a school a fortnight ago") == frozenset()  # a fortnight is a time
    assert about("landlord, can they put the rent up") == frozenset()  # no hiring named: not a job seeker's situation


def test_a_real_word_is_not_corrected_into_the_subject():
    # round 13: "science" was corrected to "silence", a subject phrase
    assert not S.decide("how do I switch careers into data science").covered


def test_a_day_or_a_month_is_no_rare_word():
    # round 13: the article names few days, but a day is part of its world (the timing words); a
    # question decided by meaning is not asked the wider margin for one (flagged before at 0.127)
    d = S.decide("the manager said she would ring on wednesday and it is now saturday, what do I do")
    assert d.reason == "meaning" and d.covered and not d.unknown
    assert S.decide("met the site boss on thursday to talk about scaffolding").unknown == ("scaffolding",)


@pytest.mark.parametrize("query", ["", "   ", "the and of", "?!"])
def test_empty_questions_are_not_covered(query):
    assert S.covers(query) is False and S.asks_when(query) is False


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_covers_never_raises(text):
    assert S.covers(text) in (True, False)
    assert S.asks_when(text) in (True, False)


def test_covers_ignores_non_strings():
    assert S.covers(None) is False  # type: ignore[arg-type]


@pytest.mark.parametrize("query, timing", [
    ("When should I send a thank you email?", True),
    ("They said 2-3 weeks, it has been a month", True),
    ("after the holidays how long should I wait", True),
    ("What should I write in my follow-up email?", False),
    ("is email ok for a thank you", False),
    ("how long does a background check take", False),  # not covered: never a timing question
])
def test_asks_when(query, timing):
    assert S.asks_when(query) is timing


def test_scope_file_validation(tmp_path):
    good = json.loads((ROOT / "content" / "search_scope.json").read_text(encoding="utf-8"))
    data = scope.load_data()
    assert data.subject and data.topics and len(data.out_examples) >= 40 and 0 < data.margin < data.unknown_margin
    assert data.mixed_margin <= data.margin
    for field, bad in (("subject", ["the a of"]), ("out_of_scope_topics", {}), ("margin", "x"),
                       ("out_of_scope_examples", []), ("timing_words", [1]), ("out_of_scope_situations", {}),
                       ("out_of_scope_situations", {"x": ["the of"]}), ("subject_actors", ["interviewer"]),
                       ("domain_words", []), ("domain_words", ["hiring manager"]), ("not_topic_words", "x"),
                       ("not_topic_words", ["two words"]), ("topic_override_margin", "x"),
                       ("after_interview_phrases", []), ("after_interview_bonus", "x"),
                       ("subject_in_a_message", []), ("subject_in_a_message", ["in the"]),
                       ("subject_in_a_message", ["mention email"]), ("subject_in_other_words", ["interviewer"]),
                       ("subject_in_other_words", []), ("in_the_interview", {}), ("not_in_other_words", "x"), ("outside_a_hiring", {}),
                       ("outside_a_hiring", {**good["outside_a_hiring"], "unless": []}),
                       ("in_the_interview", {**good["in_the_interview"], "verbs": ["talk about"]}),
                       ("in_the_interview", {**good["in_the_interview"], "places": []}), ("about_the_asker", []),
                       ("about_the_asker", {**good["about_the_asker"], "job_words": ["a job"]})):
        (tmp_path / "search_scope.json").write_text(json.dumps({**good, field: bad}), encoding="utf-8")
        with pytest.raises(ContentError, match=field if field != "subject" else "subject"):
            scope.load_data(tmp_path)


# --- the meaning model --------------------------------------------------------------------------
def test_embeddings_are_unit_vectors_and_meaningful():
    v = semantic.embed(["I haven't heard back after my interview", "no reply from the employer since the interview",
                        "best pizza toppings", ""])
    assert v.shape == (4, 256) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[:3], axis=1), 1, atol=1e-5) and not v[3].any()
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_model_is_read_from_the_installed_wheel_without_network_or_importing_wordllama():
    code = (
        "import socket, sys\n"
        "def no(*a, **k): raise OSError('network used')\n"
        "socket.socket = no; socket.create_connection = no; socket.getaddrinfo = no\n"
        "from followup.advice import semantic\n"
        "v = semantic.embed(['hello'])\n"
        "print(v.shape[1], 'wordllama' in sys.modules, semantic.package_dir().name)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PATH": "", "HOME": "/nonexistent", "HF_HUB_OFFLINE": "0"})
    assert out.stdout.split() == ["256", "False", "wordllama"]


def test_a_missing_model_file_raises_instead_of_downloading(tmp_path):
    with pytest.raises(semantic.SemanticModelMissing):
        semantic.load(tmp_path)


def test_model_and_scope_load_once_per_process():
    S.covers("when should I follow up")
    first = semantic.model()
    for q in ("a", "b", "how long does a background check take"):
        S.covers(q)
    assert semantic.model() is first and semantic.load_count() == 1
    assert scope.scope() is scope.scope()
