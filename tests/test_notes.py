"""The note checker (followup.notes.check): every code raised by a draft that should raise it and
not by a near miss (a word inside another word, a capitalised name, a British spelling), every
kind and channel, drafts composed by the writer, the rule file's validation."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from followup.notes import Finding, check
from followup.write import drafts, rules
from followup.write.rules import CHANNELS, KINDS

GOOD = """Dear Priya,

Thank you for talking with me on Tuesday about the Data Analyst role at Acme Health. I especially
enjoyed hearing how your team rebuilt the claims dashboards in six weeks. I am very interested in
the role and would be glad to join the team. In four years at a regional insurer I built the
reporting that cut month-end close from ten days to four.

Best regards,
Jordan Lee"""
CTX = dict(company="Acme Health", role="Data Analyst", contact="Priya Shah")


def codes(body, kind="thank_you", channel="email", subject="Thank you: Data Analyst interview", **kw):
    return [f.code for f in check(body, kind=kind, channel=channel, subject=subject, **{**CTX, **kw})]


def with_line(line: str) -> str:
    return GOOD.replace("Best regards,", line + "\n\nBest regards,")


def test_a_careful_note_has_no_finding():
    assert check(GOOD, kind="thank_you", subject="Thank you: Data Analyst interview", **CTX) == []


def test_finding_fields_and_links():
    f = check(with_line("What is the salary range?"), kind="thank_you", subject="Thanks", **CTX)[0]
    assert isinstance(f, Finding)
    assert (f.code, f.severity, f.refs) == ("salary", "fix", ("q5-kevin",))
    assert "salary" in f.quote and f.message and f.links == ("/?ref=q5-kevin",)


MUST = {
    "salary": ["What is the salary range for the role?", "Could you tell me about the benefits package?",
               "Is there paid vacation?", "How many days of annual leave come with it?",
               "I would also like to ask about pay.", "Is there a signing bonus?", "What is the pension like?",
               "How many days holiday do staff get?", "What is the holiday entitlement?", "Is overtime paid?",
               "Could we discuss the package?", "What would I earn in the role?", "Does the role come with health cover?", "Is there a car allowance?",
               "Is private medical insurance included?", "What is the commission structure?",
               "What is the parental leave policy?", "I have run payroll for years; is there a pension?",
               "I ran payroll for years. What is the pension like?",
               "What are the hours and the rate?", "I would need at least 30k to make the move.",
               "How many days off do staff get a year?", "Is parking free for staff?"],
    "personal_issues": ["I have been unwell this month, so the timing matters.", "My current job is toxic.",
                        "I am behind on my rent.", "My mother was in hospital, which is why I was late.",
                        "I'm not happy in my current role.",
                        "I have been out of work since the spring and things are tight.",
                        "Life has been very hard for us lately.", "There has been a lot going on at home.",
                        "We are struggling to pay the bills.", "My savings have almost run out, so I am short of money.",
                        "I was signed off with burnout in the summer.", "My father passed away last month.",
                        "We lost our flat and I'm sofa surfing.", "I feel undervalued and underpaid where I am.",
                        "My manager never listens to anyone.", "I am at risk of redundancy.",
                        "I have family commitments that may affect my hours.",
                        "I worked hard, but money is tight at home.", "We are in debt.",
                        "I'm a single parent and childcare is a nightmare.", "Honestly my current team is a shambles.",
                        "I've been off work with stress.", "I'm going through a messy divorce.",
                        "My car broke down so I may need to start later.", "My current employer treats staff badly.",
                        "I'm in a lot of debt.", "Life's been tough lately.", "My son has been very ill.",
                        "I've had some health issues this year.", "I'm on antidepressants.", "I had a breakdown last year.",
                        "I was off on sick leave for a month.", "We had a family bereavement.",
                        "I am facing a disciplinary at work.", "My savings have almost run out.", "We have nowhere to live.",
                        "I went bankrupt last year.", "My mum is very ill and I am her carer.",
                        "Job hunting for a year is taking its toll.", "Money is short at the moment.",
                        "My mental health hasn't been great.", "My manager is impossible to work with.",
                        "I need the income.", "I've been depressed since losing my job.",
                        "My last employer let me go unfairly.", "I have a court case coming up."],
    "pushy": ["Why haven't I heard back from you?", "Please reply by Friday.", "I really need this job.",
              "You said you would call me on Monday.", "It is taking so long.", "I need an answer by tomorrow.",
              "I need to know whether I got it by Friday.", "I was promised a decision within days.", "Someone should have told me sooner.", "Could somebody please get back to me?",
              "What is the hold-up?", "Nobody has bothered to reply.", "I'm still waiting for an answer.",
              "This is my third email.", "I find this really frustrating.", "Common courtesy would be a reply.",
              "Please confirm by Thursday whether I am through.", "Otherwise I will accept another offer.",
              "I'll do anything to get this role.", "I've been waiting weeks for an answer.",
              "I also called your reception twice.", "I might drop by your office on Friday.",
              "It's been over a month and I've had no reply.", "I'd appreciate the courtesy of a response.",
              "Surely a decision has been made by now.", "I must insist on an answer this week.",
              "Please respond soon as I have other options.", "I am losing patience with this process.",
              "Hello?? Is anyone there?", "I hope you haven't forgotten about me.",
              "If I don't hear by Friday I will assume the worst.", "You promised a call last week.",
              "Nobody has been in touch.", "Three weeks is far too long to keep a candidate waiting.",
              "Please hurry.",
              "Please reply ASAP.", "I need an urgent answer.", "This is urgent.", "Let me know as soon as possible.",
              "This silence is very disappointing.", "I find it rude not to reply.", "I feel ghosted.",
              "Please get back to me immediately.",
              "It seems nobody reads these emails.", "You are not taking my application seriously.",
              "Please do me the courtesy of replying.", "I was expecting a call by now.",
              "Can you give me a straight answer?", "I need you to tell me today.", "Why the delay?",
              "I'm sure you understand my frustration.", "I'll take the other offer if I don't hear soon.",
              "Are you going to get back to me or not?", "You said two weeks and it's been four.",
              "I'll phone every day until I hear.", "I trust you will respond promptly."],
    "checking_in": ["Just checking in on my application.", "I wanted to touch base about the role.",
                    "I am circling back on our chat.", "I just wanted to follow up on the role.",
                    "Any update on my application?", "Just a quick follow-up on the role.",
                    "A gentle nudge about my application.", "Just writing to see if there is any news.",
                    "I'm checking back in about the role.",
                    "Checking in on my application.", "I'm just checking in again.", "I wanted to check in about the role.",
                    "I'm following up to see if there is any news on the role."],
    "apology": ["Sorry for my rambling answer about SQL.", "I was so nervous during the interview.",
                "I didn't interview very well.", "I know my answer on forecasting was rather muddled.",
                "My explanation of the pivot table came out all over the place.",
                "I don't think I explained my dashboard work very clearly.", "I didn't do my experience justice.",
                "I could have structured my answer on budgets better.", "I wish I had given a clearer example.",
                "I'm sorry about how I handled the SQL question.", "Please excuse my nerves on the day.",
                "I was not at my best on Tuesday.", "My mind went blank on the last question.",
                "I got muddled when you asked about joins.", "I made a couple of mistakes in the exercise.",
                "I got the figures wrong in the case study.", "Apologies again for the mix-up with the dates.",
                "Sorry I was so quiet in the interview.", "I fear I talked too much.",
                "I'm kicking myself for forgetting to mention my Python work.",
                "I don't think I came across as well as I wanted to.", "That question about budgets threw me.",
                "I'm afraid I fluffed the question on KPIs.", "I feel I undersold myself.",
                "I know I was late, and I'm sorry.", "I didn't prepare as well as I should have.",
                "My answers were too long.",
                "I froze when you asked about SQL.", "I rambled a lot.", "I stumbled over the question on budgets.",
                "I regret not preparing better.", "I probably talked too much about myself.",
                "I hope I didn't come across as arrogant.", "Please don't judge me by that answer.",
                "I struggled with the technical test.", "I was unprepared for the question on KPIs.",
                "I wasn't as clear as I'd have liked.", "Forgive me for being late."],
    "placeholder": ["I met [Name] and the team.", "I love <COMPANY> and its work.", "The {role} suits me.",
                    "I can start on XXX."],
    "emoji": ["It was great to meet you :)", "It was great to meet you 😀"],
}
NEAR = {
    "salary": ["I enjoyed hearing about your payments API.", "I have run Accounts Payable for two years.",
               "I will pay close attention to the handover.", "The work benefits both teams.",
               "I saw the benefits of your mentoring scheme.", "Meeting the whole team was a bonus.",
               "I made a plan for the holiday rota at my last job.", "I processed overtime claims for 300 staff.",
               "I ran the anti-money laundering checks.", "I sold health insurance for two years.",
               "I worked on the commission's report on housing.",
               "I managed the benefits enrolment system for 2,000 staff.",
               "I was responsible for the pension data migration.",
               "I helped families claim the benefits they were entitled to.",
               "I would love to join a team that pays attention to detail.",
               "I'll be on annual leave next week, but I can take a call.", "I'm on PTO until Monday.",
               "Your benefits advice service sounds like my kind of work.",
               "It was great to hear that you pay for professional training.",
               "I managed budgets of at least £2m.", "I cut the rate of errors by half.",
               "I ran the staff canteen for 200 people.", "I took two days off to build the demo."],
    "personal_issues": ["Your health-tech product impressed me.", "The family of products is impressive.",
                        "I enjoyed hearing about the housing charity you support.",
                        "I handled eviction cases for a housing trust.", "I avoid micromanaging my team.",
                        "I supported families through difficult times at the food bank.",
                        "I cared for patients on a busy surgical ward.", "Your finance team has had a busy year.",
                        "I ran the debt advice line for two years.", "My experience in debt advice is relevant.",
                        "I helped clients with money worries for two years.",
                        "My daughter was born last year, and I am ready for a new challenge.",
                        "I managed the grievance cases for 300 staff.", "I helped tenants in arrears agree plans.",
                        "Your clinic's work on mental health problems was inspiring.",
                        "My health and safety training is up to date.", "I produced a cost breakdown for every ward.",
                        "I learned how your team prevents burnout.", "Your bereavement service sounds thoughtful.",
                        "Your divorce team handles a lot of cases.", "I volunteered for a single parent charity.",
                        "Your mission to help families make ends meet is why I applied.",
                        "I admire your work with families struggling with debt.",
                        "The project ran out of funds before I joined.",
                        "It has been a financially difficult year for charities.",
                        "I worked in insolvency, handling bankruptcy files.", "I cared for a disabled man for three years.",
                        "My manager is supportive of my move.", "I worked as a court clerk for two years."],
    "pushy": ["I thrive under tight deadlines.", "I look forward to hearing from you.",
              "I was told about the role by a former colleague.", "I thrive on a deadline.",
              "Please let me know if I can send anything else.", "Could you tell me when you expect to decide?",
              "I waited tables through college.", "I deal with frustrated customers calmly.",
              "I need to know the parking details before Monday's visit.",
              "It is frustrating for customers when parcels are late, so I track every one.",
              "I have been waiting for a chance to work in logistics.", "Thanks for giving me your mobile number.",
              "I really need the team's style guide, so could you send it?",
              "I know you are very busy, so there is no hurry.", "Surely the best part was the tour.",
              "I heard nothing but good things about your team.",
              "I am available to start immediately.", "I could start right away if that helps.",
              "I handled urgent repairs for 200 homes.", "I can start as soon as possible after my notice.",
              "I was able to respond immediately to complaints.", "I worked with disappointing data and fixed it.",
              "I dealt with rude customers politely.", "The ghosting problem in your old app was interesting.",
              "I trust you will let me know the outcome in due course.",
              "Nobody reads long emails, so I will keep this short.",
              "Please don't feel you need to reply to this note."],
    "checking_in": ["I wanted to follow up on our conversation about the launch.",
                    "I liked the check-in rota you described.", "Is there any news on the role?",
                    "Could you tell me whether there are any updates on the timeline?",
                    "I checked in 200 guests a night at a busy hotel.", "I touched base with 40 clients a week.",
                    "I checked in on new starters every Friday."],
    "apology": ["I was sorry to hear about the reorganisation.", "I'm sorry for the late reply.",
                "I made a few changes to the rota at my last job.", "I fixed the mistakes in our old scripts.",
                "I explained the new process clearly to forty staff.", "I got stuck into the data at once.",
                "It was a bad day for the network when I joined, and I rebuilt it.",
                "I hope my answer to your question is in the attached sample.",
                "Sorry to have missed you at the open day.", "I'm sorry I won't be joining the team.",
                "I was late to data work, but I have caught up.", "Apologies if this reaches you while you are away.",
                "I froze hiring for a quarter and cut costs.", "I stumbled on your blog last year.",
                "I was off on Friday, so I missed your call.", "The screen went blank during the demo, and I carried on.",
                "I regret that I cannot make Thursday, but Friday works.",
                "I struggled with Excel at first, then became the team's go-to person.",
                "I was well prepared for the questions thanks to your brief.",
                "The team was not as big as I expected, which I liked.",
                "I was nervous before we started, but you put me at ease."],
    "placeholder": ["I can start in March.", "I have an email address at jordan@example.com."],
    "emoji": ["Ratio 3:1 of analysts to engineers.", "(See my portfolio.)"],
}


@pytest.mark.parametrize("code,line", [(c, line) for c, lines in MUST.items() for line in lines])
def test_phrase_rules_raise(code, line):
    assert code in codes(with_line(line))


@pytest.mark.parametrize("code,line", [(c, line) for c, lines in NEAR.items() for line in lines])
def test_phrase_rules_near_misses(code, line):
    assert code not in codes(with_line(line))


def test_masked_company_name_is_not_a_money_worry():
    body = GOOD.replace("Acme Health", "Rocket Mortgage")
    assert codes(body, company="Rocket Mortgage") == []


def test_no_interest_no_fit_no_specific():
    bare = "Dear Priya,\n\nThank you for your time yesterday. It was good to meet you and to talk about the work " \
           "and the office. I wish you a good week and hope the rest of the process goes smoothly.\n\nBest,\nJo"
    got = codes(bare, subject="Thank you for the interview", company="", role="", contact="")
    assert {"no_interest", "no_fit", "no_specific"} <= set(got)
    # each near miss satisfies it
    assert "no_interest" not in codes(bare.replace("It was good", "I am very interested in the role. It was good"),
                                      company="", role="")
    assert "no_fit" not in codes(bare.replace("It was good", "I have run payroll for 400 staff. It was good"),
                                 company="", role="")
    assert "no_specific" not in codes(bare, company="", role="", specific="the claims dashboards",
                                      ) or True  # words of the debrief must be in the body:
    assert "no_specific" in codes(bare, company="", role="", specific="the claims dashboards")
    assert "no_specific" not in codes(bare.replace("the work", "the claims dashboards"), company="", role="",
                                      specific="the claims dashboards rebuild")
    assert "no_specific" not in codes(bare.replace("the work", "the work at Acme Health"), role="")


NO_FIT_BASE = "Dear Priya,\n\nThank you for talking with me on Tuesday about the Data Analyst role at Acme Health. " \
              "Hearing how your team rebuilt the claims dashboards was the highlight, and I am very interested in " \
              "the role. {line}\n\nBest regards,\nJordan Lee"
# a line of fit comes in many forms: work done in any tense, work history, scale, what the writer is
FIT_LINES = ["I speak fluent Polish.", "I have practised as a solicitor for ten years.",
             "I have prepared the monthly accounts since 2021.", "I have a good command of German and English.", "My profile corresponds to your needs.",
             "I master SQL and Python.", "My dissertation used the same claims data methods.",
             "I used to build these dashboards at a regional insurer.", "I've done exactly this kind of migration before.",
             "I know SQL, Python and Power BI well.", "I have been working with claims data since 2019.",
             "I'm the person who built our company's claims dashboard.",
             "I co-ordinated the tender responses for my department.", "I have co-operated with three councils.",
             "I reconcile about 200 supplier accounts a month.", "I currently look after a caseload of 40 families.",
             "I've coordinated volunteers for three summer fairs.", "I am now managing the returns desk.",
             "I did a similar data migration in my previous job.", "At my current employer we cut close to four days.",
             "I am a qualified bookkeeper.", "I'm fluent in SQL and comfortable with Power BI.",
             "My time on a busy helpline taught me how to stay calm.", "Having trained new starters for two years, "
             "I could help with onboarding.", "I ran a 500-seat conference last spring.",
             "I supervise a team of 12 pickers.", "I know from experience how much a clean handover matters.",
             "Both of my placements were in claims.", "I taught myself Python and automated our weekly report.",
             "As a nurse on a busy ward, I am used to juggling priorities.", "I speak Polish and French fluently.",
             "Six years behind the counter have given me a thick skin.", "I am currently a shift leader at a bakery.",
             "I hold a forklift licence.", "I am confident with SQL and Tableau.", "I have a good eye for detail.",
             "Payroll is something I know well.", "With a background in finance, I could start quickly.",
             "As someone who has managed rotas for a busy cafe, I know the pressure.",
             "I know SQL well and use it every day.", "After a decade in hospitality, care comes naturally.",
             "Having been a teaching assistant myself, I understand the role.",
             "I've done two peak seasons, picking up to 150 items an hour.", "I did three summers at a garden centre.",
             "I'm great with customers.", "My previous job was very similar.", "I work well under pressure.",
             "I'm an organised person.", "I have my own tools and a van."]
NOT_FIT_LINES = ["I have attached my CV again for reference.", "I have been working hard on my interview skills.",
                 "I speak highly of your company to friends.", "I have enjoyed thinking about the role.",
                 "I speak to you soon, I hope.", "I know you have a lot on as well.", "I used to think interviews were scary.",
                 "I enjoyed meeting the team and learned a lot about the work.",
                 "It was really useful to hear about your plans.", "I found the tour useful for seeing the work.",
                 "I care deeply about good data.", "I visited your office last year and saw the dashboards.",
                 "I hope to hear from you soon.", "I look forward to the next steps.",
                 "I would love to see first-hand how the team works.", "I believe I would be a great asset.",
                 "I am a big believer in open data.", "I am a great admirer of your work.",
                 "I am confident that I could contribute.", "I was the first candidate on Tuesday.",
                 "I am calm and happy to wait for your decision.", "I'm good at waiting."]


NO_INTEREST_BASE = "Dear Priya,\n\nThank you for talking with me on Tuesday about the Data Analyst role at Acme Health. " \
                   "Hearing how your team rebuilt the claims dashboards was the highlight. I have built insurance " \
                   "reporting for four years. {line}\n\nBest regards,\nJordan Lee"
INTEREST_LINES = [
    # in the words of people whose first language is not English, correct but not idiomatic
    "I want to underline my strong motivation for this position.", "I confirm my strong interest.",
    "I hope to have the opportunity to collaborate with you.", "My motivation for this role is very high.",
    "This position corresponds perfectly to my wishes.", "I really hope to be selected.",
    "I hope I will be chosen for this job.", "It would be great to work together.", "Working at your company is my goal.",
    "I am convinced that this position matches my ambitions.", "The role suits my career plans.",
                  "This role is the one I want.", "Our talk made me want the job even more.", "I'm all in.",
                  "I remain strongly committed to the position.", "I'm hopeful I'll be joining the team.",
                  "It would mean a lot to me to work there.", "I really like the sound of the role.",
                  "I'm very much looking to join a team like yours.", "Should you offer me the role, I would accept gladly.",
                  "I'd really enjoy working with your team.", "Joining your team would be a dream.",
                  "It is just the sort of work I have been hoping for.", "I can't wait to hear more.",
                  "I truly want this job.", "I was drawn to how openly your team shares its numbers.",
                  "The visit made me keener than ever.", "Working with you would be an honour.",
                  "I am ready to get started.", "It feels like the right move for me.", "I'd be proud to join.",
                  "I hope that we will work together.", "Modelling claims data is what I most want to do.",
                  "Acme Health is my first choice.", "I would jump at the opportunity.",
                  "I'd like to go ahead if they do.", "I am happy to take things further.",
                  "I hope our paths cross again.", "Please tell me if another role comes up."]
NOT_INTEREST_LINES = ["The interest rate rise was a hot topic in our chat.", "It would be great to hear from you.",
                      "The shift pattern matches my notes from the call.", "I would enjoy hearing your news.", "I know where I want to park next time: the side road.",
                      "I hope to hear from you soon.", "It was a pleasure to meet you.",
                      "I wish you a good week.", "I am interested to hear how the pilot goes."]


SPECIFIC_BASE = "Dear Priya,\n\nThank you for your time on Tuesday. {line} I am very interested in joining, and I have " \
                "built claims reporting for four years.\n\nBest regards,\nJordan"
SPECIFIC_LINES = ["The story about the flooded warehouse made me laugh.", "It was great to see the new lab.",
                  "Thanks for explaining the new shift pattern.", "I've been thinking about the question on reducing no-shows.",
                  "I loved the idea of the monthly community day.", "The challenge you mentioned with late deliveries is one I know well.",
                  "It was good to learn about your expansion into Scotland.", "The case study on customer churn was fun to work through.",
                  "I was struck by how much the team cares about accessibility.",
                  "Your plans to merge billing and claims data sound exciting.", "I enjoyed the tour of the new office.",
                  "I liked your point about keeping reports to one page.",
                  "You asked how I would handle duplicate claims, and I have thought more about it.",
                  "I was impressed by how your team shares its numbers each Friday.",
                  "Since our call I have read your annual report.", "I enjoyed meeting the Bristol team.",
                  "Meeting Karen was the highlight."]
GENERIC_LINES = ["Thanks for explaining the next steps.", "It was nice to see you.", "I enjoyed learning more about the company.",
                 "The questions were challenging but fair.", "It was good to meet you and learn more about the position.", "I enjoyed our conversation.",
                 "I appreciated your time and your questions.", "It was great to meet you, Sarah.",
                 "I enjoyed our conversation with the Hiring Manager."]



def test_no_specific_counts_the_word_of_the_title_that_says_which_job():
    base = ("Dear Jenny,\n\nThank you so much for showing me round {what} on Monday. I have worked with "
            "two-year-olds for four years and would love to be part of your team. I hope the rest of your week "
            "goes well.\n\nWarmly,\nBeth")
    ctx = dict(company="Little Acorns", role="Nursery Practitioner", contact="Jenny", subject="Thank you")
    assert codes(base.format(what="the nursery"), **ctx) == []
    assert "no_specific" in codes(base.format(what="the place"), **ctx)
    # rank words alone ("a practitioner", "the team") say nothing about which job
    assert "no_specific" in codes(base.format(what="the practitioner's area"), **ctx)


@pytest.mark.parametrize("line", SPECIFIC_LINES)
def test_no_specific_is_satisfied_by_a_detail_of_theirs_without_naming_them(line):
    assert "no_specific" not in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")


@pytest.mark.parametrize("line", GENERIC_LINES)
def test_no_specific_is_not_satisfied_by_a_line_that_could_go_to_anyone(line):
    assert "no_specific" in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")


@pytest.mark.parametrize("line", INTEREST_LINES)
def test_no_interest_is_satisfied_by_interest_in_many_phrasings(line):
    assert "no_interest" not in codes(NO_INTEREST_BASE.format(line=line))


@pytest.mark.parametrize("line", NOT_INTEREST_LINES)
def test_no_interest_is_not_satisfied_by_politeness(line):
    assert "no_interest" in codes(NO_INTEREST_BASE.format(line=line))


@pytest.mark.parametrize("line", FIT_LINES)
def test_no_fit_is_satisfied_by_fit_in_many_phrasings(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", NOT_FIT_LINES)
def test_no_fit_is_not_satisfied_by_lines_without_experience_or_skills(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))

# Lines a careful person writes, in many styles (British and American, formal and casual, plain and
# technical); none of them is in a draft set. Each goes into a good note, which must stay without finding.
CAREFUL_LINES = [
    # sympathy, 'benefit' as a verb, haste words that are not pressure
    "I was sorry to hear that Maria is leaving the team, and I hope the handover goes smoothly.",
    "Sorry to hear the office move was delayed; it sounds like the new site will be worth it.",
    "I think the whole department would benefit from a shared reporting template.",
    "A clearer intake form benefits everyone, and I have built one before.",
    "Your patients clearly benefit from the short waiting times you described.",
    "It was good to hear you are pressing ahead with the new warehouse in spring.",
    "I can't wait to see how the Leeds launch goes.",
    # technical words
    "I made our nightly import idempotent, so a rerun never double-counts an order.",
    "I wrote asynchronous, idempotent API handlers and a Kubernetes deployment pipeline in Terraform.",
    "We used Postgres, Kafka and microservices; I added retries with exponential backoff.",
    "I moved our webhooks to a serverless runtime and wrote the changelog for each hotfix.",
    "Your take on sunsetting legacy features was refreshing.",
    "Please let me know as soon as possible if you need anything else from me.",
    "Sorry, I forgot to attach my portfolio yesterday, so here it is.",
    "I'm sorry we ran out of time to talk about the training plan; I'd love to hear more.",
    "It has been two weeks since we met, and I have kept thinking about your plan.",
    "I was told I would hear within two weeks, which suits me well.",
    "My email was lost in the migration, so I am resending my portfolio.",
    "Could you send me the answer key from the test for my own learning?",
    "I am worried about the deadline for your launch and would love to help.",
    "I have heard nothing but praise for your team.",
    "Could you tell me what I could have done differently?",
    "I know you said you'd decide by the end of the month, so no rush.",
    "You mentioned a decision by Friday; I look forward to it.",
    "Do you have a sense of when a decision might be made?",
    "I'd appreciate hearing either way.",
    "I'd be grateful to hear how I could have answered the design question better.",
    # pay, benefits, health and pension words that name a job title, team, field or product
    "I have spent three years as a Payroll and Pensions Officer, so the reconciliation work is familiar.",
    "I was pleased to hear more about the Benefits Analyst role and the team's plans.",
    "Meeting your Health and Safety lead made the site visit feel very real.",
    "The Pensions Administrator post suits my four years of scheme administration.",
    "I enjoyed hearing about the pension transfers project your team is starting.",
    "Your work on mental health services for young people is impressive.",
    "I liked hearing about the benefits advice drop-in you run for tenants.",
    "In my last job I processed workers' compensation claims for a regional insurer.",
    "Talking through their workers' compensation work made me keen to join.",
    "I enjoyed learning how your pay equity review is organised.",
    "I'd be glad to help with the compensation and benefits reporting.",
    "I was happy to hear that the health visitors' team is growing.",
    # feedback and the decision, asked for politely
    "Thank you for explaining the decision so clearly; I appreciated your honesty.",
    "I would welcome any feedback you are able to share.",
    "I understand why you chose a candidate with more direct experience.",
    # 'back', 'heart', 'eye' that are not health
    "I would be delighted to bring my background in back-office operations to your team.",
    "The back-end problem you described is one I solved at my previous company.",
    "I'm keen on the role; my eye for detail would help with the audits.",
    "My heart is in community work, which is why this role appeals to me.",
    # non-native but correct, casual, formal
    "Thanks a lot for showing me round the kitchen yesterday.",
    "I would like to reiterate my strong interest in the role.",
    "I'd like to take this opportunity to thank you for your time.",
    "It made me more enthusiastic about joining.",
    "I co-ordinated the rota for 40 volunteers and co-operated closely with the council.",
    "Apologies again for the confusion about the start time; it was no trouble at all.",
    "I'm pressing on with my CIPD Level 5, which covers reward and pay strategy.",
    "I can send the sample report by Friday at the latest.",
    "I was disappointed by the news, but I understand.",
    "In my last role I fixed a lack of communication between shifts.",
    "I specialise in employee benefits communication and have written guides for 3,000 staff.",
    "I managed accounts payable and receivable for a small manufacturer.",
    "The pay-per-click campaigns I ran last year doubled our leads.",
    "I am a registered mental health nurse with four years on acute wards.",
    "I can start immediately after my notice period of four weeks.",
    "I know you are busy with the launch, so there is no rush to reply.",
    "Thanks for setting up the interview; I've benchmarked salaries for 1,200 staff at my current employer.",
    "I covered maternity leave for a senior analyst last year.",
    "I earned a performance bonus two years running for cutting errors.",
    "I set up direct debit payments for 5,000 members.",
    "I helped families with debt advice as a volunteer at the food bank.",
    "I left my last job to care for my grandmother, and I'm now ready to return to full-time work.",
    "I'm sorry I couldn't make the Thursday slot; thank you for moving it to Friday.",
    "I'm happy in my current job, but this role is the step I've been working towards.",
    "I thrive on tight deadlines and have never missed a month-end.",
    "Sorry it didn't work out this time, but I enjoyed talking about your streaming pipeline.",
    "I managed a £2m budget at my last firm.",
    "I was looking for a number of things in my next role.",
    "I had a lot going on at work during the merger, and I led the migration.",
    "I provide equity research to asset managers.",
    "I will call the references you asked for if I do not hear otherwise.",
    "I expedited 300 orders during peak.",
    "I sent the notes from the workshop and got no questions.",
    "This is time-sensitive data, which I handle daily.",
    "I know the role was advertised again last year.",
    "I apologise in advance for the long attachment: it's the full case study you asked for.",
    "Sorry to hear about the power cut at your office; I hope it's back on.",
    "I benefited a lot from your advice on the portfolio.",
    "I handled leave requests and sickness records for 120 staff.",
    "I managed the car allowance scheme for our sales team.",
    "I spotted and fixed an error in our stock figures that saved £20,000.",
    "Holiday cover was something I organised for 30 staff at my last job.",
    "You mentioned the team is short-staffed, and I'm used to covering extra shifts.",
    "I know how pressing the backlog is, and I'd love to help clear it.",
]

PROBLEM_LINES = [
    ("salary", "Could you tell me what the Pay is like?"),
    ("salary", "I would also like to know what pensions you offer."),
    ("salary", "Do staff get a bonus at Christmas?"),
    ("salary", "Could we discuss salary and the team structure?"),
    ("salary", "What is the salary and what team would I join?"),
    ("salary", "Which pension provider do you use, and is the scheme matched?"),
    ("salary", "Is the pension scheme a good one?"),
    ("pushy", "I would like a full explanation of why I was not chosen."),
    ("pushy", "I do not understand why I was rejected after such a good interview."),
    ("pushy", "Please reconsider your decision."),
    ("pushy", "I think I deserve an explanation."),
    ("pushy", "How could you pick someone with less experience?"),
    ("personal_issues", "My knee problem means I can't stand for long shifts."),
    ("personal_issues", "I suffer from migraines, so I may need some flexibility."),
    ("personal_issues", "I have a bad back, so lifting may be hard for me."),
    ("personal_issues", "I have a heart condition that means I cannot lift heavy boxes."),
    ("personal_issues", "My manager at my current job is a bully."),
    ("personal_issues", "I hate my current job."),
    ("salary", "Will there be a pay review after probation?"),
    ("pushy", "Why has nobody got back to me?"),
    ("pushy", "I must say I am very disappointed by the lack of communication."),
    ("pushy", "I would appreciate a response by tomorrow at the latest."),
    ("apology", "Sorry for the mix-up with my dates in the interview."),
    ("apology", "Sorry for the confusion in my answer about the budget."),
    ("pushy", "Please let me know as soon as possible."),
    ("pushy", "No rush, but I need to know by Friday."),
    ("pushy", "You said you would call me on Monday and you didn't."),
    ("pushy", "I'm running out of options, so please decide soon."),
    ("personal_issues", "My savings have run out."),
    ("apology", "Sorry I forgot the figures you asked for in the interview."),
    ("salary", "Before we go further, could you confirm the salary?"),
    ("salary", "I'd be grateful to know the pay range before the next round."),
    ("salary", "One question I forgot to ask: what does the role pay?"),
    ("salary", "Would there be any flexibility on the starting salary?"),
    ("salary", "I also wanted to ask whether the position comes with a pension and health insurance."),
    ("salary", "How many vacation days does the company offer?"),
    ("salary", "Is there a sign-on bonus?"),
    ("salary", "What's the salary like?"),
    ("salary", "Could you tell me more about the compensation package?"),
    ("salary", "I'm curious about the benefits you offer."),
    ("salary", "Is the pay weekly or monthly?"),
    ("salary", "Will I be paid for training days?"),
    ("salary", "What's the hourly rate for weekend shifts?"),
    ("personal_issues", "I've had a rough few months since my divorce."),
    ("personal_issues", "My partner lost his job, so this role would really help us."),
    ("personal_issues", "My current employer is going under and I'm worried."),
    ("personal_issues", "My health hasn't been great this year."),
    ("personal_issues", "My current team is so toxic that I dread Mondays."),
    ("personal_issues", "I've been off work with anxiety since March."),
    ("personal_issues", "We're about to lose our flat, so the timing matters."),
    ("personal_issues", "My boss takes credit for my work."),
    ("personal_issues", "I have been unemployed for eight months."),
    ("personal_issues", "I was let go last month after a restructure."),
    ("pushy", "I'm still waiting to hear back."),
    ("pushy", "It has been three weeks and I have heard nothing."),
    ("pushy", "I was told I'd hear by Friday, and it's now Wednesday."),
    ("pushy", "Please give me an answer either way."),
    ("pushy", "I will need your decision by the 15th."),
    ("pushy", "If I don't hear from you soon, I'll assume the answer is no."),
    ("pushy", "I'm sure you're busy, but a reply would be nice."),
    ("pushy", "I'd hate to think my application has been forgotten."),
    ("pushy", "I have another offer on the table and need to respond by Monday."),
    ("pushy", "Please, I really need this job."),
    ("pushy", "I don't understand why it's taking so long."),
    ("apology", "Sorry if I came across as nervous."),
    ("apology", "I know I stumbled over the question about budgets."),
    ("apology", "I'm afraid my answer on teamwork wasn't very clear."),
    ("apology", "I apologise for being late to our meeting."),
    ("apology", "I'm embarrassed about how I answered the salary question."),
    ("apology", "I realise I didn't explain my role at Acme very well."),
    ("apology", "My mind went blank when you asked about my weaknesses."),
    ("apology", "Please forgive my nerves."),
    ("checking_in", "I'm just checking in to see if there's been any progress."),
    ("checking_in", "Just wanted to circle back on the Data Analyst role."),
    ("checking_in", "Touching base to see where things are."),
    ("checking_in", "Just a friendly reminder about my application."),
    ("checking_in", "Just pinging you about the role."),
    ("checking_in", "Following up to see if you've made a decision."),
    # problems in other wordings: pay asked about or named as a figure, trouble at home or at work, pressure,
    # running down one's answer, filler chasers
    ("salary", "I'd also love to understand what the compensation looks like."),
    ("salary", "Could you share the salary expectations for the role?"),
    ("salary", "I'm hoping for a figure around 45,000."),
    ("salary", "What is the rate of pay?"),
    ("salary", "Do you offer private healthcare?"),
    ("salary", "Is there tuition reimbursement?"),
    ("salary", "Does the role include stock or equity?"),
    ("salary", "How much time off would I get?"),
    ("salary", "Would I get childcare vouchers?"),
    ("salary", "I'd like to know more about the remuneration package."),
    ("salary", "Is there a pension scheme?"),
    ("salary", "How does the pay compare with similar roles?"),
    ("salary", "What are the perks of working there?"),
    ("salary", "Is the salary negotiable?"),
    ("salary", "I currently earn £38k, so I'd need a bit more to move."),
    ("personal_issues", "My car broke down last week, which is why I was late."),
    ("personal_issues", "My son has been ill, so it has been a stressful month."),
    ("personal_issues", "I've been going through a lot personally."),
    ("personal_issues", "My contract ends next month and I have bills to pay."),
    ("personal_issues", "My current boss micromanages everything."),
    ("personal_issues", "I'm burned out in my current job."),
    ("personal_issues", "My visa runs out in April, so I need a sponsor soon."),
    ("personal_issues", "I'm really stressed at work at the moment."),
    ("personal_issues", "Honestly, I need to get out of my current job."),
    ("personal_issues", "Things at home have been difficult since my mum got sick."),
    ("pushy", "I will call on Monday if I don't hear back."),
    ("pushy", "Given my other offers, please expedite your decision."),
    ("pushy", "I noticed the job has been reposted; why is that?"),
    ("pushy", "I'd appreciate a decision this week."),
    ("pushy", "I have to know by Thursday."),
    ("pushy", "I've sent three emails now with no reply."),
    ("pushy", "I expect to be invited to the next round."),
    ("pushy", "I don't have forever to wait."),
    ("pushy", "I hope you won't keep me waiting much longer."),
    ("pushy", "It's been two weeks, so I'm assuming you've forgotten about me."),
    ("pushy", "Please respond at your earliest convenience, as this is time-sensitive."),
    ("apology", "I know my answer about the budget was weak."),
    ("apology", "Pardon my nerves during the interview."),
    ("apology", "I'm sorry my video kept freezing during the call."),
    ("apology", "I hope my nerves didn't show too much."),
    ("apology", "I wasn't at my best on Tuesday."),
    ("apology", "I feel I could have given a better answer about leadership."),
    ("apology", "Forgive the rambling answer on my last job."),
    ("apology", "I realise my answer on the STAR question was off."),
    ("checking_in", "Just reaching out to see if there's any update."),
    ("checking_in", "Just wanted to touch base on my application."),
    ("checking_in", "I'm writing to check on the status of my application."),
    ("checking_in", "Any update on the role?"),
    ("checking_in", "Just circling back on this."),
    ("checking_in", "Just following up on my last email."),
    ("checking_in", "Checking in on where things stand."),
]


@pytest.mark.parametrize("line", CAREFUL_LINES)
def test_careful_lines_in_many_styles_raise_nothing(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("code,line", PROBLEM_LINES)
def test_problem_lines_in_other_wordings_are_found(code, line):
    assert code in codes(with_line(line))


def test_verb_lists_inflect():
    forms = rules.inflect("manage")
    pat = re.compile(f"^(?:{forms})$")
    assert all(pat.match(w) for w in ("manage", "manages", "managed", "managing")) and not pat.match("manager")
    pat = re.compile(f"^(?:{rules.inflect('ship')}|{rules.inflect('lead:led')}|{rules.inflect('supply')})$")
    assert all(pat.match(w) for w in ("shipped", "ships", "led", "leads", "supplied", "supplies"))


def test_holiday_card_needs_no_interest_or_fit():
    card = "Dear Priya,\n\nWarm wishes to you and everyone at Acme Health for the holiday season. I still " \
           "remember our talk about the claims dashboards. All the best for the new year.\n\nJordan"
    assert codes(card, kind="holiday_card", channel="card") == []


def test_other_company():
    assert "other_company" in codes(with_line("I admire what Zeta Labs does."), other_companies=["Zeta Labs"])
    near = codes(GOOD, other_companies=["Acme", "Acme Health", "Zeta Labs"])  # part of the own company's name
    assert "other_company" not in near
    # a common-word company is matched only as written, with its capital
    assert "other_company" not in codes(with_line("I hit every target last year."), other_companies=["Target"])
    assert "other_company" in codes(with_line("I also spoke to Target."), other_companies=["Target"])


@pytest.mark.parametrize("kind", KINDS)
def test_length_bands_per_kind(kind):
    low, high = rules.rules().length_bands[kind]
    words = ["word"] * (high + 5)
    assert "too_long" in codes(" ".join(words), kind=kind)
    assert "too_short" in codes(" ".join(words[: low - 1]), kind=kind)
    assert not {"too_long", "too_short"} & set(codes(" ".join(words[:low + 1]), kind=kind))
    assert not {"too_long", "too_short"} & set(codes(" ".join(words), kind=kind, channel="linkedin"))


def test_linkedin_length_subject_and_exclamations():
    long = "Thank you for the talk about the Data Analyst role at Acme Health. " * 6
    assert "linkedin_length" in codes(long, channel="linkedin")
    assert "linkedin_length" not in codes(long[:290], channel="linkedin")
    assert "no_subject" in codes(GOOD, subject="")
    assert "no_subject" not in codes(GOOD, channel="card", subject="")
    assert "vague_subject" in codes(GOOD, subject="Hello again")
    assert "vague_subject" not in codes(GOOD, subject="Acme Health")
    for subject in ("Our chat on Tuesday", "The samples you asked for", "Keeping in touch", "Your decision"):
        assert "vague_subject" not in codes(GOOD, subject=subject), subject
    assert "vague_subject" in codes(GOOD, subject="Quick question")
    for subject in ("Great to meet you yesterday", "Appreciate your time", "Lovely to meet you",
                    "Grateful for your time this afternoon"):  # thanks in other words says what it is
        assert "vague_subject" not in codes(GOOD, subject=subject), subject
    assert "exclamations" in codes(GOOD.replace("weeks.", "weeks!").replace("team.", "team!"))
    assert "exclamations" not in codes(GOOD.replace("weeks.", "weeks!"))


def test_spelling():
    got = check(with_line("I recieve alot of reports."), kind="thank_you", subject="Thank you", **CTX)
    words = {f.quote for f in got if f.code == "spelling"}
    assert words == {"recieve", "alot"}
    assert any("receive" in f.message for f in got)
    british = with_line("I realised the colour of your organisation's programme and its onboarding analytics "
                        "centre, travelled and catalogued, whilst modelling the rebrand of the app.")
    assert "spelling" not in codes(british)
    assert "spelling" not in codes(with_line("I met Siobhan and Oluwaseun from Kraków and Zwolle."))
    # British forms beyond the common suffixes, and words of particular trades
    assert "spelling" not in codes(with_line("A marvellous neighbourhood café: the labourer's savoury pie, the "
                                             "armoury, an aeroplane, a chequebook; learnings from sonographers, "
                                             "reablement and homecare, a customisable toolchain, hyperparameters."))
    assert "spelling" not in codes(with_line("I did ad hoc reporting with vlookups, vice versa, de facto, the status quo, "
                                             "bona fide, pro forma; the walkaround and biophilic design; I buddied new hires."))
    assert "spelling" in codes(with_line("I will be there untill noon."))


@pytest.mark.parametrize("name", ["Bea", "Hana", "Ilse", "Jin", "Ama", "Mei", "Ole", "Bev", "Noa", "Ayo", "Ade", "Yan"])
def test_a_short_name_starting_a_sentence_is_not_a_typo(name):
    assert "spelling" not in codes(with_line(f"{name} showed me round the depot afterwards, which I enjoyed."))


@pytest.mark.parametrize("word", ["Teh", "Thnak", "Recieved", "Alot", "Thankz", "Wehn"])
def test_a_typo_starting_a_sentence_is_found(word):
    assert "spelling" in codes(with_line(f"{word} you again for the afternoon."))
    assert "spelling" in codes(with_line("Thnak you again."))


def test_spelling_knows_workplace_words_and_their_forms_but_not_misspelt_forms():
    line = ("I onboarded new devs, refactored our repo, reskilled the helpdesk team, upsold plans, deprioritised "
            "old tickets and co-founded a telehealth microsite; its rollout and stocktake went well.")
    assert "spelling" not in codes(with_line(line))
    assert "spelling" not in codes(with_line("My résumé, a café's décor, a naïve cliché, the façade; I met Zoë in Kraków."))
    got = check(with_line("It begining occured truely at random."), kind="thank_you", subject="Thank you", **CTX)
    assert {f.quote for f in got if f.code == "spelling"} == {"begining", "occured", "truely"}


def test_send_date():
    ny_day = [f for f in check(GOOD, kind="thank_you", subject="Thank you", sent_on=dt.date(2026, 12, 25), **CTX)
              if f.code == "send_date"]
    assert ny_day and "Christmas" in ny_day[0].message and "Monday 28 December" in ny_day[0].message
    assert "send_date" in codes(GOOD, sent_on=dt.date(2026, 12, 5))  # Saturday
    assert "send_date" not in codes(GOOD, sent_on=dt.date(2026, 12, 7))
    # Boxing Day falls on a Saturday in 2026; the UK observes it on Monday 28th
    assert "send_date" in codes(GOOD, sent_on=dt.date(2026, 12, 28), country="GB", subdivision="ENG")
    assert "send_date" not in codes(GOOD, sent_on=dt.date(2026, 12, 28), country="US")


def test_ranking_fix_before_consider():
    got = check("just checking in!! What is the salary?", kind="follow_up", subject="")
    sev = [f.severity for f in got]
    assert sev == sorted(sev, key=lambda s: s != "fix") and sev[0] == "fix"


def test_bad_kind_or_channel():
    with pytest.raises(ValueError):
        check(GOOD, kind="thanks")
    with pytest.raises(ValueError):
        check(GOOD, kind="thank_you", channel="fax")


FULL = drafts.Debrief(company="Acme Health", role="Data Analyst", contact="Priya Shah",
                      interview=dt.date(2026, 12, 1), met="Priya and Tom",
                      specific="how your team rebuilt the claims dashboards in six weeks",
                      fit="In four years at a regional insurer I built the reporting that cut month-end close "
                          "from ten days to four", promised="my sample SQL report", sender="Jordan Lee")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("channel", CHANNELS)
def test_composed_drafts_from_a_full_debrief_pass_the_check(kind, channel):
    seen = set()
    for v in range(3):
        d = drafts.compose(kind, channel, FULL, opening=v, closing=v)
        seen.add(d.body)
        assert (d.subject != "") == (channel == "email")
        got = check(d.body, kind=kind, channel=channel, subject=d.subject, company=FULL.company, role=FULL.role,
                    contact=FULL.contact, specific=FULL.specific)
        assert got == [], (kind, channel, v, [f.code for f in got], d.body)
    assert len(seen) >= 2  # several wordings


def test_empty_debrief_leaves_gaps_the_checker_names():
    d = drafts.compose("thank_you", "email", drafts.Debrief())
    assert "placeholder" in [f.code for f in check(d.body, kind="thank_you", subject=d.subject)]


GAP = re.compile(r"\[[^\]\n]*\]")


@pytest.mark.parametrize("field", ["company", "role", "contact", "met", "specific", "fit", "sender"])
def test_every_gap_a_draft_can_leave_is_a_fix(field):
    """Each debrief field left empty, in every kind, channel and wording: every bracketed gap the draft
    leaves is named by the check as a "fix" (the fit gap, 73 characters inside, was only a "consider")."""
    debrief = dataclasses.replace(FULL, **{field: ""})
    seen = set()
    for kind in KINDS:
        for channel in CHANNELS:
            for v in range(3):
                d = drafts.compose(kind, channel, debrief, opening=v, closing=v)
                for gap in GAP.findall(d.subject + "\n" + d.body):
                    seen.add(gap)
                    found = [f for f in check(f"Thank you. {gap} Best wishes.", kind=kind, channel=channel,
                                              subject="Thank you: Data Analyst interview")
                             if f.code == "placeholder"]
                    assert found and found[0].severity == "fix" and gap in found[0].quote, (kind, channel, gap)
                got = [f for f in check(d.body, kind=kind, channel=channel, subject=d.subject)
                       if f.code == "placeholder"]
                if GAP.search(d.subject + "\n" + d.body):
                    assert got and got[0].severity == "fix", (kind, channel, v, d.body)
    assert seen <= set(drafts.phrases()["gaps"].values()), seen


def test_the_fit_gap_of_an_empty_fit_line_is_a_fix():
    d = drafts.compose("thank_you", "email", dataclasses.replace(FULL, fit=""))
    assert drafts.phrases()["gaps"]["fit"] in d.body
    got = check(d.body, kind="thank_you", subject=d.subject, company=FULL.company, role=FULL.role,
                contact=FULL.contact, specific=FULL.specific)
    assert [(f.code, f.severity) for f in got if f.severity == "fix"] == [("placeholder", "fix")]
    assert drafts.phrases()["gaps"]["fit"] in got[0].quote


def test_phrase_file_gaps_must_be_gaps_the_check_finds(tmp_path):
    data = json.loads(drafts.PHRASES_FILE.read_text())
    data["gaps"]["fit"] = "(one line on why you fit)"
    bad = tmp_path / "p.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="gaps.fit"):
        drafts.load(bad)


def test_rule_file_is_validated(tmp_path):
    data = json.loads(rules.RULES_FILE.read_text())
    data["rules"]["salary"]["refs"] = ["q99-nobody"]
    bad = tmp_path / "r.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(rules.NoteRulesError, match="q99-nobody"):
        rules.load(bad)
    data = json.loads(rules.RULES_FILE.read_text())
    del data["rules"]["pushy"]
    bad.write_text(json.dumps(data))
    with pytest.raises(rules.NoteRulesError, match="pushy"):
        rules.load(bad)
    data = json.loads(rules.RULES_FILE.read_text())
    data["rules"]["apology"]["source"] = ""
    bad.write_text(json.dumps(data))
    with pytest.raises(rules.NoteRulesError, match="refs or a named source"):
        rules.load(bad)
    data = json.loads(rules.RULES_FILE.read_text())
    data["rules"]["no_fit"]["satisfied_by"].append("i %no_such_list%")
    bad.write_text(json.dumps(data))
    with pytest.raises(rules.NoteRulesError, match="no_such_list"):
        rules.load(bad)


def test_every_rule_has_refs_or_source():
    for r in rules.rules().rules.values():
        assert r.refs or r.source


# Fit said as a claim about one's own relevant experience, in the structure of the claim rather than
# from a list of phrases: a thing of the writer's that is evidence (a record, project, stint) with what it
# is of or what it did; something of the writer's said to help, serve or fit the job, whatever it is called
# (even misspelt); experience offered to the job; work done, named by its tool; an exam passed. Lines of
# our own, none from a draft set.
FIT_CLAIM_LINES = [
    "My track record of cutting stock losses at two garden centres is something I'd bring with me.",
    "My history of raising donor renewals at a hospice shows what I can do here.",
    "Last year my team's onboarding project halved the time new hires took to get going.",
    "My capstone project on churn prediction was close to the problem you described.",
    "My apprenticeship project was a full rewiring of a community hall.",
    "My portfolio piece on wayfinding for a hospital is close to what you need.",
    "My Xero and Sage know-how would help your finance team from day one.",
    "My bookkeeping with three small charities would suit your accounts desk.",
    "My stint at a call centre would help on your phone lines.",
    "My two summers behind a hotel reception desk would serve your front office well.",
    "My experiance with SAP would help your finance team.",
    "My skils in Python would help your data team.",
    "I'd like to put that experience to work for your clients.",
    "I would bring those same skills to your warehouse team.",
    "I used those skills daily at the library.",
    "Since we spoke I mocked up the checkout flow you described in Figma, and I'd be happy to send it.",
    "After our call I sketched a first draft of the rota in Excel.",
    "I mapped the delivery routes in QGIS for a parcel firm.",
    "I tidied up the master data in SAP.",
    "I passed my ACCA exams in June.",
    "My sales team beat its target three quarters in a row.",
    "My dissertation research involved interviews with 40 nurses.",
]
NOT_FIT_CLAIM_LINES = [
    "My enthusiasm would help your team, I hope.", "My availability would suit your rota.",
    "My passion for data would serve your team well.", "My excitement about the role has only grown since Tuesday.",
    "Happy to carry this same energy into the next round.", "I'll bring a copy of my certificates next time.",
    "I'd bring my notebook and questions to the next stage.", "My visit to the depot was useful for seeing the work.",
    "My partner and I are glad to relocate nearer the depot.", "I travelled in from Bristol on Tuesday.",
    "I logged in on Teams a few minutes early.", "I noticed on LinkedIn that the team is growing.",
    "I applied through Indeed in October.", "I received your email on Monday.",
    "My mother owned a bakery, so I loved the tour.", "My notes from Tuesday cover the next steps.",
    "My research into your company showed how fast you are growing.", "My records show the interview was on Tuesday.",
    "My application was processed quickly.", "My interview was scheduled for Tuesday.",
    "I finished reading your annual report on the train.", "I finished the interview feeling positive.",
    "I passed your office on the way home.", "My commute would be short, which suits me.",
    "My diary is free all of next week, which would suit the second round.",
]


@pytest.mark.parametrize("line", FIT_CLAIM_LINES)
def test_no_fit_reads_the_structure_of_a_claim_of_experience(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", NOT_FIT_CLAIM_LINES)
def test_no_fit_is_not_satisfied_by_the_same_structures_without_experience(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


# Pay words as the object of work ("redesigning pay grades") are the job, not a pay question; a question
# or request about pay, a perk named as a draw, a quantity of leave on offer still are. Time off the
# writer took is not. Pressure in more structures: messages counted against silence, a reply wanted
# within hours or by return, an account of the decision demanded, praise held up as a promise, surprise
# set against how the interview went; an offer of help or their own timeline reported is not. Someone at
# the current job making it hard, or no future there, is current-job trouble.
WORK_NOT_PROBLEM_LINES = [
    "In my last job I spent a year redesigning pay grades for a chain of care homes.",
    "Our chat about harmonising pension schemes after the merger was fascinating.",
    "The part on automating payroll for the Cork site is work I know well.",
    "Setting up the salary review process at a retailer taught me a lot.",
    "Updating the holiday pay calculations for shift workers was my main project last year.",
    "You described the team modelling compensation for the new stores.",
    "Migrating payroll to a new system was the project I enjoyed most at my last firm.",
    "Auditing expense claims and pension contributions is most of my current job.",
    "I have built bonus calculators for three sales teams.",
    "Sorry for the slow reply; I was away on two weeks' holiday.",
    "I'm just back from three weeks of annual leave, so I read your note today.",
    "After a few days' leave I read your report properly.",
    "I spent two weeks' annual leave volunteering at a food bank.",
    "I made life easier for our drivers by rebuilding the rota.",
    "The old system made work hard for the drivers, so I rebuilt it.",
    "My manager made it possible for me to lead the stock audit.",
    "My colleagues have made the last year a lot of fun.",
    "I can see a real future for myself at a company like yours.",
    "I can't see a future in which paper forms survive, so your app is timely.",
    "You said the panel would decide by Friday; thank you for keeping me posted.",
    "If you need anything from me, please let me know today or tomorrow and I'll send it at once.",
    "Please call me tomorrow if it's easier than email.",
    "I'd be grateful for any feedback on why I wasn't selected, if you have time.",
    "I was surprised by how quickly the team had grown.",
    "I was surprised at the decision to move the depot, and impressed by the plan.",
    "Your colleague said I'd hear by Friday, and sure enough I did; thanks.",
    "I was told the team is the strongest in the region.",
    "I have sent the two references you asked for.",
]
PROBLEM_CLAIM_LINES = [
    ("salary", "I'd also like to know more about the pay bands for this post."),
    ("salary", "Does the post come with a yearly bonus?"),
    ("salary", "I look forward to negotiating the salary once you decide."),
    ("salary", "Would the salary be reviewed after six months?"),
    ("salary", "Running my own payroll figures, I'd need about £40k to make the move."),
    ("salary", "Thirty days' leave would make a real difference to me."),
    ("salary", "Twenty-eight days' holiday is more than I get now."),
    ("salary", "Is it 25 days' annual leave?"),
    ("salary", "Knowing there's a bonus at year end makes the role even more attractive."),
    ("personal_issues", "My line manager has been making work a misery since the merger."),
    ("personal_issues", "Our new director makes every day stressful for the whole team."),
    ("personal_issues", "Honestly, I can't see a future for me at my current firm."),
    ("personal_issues", "There's no future for me in my current job after the takeover."),
    ("pushy", "I have left three voicemails but still not heard anything."),
    ("pushy", "I've written two messages and never had a reply."),
    ("pushy", "Please get back to me by return."),
    ("pushy", "Kindly respond within 48 hours."),
    ("pushy", "Can you confirm tomorrow if I'm through?"),
    ("pushy", "I want to know exactly why I was turned down."),
    ("pushy", "I would like to understand why my application was unsuccessful."),
    ("pushy", "Your recruiter assured me I was the front-runner."),
    ("pushy", "I'm puzzled, since our meeting felt like it went so well."),
    ("pushy", "I was shocked by your decision."),
    ("pushy", "If the panel needs longer, fine, but I must have an answer before Thursday."),
    ("pushy", "The agent said I was the clear favourite, so I expect a decision by Tuesday."),
]


@pytest.mark.parametrize("line", WORK_NOT_PROBLEM_LINES)
def test_pay_as_work_offers_and_reported_timelines_raise_nothing(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("code,line", PROBLEM_CLAIM_LINES)
def test_pay_questions_leave_on_offer_pressure_and_job_trouble_in_more_structures(code, line):
    assert code in codes(with_line(line))


def test_lower_cased_matching_finds_what_case_insensitive_matching_finds():
    # a letter whose lower case is longer ("İ") makes the checker match case-insensitively instead
    for code, line in PROBLEM_CLAIM_LINES[:12]:
        assert code in codes(with_line(line + " İstanbul was lovely."))
    assert codes(with_line("İlker showed me the Leeds depot.")) == codes(with_line("Ilker showed me the Leeds depot."))
    for r in rules.rules().rules.values():
        if r.pattern_lower is not None:
            assert r.pattern_lower.flags & re.IGNORECASE == 0 and r.pattern.flags & re.IGNORECASE


def test_past_forms_word_lists_and_pay_work_are_validated(tmp_path):
    pat = re.compile(f"^(?:{rules.inflect_past('manage')}|{rules.inflect_past('lead:led')}|"
                     f"{rules.inflect_past('ship')}|{rules.inflect_past('run:ran,running')})$")
    assert all(pat.match(w) for w in ("managed", "led", "shipped", "ran"))
    assert not any(pat.match(w) for w in ("manage", "lead", "ship", "running", "manager"))
    bad = tmp_path / "r.json"
    data = json.loads(rules.RULES_FILE.read_text())
    data["word_lists"]["evidence_nouns"].append("(unclosed")
    bad.write_text(json.dumps(data))
    with pytest.raises(rules.NoteRulesError, match="word_lists.evidence_nouns"):
        rules.load(bad)
    data = json.loads(rules.RULES_FILE.read_text())
    data["word_lists"]["fit_verbs"] = ["clash"]
    bad.write_text(json.dumps(data))
    with pytest.raises(rules.NoteRulesError, match="name of a verb list"):
        rules.load(bad)
    data = json.loads(rules.RULES_FILE.read_text())
    data["pay_work"] = "(?:%no_such_verbs%) "
    bad.write_text(json.dumps(data))
    with pytest.raises(rules.NoteRulesError, match="no_such_verbs"):
        rules.load(bad)


def test_spelling_knows_training_words():
    assert "spelling" not in codes(with_line("My coding bootcamp and a nanodegree taught me React."))


# Second pass of our own lines (none from a draft set): more ways of claiming experience (a background,
# responsibility, a team one was part of, a subject studied, a degree finished, leadership, others' word for
# the writer, from one mark to a better one, time spent, since a year), and the near misses of each.
FIT_CLAIM_LINES_2 = [
    "Coming from a pharmacy background, I know how busy a dispensary gets.",
    "I was responsible for the float and the end-of-day cash-up.",
    "I was part of the small crew that reopened our cinema after the flood.",
    "I recently finished a master's in transport planning.",
    "I studied horticulture at Myerscough.",
    "I got a 2:1 in Geography from Hull.",
    "Under my supervision, missed collections dropped sharply.",
    "I'm the one the office turns to when the printer network fails.",
    "I'm comfortable chairing meetings with suppliers.",
    "Regulars often ask for me by name, and my manager praised me for it.",
    "I was commended for my handling of a flooded basement job.",
    "I have a proven knack for calming angry callers.",
    "My last three roles were all in field sales.",
    "I took our shop from bottom to fourth in the area's mystery-shopper scores.",
    "I've also spent four winters instructing on dry slopes.",
    "Since 2017 I have kept the rota for a 24-hour helpline.",
    "Our ward hit its infection-control targets while I was its sister.",
    "I speak both Urdu and Punjabi with customers.",
]
NOT_FIT_CLAIM_LINES_2 = [
    "My line manager rang me to wish me luck on Tuesday.", "I'm comfortable waiting until the panel has met.",
    "Since 2021 I've been reading your newsletter.", "Since 2020 I've been hoping for a chance like this.",
    "I took the coach from Derby to Sheffield for the interview.",
    "Thanks for giving me the background to the rebrand.", "Thank you for the background details on the merger.",
    "I'm known to one of your drivers, who recommended the company.", "I'd be proud to become part of the crew.",
    "I studied the advert again after our call.", "I was recognised in reception by an old school friend.",
]
CAREFUL_LINES_2 = [
    "Apologies, I missed your call on Monday; any time on Wednesday suits me.",
    "I'm sorry I missed your email yesterday; I have replied to the panel's questions now.",
    "Much of my week is spent on benefits enrolment for new starters.",
    "Your talk on the statutory sick pay rules for agency staff was a real eye-opener.",
    "The new bonus scheme your team is building sounds like a big piece of work.",
    "The payroll system you are rolling out to the depots sounds ambitious.",
    "The induction package looks thorough and well thought through.",
    "Your pension service is excellent, judging by the reviews.",
    "The parcel you sent with the site plans arrived today.",
]
PROBLEM_LINES_2 = [
    ("salary", "The bonus you described sounds very generous."),
    ("salary", "Is the bonus scheme you outlined paid out each quarter?"),
    ("salary", "I hope the pay you are offering reflects my years in the trade."),
    ("salary", "The annual bonus is a real draw for me."),
]


@pytest.mark.parametrize("line", FIT_CLAIM_LINES_2)
def test_no_fit_reads_more_claims_of_experience(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", NOT_FIT_CLAIM_LINES_2)
def test_no_fit_is_not_satisfied_by_their_near_misses(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", CAREFUL_LINES_2)
def test_missed_calls_pay_as_their_project_and_unit_words_raise_nothing(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("code,line", PROBLEM_LINES_2)
def test_a_perk_praised_or_asked_about_after_the_is_pay(code, line):
    assert code in codes(with_line(line))


# Third pass, whole careful letters of our own in many trades (none from a draft set) and the lines that
# failed in them: work as a gerund that taught the writer something, an amount of work held, an office
# held, the job as "what I do", work done since a year, a team's result; and their near misses.
FIT_CLAIM_LINES_3 = [
    "Running a youth football club has taught me a lot about keeping volunteers happy.",
    "Working in a call centre has given me thick skin.",
    "I have a decade of bar work behind me.",
    "I am the treasurer of a community choir, so budgets don't frighten me.",
    "Reconciling accounts is a big part of what I do now.",
    "My volunteering at the hospice involved a lot of difficult conversations.",
    "Last winter I covered the night desk at a 200-room hotel.",
    "I've kept the books for my partner's plumbing business since 2015.",
    "I can bring the same drive I brought to my last sales team, where we beat target every quarter.",
    "Since we met I've finished my SMSTS refresher.",
]
NOT_FIT_CLAIM_LINES_3 = [
    "Meeting the team has given me a lot to think about.", "Learning about the Hull expansion has made me keener than ever.",
    "Our talk has given me plenty to reflect on.", "I have a lot of questions about the next stage.",
    "I've been a customer since 2018.", "I've wanted to work for you since 2019.", "I am a fan of your podcast.",
    "Reading your annual report has helped me understand your plans.", "It was the best part of my day.",
    "I put the nerves behind me quickly.", "I have plenty of time to prepare.",
]
CAREFUL_LINES_3 = [
    "Hearing how the team moved 600 staff onto monthly pay last spring was fascinating.",
    "The plan to bring the pension auto-enrolment checks in-house sounds sensible.",
    "The tour of the new roastery and its tasting room was a treat.",
    "I've also worked in a gastropub and on a glamping site.",
]
PROBLEM_LINES_3 = [
    ("salary", "I'd like to move to a higher salary band."),
    ("salary", "I'm hoping to switch to a four-day week on the same pay."),
    ("salary", "I look forward to negotiating the package."),
]


@pytest.mark.parametrize("line", FIT_CLAIM_LINES_3)
def test_no_fit_reads_claims_found_in_whole_careful_letters(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", NOT_FIT_CLAIM_LINES_3)
def test_no_fit_is_not_satisfied_by_what_the_talk_gave_or_a_time_since(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", CAREFUL_LINES_3)
def test_their_pay_projects_and_trade_words_raise_nothing(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("code,line", PROBLEM_LINES_3)
def test_a_verb_of_work_after_a_wish_is_still_a_pay_request(code, line):
    assert code in codes(with_line(line))


# Fourth pass (whole letters and lines of our own): work made for them since the interview, interest as a
# ranking, and apologies that are not about the interview (a typo in the CV, something outside the
# writer's doing); running down one's own interview still counts.
FIT_CLAIM_LINES_4 = [
    "I've sketched the caching idea in a small repo, if that's of interest.",
    "Since Tuesday I've put together a rough prototype of the booking form.",
    "I've knocked up a spreadsheet model of the delivery costs you mentioned.",
    "Since we spoke I've rebuilt the sample report in Tableau.",
]
NOT_FIT_CLAIM_LINES_4 = ["I've made a note of the date.", "I've started a list of questions for the second round.",
                         "I've made arrangements to be free on Friday."]
INTEREST_AS_RANKING = ["The role is still top of my list.", "Acme Health is my number one choice."]
CAREFUL_LINES_4 = [
    "I'm sorry the fire alarm cut our tour short, but I saw plenty.",
    "I'm sorry we didn't get to meet Dev; do thank him for me.",
    "My apologies for the typo in my CV; the corrected version is attached.",
    "Apologies for the spelling mistake in my covering letter; it's fixed in the attached copy.",
    "Following up on our conversation, I've attached the portfolio you asked for.",
    "I checked in with my referees, and both are happy to be contacted.",
]
APOLOGY_LINES_4 = ["Sorry the interview was such a mess on my part.", "I'm sorry my answers were so weak.",
                   "I apologise for the mistake in my answer about budgets.", "Sorry the presentation didn't go to plan.",
                   "Sorry again for the confusion in my answers."]


@pytest.mark.parametrize("line", FIT_CLAIM_LINES_4)
def test_no_fit_reads_work_made_for_them(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", NOT_FIT_CLAIM_LINES_4)
def test_no_fit_is_not_satisfied_by_notes_and_arrangements(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", INTEREST_AS_RANKING)
def test_no_interest_is_satisfied_by_a_ranking(line):
    assert "no_interest" not in codes(NO_INTEREST_BASE.format(line=line))
    assert "no_interest" in codes(NO_INTEREST_BASE.format(line="Top of my list of questions is the rota."))


@pytest.mark.parametrize("line", CAREFUL_LINES_4)
def test_apologies_not_about_the_interview_and_purposeful_follow_ups_raise_nothing(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("line", APOLOGY_LINES_4)
def test_running_down_ones_interview_is_still_an_apology(line):
    assert "apology" in codes(with_line(line))


# Fifth pass: problem lines of our own in structures the rules missed (9 of 41), and the careful lines
# nearest each new structure.
PROBLEM_LINES_5 = [
    ("salary", "I'd want to be paid at least what I'm on now."),
    ("salary", "The extra day's holiday on my birthday sounds lovely."),
    ("personal_issues", "My partner has just been made redundant, so this job matters a lot."),
    ("personal_issues", "My current team is being restructured and morale is awful."),
    ("personal_issues", "I'm leaving because my manager constantly undermines me."),
    ("pushy", "Please let me know your decision as a matter of urgency."),
    ("pushy", "I will call your office every day until I hear something."),
    ("pushy", "I have been more than patient."),
    ("pushy", "I'll be ringing on Monday to find out the decision."),
]
CAREFUL_LINES_5 = [
    "I hope to earn a place on your graduate scheme.", "I want to make a difference to how tenants are treated.",
    "I'd like to make more use of my languages at work.",
    "Your point that morale was low after the merger, and how you rebuilt it, stayed with me.",
    "I'm holding the afternoon free until I hear from you about the trial shift.",
    "As agreed, I'll call on Monday to find out the decision.",
    "I'd need to earn my CSCS card first, which I'm booked to do in January.",
    "I have been patient with difficult customers for years.", "Keeping morale high on night shifts is something I care about.",
    "I took a day's holiday to come to the interview.",
]


@pytest.mark.parametrize("code,line", PROBLEM_LINES_5)
def test_problems_in_structures_the_rules_missed(code, line):
    assert code in codes(with_line(line))


@pytest.mark.parametrize("line", CAREFUL_LINES_5)
def test_careful_lines_nearest_those_structures_raise_nothing(line):
    assert codes(with_line(line)) == []


# Sixth pass: the writer's thing as what lets them contribute, and time spent doing a task of the job
@pytest.mark.parametrize("line", ["My AAT studies would let me contribute early.",
                                  "Two years preparing VAT returns for a small practice is good grounding.",
                                  "I spent three years sorting mail at a depot."])
def test_no_fit_reads_what_lets_the_writer_contribute_and_time_spent_on_a_task(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", ["My notes will help me prepare for the next round.", "My visit helped me understand the role.",
                                  "Years waiting for the right role have been worth it."])
def test_no_fit_is_not_satisfied_by_notes_visits_or_waiting(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


# A purposeful ask is not a filler chaser; "just", "again" or "reaching out" make it one
@pytest.mark.parametrize("line", ["I'm writing to ask whether there is any news on the role.",
                                  "I wanted to follow up with the sample report I mentioned.",
                                  "I'm following up on your kind offer to introduce me to the analytics lead."])
def test_a_purposeful_follow_up_line_is_not_a_chaser(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("line", ["Just writing to see if there's any news.", "Reaching out to see if there's any update on the role.",
                                  "I'm writing again to see if there is any news."])
def test_a_filler_chaser_is_still_found(line):
    assert "checking_in" in codes(with_line(line))


# Recovering is health trouble only when it is the writer's ("recovering from", at a clause end); recovering
# costs is work. Care for family or a career break named as what led to the job is not trouble.
@pytest.mark.parametrize("line", ["I'm recovering the costs of the failed project at my current job through a new supplier deal.",
                                  "My experience caring for my grandmother made me want to work in dementia care.",
                                  "After a career break to raise my children, I've retrained as a bookkeeper.",
                                  "My team was restructured last year, and I took on the stock control as a result.",
                                  "On the ward round I write up obs and chase bloods."])
def test_work_and_life_named_without_trouble_raise_nothing(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("line", ["I'm recovering from an operation, so I can only start in March.",
                                  "I've been recovering, slowly, since the accident."])
def test_recovering_from_illness_is_still_personal(line):
    assert "personal_issues" in codes(with_line(line))


# Interest said as a role one would love, seeing oneself thriving there, wanting to be part of it, or
# what joining would mean; near misses stay unsatisfied
@pytest.mark.parametrize("line", ["This is a role I'd really love.", "It's a role I can see myself thriving in.",
                                  "I am still very much in the running, I hope, and very much want to be.",
                                  "Being part of the team would mean a great deal."])
def test_no_interest_is_satisfied_by_wanting_to_be_there(line):
    assert "no_interest" not in codes(NO_INTEREST_BASE.format(line=line))


@pytest.mark.parametrize("line", ["It was a role I could see the appeal of.", "Your feedback would mean a lot.",
                                  "I want to be clear about my notice period."])
def test_no_interest_is_not_satisfied_by_their_near_misses(line):
    assert "no_interest" in codes(NO_INTEREST_BASE.format(line=line))


# Seventh pass (30 fit lines in the styles of students, career changers and writers whose first language
# is not English; 3 were unread): an office held in a club, "my career so far has been in", a task of the
# job equated with what the writer has always done
@pytest.mark.parametrize("line", ["At university I was president of the debating society.",
                                  "My career so far has been in payroll and HR administration.",
                                  "Dealing with the public is what I've always done."])
def test_no_fit_reads_offices_careers_and_what_one_has_always_done(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", ["What I've done since the interview is read your annual report.",
                                  "Reading your blog is what I do on the train.", "My career plans are flexible."])
def test_no_fit_is_not_satisfied_by_what_one_did_since_or_plans(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


# Eighth pass (19 pay lines of our own from benefits, pension, payroll and reward work; 3 false alarms and a
# miss): pay words explained, published or advised on as work, or as the topic of the writer's calls and
# cases, are not pay questions; a question or a request to explain pay still is; more allowances are perks.
@pytest.mark.parametrize("line", ["I've explained pension options to hundreds of members over the phone.",
                                  "I enjoyed hearing about your plans to publish salary ranges in every advert.",
                                  "Most of my calls were about late wages and missing payslips.",
                                  "Most of my queries at the call centre were about missing pension statements."])
def test_pay_words_as_the_topic_of_work_raise_nothing(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("line", ["I have some questions about the salary and the pension.",
                                  "I would like you to explain the bonus structure to me.",
                                  "Will I get a company phone and laptop allowance?"])
def test_pay_asked_about_or_explained_on_request_is_still_pay(line):
    assert "salary" in codes(with_line(line))


# Ninth pass (six more whole letters of our own: a rejection reply, an agency note, a card...): a detail of
# theirs after "hear/learn about" or "the new ..." is specific, the next steps or the new role are not; a job
# the writer did, named after it ("a setting-up job I did on a Haas"), is fit
@pytest.mark.parametrize("line", ["It was great to hear about the new Leeds depot.", "I was glad to learn that the pilot went well.",
                                  "Thanks for letting me see the new lab.", "I loved learning about the apprenticeship scheme."])
def test_no_specific_is_satisfied_by_what_one_heard_of_theirs(line):
    assert "no_specific" not in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")


@pytest.mark.parametrize("line", ["I look forward to hearing about the next steps.", "I enjoyed learning about the new role.",
                                  "It was good to hear about the process."])
def test_no_specific_is_not_satisfied_by_hearing_about_the_process(line):
    assert "no_specific" in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")


def test_no_fit_reads_a_job_the_writer_did_named_after_it():
    assert "no_fit" not in codes(NO_FIT_BASE.format(line="We talked through a setting-up job I did on a lathe last year."))
    assert "no_fit" in codes(NO_FIT_BASE.format(line="We talked through the report I read on the train."))


# Tenth pass (eight more whole letters of our own): a result counted after a verb of the writer's is fit
# ("I booked 45 meetings"), counts of applications, emails, minutes or miles are not; "the new ..." of theirs
# is specific, "the new role", "the new year" are not
@pytest.mark.parametrize("line", ["Last quarter I booked 45 meetings from cold outreach.", "I closed 12 new accounts in my first year."])
def test_no_fit_reads_a_counted_result(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", ["I applied to 40 jobs this year, and yours is my favourite.", "I received 3 emails about the interview.",
                                  "I waited 20 minutes in reception, which was fine.", "I travelled 200 miles for the interview and it was worth it."])
def test_no_fit_is_not_satisfied_by_counts_that_are_not_results(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


def test_no_specific_reads_the_new_thing_of_theirs_but_not_the_new_role():
    assert "no_specific" not in codes(SPECIFIC_BASE.format(line="Seeing how you run the new tasting menu was a treat."),
                                      subject="Thank you for Tuesday")
    for line in ("I'm ready for the new challenge.", "I wish you all the best for the new year."):
        assert "no_specific" in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")


# Eleventh pass (five more whole letters of our own): starting volunteering, a course or a role since the
# interview is fit (not starting a list or reading); a detail of the day after a modifier ("the group
# exercise on the branch closure case") is specific; "palletiser" is a word
@pytest.mark.parametrize("line", ["Since we met, I have also started volunteering at my local library's homework club.",
                                  "I've recently started a part-time bookkeeping course."])
def test_no_fit_reads_starting_work_or_study(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", ["I've started reading your annual report.", "I began to feel more confident after the tour."])
def test_no_fit_is_not_satisfied_by_starting_to_read_or_feel(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


def test_no_specific_reads_a_detail_after_a_modifier_and_palletiser_is_a_word():
    assert "no_specific" not in codes(SPECIFIC_BASE.format(line="The group exercise on the branch closure case was fun."),
                                      subject="Thank you for Tuesday")
    assert "no_specific" in codes(SPECIFIC_BASE.format(line="The interview questions about teamwork were fair."),
                                  subject="Thank you for Tuesday")
    assert "spelling" not in codes(with_line("I have kept a robot palletiser running on nights."))


# Twelfth pass (six more whole letters of our own): a study or analysis of the writer's that found or cut
# something is fit; one of their website or the job description is not; "anonymised" is a word
@pytest.mark.parametrize("line", ["My recent study with older users of a pension app found similar navigation problems.",
                                  "My analysis of returns data at my last job cut refunds by a tenth."])
def test_no_fit_reads_what_the_writers_study_found(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", ["My study of your website was brief.", "My review of the job description showed how varied the role is."])
def test_no_fit_is_not_satisfied_by_studying_them(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


def test_spelling_knows_anonymised():
    assert "spelling" not in codes(with_line("I anonymised the interview notes before sharing them."))


# Thirteenth pass (seven more whole letters of our own): work named by its tool after "and" ("I took your
# advice and reworked the walk cycle in Blender"), work done across a number of places ("I've done site
# admin on two housing developments") are fit; "we met and talked in Leeds", "I did my best in the
# interview", "I've done some reading on the company" are not
@pytest.mark.parametrize("line", ["I took your advice and reworked the walk cycle in Blender.",
                                  "I've done site admin on two housing developments.", "I did night shifts for three years at a care home."])
def test_no_fit_reads_work_after_and_and_work_across_places(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", ["We met and talked in Leeds about the role.", "I did my best in the interview.",
                                  "I've done some reading on the company."])
def test_no_fit_is_not_satisfied_by_meeting_trying_or_reading(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


# Fourteenth pass (six more whole letters of our own): their plans for a place ("the plans for the second
# floor") and being shown round a part of theirs are specific, the plans for the next steps are not; a
# certificate with a long name that "came through" is fit; housebuilder and cleanroom are words
def test_plans_of_theirs_a_tour_and_a_certificate_that_came_through():
    for line in ("I loved the plans for the second floor.", "Thanks for showing me round the playing fields."):
        assert "no_specific" not in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday"), line
    assert "no_specific" in codes(SPECIFIC_BASE.format(line="The plans for the next steps sound fine."), subject="Thank you for Tuesday")
    assert "no_fit" not in codes(NO_FIT_BASE.format(line="My ISO 13485 internal auditor certificate came through last week."))
    assert "no_fit" in codes(NO_FIT_BASE.format(line="My train ticket came through last week."))
    assert "spelling" not in codes(with_line("I worked for a housebuilder and then in a cleanroom."))


# Fifteenth pass (six more whole letters of our own, 4 drew a finding): doing a task for a length of time,
# a sum raised or saved, are fit (not waiting, thinking, following or preparing for a time); a trial
# shift is specific; chairside is a word
@pytest.mark.parametrize("line", ["I've been doing sample receipt and LIMS entry at a contract lab for a year.",
                                  "Our fun run, which I organised, raised £12,000 for a hospice."])
def test_no_fit_reads_a_task_for_a_time_and_a_sum_raised(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", ["I've been waiting for news for two weeks.", "I've been thinking about the role since Tuesday.",
                                  "I've been following your company for a few years.", "I've been preparing for this interview for a month."])
def test_no_fit_is_not_satisfied_by_waiting_or_preparing_for_a_time(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


def test_a_trial_shift_is_specific_and_chairside_is_a_word():
    assert "no_specific" not in codes(SPECIFIC_BASE.format(line="Thanks for the trial shift; the lunch rush was fun."),
                                      subject="Thank you for Tuesday")
    assert "spelling" not in codes(with_line("I have worked chairside for three years."))


# Recall pass (15 problem lines in whole letters of our own; 3 missed, as on the code before this round):
# a bonus asked about after "a", a sum wanted "in the region of", and current-job trouble after a causal
# "as" (the clause of one's own role before it no longer hides it)
@pytest.mark.parametrize("line", ["I noticed the advert didn't mention a bonus; is there one?",
                                  "I'd be looking for something in the region of £45k.",
                                  "I'm keen to leave my current role as my manager is impossible to work with."])
def test_problems_after_a_or_a_causal_as_are_found(line):
    assert {"salary", "personal_issues"} & set(codes(with_line(line)))


@pytest.mark.parametrize("line", ["I managed a budget of around £200k for the events team.",
                                  "As my manager was on leave, I ran the payroll for a month.",
                                  "Would that be a bonus for the team, do you think, having someone who speaks Welsh?"])
def test_a_budget_own_payroll_work_and_a_figurative_bonus_raise_nothing(line):
    assert codes(with_line(line)) == []


# Fourteenth batch (five more whole letters of our own, 1 flagged): a short list, proposal or 90-day plan
# made for them is fit; a short list of questions is not
@pytest.mark.parametrize("line,fit", [("I have put together a short list of ten trusts I would approach first.", True),
                                      ("I drafted a 90-day plan for the role after our call.", True),
                                      ("I have made a short list of questions for next time.", False)])
def test_work_made_for_them_includes_a_short_list_or_plan(line, fit):
    assert ("no_fit" not in codes(NO_FIT_BASE.format(line=line))) is fit


# Round 6 (held-out 5 tuned on since): interest said as wanting or liking the role in any form, with its
# title written or masked between ("I'd really like the Senior Buyer role"), and in idioms of wanting it
# ("right up my street", "raring to go", "sold on it"); its near misses (wanting a job title, a copy of the
# role profile, the chance to get feedback) do not count. None of these lines is in a draft set.
WANTING_THE_ROLE = [
    "I'd really like the Senior Buyer role.",
    'I would really like the job.',
    "I'd love the Field Service Engineer position.",
    'I really want this post.',
    'I very much like the vacancy as you put it.',
    'The role appeals to me a great deal.',
    'It really appeals.',
    "I'd leap at the chance.",
    "I'd grab it with both hands.",
    'Count me in.',
    'Sign me up.',
    "It's the job I want to do.",
    "It's the job I've wanted for years.",
    "It's exactly what I'm after.",
    "I'm sold on it.",
    "I'm completely sold.",
    "I'd take it in a heartbeat.",
    "I'd say yes in a heartbeat.",
    'My heart is set on this one.',
    "I've got my heart set on the role.",
    "I'm raring to go.",
    "I'm itching to get started.",
    "I'm champing at the bit.",
    "I'm very much up for it.",
    "I'm up for the challenge.",
    'It ticks every box for me.',
    'The role ticks all my boxes.',
    "It's right up my street.",
    'This job is right up my alley.',
    "It's the role for me.",
    'This is the job for me.',
    "I'd love nothing more than to join you.",
    'Nothing would make me happier than joining the team.',
    "I'm hoping for an offer.",
    "I'm really hoping to land the job.",
    "I'd welcome an offer.",
    'I want in.',
    "Yes please, I'm keen as mustard.",
    'It feels like the perfect next step for me.',
    "I'd be glad of the chance to join.",
    "It's a yes from me.",
    "I'd happily sign on the dotted line.",
    "I'm still very much a candidate and keen.",
    'This is the kind of place I want to build my career.',
    "I'd be chuffed to join.",
    'I want the role.',
    "I'm set on joining your team.",
    "I'm determined to join your team.",
    'I fancy the job a lot.',
]
NOT_WANTING_THE_ROLE = [
    'I liked the questions on the role.',
    'I liked the job description.',
    "I'd like the feedback from the panel.",
    "I'd like the job title on the contract checked.",
    "I want the panel to know I'm free on Monday.",
    "I'd like a copy of the role profile.",
    "I'd like the chance to get feedback.",
    "I'm in London on Friday.",
    'I sold my car last week.',
    "I'd like the position of the parking space confirmed.",
    'I like the sound of rain.',
    'It appeals to reason.',
    'The offer of coffee was kind.',
]


@pytest.mark.parametrize("line", WANTING_THE_ROLE)
def test_no_interest_is_satisfied_by_wanting_or_liking_the_role_in_any_form(line):
    assert "no_interest" not in codes(NO_INTEREST_BASE.format(line=line))


@pytest.mark.parametrize("line", NOT_WANTING_THE_ROLE)
def test_no_interest_is_not_satisfied_by_wanting_something_about_the_role(line):
    assert "no_interest" in codes(NO_INTEREST_BASE.format(line=line))


# A hostile or abusive current workplace described (shouting or swearing at staff, people quitting in
# numbers, a toxic place, being treated badly, bullying, dreading going in) is current-job trouble; neutral
# mentions of teams, managers, turnover as work, toxic substances and people who left for good reasons are not.
HOSTILE_WORKPLACE = [
    'The manager screams at us most days and three people have walked out.',
    'My supervisor is always shouting at me in front of customers.',
    'The head chef swears at everyone on the line.',
    'Most of the team have quit since the spring.',
    'Half my colleagues have handed in their notice.',
    'People keep quitting at my place.',
    'Staff are leaving in droves at my current job.',
    "It's a really toxic place to work.",
    'The atmosphere at my current job is poisonous.',
    'The culture in my office has become toxic.',
    "We're treated like dirt by the owners.",
    'They treat us like children at my work.',
    'Staff get spoken to appallingly by the directors.',
    "There's a lot of bullying at my current workplace.",
    'My boss belittles people in meetings.',
    'I dread going into work every morning.',
    'The owner is rude to all of us.',
    "Management there doesn't care about anyone.",
    'The owners shout at staff constantly.',
    'Honestly the turnover at my current job is insane.',
]
TEAMS_AND_MANAGERS_NAMED_NEUTRALLY = [
    'My manager has been very supportive of my move.',
    'Our owner is hands-on and works the floor with us on busy days.',
    'Half the team moved to the new site in March, and I trained their replacements.',
    'I helped cut staff turnover at my branch by a third.',
    'Our team shouted me a coffee to celebrate my first year.',
    'I dealt calmly with customers who shouted at staff during the outage.',
    'I handle toxic substances safely under COSHH rules.',
    'My last role involved toxicology reports on river samples.',
    'I ran our anti-bullying training for new starters.',
    'Most of my colleagues have been there for over ten years.',
    'I supported two colleagues who left to start their own practice.',
    'I learnt a lot from my manager, who is retiring next year.',
    'The owner told us about your firm years ago.',
    'We had a quiet team, and I enjoyed the calm.',
    'I covered for colleagues who left for university.',
    'I wrote our workplace bullying policy with HR.',
    "I'm used to a busy kitchen where the chef calls orders loudly.",
    'The kitchen team shouted a welcome when I walked in, which made me smile.',
    'The head chef talked me through the pass and the ticket rail.',
    'Several of my colleagues have gone on to run their own sites, which says a lot about the training.',
    'Most of the staff I trained have since been promoted.',
    'Three of our drivers have left to join the new depot, and I covered their routes.',
    'People kept asking me about the new rota, so I wrote a one-page guide.',
    'The atmosphere in your studio was calm and focused.',
    "Our workplace culture is open, and I'd bring that habit of sharing mistakes.",
    'I completed hostile environment training before my last posting.',
    'The environment at the plant is hazardous, so I hold a confined-space ticket.',
    "I've managed a toxic waste contract for the council.",
    'The owner treats every customer like a regular, and I liked that.',
    "We treat our volunteers like colleagues, and I'd keep that approach.",
    'I was treated to a lovely lunch by the team on my last day.',
    "There's a lot of shouting in a busy bakery, and I like the energy.",
    'Our manager is always happy to cover a shift.',
    'Most of my old team still meet for a curry every month.',
    'The whole team left early for the Christmas party, so I locked up.',
    'I reduced staff turnover at my branch from 40% to 25%.',
    'Staff turnover in care is a challenge I know well.',
    "My supervisor is retiring, and I've been training to take over the rota.",
    'They treat safety seriously at your yard, and I noticed the clean walkways.',
    'I dread to think how the old paper system coped with your volumes.',
]


@pytest.mark.parametrize("line", HOSTILE_WORKPLACE)
def test_a_hostile_or_abusive_current_workplace_is_personal_trouble(line):
    assert "personal_issues" in codes(with_line(line))


@pytest.mark.parametrize("line", TEAMS_AND_MANAGERS_NAMED_NEUTRALLY)
def test_teams_managers_and_turnover_named_neutrally_raise_nothing(line):
    assert codes(with_line(line)) == []


# Round 6, careful whole letters of our own (batches 1-2): a salutation or sign-off in another language
# ("Tēnā koe Aroha,", "Diolch yn fawr,") is not spelling; a typo in the body still is
@pytest.mark.parametrize("greeting,closing", [("Tēnā koe Aroha,", "Ngā mihi nui,"), ("Dia duit a Sheáin,", "Go raibh maith agat,"),
                                              ("Namaste Sanjay ji,", "Baie dankie,"), ("Dear Rhodri,", "Diolch yn fawr,"),
                                              ("Hallo Jens,", "Mit freundlichen Grüßen,")])
def test_a_salutation_or_sign_off_in_another_language_is_not_a_typo(greeting, closing):
    body = GOOD.replace("Dear Priya,", greeting).replace("Best regards,", closing)
    assert "spelling" not in codes(body)
    assert "spelling" in codes(body.replace("I especially", "I especialy"))


def test_a_typo_in_a_sentence_before_the_signature_is_still_found():
    body = GOOD.replace("Best regards,", "Thank you agian for your time, and I hope to hear soon.\n\nBest regards,")
    assert "spelling" in codes(body)


FIT_SAID_IN_PLAIN_WORK_TALK = [
    'I cut my teeth on claims data at a small broker.',
    'Spreadsheets and SQL are second nature to me.',
    "I'm no stranger to messy claims data.",
    'I know my way around Power BI and SQL Server.',
    "I've got six years of reporting under my belt.",
    'As a former claims handler, I know what the numbers mean on the ground.',
    "Coming from an actuarial team, I'm used to checking every figure twice.",
    "People at my current firm come to me when a report won't reconcile.",
    "I'm a chartered accountant by training.",
    'My background is in insurance pricing.',
    "I'm the person my team asks when a dashboard breaks.",
    'Claims reporting is what I do every day at the moment.',
    'I look after the monthly loss-ratio pack at my current job.',
    'Before this I spent three years as a data analyst at a lender.',
    "I've been on the reporting side of insurance since 2019.",
    'I am fluent in SQL and Python.',
    'My days are spent cleaning claims data and building reports for underwriters.',
    'I handle the month-end figures for forty brokers.',
    'These days I produce the weekly claims summary for the board.',
    "For the last two years I have owned the renewals dashboard at a Lloyd's syndicate.",
    "I run the data side of a small insurer's claims team.",
    'I trained as a statistician and have worked in insurance since.',
    "I have a master's in applied statistics.",
    'Much of my work involves turning claims data into something underwriters can use.',
    'I write the SQL behind our fraud flags.',
    'I got our month-end reporting down from five days to two.',
    'My current role is very close to this one: claims reporting for a regional insurer.',
    "I've done this job before, at a smaller scale.",
    'I know the claims cycle inside out from my time as a handler.',
    "I've picked up a lot of Python over the last year at work, automating our bordereaux.",
]
NOT_FIT_NEAR_MISSES = [
    'I know my way around the area, so getting there is easy.',
    'As a former visitor to your café, I loved the tour.',
    "I'm the person who asked about parking.",
    "I've been on the other side of the table before, so I know how long these decisions take.",
    'My days are spent waiting for the post at the moment.',
    'I write the date on every note I send.',
    'I picked up a leaflet at the front desk on the way out.',
    'I learnt a lot from the interview itself.',
    'I got the train down from Leeds in good time.',
    "I'm no longer in a rush.",
    'I tried the new café near your office.',
]


# Fit in the ways people say it in passing: a first job ("cut my teeth on"), "second nature", "no stranger
# to", "know my way around", "as a former ...", the one colleagues ask, days spent doing the work, the
# writer's own code or reports, skills picked up at work, a measure brought down "from five days to two",
# a mock-up tried for them; the near misses (the area, a former visitor, the person who asked about
# parking, days spent waiting, a leaflet picked up) are not fit
@pytest.mark.parametrize("line", FIT_SAID_IN_PLAIN_WORK_TALK + ["I tried a quick mock-up of the claims screen in Figma."])
def test_no_fit_reads_fit_said_in_plain_work_talk(line):
    assert "no_fit" not in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line", NOT_FIT_NEAR_MISSES)
def test_no_fit_is_not_satisfied_by_plain_talk_without_work(line):
    assert "no_fit" in codes(NO_FIT_BASE.format(line=line))


@pytest.mark.parametrize("line,satisfied", [(x, True) for x in ["It's a team I would genuinely like to be part of.", "It's a kitchen I'd love to work in.", "I'm still hoping the job comes my way.", 'The post you described is the work I most want to be doing.']] + [
    (x, False) for x in ["It's a question I would like to think about more.", 'The parcel should come my way by Friday.']])
def test_no_interest_reads_a_place_one_would_like_to_join_and_the_job_coming_ones_way(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


# a kitchen "stage" (trial shift) and a name of theirs one worked beside or shadowed are specific;
# "the next stage", "at this stage" and working beside "you" are not
@pytest.mark.parametrize("line,specific", [(x, True) for x in ['Thanks for the stage on Saturday; the dinner push was a thrill.', 'Working the pass beside Ana taught me a lot in one evening.', 'Shadowing Malik on the early round was the best part of the day.']] + [
    (x, False) for x in ["I'm glad we got to the next stage.", 'At this stage I have nothing more to add.', 'It was good working beside you for a morning.']])
def test_no_specific_reads_a_stage_and_a_name_worked_beside(line, specific):
    assert ("no_specific" not in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")) is specific


# Batches 3-4 (24 more letters, 5 flagged): "unfair dismissal" and other legal terms are a field of law,
# not a complaint; honoured to do or serve, the kind of project one would like to lead, are interest (not
# being honoured to be asked); a detail "you mentioned" or "she described" is specific (not the documents,
# date or next steps mentioned); NZ and Australian timbers are words
@pytest.mark.parametrize("line", ['Most of my casework was unfair dismissal claims for shop workers.', 'I advised retailers on unfair contract terms in their customer agreements.', "I've written guidance on unfair commercial practices for trading standards."])
def test_unfair_dismissal_and_other_legal_terms_are_not_complaints(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("line", ["It's unfair that nobody has replied to me.", 'Frankly, I think the way this has been handled is unfair.'])
def test_calling_the_process_unfair_is_still_pushy(line):
    assert "pushy" in codes(with_line(line))


@pytest.mark.parametrize("line,satisfied", [(x, True) for x in ["I'd be honoured to serve on your ward.", "It would be the sort of project I'd love to get stuck into.", 'The depot move is the kind of challenge I would really like to take on.']]
                         + [(x, False) for x in ["It's the kind of question I'd like to think about.", 'I was honoured to be asked to interview.']])
def test_no_interest_reads_honoured_to_serve_and_a_project_one_would_like_to_lead(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


@pytest.mark.parametrize("line,specific", [(x, True) for x in ['I looked again at the broad-match keywords you mentioned and have some thoughts.', "The heat-pump retrofit she described is a job I'd enjoy."]]
                         + [(x, False) for x in ["I've sent the documents you mentioned.", 'The next steps you described sound fine.', "I'll keep the date you mentioned free."]])
def test_no_specific_reads_a_detail_they_mentioned(line, specific):
    assert ("no_specific" not in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")) is specific


def test_timbers_are_words():
    assert "spelling" not in codes(with_line("I build kitchens in rimu, kauri and jarrah."))


# Batch 5 (12 more letters, 4 flagged): "I'd still love to be part of", Australian "keen as" are interest (not
# "I'd like to be clear", "as keen a cyclist as ever"); "the work I do every day", "what I do for a living"
# are fit; playing, tasting or trying a thing of theirs is specific (not the whiteboard or the coffee);
# "I'm sold on the place" is interest, not a sale of the writer's
@pytest.mark.parametrize("line,satisfied", [(x, True) for x in ["I'd still love to come aboard with your crew.", 'I would also like to join the night team.', 'Keen as to get started, honestly.', 'Keen as!']]
                         + [(x, False) for x in ["I'd also like to be clear that Monday suits me.", 'I would like to come back to the point about parking.', "I'm as keen a cyclist as ever."]])
def test_no_interest_reads_still_wanting_and_keen_as(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


@pytest.mark.parametrize("line,fit", [(x, True) for x in ['The boiler swaps you described are the work I do every day.', 'Bookkeeping is what I do for a living.', 'Weekend rotas are the job I did at my last outfit for two years.']]
                         + [(x, False) for x in ['The thing I do every day is read the news.'] + ["I'm sold on the place."]])
def test_no_fit_reads_the_work_one_does_every_day(line, fit):
    assert ("no_fit" not in codes(NO_FIT_BASE.format(line=line))) is fit


@pytest.mark.parametrize("line,specific", [(x, True) for x in ['I had a great time playing the early build of the puzzle level.', 'Tasting your new winter beers was a treat.']]
                         + [(x, False) for x in ['I enjoyed the interview and using the whiteboard.', 'It was nice to try the coffee.']])
def test_no_specific_reads_a_thing_of_theirs_played_or_tasted(line, specific):
    assert ("no_specific" not in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")) is specific


# Batch 6 (12 more letters, 4 flagged; one, whose only interest was "really hope to hear from you about the
# role", we judged rightly flagged and rewrote): counting oneself lucky to join is interest; "co-op" is a
# word; a subject naming the agency's client or the word of the title that says which job says what it is
# about (not "Hello from Sam", "Update - Jordan Lee", "A word with Priya"); a model fitted or run for them is fit
@pytest.mark.parametrize("line,satisfied", [("I'd count myself lucky to join your practice.", True),
                                            ("I would feel very fortunate to land this one.", True),
                                            ("I count myself lucky to have had the interview.", False)])
def test_no_interest_reads_counting_oneself_lucky_to_join(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


def test_co_op_is_a_word():
    assert "spelling" not in codes(with_line("I sold tents at a co-op for two summers."))


@pytest.mark.parametrize("subject,vague", [("Class 1 at Caledonian Haulage - how it went", False),
                                           ("Notes on the Leeds depot", False), ("Hello from Sam", True),
                                           ("Update - Jordan Lee", True), ("A word with Priya", True),
                                           ("Catching up on Monday", True)])
def test_a_subject_naming_the_client_says_what_it_is_about(subject, vague):
    found = codes(GOOD, subject=subject, company="Northern Lights", role="HGV Class 1 Driver")
    assert ("vague_subject" in found) is vague


@pytest.mark.parametrize("line,fit", [("I fitted a quick survival model on a public dataset to test the idea.", True),
                                      ("I ran a small benchmark script against your public API.", True),
                                      ("A friend ran a model of the idea for me.", False)])
def test_no_fit_reads_a_model_run_for_them(line, fit):
    assert ("no_fit" not in codes(NO_FIT_BASE.format(line=line))) is fit


# Line probes of round 6 (36 ways of stating interest, 13 unread; 30 ways of stating fit, 3 unread): the
# answer will be yes, a willing candidate, wanting it even more, everything I'm looking for, your next
# apprentice, my ideal next job, a happy new starter, a great step for me, sights set on it, committed to
# the move, a job I'd like to do, suits me down to the ground, the post I've been waiting for; doing the
# work since leaving college, what colleagues call the writer, winters on a front desk that taught them.
# The near misses (accepting the decision, the email I've been waiting for, a big step for me to travel,
# the parking suits me, hoping since the interview, customers calling one over) are not.
INTEREST_PROBES = ['I came away wanting the job more than before.', 'If you offer it to me, the answer will be yes.', "I'd be very happy to accept an offer.", "This is the post I've been waiting for.", "I couldn't be keener.", "I'm genuinely excited by the prospect.", 'Please count me as a very willing candidate.', 'Having seen the workshop, I want this even more.', "I'd be glad to get my teeth into the role.", "The role has everything I'm looking for.", "I'm eager to hear that I can join you.", 'My enthusiasm for the position has only grown.', 'Everything I heard made me want to work with you.', "I'd like nothing better than to join the crew.", "I'm very much hoping to be your next apprentice.", "I'd welcome the opportunity to join the practice.", 'This would be my ideal next job.', "I'd be a very happy new starter.", 'I hope to be the one you choose.', "I'd be delighted to take the role on.", 'Joining Acme Health would be a great step for me.', "I've set my sights on this role.", "It's exactly the move I've been hoping to make.", "I'm fully committed to making this move.", "I'd relish the chance.", "I'd be keen to start as soon as suits you.", "The job is one I'd very much like to do.", "I'm writing to confirm that I'm still very interested.", "I'd be very pleased to accept.", 'It would be a pleasure to work alongside your team.', 'I very much want to be considered.', "I'd be glad to say yes.", 'This job would suit me down to the ground.', "I'm excited at the thought of joining.", "I'd jump at it.", "I'm hoping I get the chance to work with you."]
NOT_INTEREST_PROBES = ["I'd accept the decision either way.", 'I will accept any feedback you have.', "The email I've been waiting for arrived yesterday.", 'I was a willing volunteer for the role-play.', 'I want it sorted before the end of the week.', 'The job pack has everything I need to prepare.', 'My ideal job description would be shorter.', 'It would be a big step for me to travel that far every day.', "I'm committed to making the commute work.", "It's something I'd like to think about.", 'The parking suits me down to the ground.']
FIT_PROBES = ["I've been a bookkeeper for eleven years.", "For the past decade I've kept the books for a chain of dental practices.", 'Three winters on an A&E front desk taught me to stay calm.', 'I spent last summer doing exactly this kind of analysis for a charity.', 'I hold a full UK driving licence and a forklift ticket.', 'I am a qualified electrician with my 18th Edition.', 'Most of my career has been in retail banking.', 'I currently manage the rota for a team of twenty-two.', 'I was a shift leader at a petrol station for two years.', 'My apprenticeship was in plumbing and heating.', "I've worked nights on a stroke ward since 2020.", "Over the years I've trained dozens of new starters.", 'My job at the moment involves a lot of the same reporting.', "I've been doing payroll for small businesses since I left college.", "I'm currently the only analyst at a 40-person insurer.", 'Before retraining, I was a primary teacher for eight years.', "I've looked after the accounts payable ledger for three companies.", 'I have hands-on experience of claims systems from my temp work.', 'I taught myself SQL and now use it daily.', 'My degree was in economics, with a dissertation on insurance pricing.', 'I organised the office move for 120 staff last year.', 'I volunteer as treasurer of my local football club.', 'I coordinated the rollout of new tills across nine shops.', 'I have been running a market stall selling my own bread for three years.', "In my placement year I built the team's first dashboard.", "I'm used to working to tight month-end deadlines.", 'I handle around forty customer calls a day at present.', "I've spent the past year supporting a finance team as a temp.", 'I worked my way up from the shop floor to assistant manager.', 'Colleagues call me the spreadsheet whisperer.']
NOT_FIT_PROBES = ["I've been hoping to hear from you since I left the interview.", "I've been reading up on the company since Tuesday.", 'My friends call me when they need directions.', 'Customers called me over to ask about parking.', "I've been meaning to write since the interview."]


@pytest.mark.parametrize("line,satisfied", [(x, True) for x in INTEREST_PROBES] + [(x, False) for x in NOT_INTEREST_PROBES])
def test_no_interest_probes_of_round_6(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


@pytest.mark.parametrize("line,fit", [(x, True) for x in FIT_PROBES] + [(x, False) for x in NOT_FIT_PROBES])
def test_no_fit_probes_of_round_6(line, fit):
    assert ("no_fit" not in codes(NO_FIT_BASE.format(line=line))) is fit


# Probes of something specific (20 details of theirs said without naming them; 17 unread before): a thing
# seen on the visit (a photo, mural, queue; a whiteboard or sign only with what it shows), people of theirs
# met or watched (the apprentices, the night team), a story about one of their customers or patients, a
# choice, record or figure of theirs ("your 48-hour turnaround", "your carbon target for 2030"), a place of
# theirs described, what struck the writer, "most of your clients", a person named after a title ("the way
# Dr Osei handled ...", not the person greeted). The near misses (meeting the team, your decision to go with
# someone else, your 2 pm slot, learning about the way you work) are still not specific.
SPECIFIC_PROBES = ['The photo of the first shop in 1962 on your office wall made me smile.', 'I keep thinking about the patient who brought you flowers every Friday.', 'Your 48-hour turnaround on repairs is impressive.', 'It was fun to watch the apprentices racing to rewire the test board.', "I hadn't realised you deliver to every island in the Hebrides.", 'The way Dr Osei handled the handover round was a lesson.', 'The seedlings on every desk were a lovely touch.', "Your customers' reviews of the Sunday roast speak for themselves.", 'I can see why the night team is proud of their zero-incident record.', 'Learning that your drivers plan their own routes surprised me.', 'Your decision to close on Mondays for training makes a lot of sense.', 'The open-plan workshop with the glass wall to the street is a great idea.', 'I was struck by the quiet on the trading floor.', 'Your carbon target for 2030 is ambitious.', 'It was interesting that most of your clients come through word of mouth.', 'The whiteboard of open tickets by the kettle says a lot about the team.', "Your bakery's queue out the door at 7 am says it all.", 'The mural the pupils painted in the hall is wonderful.', 'Meeting the apprentices over lunch was the best part.', 'I liked that your engineers pair on every release.']
NOT_SPECIFIC_PROBES = ['Your team seems friendly.', 'I liked the way the day was organised.', 'The interview was well run.', 'It was interesting to hear about the company.', 'Thank you for your decision to interview me.', 'The company and its people impressed me.', 'It was lovely to meet the team.', 'The person who interviewed me was kind.', 'Your 2 pm slot worked well for me.', 'I respect your decision to go with another candidate.', 'I enjoyed learning about the way you work.']


@pytest.mark.parametrize("line,specific", [(x, True) for x in SPECIFIC_PROBES] + [(x, False) for x in NOT_SPECIFIC_PROBES])
def test_no_specific_probes_of_round_6(line, specific):
    assert ("no_specific" not in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")) is specific


def test_a_title_and_name_is_specific_but_not_the_person_greeted():
    base = ("Dear Dr Patel,\n\nThank you for your time on Tuesday. {line} I am very interested in joining, and I have "
            "built claims reporting for four years.\n\nBest regards,\nJordan")
    assert "no_specific" in codes(base.format(line="It was lovely to meet the team."), subject="Thank you", contact="")
    assert "no_specific" not in codes(base.format(line="It was good to hear Dr Osei explain the triage rota."),
                                      subject="Thank you", contact="")


# Work vocabulary in innocent senses (40 lines; 2 flagged before): circling back to a customer as one's own
# practice, an apology for a slightly late reply; the chaser and the apology for one's interview still count
WORK_WORDS_IN_INNOCENT_SENSES = ['I set up salary sacrifice for cycle-to-work schemes in my last HR job.', 'I processed holiday pay corrections for 300 seasonal staff.', 'I know the pension auto-enrolment rules well from my payroll work.', 'Your point about paying suppliers within 30 days struck a chord.', "I'm used to working under pressure on a busy pass.", 'I hit every deadline on the year-end audit.', 'The deadline-driven newsroom you described sounds like home.', 'I followed up every lead within a day at my last sales job.', 'I checked in forty guests an hour at the festival gate.', 'I always circle back to the customer once a repair is done.', 'Sorry to hear the trains were so bad on Tuesday; I hope your journey home was easier.', 'Apologies for the slightly late reply; I was on a night shift.', 'My family ran a bakery, so early starts are normal for me.', "I've supported families through the benefits system at the advice centre.", 'I coordinated mental health first aid training for 60 managers.', 'We reduced sick leave on the ward by a quarter with better rotas.', "Your clinic's work on back pain caught my eye.", 'I have a clean driving licence and my own car.', "The housing association's plan for 200 new homes is exciting.", 'I worked in debt recovery for a utility company.', 'I cleared the backlog of urgent repairs in eight weeks.', 'Chasing unpaid invoices was a big part of my last role.', 'Referees are ready whenever you want them.', "I'd be happy to send my portfolio if that would help.", "I'm available for a second interview any day next week.", 'I can start in January, after my notice period.', 'Thanks again, and I hope the move to the new office goes smoothly.', 'I handled complaints for a broadband firm and enjoyed turning them around.', "I'm a night owl, so late shifts suit me.", "My daughter's school uses your reading app, which is how I first heard of you.", "Having grown up on a farm, I'm no stranger to early mornings.", "I trained new staff on the company's bonus scheme rules.", 'We negotiated the contract renewal with the council in October.', 'I managed the budget for the staff Christmas party.', 'The tight deadlines on your product launches appeal to me.', 'I enjoyed the demanding case study.', 'My previous employer was bought by a larger group, and I stayed on through the merger.', 'My contract at the museum ends in March, when the exhibition closes.', 'I speak to angry customers every day and keep calm.', 'I was sorry to miss your colleague, and I hope she feels better soon.']


@pytest.mark.parametrize("line", WORK_WORDS_IN_INNOCENT_SENSES)
def test_work_words_in_innocent_senses_raise_nothing(line):
    assert codes(with_line(line)) == []


@pytest.mark.parametrize("code,line", [('checking_in', "I'm circling back in case there is news."), ('checking_in', 'Just circling back on my application.'), ('apology', 'Apologies for the slightly rambling answer on budgets.'), ('apology', 'Sorry for being a bit all over the place in the interview.')])
def test_circling_back_and_apologies_for_the_interview_still_count(code, line):
    assert code in codes(with_line(line))


# Batch 7 (12 more letters, written with all the rules above: 3 flagged): enjoying helping or taking it on is
# interest (not enjoying hearing news); helping run a group and work "which I handle weekly on our canning
# line" are fit (not a test "which I did at home")
@pytest.mark.parametrize("line,satisfied", [("I'd enjoy helping to make the move work.", True),
                                            ("I would relish taking it on.", True),
                                            ("I would enjoy hearing how the pilot goes.", False)])
def test_no_interest_reads_enjoying_helping(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


@pytest.mark.parametrize("line,fit", [("I help run a Scout group on Friday nights.", True),
                                      ("I have two teenagers and help run a youth choir.", True),
                                      ("They asked about PLC faults, which I handle weekly on our canning line.", True),
                                      ("The questions were ones that I did enjoy.", False),
                                      ("The test, which I did at home, took an hour.", False)])
def test_no_fit_reads_helping_run_and_work_done_weekly(line, fit):
    assert ("no_fit" not in codes(NO_FIT_BASE.format(line=line))) is fit


# Batch 8 (12 more letters after all the above: 4 flagged): hoping to land the traineeship, grafting hard for
# them, loving the chance to run the yard, "I'm in if you are" are interest (not "I'm in Leeds on Friday", "I
# hope I get the train on time"); tradies and sparkies are words
@pytest.mark.parametrize("line,satisfied", [("Really hope I land the traineeship.", True), ("I'd graft hard for your team.", True),
                                            ("I'd still love the chance to run the yard.", True), ("I'm in if you are.", True),
                                            ("I'm in Leeds on Friday.", False), ("I hope I get the train on time.", False)])
def test_no_interest_reads_hoping_to_land_it_and_being_in(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


def test_tradies_are_words():
    assert "spelling" not in codes(with_line("Our tradies and sparkies start at seven."))


# Batch 9 (12 more letters: 3 flagged): hoping for good news and being happy to pick up more shifts (a temp's
# interest through an agency) are interest (not hoping to hear soon, taking a day off); units (kg, km, mph,
# kWh, sqm) are words
@pytest.mark.parametrize("line,satisfied", [("I'm still hoping for good news.", True), ("Happy to pick up more shifts there.", True),
                                            ("I'm keen to take on extra sessions at the school.", True),
                                            ("I'm happy to take the day off for the second interview.", False),
                                            ("Good news about the new office.", False)])
def test_no_interest_reads_hoping_for_good_news_and_taking_more_shifts(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


def test_units_are_words():
    assert "spelling" not in codes(with_line("I roasted on a 15 kg drum, drove 40 km a day and logged every kWh."))


# Batch 10 (12 more letters: 5 flagged, all no_interest): "I'd take the job if offered", "the job is still one
# I'd really like", "a school where I could do my best work", "I'd jump at a season with you", "happy to take
# the contract", "hope to hear good things" are interest; taking it easy, a place to park, the train, a thing
# one would like to think over are not
@pytest.mark.parametrize("line,satisfied", [("I'd happily take the post if it's offered.", True), ("The job is still one I'd really like.", True),
                                            ("It feels like a place where I could thrive.", True), ("I'd jump at a summer with your crew.", True),
                                            ("I'm pleased to accept the locum assignment.", True),
                                            ("I'd take it easy on the questions next time.", False), ("It's a place where I could park easily.", False),
                                            ("I'm happy to take the train up.", False), ("It's one I'd like to think over.", False)])
def test_no_interest_reads_taking_the_job_and_a_place_to_thrive(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


# Batch 11 (12 more letters: 5 flagged): a theatre get-in, an event or feature of theirs with its modifier ("your
# quarterly quiz night", "the local honey counter") are specific (not "your open day", "your recruitment
# event"); the role made "even more appealing" is interest; dbt, npm, s'mores are words
@pytest.mark.parametrize("line,specific", [("Thanks for the get-in on Sunday; the grid is superb.", True),
                                           ("I loved your quarterly quiz night for suppliers.", True),
                                           ("The local honey counter by the till was a nice touch.", True),
                                           ("Thanks for your open day.", False), ("I enjoyed your recruitment event.", False)])
def test_no_specific_reads_an_event_or_feature_of_theirs(line, specific):
    assert ("no_specific" not in codes(SPECIFIC_BASE.format(line=line), subject="Thank you for Tuesday")) is specific


@pytest.mark.parametrize("line,satisfied", [("Meeting your team made the role even more appealing.", True),
                                            ("The job looks even more attractive to me now.", True),
                                            ("The coffee made the wait more bearable.", False)])
def test_no_interest_reads_the_role_made_more_appealing(line, satisfied):
    assert ("no_interest" not in codes(NO_INTEREST_BASE.format(line=line))) is satisfied


def test_tool_names_and_smores_are_words():
    assert "spelling" not in codes(with_line("Our pipelines run on dbt and npm scripts, and the team makes s'mores on away days."))


def _problem_letters():
    data = json.loads((Path(__file__).resolve().parent / "data" / "problem_letters.json").read_text(encoding="utf-8"))
    return data["letters"]


# Whole letters of our own with a missing fit or interest, or a hostile workplace, written near this round's
# new wordings ("I know my way around the area", "I'm sold on the place", "the parcel should come my way"):
# they must still be found, so that fit and interest did not get too easy
@pytest.mark.parametrize("letter", _problem_letters(), ids=lambda d: d["id"])
def test_problem_letters_near_the_new_wordings_are_still_found(letter):
    found = codes(letter["body"], kind=letter["kind"], subject=letter["subject"], company=letter["company"],
                  role=letter["role"], contact=letter["contact"])
    assert set(letter["expect"]) <= set(found), found


def _careful_letters():
    data = json.loads((Path(__file__).resolve().parent / "data" / "careful_letters.json").read_text(encoding="utf-8"))
    return data["letters"]


@pytest.mark.parametrize("letter", _careful_letters(), ids=lambda d: d["id"])
def test_careful_whole_letters_of_every_kind_and_channel_draw_no_finding(letter):
    ctx = {k: v for k, v in letter.items() if k not in ("id", "body", "kind", "channel", "sent_on")}
    found = check(letter["body"], kind=letter["kind"], channel=letter["channel"],
                  sent_on=dt.date.fromisoformat(letter["sent_on"]), **ctx)
    assert found == [], [(f.code, f.quote) for f in found]


def test_the_careful_letters_cover_every_kind_and_channel():
    letters = _careful_letters()
    assert {d["kind"] for d in letters} == set(KINDS)
    assert {d["channel"] for d in letters} == set(CHANNELS)


@pytest.mark.parametrize("contact", ["Dana Ortiz", ""])
def test_a_draft_does_not_say_whom_they_met_when_they_did_not_say(contact):
    """An agency note to the recruiter Dana Ortiz with "who you met" empty said "Meeting Dana Ortiz was a
    highlight" (the recruiter was not at the interview), and with no contact "Meeting the team was a
    highlight": claims the user never made. Every kind, channel and wording."""
    debrief = dataclasses.replace(FULL, contact=contact, met="", company="Hartwell Dental")
    for kind in KINDS:
        for channel in CHANNELS:
            for v in range(4):
                body = drafts.compose(kind, channel, debrief, opening=v, closing=v).body
                rest = body.split("\n", 1)[1]  # after the greeting
                assert "Meeting" not in rest and "the team was" not in rest, (kind, channel, v, body)
                if contact:
                    assert contact not in rest, (kind, channel, v, body)


def test_whom_they_met_is_said_when_given():
    debrief = dataclasses.replace(FULL, contact="Dana Ortiz", met="Dr Lee and the practice manager")
    bodies = [drafts.compose("agency", "email", debrief, opening=v).body for v in range(2)]
    assert any("Meeting Dr Lee and the practice manager was a highlight" in b for b in bodies)


def test_phrase_file_needs_a_specific_line_without_whom_they_met(tmp_path):
    data = json.loads(drafts.PHRASES_FILE.read_text())
    data["specific"]["agency"] = ["Meeting {met} was a highlight, especially {specific}."]
    bad = tmp_path / "p.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="specific.agency"):
        drafts.load(bad)


@pytest.mark.parametrize("subject,vague", [
    ("Following up", True), ("Re: Following up", True), ("Follow-up", True), ("Follow up", True),
    ("Checking in", True), ("Just following up", True),
    ("Following up on my application for the Office Manager role", False),
    ("Data Analyst interview: following up", False), ("Follow-up on our call", False),
    ("Following up after our interview", False)])
def test_a_bare_following_up_subject_is_vague(subject, vague):
    """A subject counts when it names the role, the interview or what the email is about; "following
    up" alone was one of the words that made it count, though the rule's own reason names it as vague."""
    assert ("vague_subject" in codes(GOOD, subject=subject, company="Acme Health", role="Office Manager")) is vague


def test_the_vague_subject_rule_flags_its_own_example():
    why = rules.rules().rules["vague_subject"].why
    example = re.search(r"bare \"([^\"]+)\"", why).group(1)
    assert "vague_subject" in codes(GOOD, subject=example)


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_holiday_card_draft_restates_interest_and_looks_forward_to_hearing_after_the_holidays(channel):
    """q6-chris: the card wishes them a happy holiday, reiterates interest in joining their team and looks
    forward to hearing from them after the holidays. The holiday card had no interest line at all."""
    interest = rules.rules().rules["no_interest"].satisfied
    for v in range(4):
        body = drafts.compose("holiday_card", channel, FULL, opening=v, closing=v).body
        assert interest.search(body) and "join" in body, (v, body)
        assert re.search(r"look forward to hearing from you (?:after|once) the holidays", body), (v, body)
        assert "[" not in body


# The salutation and the sign-off were never spell-checked (so that "Diolch yn fawr," and names pass), and
# "Sincerly," or "Kind regads," went out unflagged: a slip in their own words is found now, names never
@pytest.mark.parametrize("greeting,closing,word,suggestion", [
    ("Dear Priya,", "Sincerly,", "Sincerly", "sincerely"), ("Dear Priya,", "Regrads,", "Regrads", "regards"),
    ("Dear Priya,", "Kind regads,", "regads", "regards"), ("Dear Priya,", "Best reguards,", "reguards", "regards"),
    ("Dear Priya,", "Thnaks again,", "Thnaks", "thanks"), ("Dear Priya,", "Yours faithfuly,", "faithfuly", "faithfully"),
    ("Dear Priya,", "Warm wishs,", "wishs", "wishes"), ("Dera Priya,", "Best regards,", "Dera", "dear"),
    ("Helo Priya,", "Best regards,", "Helo", "hello"), ("Good mornign Priya,", "Best regards,", "mornign", "morning")])
def test_a_slip_in_the_salutation_or_sign_off_is_a_typo(greeting, closing, word, suggestion):
    found = [f for f in check(GOOD.replace("Dear Priya,", greeting).replace("Best regards,", closing),
                              kind="thank_you", subject="Thank you: Data Analyst interview", **CTX)
             if f.code == "spelling"]
    assert [f.quote for f in found] == [word]
    assert f"Did you mean “{suggestion}”?" in found[0].message


@pytest.mark.parametrize("greeting,closing", [
    ("Dear Diana,", "Best regards,"), ("Hi Dera,", "With love from Dera,"), ("Dear Dera,", "Warmly,"),
    ("Dera,", "Kind regards,"), ("Hallo Jens,", "Beste Grüße,"), ("Hei Kari,", "Tusen takk,"),
    ("Good mornin' Priya,", "Cheers,"), ("Kia ora Aroha,", "Ngā mihi,"), ("Dear Ms Helou,", "Respectfully yours,"),
    ("Dear Hiring Team,", "Saludos cordiales,"), ("Dear Mr Dearing,", "Yours sincerely,")])
def test_names_and_other_languages_in_the_salutation_or_sign_off_are_not_typos(greeting, closing):
    body = GOOD.replace("Dear Priya,", greeting).replace("Best regards,", closing)
    assert "spelling" not in codes(body)


def test_salutation_words_are_validated(tmp_path):
    data = json.loads(rules.RULES_FILE.read_text())
    data["salutation_words"] = ["dear", ""]
    bad = tmp_path / "r.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(rules.NoteRulesError, match="salutation_words"):
        rules.load(bad)


# A wrong name in the greeting (PSG Staffing; LiveAbout): "Dear Diana," to Dana Ortiz went unflagged. Only a
# greeting of the plain shape "greeting word, optional title, one or two names" is read, against the
# contact's first and last names; anything else says nothing rather than guess
@pytest.mark.parametrize("greeting,contact", [
    ("Dear Diana,", "Dana Ortiz"), ("Dear Ms Diaz,", "Dana Ortiz"), ("Good morning Tom,", "Priya Shah"),
    ("Hi Priya!", "Tom Reid"), ("Dear Dr. Okafor,", "Dr Amara Obi"), ("Hello Mr O'Neill,", "Sean O'Brien")])
def test_a_greeting_to_someone_else_is_a_wrong_name(greeting, contact):
    found = [f for f in check(GOOD.replace("Dear Priya,", greeting), kind="thank_you",
                              subject="Thank you: Data Analyst interview", company="Acme Health",
                              role="Data Analyst", contact=contact) if f.code == "wrong_name"]
    assert len(found) == 1 and found[0].severity == "fix" and contact in found[0].message
    assert found[0].quote == greeting


@pytest.mark.parametrize("greeting,contact", [
    ("Dear Dana,", "Dana Ortiz"), ("Dear Ms. Ortiz,", "Dana Ortiz"), ("Dear Dana Ortiz,", "Dana Ortiz"),
    ("Dear Dr Alvarez,", "Dr. Luis Alvarez"), ("Hi Becca,", "Rebecca Lund"), ("Hi Sam,", "Samantha Cole"),
    ("Dear Seán,", "Sean Kelly"), ("Hi Mei Lin,", "Mei Lin"), ("Dear Mr O'Brien,", "Mr O'Brien"),
    ("Dear Janet and the Logistics team,", "Janet Moore"), ("Dear Recruitment Team,", "Recruitment Team"),
    ("Dear Hiring Manager,", "Dana Ortiz"), ("Dear Sir or Madam,", "Mr Doyle"), ("Hi team,", "Dana Ortiz"),
    ("Dear Acme Health,", "Dana Ortiz"), ("Kia ora Aroha,", "Tama Ngata"), ("Dear Priya,", ""),
    ("Dear Sister Ann,", "Sister Ann"), ("Hi Priya-Jane,", "Priya Shah"), ("Dear [Name],", "Dana Ortiz"),
    # a second reviewer's false alarms: a phone's curly apostrophe, an umlaut spelled out
    ("Hello Ms. O’Brien,", "Siobhan O'Brien"), ("Hello Ms. O'Brien,", "Siobhan O’Brien"),
    ("Dear Ms. Mueller,", "Anna Müller"), ("Dear Ms Mueller,", "Anna Muller")])
def test_the_contacts_own_names_and_other_greetings_are_not_a_wrong_name(greeting, contact):
    assert "wrong_name" not in codes(GOOD.replace("Dear Priya,", greeting), contact=contact)
