#!/usr/bin/env python3
"""Build the gold files of the held-out articles (tests/heldout).

Written by hand before whosaid was run on these articles (see ../README.md). The rows
below give document, exact content text, speaker and labels; this script finds each text
in the article bytes, computes byte offsets and writes gold/quotes.jsonl and
gold/not_quotes.jsonl, in the layout of tests/story/gold (same conventions: see
tests/story/gold/README.md). A text must occur exactly once in its document, or once
inside `anchor`, or be picked with `nth`.

usage: python3 tests/heldout/gold/make_gold.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from goldlib import print_counts, write_gold  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
STORY = os.path.dirname(HERE)

FILES = [("wire-strike", "wire-strike.txt"),
         ("broadsheet-coalition", "broadsheet-coalition.txt"),
         ("local-depot-fire", "local-depot-fire.md"),
         ("business-tessaro", "business-tessaro.txt"),
         ("sport-rovers", "sport-rovers.txt"),
         ("liveblog-strike", "liveblog-strike.txt"),
         ("b-court-ruling", "b-court-ruling.txt"),
         ("b-health-study", "b-health-study.md"),
         ("b-political-feature", "b-political-feature.txt"),
         ("b-briefing-tenhai", "b-briefing-tenhai.txt"),
         ("b-breaking-calvane", "b-breaking-calvane.txt"),
         ("c-village-meeting", "c-village-meeting.txt"),
         ("c-interview-trask", "c-interview-trask.md"),
         ("c-pellucid-results", "c-pellucid-results.txt"),
         ("c-council-vote", "c-council-vote.txt"),
         ("c-sanhe-ministry", "c-sanhe-ministry.txt"),
         ("c-viral-video", "c-viral-video.txt"),
         ("d-police-inspector", "d-police-inspector.txt"),
         ("d-radio-mayor", "d-radio-mayor.txt"),
         ("d-obit-rosslyn", "d-obit-rosslyn.md"),
         ("d-flood-evacuation", "d-flood-evacuation.txt"),
         ("d-lawsuit-corveth", "d-lawsuit-corveth.txt"),
         ("d-analysis-dams", "d-analysis-dams.txt"),
         ("e-match-report", "e-match-report.txt"),
         ("e-study-tarvamine", "e-study-tarvamine.txt"),
         ("e-trial-tilley", "e-trial-tilley.txt"),
         ("e-halvern-earnings", "e-halvern-earnings.txt"),
         ("e-column-cans", "e-column-cans.txt"),
         ("e-live-review", "e-live-review.txt")]
WIRES = ["b-wire.jsonl"]

P, O, A, V, D = "person", "organization", "anonymous", "vague", "document"

QUOTES = []
NOT_QUOTES = []


def Q(doc, text, speaker, skind, kind, cue, stance="assert", nth=None, anchor=None, required=True):
    QUOTES.append(dict(doc=doc, text=text, speaker=speaker, speaker_kind=skind, kind=kind,
                       cue=cue, stance=stance, required=required, nth=nth, anchor=anchor))


def N(doc, text, nth=None, anchor=None):
    NOT_QUOTES.append(dict(doc=doc, text=text, nth=nth, anchor=anchor))


# --------------------------------------------------------------------------------------
# wire-strike: wire story, straight quotes, dateline with the agency, footer
d = "wire-strike"
FRTW = "Federation of Rail and Transit Workers"
RAIL = "Kallis Rail"
Q(d, "Rail workers in Kallis will walk out for 48 hours from next Tuesday after talks with the state operator broke down overnight", FRTW, O, "indirect", "said")
Q(d, "the strike would begin at 04:00 on March 10 and would involve drivers, signal staff and station crews", FRTW, O, "indirect", "said")
Q(d, "a pay cut dressed up as a raise", FRTW, O, "direct", "called", "deny")
Q(d, "We have been at the table for eleven weeks and we have nothing to show our members,", "Anders Kovel", P, "direct", "told")
Q(d, "The company has chosen this strike, not us.", "Anders Kovel", P, "direct", "told")
Q(d, "the union remained open to talks", "Anders Kovel", P, "indirect", "said")
Q(d, "it would not accept any deal that failed to keep pace with inflation", "Anders Kovel", P, "indirect", "said")
Q(d, "which ran at 6.1 percent in January", "national statistics office", O, "indirect", "according to", required=False)
Q(d, 'it was "deeply disappointed" by the decision', RAIL, O, "mixed", "said")
Q(d, "the union to return to negotiations", RAIL, O, "indirect", "urged")
Q(d, "Our offer is fair, it is affordable and it is the best in the sector,", "Miriam Haldane", P, "direct", "said")
Q(d, "A strike will hurt the very passengers who pay our staff's wages.", "Miriam Haldane", P, "direct", "said")
Q(d, "it plans to run about one in five regular services during the walkout, mostly on the busiest commuter lines around Ostreva and the port city of Velsk", RAIL, O, "indirect", "according to")
Q(d, "the government would not intervene in the dispute for now", "Gregor Amsel", P, "indirect", "said")
Q(d, 'both sides had "a duty to the public to settle this"', "Gregor Amsel", P, "mixed", "told")
Q(d, "he expected the operator and the union to meet again before the end of the week", "Gregor Amsel", P, "indirect", "said")
Q(d, "the government had quietly offered to fund part of a higher settlement if the union agreed to changes in shift rosters", "a senior official at the transport ministry", A, "indirect", "said")
Q(d, "rosters had been discussed", FRTW, O, "indirect", "denied", "deny")
Q(d, "There is no secret deal and there never was one,", "Lina Brask", P, "direct", "said", "deny")
Q(d, "If the minister has money on the table, he should say so in public.", "Lina Brask", P, "direct", "said")
Q(d, "a prolonged stoppage would disrupt deliveries of fuel and grain", "freight customers", V, "indirect", "warned")
Q(d, "the cost of a two-day strike at 140 million crowns", "Kallis Chamber of Commerce", O, "indirect", "estimated", required=False)
Q(d, "Every day without trains is a day our members have to put trucks on roads that cannot take them,", "Oskar Brenn", P, "direct", "said")
Q(d, "some exporters had already moved shipments forward to this week", "Oskar Brenn", P, "indirect", "added")
Q(d, "the dispute reflects wider pressure on public-sector wages as prices climb", "some economists", V, "indirect", "say")
Q(d, "the government could face similar demands from nurses and teachers later this year", "Ida Ferrant", P, "indirect", "said", "hedge")
Q(d, "I'll work from home, like everyone else,", "Nadia Orm", P, "direct", "said")
Q(d, "But two days is two days. If it goes on longer, that's a problem.", "Nadia Orm", P, "direct", "said")
Q(d, "tickets bought for travel on the strike days would be refunded in full", RAIL, O, "indirect", "said")

# --------------------------------------------------------------------------------------
# broadsheet-coalition: curly quotes, Mr./Ms., long partial quotes, a two-paragraph quotation
d = "broadsheet-coalition"
RUTH = "Ruth Delacourt"
Q(d, "she would not sign off on an emergency payment to the state railway", RUTH, P, "indirect", "said")
Q(d, "the railway had “had three rescues in five years and has reformed nothing in return,”", RUTH, P, "mixed", "told")
Q(d, "she would not ask taxpayers “to write a fourth cheque without conditions that actually bind.”", RUTH, P, "mixed", "told")
Q(d, "the prime minister “has full confidence in the finance minister”", "Daniel Arvid", P, "mixed", "said")
Q(d, "expected the cabinet to “speak with one voice on a matter this serious.”", "Daniel Arvid", P, "mixed", "said")
Q(d, "Liberal Reform is positioning itself for an early election", "members of Mr. Sollen’s National Labour party", A, "indirect", "complained")
Q(d, "I am not interested in elections,", RUTH, P, "direct", "said", "deny")
Q(d, "I am interested in whether a railway that loses money every single year can be made to stop.", RUTH, P, "direct", "said")
Q(d, "We have funded the timetable. We have funded the new rolling stock. We have funded the pension gap. At some point somebody has to ask what the public gets for it, and if that is my job, then I will do my job.", RUTH, P, "direct", "said")
Q(d, "Ruth is a tough negotiator, and the country is lucky to have her,", "Henrik Sollen", P, "direct", "said")
Q(d, "But no one in this government wants the trains to stop.", "Henrik Sollen", P, "direct", "said")
Q(d, "he had asked the transport minister, Gregor Amsel, to prepare “a package that pairs money with reform,”", "Henrik Sollen", P, "mixed", "added")
Q(d, "the government was “arguing with itself while commuters wait on cold platforms,”", "Valentin Crane", P, "mixed", "said")
Q(d, "Mr. Sollen to put the rescue to a vote in parliament", "Valentin Crane", P, "indirect", "called on")
Q(d, "she has been frustrated for months by what they describe as the railway’s refusal to share detailed accounts with her ministry", "people close to the finance minister", A, "indirect", "say")
Q(d, "the railway had “sent us a forty-page summary when we asked for the ledger.”", "one senior official in the finance ministry", A, "mixed", "said")
Q(d, "Every figure the ministry has requested has been provided, and in full,", "Miriam Haldane", P, "direct", "said", "deny")
Q(d, "The company", "Miriam Haldane", P, "indirect", "said", anchor="The company, she said", required=False)
Q(d, "had “nothing to hide and a great deal to lose” if the payment was delayed", "Miriam Haldane", P, "mixed", "said")
Q(d, "the standoff could leave the railway short of cash within weeks", "analysts", V, "indirect", "said", "hedge")
Q(d, "it held enough reserves to cover about two months of operating costs", "the operator’s most recent quarterly filing", D, "indirect", "according to")
Q(d, "a modern, reliable and self-financing railway", "coalition agreement", D, "direct", "commits", required=False)
Q(d, "now looks like a line in a poem.", RUTH, P, "direct", "put it")
Q(d, "they expected a compromise before the strike begins", "lawmakers from both coalition parties", V, "indirect", "said")
Q(d, "If this goes to a vote, I honestly could not tell you how it ends,", "Birgit Haas", P, "direct", "said", "hedge")

# --------------------------------------------------------------------------------------
# local-depot-fire: Markdown with front matter, straight quotes, "says"
d = "local-depot-fire"
VAAL = "Erik Vaal"
LISK = "Hanna Lisk"
NEIGHBOUR = "a neighbour who asked not to be named"
Q(d, "they have not ruled out arson", "police", O, "indirect", "say")
Q(d, "By the time the first crews arrived, flames were already coming through the roof of the maintenance shed", VAAL, P, "indirect", "says")
Q(d, "It went up very quickly. There was diesel, there were tyres, there was everything you don't want in a fire,", VAAL, P, "direct", "says")
Q(d, "My crews did a remarkable job keeping it off the houses.", VAAL, P, "direct", "says")
Q(d, "officers want to speak to anyone who was near the depot between midnight and 2 a.m.", LISK, P, "indirect", "says")
Q(d, "At this stage we are keeping an open mind about how the fire started,", LISK, P, "direct", "says", "hedge")
Q(d, "We are aware of what people are saying on social media, and I would ask them to let the investigation run its course.", LISK, P, "direct", "says")
Q(d, "a side gate had been found open", "reports", V, "indirect", "reports", "hedge", required=False)
Q(d, 'she heard "two or three loud bangs" shortly before she saw smoke', NEIGHBOUR, A, "mixed", "says")
Q(d, "I thought it was fireworks at first. Then the whole sky went orange,", NEIGHBOUR, A, "direct", "says")
Q(d, "the depot has been a worry for a long time", "Tom Garrick", P, "indirect", "says")
Q(d, "We've complained to the council about the fuel tanks for years,", "Tom Garrick", P, "direct", "says")
Q(d, "Nobody listened. Now look.", "Tom Garrick", P, "direct", "says")
Q(d, "the depot was inspected in November and passed", "Hollin Borough Council", O, "indirect", "says")
Q(d, "the authority would review its safety arrangements at all of its transport sites", "Margit Ostby", P, "indirect", "told")
Q(d, "I understand why residents are angry, and they deserve answers,", "Margit Ostby", P, "direct", "says")
Q(d, "We will give them those answers as soon as we have them.", "Margit Ostby", P, "direct", "says")
Q(d, 'the company is "working closely with police and the fire service"', "a Greenline spokesman", A, "mixed", "says")
Q(d, "replacement buses are being brought in from its depot in Marlow Cross", "a Greenline spokesman", A, "indirect", "says")
Q(d, "Some routes will run a reduced timetable for the rest of the week", "Greenline Buses", O, "indirect", "according to")
Q(d, "the blaze has shaken the street", "residents", V, "indirect", "say")
Q(d, "they had struggled to sleep after returning home", "several", V, "indirect", "told")
Q(d, "You just lie there listening for sirens,", "Amira Koss", P, "direct", "says")
Q(d, "I don't think any of us will feel normal for a while.", "Amira Koss", P, "direct", "says")
Q(d, "a fire investigation team will remain at the site until at least Friday", VAAL, P, "indirect", "says")
Q(d, 'it is "far too early" to say what caused the fire', VAAL, P, "mixed", "says", "hedge")
N(d, "Fire guts Hollin bus depot; arson not ruled out", nth=0)

# --------------------------------------------------------------------------------------
# business-tessaro: analysts, notes to clients, company statements, figures
d = "business-tessaro"
TESSARO = "Tessaro Engineering"
BRUNNER = "Elsa Brunner"
Q(d, 'its order book was "robust and diversified"', TESSARO, O, "mixed", "said")
Q(d, "it saw no immediate risk to contracts already signed", TESSARO, O, "indirect", "said")
Q(d, "The market is pricing in a real chance that the spring order slips into next year, and we think that is reasonable,", "analysts at Norvik Securities", O, "direct", "said")
Q(d, "the sell-off was overdone", BRUNNER, P, "indirect", "said")
Q(d, "The train order", BRUNNER, P, "indirect", "said", required=False)
Q(d, 'was "a question of when, not if," because the operator\'s existing fleet was on average 31 years old', BRUNNER, P, "mixed", "said")
Q(d, "Nobody is going to run a railway on trains from the 1990s forever,", BRUNNER, P, "direct", "said")
Q(d, "The question is whether the finance ministry lets the money go this quarter or next.", BRUNNER, P, "direct", "said", "hedge")
Q(d, "she would not approve an emergency payment to the railway without conditions", "Ruth Delacourt", P, "indirect", "said")
Q(d, 'the company expected the order to be signed "in the first half."', "Jonas Pelle", P, "mixed", "told")
Q(d, "Tessaro had begun looking at whether it could shift some production capacity to export orders, including a tram contract in the port of Velsk", "a person familiar with the company's thinking", A, "indirect", "said")
Q(d, "a 6 percent rise in revenue to 4.8 billion crowns for last year and an operating margin of 8.2 percent", TESSARO, O, "indirect", "reported", required=False)
Q(d, "whether the company had leaned too heavily on a single customer", "some investors", V, "indirect", "questioned", "hedge")
Q(d, "Tessaro has known for a decade that Kallis Rail is a political animal,", "Ruben Askew", P, "direct", "said")
Q(d, "Diversification should have been done years ago, not announced the week the share price falls.", "Ruben Askew", P, "direct", "said")
Q(d, "its procurement plans had not changed", "Kallis Rail", O, "indirect", "said")
Q(d, "We remain committed to renewing the fleet,", "a spokeswoman for the operator", A, "direct", "said")
Q(d, 'the strike itself "will be forgotten in a month," while the question of who pays for the trains will not', "Hanne Solberg", P, "mixed", "according to")
Q(d, "She expects the government to find a compromise before the end of the quarter", "Hanne Solberg", P, "indirect", "wrote")
Q(d, "Trading volume in Tessaro was more than four times its 30-day average", "exchange data", D, "indirect", "showed")
N(d, "hold", anchor="\"hold\"")
N(d, "buy", anchor="\"buy\"")

# --------------------------------------------------------------------------------------
# sport-rovers: British single quotes ‘ ’ (’ also the apostrophe), post-match quotes, titles
d = "sport-rovers"
MORROW = "Fenna Morrow"
HENDRY = "Paul Hendry"
Q(d, "I just kept telling myself the next one would go in,", "Kit Dunmore", P, "direct", "said")
Q(d, "The lads kept finding me, and in the end you owe them one.", "Kit Dunmore", P, "direct", "said")
Q(d, "We were poor for an hour, there’s no point pretending otherwise,", MORROW, P, "direct", "said")
Q(d, "I told them at half-time that if we played like that for another 45 minutes we’d deserve nothing. For 15 minutes after that we still deserved nothing.", MORROW, P, "direct", "said")
Q(d, "I took my jacket off. Maybe that was it.", MORROW, P, "direct", "quipped")
Q(d, "he had ‘never seen a kid with that kind of nerve’", "Jamie Oyelaran", P, "mixed", "said")
Q(d, "He’s the real thing,", "Jamie Oyelaran", P, "direct", "added")
Q(d, "Just don’t tell him that, or he’ll want a new contract.", "Jamie Oyelaran", P, "direct", "added")
Q(d, "Dunmore had pushed his centre-back before the header", HENDRY, P, "indirect", "insisting")
Q(d, "Everybody in the ground saw it except the one man who matters,", HENDRY, P, "direct", "said")
Q(d, "I’m not going to say any more, because I can’t afford the fine.", HENDRY, P, "direct", "said")
Q(d, "it did not comment on individual decisions", "a spokesman for the referees’ association", A, "indirect", "said")
Q(d, "the team had ‘done everything right for 80 minutes’", "Viktor Saal", P, "mixed", "said")
Q(d, "they had to learn to close out matches", "Viktor Saal", P, "indirect", "said")
Q(d, "We talk about it every week,", "Viktor Saal", P, "direct", "said")
Q(d, "At some point talking isn’t enough.", "Viktor Saal", P, "direct", "said")
Q(d, "He’s 19. He’ll have bad days. Our job is to make sure he has more of these than of those,", MORROW, P, "direct", "said")
Q(d, "would make it hard to travel to Saturday’s trip to Velsk", "several supporters", V, "indirect", "said")
Q(d, "it was arranging coaches for the game", "Rovers’ supporters’ trust", O, "indirect", "said")
Q(d, "We will get there one way or another,", "Deborah Quint", P, "direct", "told")
Q(d, "We always do.", "Deborah Quint", P, "direct", "told")
Q(d, "I don’t need to,", HENDRY, P, "direct", "said")
Q(d, "I’ll see it in my sleep.", HENDRY, P, "direct", "said")
N(d, "Ninety Minutes From Home")
N(d, "Red Lanterns")

# --------------------------------------------------------------------------------------
# liveblog-strike: live blog, newest entry first, time stamps, a transcript with speaker labels
d = "liveblog-strike"
AMSEL = "Gregor Amsel"
Q(d, "deal 'within reach'", AMSEL, P, "mixed", "says", required=False)
Q(d, "The minister promised a deal a week ago. Commuters will believe it when they see it.", "Valentin Crane", P, "direct", "posted a statement")
Q(d, "Minister, is the government putting more money on the table?", "reporter", A, "direct", None)
Q(d, "What I will say is that we have made the union a serious offer, and it includes a serious amount of money. I'm not going to negotiate through the media.", AMSEL, P, "direct", None)
Q(d, "Does the finance minister support that offer?", "reporter", A, "direct", None)
Q(d, "Ruth Delacourt and I have spoken three times today. She supports a deal that comes with reform, and so do I. There is no gap between us on that.", AMSEL, P, "direct", None)
Q(d, "And if the union says no?", "reporter", A, "direct", None)
Q(d, "Then the strike goes ahead on Tuesday and nobody wins. I don't believe it will come to that.", AMSEL, P, "direct", None)
Q(d, 'the offer was "better than last week, but not good enough yet"', "Anders Kovel", P, "mixed", "told")
Q(d, "members would be consulted overnight", "Anders Kovel", P, "indirect", "said")
Q(d, 'a deal to call off next week\'s rail strike is "within reach"', AMSEL, P, "mixed", "says")
Q(d, "the last mile is always the hardest", AMSEL, P, "direct", "warned")
Q(d, "the two sides would meet again tomorrow morning", AMSEL, P, "indirect", "said")
Q(d, "all options are being considered", AMSEL, P, "direct", "say")
Q(d, "keeping the country moving through a very hard winter", AMSEL, P, "direct", "thanking")
Q(d, "talks went on for nine hours today", AMSEL, P, "indirect", "confirms")
Q(d, "the room is packed", "our correspondent there", A, "indirect", "says")
Q(d, "I have a hospital appointment in Ostreva on Tuesday. Nobody can tell me whether there will be a train. What am I supposed to do?", "a reader in Velsk", A, "direct", "writes in")
Q(d, "passengers with medical appointments should contact its helpline, which will stay open over the weekend", "Kallis Rail", O, "indirect", "says")
Q(d, "hopes of a deal had lifted the stock", "traders", V, "indirect", "said")
Q(d, 'the company was "hopeful but realistic"', "a spokeswoman for the operator", A, "mixed", "said")
Q(d, "the main sticking point remains the length of the deal: the union wants one year, the operator wants three", "people briefed on the talks", A, "indirect", "according to")


# ======================================================================================
# Second set ("b-" files: the Orrin Lake story), written and annotated before whosaid was
# run on them (see ../README.md, "Second set").

# --------------------------------------------------------------------------------------
# b-court-ruling: court report, judge's ruling, prosecutor and defence, a statement read out
d = "b-court-ruling"
JUDGE = "Hilde Marquand"
OKAFOR = "Selma Okafor"
VDM = "Piet Vandermolen"
WREN = "Tobias Wrenfield"
GELLIN = "Marta Gellin"
Q(d, "the most serious environmental fraud ever heard in the region", "prosecutors", V, "indirect", "described as", required=False)
Q(d, 'Wrenfield had "chosen, month after month, to protect a production target rather than the people downstream."', JUDGE, P, "mixed", "said in her ruling")
Q(d, "This was not a lapse. It was a system, and you ran it,", JUDGE, P, "direct", "told")
Q(d, "The court cannot treat that as a paperwork offence.", JUDGE, P, "direct", "told")
Q(d, "she had taken into account his previous good character and the fact that he had two children at university", JUDGE, P, "indirect", "said")
Q(d, 'a custodial sentence was "the only proper outcome"', JUDGE, P, "mixed", "said")
Q(d, "at least 140 laboratory reports had been altered before they were sent to the regional environment office", OKAFOR, P, "indirect", "told")
Q(d, "Some had been changed by hand", OKAFOR, P, "indirect", "said")
Q(d, "others had been re-typed on company letterhead with the original figures removed", OKAFOR, P, "indirect", "said")
Q(d, "He knew what the real numbers were. He had them on his desk every Monday morning,", OKAFOR, P, "direct", "said")
Q(d, "And every Monday he decided the regulator did not need to see them.", OKAFOR, P, "direct", "said")
Q(d, 'a shorter term would send the message that "an environmental crime is cheaper than compliance."', OKAFOR, P, "mixed", "argued")
Q(d, "his client had acted under heavy pressure from senior managers who were never charged", VDM, P, "indirect", "said")
Q(d, "he had not personally profited from the fraud", VDM, P, "indirect", "said", "deny")
Q(d, "Mr. Wrenfield accepts the verdict of the jury. What he does not accept is that he was the only person in that company who knew,", VDM, P, "direct", "told")
Q(d, "his client was considering an appeal against the length of the sentence", VDM, P, "indirect", "said", "hedge")
Q(d, "I have had a long time to think about the harm I was part of,", WREN, P, "direct", "said")
Q(d, "I am ashamed of it, and I am sorry.", WREN, P, "direct", "said")
Q(d, 'it "fully respected the decision of the court" and had overhauled its testing procedures since 2024', "Calvane Mining", O, "mixed", "said in a written statement")
Q(d, "the sentence felt too short", GELLIN, P, "indirect", "said")
Q(d, "Three years. We have lost the lake for a generation,", GELLIN, P, "direct", "said")
Q(d, "He'll be out before my grandchildren are allowed to swim in it.", GELLIN, P, "direct", "said")
Q(d, "they had been given only summaries of the laboratory results, not the original sheets", "two former inspectors", A, "indirect", "testified")
Q(d, 'the case "raises questions about oversight that this court is not in a position to answer."', JUDGE, P, "mixed", "writing")

# --------------------------------------------------------------------------------------
# b-health-study: science/health, Markdown with front matter, a study "found", researchers,
# an independent expert "who was not involved in the study"
d = "b-health-study"
STUDY = "a study published on Tuesday"
SALT = "Ingrid Saltveit"
VARRO = "Emeka Varro"
WHIT = "Dana Whitlock"
RES = "researchers"
ANOTHER = "another researcher"
MOH = "Ministry of Health"
MOLL = "Katrin Moll"
Q(d, "Children near Orrin Lake show higher cadmium levels", STUDY, D, "indirect", "finds", nth=1, required=False)
Q(d, "Children who grew up within ten kilometres of Orrin Lake have on average twice as much cadmium in their blood as children from other parts of the country", STUDY, D, "indirect", "according to")
Q(d, "those living closest to the lake were also more likely to show early signs of kidney stress", STUDY, D, "indirect", "found")
Q(d, "We were not surprised that levels were higher. We were surprised by how much higher,", SALT, P, "direct", "said")
Q(d, "These are children. Their kidneys have decades of work ahead of them.", SALT, P, "direct", "said")
Q(d, 'the pattern was "consistent with long-term exposure through drinking water and locally grown food,"', RES, V, "mixed", "wrote in the journal")
Q(d, "the study could not prove that the lake was the source", RES, V, "indirect", "cautioned", "hedge")
Q(d, "the team had tried to account for other sources of cadmium, such as tobacco smoke in the home and certain fertilisers", SALT, P, "indirect", "said")
Q(d, "the difference remained after those adjustments", SALT, P, "indirect", "said")
Q(d, "Children whose families drew water from private wells had the highest levels", STUDY, D, "indirect", "found")
Q(d, "the timing of the rise in blood levels matched the years covered by the court case", VARRO, P, "indirect", "said")
Q(d, "You can draw a line on the calendar,", VARRO, P, "direct", "told")
Q(d, "Before 2021 the numbers are flat. After 2021 they go up.", VARRO, P, "direct", "told")
Q(d, "the findings were worrying", "independent experts", V, "indirect", "said")
Q(d, 'the early kidney markers the researchers measured "often go back to normal once exposure stops,"', WHIT, P, "mixed", "said", "hedge")
Q(d, "it was too soon to speak of lasting damage", WHIT, P, "indirect", "said", "hedge")
Q(d, "It is a well-designed study and it should be taken seriously,", WHIT, P, "direct", "said")
Q(d, "What it cannot tell us yet is what happens to these children in ten years. For that we need to follow them.", WHIT, P, "direct", "said", "hedge")
Q(d, "the sample from the lake villages was relatively small", ANOTHER, A, "indirect", "said", "hedge")
Q(d, "a follow-up study was already being discussed", ANOTHER, A, "indirect", "said")
Q(d, "it would offer free blood tests to all families living within ten kilometres of the lake from next month", MOH, O, "indirect", "said")
Q(d, "it had asked the regional water authority to publish its testing data weekly", MOH, O, "indirect", "said")
Q(d, "Families should not panic,", MOH, O, "direct", "said in a statement")
Q(d, "but they deserve to know what is in their water.", MOH, O, "direct", "said in a statement")
Q(d, "it had not yet seen the full study", "Calvane Mining", O, "indirect", "said")
Q(d, 'cadmium levels in the lake had fallen sharply since new filters were installed in 2024 and were now "within the legal limit at every sampling point."', "a company spokesman", A, "mixed", "said", "deny")
Q(d, "they had heard the news on the radio before anyone from the ministry called them", "parents in the village of Orrin", V, "indirect", "said")
Q(d, "My son is eight. He has been drinking that water since he was born,", MOLL, P, "direct", "said")
Q(d, "Nobody ever told us to stop.", MOLL, P, "direct", "said")

# --------------------------------------------------------------------------------------
# b-political-feature: political analysis, rival claims, "accused X of", "denied",
# "rejected claims that", "insisted"
d = "b-political-feature"
BRAND = "Matthias Brandvold"
HESS = "Clara Hessing"
PETT = "Yara Pettersen"
AALTO = "Henrik Aalto"
SWARD = "Elin Sward"
ERIK = "Tomas Eriksen"
TWO_PP = "two members of the ruling People's Party"
Q(d, "Environment Minister Clara Hessing of ignoring warnings about the lake for more than two years", BRAND, P, "indirect", "accused")
Q(d, "inspectors had raised concerns about the company's test results as early as 2022", BRAND, P, "indirect", "said")
Q(d, 'the minister\'s office had "filed them and forgotten them"', BRAND, P, "mixed", "said")
Q(d, "She had the letters. She had the phone calls. She chose to do nothing,", BRAND, P, "direct", "told")
Q(d, "Now she wants us to believe it was all one man in a site office.", BRAND, P, "direct", "told")
Q(d, "she had seen any such warning", HESS, P, "indirect", "denied", "deny")
Q(d, "her ministry had sat on evidence", HESS, P, "indirect", "rejected claims", "deny")
Q(d, "the forged reports had fooled inspectors at every level", HESS, P, "indirect", "insisted")
Q(d, "Nobody in this ministry received a document saying the lake was poisoned. Not one,", HESS, P, "direct", "said", "deny")
Q(d, "If Mr. Brandvold has such a letter, I invite him to publish it today.", HESS, P, "direct", "said")
Q(d, 'it would release the correspondence "at the appropriate time,"', "Brandvold's office", O, "mixed", "said")
Q(d, "An inquiry run by the ministry into the ministry is not an inquiry,", PETT, P, "direct", "said")
Q(d, "her party would not vote for the government's water bill next month unless an outside investigator was appointed", PETT, P, "indirect", "added")
Q(d, 'the prime minister "has full confidence" in Hessing', "a government spokeswoman", A, "mixed", "said")
Q(d, 'talks with the Greens were "constructive"', "a government spokeswoman", A, "mixed", "said")
Q(d, "they feared the affair could cost the party seats in the lake region", TWO_PP, A, "indirect", "said", "hedge")
Q(d, 'the minister had been "too slow to look angry"', TWO_PP, A, "mixed", "complained")
Q(d, "the inspectors' reports from his time in office did not mention cadmium at all", AALTO, P, "indirect", "said", "deny")
Q(d, "I read those files. There was nothing in them that would have set off an alarm,", AALTO, P, "direct", "said", "deny")
Q(d, "What Mr. Brandvold is doing is politics, and the people of Orrin deserve better than that.", AALTO, P, "direct", "said")
Q(d, "she no longer cared whose fault it was", SWARD, P, "indirect", "said")
Q(d, "They can shout at each other in the capital all year,", SWARD, P, "direct", "said")
Q(d, "It won't clean the lake.", SWARD, P, "direct", "said")
Q(d, "58 percent of voters believed the government had handled the affair badly", "a poll published by the newspaper Dagposten", D, "indirect", "found")
Q(d, "the opposition would have done better", "only 21 percent", V, "indirect", "said", required=False)
Q(d, "the outcome may depend on the letters", "political scientists", V, "indirect", "say", "hedge")
Q(d, "If Brandvold can show that warnings reached the minister's desk", ERIK, P, "indirect", "said", required=False)
Q(d, "Hessing will struggle to survive", ERIK, P, "indirect", "said", "hedge")
Q(d, 'If he cannot, "he will have spent a great deal of credibility on a story he could not prove."', ERIK, P, "mixed", "said")

# --------------------------------------------------------------------------------------
# b-briefing-tenhai: a foreign government's regular briefing, spokesperson titles before
# family-name-first names, translated quotes, a ministry as speaker
d = "b-briefing-tenhai"
TENHAI = "Tenhai's government"
QIAO = "Qiao Linfeng"
WATER = "Tenhai's Ministry of Water Resources"
DUAN = "Duan Hemin"
Q(d, "Orrin Lake pollution may have reached border river", "Tenhai", O, "indirect", "says", "hedge", required=False)
Q(d, "Ardessa to hand over all water-quality records from the Orrin Lake mine", TENHAI, O, "indirect", "asked")
Q(d, "pollution from the site may have reached the Sorva River", TENHAI, O, "indirect", "saying", "hedge")
Q(d, 'Tenhai had "serious concerns" about the health of people living along the river and expected Ardessa to "act as a responsible neighbour"', QIAO, P, "mixed", "said")
Q(d, "The Tenhai side has noted the recent court case in Ardessa and the reports about the health of children near the lake,", QIAO, P, "direct", "said")
Q(d, "We have asked the Ardessan side to provide complete and accurate information without delay.", QIAO, P, "direct", "said")
Q(d, 'it was "too early to discuss such questions"', QIAO, P, "mixed", "said")
Q(d, "the priority was to establish the facts", QIAO, P, "indirect", "said")
Q(d, 'its own monitoring stations on the Sorva had recorded "elevated but not dangerous" cadmium levels on several occasions since 2022', WATER, O, "mixed", "said in a separate statement")
Q(d, "it had sent a team of specialists to the border region and would publish its findings within a month", WATER, O, "indirect", "said")
Q(d, "farmers downstream should continue to use river water for irrigation for now", DUAN, P, "indirect", "told")
Q(d, "the ministry would test crops from the area", DUAN, P, "indirect", "told")
Q(d, "There is no need for alarm. There is a need for information,", DUAN, P, "direct", "said")
Q(d, "it had received the request and passed it on", "the Ardessan embassy in Shanlu", O, "indirect", "said")
Q(d, 'his government would "cooperate fully" with Tenhai', "Jonas Terrel", P, "mixed", "said")
Q(d, "the two countries' river commission would meet next week", "Jonas Terrel", P, "indirect", "said")
Q(d, "the lake drained into the Sorva only during spring floods", "an Ardessan environment official", A, "indirect", "said", "deny")
Q(d, 'the amount of cadmium that could have crossed the border was "very small"', "an Ardessan environment official", A, "mixed", "said", "deny")
Q(d, 'Ardessa had "a duty to explain why its own inspectors failed for three years."', "The Shanlu Daily", O, "mixed", "said in an editorial")
Q(d, "whether Tenhai had raised the issue with Ardessa before the court case", "a reporter", A, "indirect", "asked", required=False)
Q(d, 'the two sides had "maintained communication through normal channels"', QIAO, P, "mixed", "said")
Q(d, "Tenhai was using the affair to put pressure on Ardessa in unrelated talks over fishing rights in the Sorva estuary", QIAO, P, "indirect", "rejected a suggestion", "deny")
Q(d, "These are two separate matters. Linking them is groundless,", QIAO, P, "direct", "said", "deny")
Q(d, "he had grown rice with water from the Sorva for thirty years", "Zhou Baiming", P, "indirect", "told")
Q(d, "If there is something in the water, we want to know now, not after the harvest,", "Zhou Baiming", P, "direct", "said")
Q(d, 'cross-border pollution "has been ignored for too long"', "Lise Arnholt", P, "mixed", "said")
Q(d, "both governments to publish all their data online", "Lise Arnholt", P, "indirect", "called on")
Q(d, "its latest tests showed that cadmium in Orrin Lake was now below the legal limit", "Ardessa's environment ministry", O, "indirect", "said", "deny")

# --------------------------------------------------------------------------------------
# b-breaking-calvane: breaking news with anonymous sources, "according to reports",
# "it was not immediately clear", time-stamped updates
d = "b-breaking-calvane"
FAM = "two people familiar with the matter"
LUNDE = "Anders Lunde"
HESS = "Clara Hessing"
CLOSE = "a person close to Lunde"
Q(d, "Calvane Mining chief executive expected to step down", "sources", A, "indirect", "sources", "hedge", required=False)
Q(d, "Calvane Mining's chief executive, Anders Lunde, is expected to resign as early as this week as the company's board tries to contain the fallout from the Orrin Lake pollution scandal", FAM, A, "indirect", "said", "hedge")
Q(d, "The board met in an emergency session on Wednesday night and discussed a possible successor", FAM, A, "indirect", "said")
Q(d, "chief financial officer Marit Solheim was the leading candidate to take over on an interim basis", FAM, A, "indirect", "said")
Q(d, 'Lunde had told colleagues he would not "stand in the way" of a fresh start', "a senior company official", A, "mixed", "said")
Q(d, "his contract entitles him to twelve months' salary if he is asked to leave", "the company's most recent annual report", D, "indirect", "according to")
Q(d, "We do not comment on speculation,", "a spokeswoman", A, "direct", "said")
Q(d, "he knew nothing about the forged water-quality records that sent a former operations manager to prison last month", LUNDE, P, "indirect", "said", "deny")
Q(d, 'the company had "learned hard lessons" from the case', LUNDE, P, "mixed", "told")
Q(d, 'she had "no information" about changes at the company\'s top', HESS, P, "mixed", "said")
Q(d, "Who runs Calvane Mining is a matter for its shareholders,", HESS, P, "direct", "told")
Q(d, "What matters to me is that the lake is cleaned up and that whoever is in charge pays for it.", HESS, P, "direct", "told")
Q(d, "the board was also considering a separate review of how the falsified records escaped the notice of senior managers", "Finansbladet", O, "indirect", "according to", "hedge")
Q(d, "the review would be led by an outside law firm", "Finansbladet", O, "indirect", "said")
Q(d, "he had been pushed", CLOSE, A, "indirect", "disputed the idea", "deny")
Q(d, "Anders has been thinking about this since the verdict. Nobody had to ask him,", CLOSE, A, "direct", "said", "deny")
Q(d, 'the company needed "new leadership that the public can trust"', "Nordvik Capital", O, "mixed", "said in a letter")
Q(d, 'a resignation was "overdue, but welcome"', "a fund manager at another large shareholder", A, "mixed", "said")
Q(d, "a change of chief executive would not be enough", "residents' groups around Orrin Lake", V, "indirect", "said")
Q(d, "families wanted the company to settle their civil claim", "Jon Helle", P, "indirect", "said")
Q(d, "A new face at the top doesn't give anybody clean water,", "Jon Helle", P, "direct", "said")

# --------------------------------------------------------------------------------------
# b-wire.jsonl: two short wire items (offsets are bytes of the decoded "text" field)
d = "b-wire-0601-a"
Q(d, "former Supreme Court judge Ebba Strand would examine how falsified water-quality records at a Calvane Mining site went undetected for three years", "Oskar Lindqvist", P, "indirect", "said")
Q(d, "Judge Strand will have access to every file in every ministry. Nothing will be held back,", "Oskar Lindqvist", P, "direct", "told")
Q(d, "the party would now support the bill", "Yara Pettersen", P, "indirect", "said")
Q(d, 'the inquiry came "months too late"', "Matthias Brandvold", P, "mixed", "said")
Q(d, "Environment Minister Clara Hessing to resign", "Matthias Brandvold", P, "indirect", "repeated his call", required=False)
Q(d, "she would cooperate with the inquiry", "Hessing's office", O, "indirect", "said")

d = "b-wire-0601-b"
Q(d, "Solheim would lead it until a permanent successor was found", "Calvane Mining", O, "indirect", "said")
Q(d, 'the search would take "several months"', "Calvane Mining", O, "mixed", "said")
Q(d, "her first priority was to settle the civil claim brought by residents around the lake", "Marit Solheim", P, "indirect", "told")
Q(d, "We owe these families an answer, and we owe it to them this year,", "Marit Solheim", P, "direct", "said")
Q(d, "the appointment removed some uncertainty", "analysts at Berge Securities", O, "indirect", "said")
Q(d, "the legal costs remained hard to estimate", "analysts at Berge Securities", O, "indirect", "said", "hedge")
Q(d, 'his clients would "believe it when they see a signed offer"', "Nils Graven", P, "mixed", "said")


# ======================================================================================
# Third set ("c-" files: the Coldharrow data centre story), written and annotated before
# whosaid was run on them (see ../README.md, "Third set").

PELL = "Pellucid Data"
ASH = "Nell Ashdown"
TRASK = "Nessa Trask"
LUSK = "Bernadette Lusk"
MIROW = "Stefan Mirow"
EBB = "Marcus Ebbing"
HALLAM = "Gwen Hallam"
VWA = "Varnland Water Authority"

# --------------------------------------------------------------------------------------
# c-village-meeting: British style, single straight quotes that are also the apostrophe,
# a quoted phrase in the headline, "Mr"/"Mrs"/"Dr" without a period, double quotes nested
d = "c-village-meeting"
GRANGE = "Hollis Grange"
CHAMBER = "Tamsin Valley Chamber of Commerce"
SHOP = "one shopkeeper"
Q(d, "data centre will 'drink the Tamsin dry'", "Coldharrow villagers", V, "mixed", "say", required=False)
Q(d, "it would take so much water from the river that stretches of it could run dry in summer", "residents of a village in the Tamsin valley", V, "indirect", "warning")
Q(d, "the buildings would be cooled partly with water taken from the Tamsin, up to 1.2 million litres a day at the height of summer", "planning application", D, "indirect", "says")
Q(d, "That's more than the whole village uses,", HALLAM, P, "direct", "said")
Q(d, "They keep telling us it's a small fraction of the flow. Come down here in August and show me the flow.", HALLAM, P, "direct", "said")
Q(d, "they had not heard of the application until a neighbour spotted a notice cable-tied to a lamp post", "several speakers", V, "indirect", "said")
Q(d, "the company had 'treated the valley like an empty plot on a map'", ASH, P, "mixed", "told")
Q(d, "the campaign would ask the district council to reject the plan outright and would take legal advice if it did not", ASH, P, "indirect", "said")
Q(d, "its design is among the most water-efficient in the country", PELL, O, "indirect", "says")
Q(d, "the site would use 'closed-loop cooling for most of the year' and would draw from the river only on the hottest days", PELL, O, "mixed", "said")
Q(d, "it had commissioned an independent study of the river's flow and would publish it 'in full' before the council decides", PELL, O, "mixed", "added")
Q(d, "We've listened, and we'll keep listening,", GRANGE, P, "direct", "said")
Q(d, "Nobody wants a dry river, least of all us. Our customers don't want to be the company that drained a valley.", GRANGE, P, "direct", "said")
Q(d, "the company's own figures showed the site would take less than 2 per cent of the Tamsin's average flow", GRANGE, P, "indirect", "said")
Q(d, "the company was 'prepared to stop abstraction altogether' when the river fell below an agreed mark", GRANGE, P, "mixed", "said")
Q(d, "the river had fallen so low in the drought of 2024 that he had to haul water to his flock by tractor", "Idris Morcombe", P, "indirect", "said")
Q(d, "Averages don't water sheep,", "Idris Morcombe", P, "direct", "said")
Q(d, "it had not yet received an application", VWA, O, "indirect", "said")
Q(d, "any request would be judged 'on the evidence, including the needs of other users downstream'", "a spokesman for the Varnland Water Authority", A, "mixed", "said")
Q(d, "the site would bring about 60 permanent jobs and 400 during construction", "council documents", D, "indirect", "according to")
Q(d, "the area 'cannot afford to turn away' investment on that scale", CHAMBER, O, "mixed", "said in a letter")
Q(d, "young people were leaving Coldharrow for want of work", CHAMBER, O, "indirect", "said in a letter")
Q(d, "half my customers are on the other side", SHOP, A, "direct", "said")
Q(d, "the village as 'quietly split down the middle'", SHOP, A, "mixed", "described", required=False)
Q(d, "summer flows in the Tamsin had fallen by about a fifth since the 1990s and the river was 'already under strain'", TRASK, P, "mixed", "said")
Q(d, "it was 'not unreasonable' for a company to use river water", TRASK, P, "mixed", "said")
Q(d, "the council should insist on a hard limit written into any permission", TRASK, P, "indirect", "said")
Q(d, "It's the \"prepared to stop\" bit that worries me,", TRASK, P, "direct", "said")
Q(d, "Prepared isn't a condition. A condition is a condition.", TRASK, P, "direct", "said")
Q(d, "every objection would be read", LUSK, P, "indirect", "saying")
Q(d, "We're not against jobs,", ASH, P, "direct", "said")
Q(d, "We're against being told our river is a rounding error.", ASH, P, "direct", "said")

# --------------------------------------------------------------------------------------
# c-interview-trask: question-and-answer interview, Markdown with front matter, an intro
# paragraph, then **Q:** / **A:** (answers can run on into a paragraph without a label)
d = "c-interview-trask"
PRYCE = "Jonah Pryce"
Q(d, "Prepared isn't a condition", TRASK, P, "direct", None, nth=0, required=False)
Q(d, "Prepared isn't a condition", TRASK, P, "direct", None, nth=1, required=False)
Q(d, "she is neither for nor against the project", TRASK, P, "indirect", "says")
Q(d, "Let's start with the basic question. Is there enough water in the Tamsin for this?", PRYCE, P, "direct", None)
Q(d, "In an average year, yes, comfortably. Pellucid's number, less than 2 percent of the average flow, is correct as far as it goes. My problem is that nobody lives in an average year. The river in March and the river in August are two different rivers.", TRASK, P, "direct", None)
Q(d, "How different?", PRYCE, P, "direct", None)
Q(d, "At our gauge below Coldharrow, a typical March flow is around eleven cubic metres a second. In a dry August it can drop under one. In 2024 we recorded 0.6 for nine days running. If you take 1.2 million litres a day out of a river running at 0.6, you are no longer talking about 2 percent. You are talking about something over 2 percent of what is left, on the days when the fish can least afford it.", TRASK, P, "direct", None)
Q(d, "That is the bit that gets lost in the headlines.", TRASK, P, "direct", None)
Q(d, "The company says it will stop taking water when the river falls below an agreed level. Doesn't that solve it?", PRYCE, P, "direct", None)
Q(d, "It could, if it were written down. At the moment it is a promise made at a public meeting. I've read the application twice. The word \"prepared\" appears. The word \"will\" does not. Prepared isn't a condition.", TRASK, P, "direct", None)
Q(d, "Have you said that to Pellucid?", PRYCE, P, "direct", None)
Q(d, "I have. Their engineers were very courteous. They told me they would look at it, and to be fair, I think they will. But engineers don't sign the permission. The council does.", TRASK, P, "direct", None)
Q(d, "Some residents say the river is already dying. Is that fair?", PRYCE, P, "direct", None)
Q(d, "No, and I'd gently push back on it. Summer flows have fallen by about a fifth since the 1990s, mostly because the winters are drier and we pump more from the aquifer. That is a river under strain. It is not a dead river. If you tell people it is dying, some of them stop caring, because what's the point?", TRASK, P, "direct", None)
Q(d, "What would you want the council to do?", PRYCE, P, "direct", None)
Q(d, "Three things. A hard cut-off: below a set flow, abstraction stops, no discretion. A meter on the intake that reports in real time to the Water Authority, not to the company. And a review every five years, because the climate is moving faster than planning law.", TRASK, P, "direct", None)
Q(d, "None of that is radical. We do exactly this for farms.", TRASK, P, "direct", None)
Q(d, "Pellucid says its cooling is closed-loop most of the year. Is that credible?", PRYCE, P, "direct", None)
Q(d, "The technology is real. Whether this site will run that way depends on how hot the summers get, and our models say hotter. So the honest answer is that the closed-loop claim is credible for today's summers and less so for the summers of 2045.", TRASK, P, "direct", None)
Q(d, "You've been called \"the company's favourite sceptic.\" How do you feel about that?", PRYCE, P, "direct", None)
Q(d, "I saw that. A councillor posted it, I think, and then took it down. I'll take it. If both sides are a little annoyed with me, I'm probably doing the job properly.", TRASK, P, "direct", None)
Q(d, "Last question. If you were on the committee, how would you vote?", PRYCE, P, "direct", None)
Q(d, "I'm not on the committee, and I'd rather not pretend to be. What I will say is that I would not vote for anything that leaves the river's worst week to somebody's goodwill.", TRASK, P, "direct", None)

# --------------------------------------------------------------------------------------
# c-pellucid-results: corporate story from a press release, emails and an earnings call;
# "declined to comment", "did not respond to a request for comment" (no quotations)
d = "c-pellucid-results"
FAIRLEY = "Isobel Fairley"
SPOKES = "a spokesperson for Pellucid"
TWO_PEOPLE = "two people familiar with the board's discussions"
Q(d, "it would pause work on its planned data centre at Coldharrow for at least six months to redesign the site's cooling system", PELL, O, "indirect", "said")
Q(d, "would push back the company's growth targets by a year or more", "analysts", V, "indirect", "said", required=False)
Q(d, "the pause would allow it to \"fully address the concerns raised by residents and regulators\"", PELL, O, "mixed", "said")
Q(d, "it remained \"committed to the Tamsin valley.\"", PELL, O, "mixed", "said")
Q(d, "Our commitment to responsible growth has never been stronger,", EBB, P, "direct", "said in the release")
Q(d, "the decision to pause Coldharrow as \"painful but right.\"", EBB, P, "mixed", "described", required=False)
Q(d, "We could have pushed this through. I don't think we should have, and I don't think we'd have been welcome in that valley for the next thirty years if we had,", EBB, P, "direct", "said")
Q(d, "\"nothing is off the table\"", EBB, P, "mixed", "said")
Q(d, "Coldharrow remained its \"first choice.\"", EBB, P, "mixed", "said")
Q(d, "the redesigned plant would rely on air cooling for most of the year and would need far less river water", EBB, P, "indirect", "said")
Q(d, "the company now expected full-year revenue at the lower end of its forecast range of 1.6 billion to 1.7 billion marks", FAIRLEY, P, "indirect", "told", "hedge")
Q(d, "Energy is the line that keeps me up at night,", FAIRLEY, P, "direct", "said")
Q(d, "We've hedged about 70 percent of next year's needs. The other 30 percent is where the risk is.", FAIRLEY, P, "direct", "said")
Q(d, "no jobs at the company's existing sites in Selbridge and Marrowby would be affected by the pause", SPOKES, A, "indirect", "said in an email")
Q(d, "The roughly 40 staff working on Coldharrow would be moved to other projects", SPOKES, A, "indirect", "said")
Q(d, "The redesign will use air cooling for most of the year, and we expect to submit revised plans early next year,", PELL, O, "direct", "said in an emailed statement")
Q(d, "the directors had been more worried about the planning risk than about Lianhai", TWO_PEOPLE, A, "indirect", "said")
Q(d, "a rejection by the district council next month would have been \"far more expensive than a pause.\"", TWO_PEOPLE, A, "mixed", "said")
Q(d, "the board had voted unanimously", TWO_PEOPLE, A, "indirect", "said")
Q(d, "the pause was \"a sensible reset\" for a project that had become \"a reputational problem as much as an engineering one.\"", "Miriam Osei", P, "mixed", "said")
Q(d, "Pellucid had \"underestimated local opposition for the second time in three years,\"", "analysts at Harrowgate Securities", O, "mixed", "wrote")
Q(d, "the application would remain on file unless the company withdrew it", "Coldharrow District Council", O, "indirect", "said in a brief statement")
Q(d, "a first step", ASH, P, "direct", "called")
Q(d, "the group would not stand down until the application was formally withdrawn", ASH, P, "indirect", "said")
Q(d, "A pause is what you do when you're hoping people will get bored,", ASH, P, "direct", "wrote")
Q(d, "We won't.", ASH, P, "direct", "wrote")
Q(d, "several funds had urged the board in recent weeks to drop the Coldharrow site altogether", "one large shareholder", A, "indirect", "said")
Q(d, "it would hold an investor day in January, where it expects to set out revised targets", PELL, O, "indirect", "said")

# --------------------------------------------------------------------------------------
# c-council-vote: a planning committee meeting, speakers in turn (officers by role only,
# councillors with party and ward in brackets, residents in public comment), a vote
d = "c-council-vote"
OFFICER = "the council's principal planning officer"
VALE = "Corin Vale"
ENGINEER = "a retired engineer from Harrowmoor"
NURSE = "a nurse at Harrowmoor General"
TREG = "Owen Tregarth"
BRIM = "Aled Brimble"
ODUYA = "Farah Oduya"
Q(d, "clapping was not allowed", LUSK, P, "indirect", "remind")
Q(d, "the application met national planning policy", OFFICER, A, "indirect", "told")
Q(d, "officers recommended approval, subject to 34 conditions", OFFICER, A, "indirect", "told")
Q(d, "One of those conditions", OFFICER, A, "indirect", "said", required=False)
Q(d, "would require the company to stop taking water from the Tamsin whenever the flow at the Coldharrow gauge fell below 0.9 cubic metres a second", OFFICER, A, "indirect", "said")
Q(d, "That condition is enforceable, and it is the strongest of its kind that this authority has ever proposed,", OFFICER, A, "direct", "said")
Q(d, "the company had \"heard the valley loud and clear\" and had redesigned the cooling plant over the autumn so that it would need river water on fewer than twenty days a year", VALE, P, "mixed", "told")
Q(d, "We are not asking you to take our word for it,", VALE, P, "direct", "said")
Q(d, "We are asking you to write it into the permission, and to hold us to it.", VALE, P, "direct", "said")
Q(d, "she had watched the Tamsin \"turn to stones\" in the summer of 2024 and did not believe any meter would change that", HALLAM, P, "mixed", "said")
Q(d, "the technical case was sound and the opposition \"mostly feeling.\"", ENGINEER, A, "mixed", "said")
Q(d, "she was a nurse at Harrowmoor General", NURSE, A, "indirect", "said", required=False)
# (a row forgotten when the gold was first written, added after the blind run: see ../README.md)
Q(d, "two of her children had already left the district for work", NURSE, A, "indirect", "said")
Q(d, "If this goes, what comes instead?", NURSE, A, "direct", "asked")
Q(d, "Nobody in this room has an answer to that.", NURSE, A, "direct", "asked")
Q(d, "had 11,400 signatures", ASH, P, "indirect", "said", required=False)
Q(d, "the committee to \"listen to the people who will still be here in 2060.\"", ASH, P, "mixed", "urged")
Q(d, "the conditions were \"a sticking plaster on a wound we haven't even finished inflicting.\"", TREG, P, "mixed", "said")
Q(d, "Officers have done their job well,", TREG, P, "direct", "said")
Q(d, "But it isn't officers who will have to explain to our grandchildren why the river stopped in August.", TREG, P, "direct", "said")
Q(d, "the company had met every test the council had set", MIROW, P, "indirect", "said")
Q(d, "a refusal was likely to be overturned on appeal, leaving the district with neither the conditions nor the jobs", MIROW, P, "indirect", "warned", "hedge")
Q(d, "We will lose at appeal, we will pay the costs, and we will have none of the safeguards officers have negotiated,", MIROW, P, "direct", "said")
Q(d, "That is the worst of all worlds.", MIROW, P, "direct", "said")
Q(d, "the council could be ordered to pay the company's costs if an inspector found the refusal unreasonable", "the council's legal adviser", A, "indirect", "confirmed")
Q(d, "whether the water authority had agreed to the proposed meter", BRIM, P, "indirect", "asked", required=False)
Q(d, "it had not yet responded", OFFICER, A, "indirect", "said")
Q(d, "So we'd be voting on a condition nobody has signed up to,", BRIM, P, "direct", "said")
Q(d, "I came in tonight expecting to vote for this,", ODUYA, P, "direct", "said")
Q(d, "I'm not going to. I don't think the water question is settled, and I won't gamble the river on it.", ODUYA, P, "direct", "said")
Q(d, "The application is refused,", LUSK, P, "direct", "said")
Q(d, "Could I ask people to leave quietly. Some of us live here.", LUSK, P, "direct", "said")
Q(d, "it was \"disappointed\" and would \"consider all options, including an appeal.\"", PELL, O, "mixed", "said")
Q(d, "no decision would be taken before the new year", "a company spokesperson", A, "indirect", "said")

# --------------------------------------------------------------------------------------
# c-sanhe-ministry: foreign affairs, translated quotes, family-name-first names, a ministry
# briefing "according to a transcript", an embassy statement, state media, an editorial
d = "c-sanhe-ministry"
MOFA = "Sanhe foreign ministry"
GU = "Gu Mingzhe"
TRADE = "Varnland trade ministry"
BRECK = "Anselm Breck"
TAO = "Tao Ruolan"
SHEN = "Shen Baolu"
EMB = "Sanhe embassy in Selbridge"
FO_SPOKES = "a spokeswoman for Varnland's foreign office"
EURO = "a European diplomat"
MEI = "Mei Anlan"
Q(d, "Varnland of \"discrimination\"", "Sanhe", O, "mixed", "accuses", required=False)
Q(d, "Varnland of discriminating against its companies", MOFA, O, "indirect", "accused")
Q(d, "Varnland should stop using security as an excuse to suppress normal business cooperation,", GU, P, "direct", "told")
Q(d, "Sanhe would \"take all necessary measures to safeguard the legitimate rights and interests\" of its firms", GU, P, "mixed", "said")
Q(d, "it had blocked a contract under which Lianhai Power Equipment would have supplied the cooling plant for Pellucid Data's planned site at Coldharrow", TRADE, O, "indirect", "said")
Q(d, "the equipment's control software could be updated remotely from outside Varnland", TRADE, O, "indirect", "said")
Q(d, "this posed \"an unacceptable risk\" to infrastructure linked to the national grid", TRADE, O, "mixed", "said")
Q(d, "the decision was \"based on advice from the security services, and on nothing else.\"", BRECK, P, "mixed", "said")
Q(d, "This is not about where a company is from. It is about what a piece of equipment can do, and who can tell it to do it,", BRECK, P, "direct", "told")
Q(d, "the ban \"sends a very bad signal\" to Sanhe companies that had invested in Varnland in good faith", TAO, P, "mixed", "said")
Q(d, "Sanhe firms had created more than 4,000 jobs in Varnland in the past decade", TAO, P, "indirect", "said")
Q(d, "the company had \"complied with every rule and answered every question\" during a review that lasted seven months", SHEN, P, "mixed", "told")
Q(d, "Lianhai would ask a Varnland court to overturn the decision", SHEN, P, "indirect", "said")
Q(d, "it had lodged \"stern representations\" with Varnland's foreign office", EMB, O, "mixed", "said in a statement")
Q(d, "the government to \"correct its mistake.\"", EMB, O, "mixed", "urged")
Q(d, "the decision had \"seriously damaged mutual trust.\"", "Lei Xun", P, "mixed", "told")
Q(d, "the call had taken place", FO_SPOKES, A, "indirect", "confirmed")
Q(d, "the ambassador had \"set out the government's position clearly and calmly\"", FO_SPOKES, A, "mixed", "said")
Q(d, "Varnland valued its trade with Sanhe", FO_SPOKES, A, "indirect", "said")
Q(d, "Varnland", "Sanhe Daily", O, "indirect", "said", anchor="Varnland, the newspaper said", required=False)
Q(d, "was \"following its larger allies like a small boat follows a wake,\" and would find that \"the water behind a big ship is rough.\"", "Sanhe Daily", O, "mixed", "said")
Q(d, "Trade between the two countries was worth about 9 billion marks last year", "Varnland statistics office", O, "indirect", "according to")
Q(d, "the row was unlikely to escalate quickly", "diplomats in Huajing", V, "indirect", "said", "hedge")
Q(d, "Sanhe's response had been \"loud, but carefully loud,\"", EURO, A, "mixed", "said")
Q(d, "both governments had too much at stake to let a single contract derail ties", EURO, A, "indirect", "said")
Q(d, "\"patience is not unlimited\"", MEI, P, "mixed", "told")
Q(d, "Sanhe had in the past answered such bans with inspections of imports from the country concerned", MEI, P, "indirect", "told")
Q(d, "the ban would not affect its plans", PELL, O, "indirect", "said")
Q(d, "Our plans never depended on any single supplier,", "a company spokesperson", A, "direct", "said")

# --------------------------------------------------------------------------------------
# c-viral-video: a social-media story, "wrote on social media", "posted", "replied", a
# deleted post, a hashtag and a slogan in quotation marks that are no quotations
d = "c-viral-video"
KEZ = "Kezia Drummond"
KTF = "Keep the Tamsin Flowing"
Q(d, "This is what 'less than two percent' looks like,", KEZ, P, "direct", "says")
Q(d, "Come and swim in it. I'll wait.", KEZ, P, "direct", "says")
N(d, "Not one drop more")
Q(d, "she had \"never expected this\"", KEZ, P, "mixed", "said")
Q(d, "she was \"just a swimmer who got angry.\"", KEZ, P, "mixed", "said")
Q(d, "viewers to send objections to the district council before its planning committee meets in December", KEZ, P, "indirect", "urged")
Q(d, "the video appeared to show a side channel that dries out most summers, not the main river", VWA, O, "indirect", "wrote on social media", "deny")
Q(d, "flows at the nearest gauge were \"within the normal range for the time of year.\"", VWA, O, "mixed", "wrote on social media")
Q(d, "Side channel or not, it had water in it when I was a kid,", KEZ, P, "direct", "wrote")
Q(d, "Ask anyone who lives here.", KEZ, P, "direct", "wrote")
Q(d, "the company \"shares the community's love for the Tamsin\"", PELL, O, "mixed", "saying")
Q(d, "no water would be taken from the river \"when it is at its most vulnerable.\"", PELL, O, "mixed", "saying")
N(d, "vulnerable enough yet?")
Q(d, "I understand why people are angry. I'd be angry too if I thought a company was draining my river,", EBB, P, "direct", "wrote")
Q(d, "We aren't, and we'll prove it with numbers anyone can check.", EBB, P, "direct", "wrote")
Q(d, "the campaigners were \"townies who've never seen a real drought.\"", MIROW, P, "mixed", "posted")
Q(d, "I wrote something stupid late at night and I've taken it down,", MIROW, P, "direct", "posted")
Q(d, "I'm sorry to anyone I offended. I will judge this application on the evidence, as I always do.", MIROW, P, "direct", "posted")
Q(d, "the apology was not enough", "campaigners", V, "indirect", "said")
Q(d, "Mirow to stand aside from the vote", KTF, O, "indirect", "called on")
Q(d, "his post showed he had \"already made up his mind.\"", KTF, O, "mixed", "saying")
Q(d, "Drummond of exaggerating", "some users", V, "indirect", "accused")
Q(d, "the video had been filmed during the 2024 drought", "a handful", V, "indirect", "claimed")
Q(d, "the episode showed how quickly a local planning dispute could be nationalised", "experts in online campaigns", V, "indirect", "said")
Q(d, "A single image does the work that fifty pages of objections cannot,", "Theo Maddrell", P, "direct", "said")
Q(d, "But it also flattens everything. The question of whether this is a side channel or the main river is exactly the kind of detail that gets lost.", "Theo Maddrell", P, "direct", "said")
Q(d, "she would be at the council meeting in person", KEZ, P, "indirect", "said")
Q(d, "Not one drop.", KEZ, P, "direct", None)


# ======================================================================================
# Fourth set (d- files): the Greyhallow Dam story (Storm Perpetua, Brindlemoor, Corveth
# Water), written by a fourth helper before whosaid was run on these articles.

# --------------------------------------------------------------------------------------
# d-police-inspector: police and crime report, "police said", "a police spokesperson",
# "according to a police report", a first-name-only neighbour, a witness quoted twice, the
# suspect's lawyer, "in a statement released through her attorney"
d = "d-police-inspector"
POLICE = "police"
POLSPOKES = "a police spokesperson"
THORNE = "Basil Thorne"
POLREPORT = "a police report"
QP = "Quill & Pryor Engineering"
SZABO = "Anton Szabo"
DUNLEVY = "Marguerite Dunlevy"
YSOLDE = "Ysolde"
KESSLER = "Auberon Kessler"
CORVETH = "Corveth Water"
Q(d, "An engineer who carried out safety inspections at the Greyhallow Dam has been charged with falsifying records in the two years before its spillway gave way and flooded lower Brindlemoor", POLICE, O, "indirect", "said")
Q(d, "the charges related to inspection reports filed in 2024 and 2025 that described the spillway channel as \"in satisfactory condition.\"", POLSPOKES, A, "mixed", "said")
Q(d, "Investigators believe the inspections recorded in at least two of those reports never took place", POLSPOKES, A, "indirect", "said")
Q(d, "This is a complex investigation and it is far from over,", THORNE, P, "direct", "said")
Q(d, "We are looking at who knew what, and when, and we will follow that wherever it goes.", THORNE, P, "direct", "said")
Q(d, "officers searched Dunlevy's home office and removed two laptops and a box of paper files", POLREPORT, D, "indirect", "according to")
Q(d, "the logbook of the dam's access gate shows no entry for either of the dates given in the disputed reports", POLREPORT, D, "indirect", "says")
Q(d, "it had suspended her when questions were first raised in November and was \"cooperating fully\" with police", QP, O, "mixed", "said")
Q(d, "his client would plead not guilty", SZABO, P, "indirect", "said", "deny")
Q(d, "Ms. Dunlevy is being made to carry the blame for a system that failed long before she ever set foot on that dam,", SZABO, P, "direct", "told", "deny")
Q(d, "She will answer these charges in court, and she will be vindicated.", SZABO, P, "direct", "told", "deny")
Q(d, "she was \"heartbroken\" by the flood and \"did my job as I was trained to do it.\"", DUNLEVY, P, "mixed", "said", "deny")
Q(d, "a private woman who kept a vegetable garden and walked her dog at dawn", "neighbours", V, "indirect", "described", required=False)
Q(d, "the arrest had shocked the street", YSOLDE, P, "indirect", "said")
Q(d, "Four police cars at six in the morning. I thought somebody had died,", YSOLDE, P, "direct", "said")
Q(d, "She's always been polite. I can't picture her doing something like this.", YSOLDE, P, "direct", "said")
Q(d, "he had seen water \"coming over the side like a wall\" about twenty minutes before the first sirens", KESSLER, P, "mixed", "told")
Q(d, "I've been driving that road for fifteen years and I'd never seen the channel so much as cracked,", KESSLER, P, "direct", "said")
Q(d, "he had called the emergency line twice", KESSLER, P, "indirect", "said")
Q(d, "the first call had not gone through", KESSLER, P, "indirect", "said")
Q(d, "Whatever was wrong with that dam,", KESSLER, P, "direct", "said")
Q(d, "it didn't start that night.", KESSLER, P, "direct", "said")
Q(d, "its own engineers relied on the contractor's reports", CORVETH, O, "indirect", "said")
Q(d, "anyone with information about the inspections should contact the incident room", POLICE, O, "indirect", "said")

# --------------------------------------------------------------------------------------
# d-radio-mayor: a radio interview transcript as published: an introduction naming both,
# speaker labels in capitals, crosstalk cut off with dashes, "(LAUGHTER)". Each labelled
# turn is one direct row of the labelled speaker, cue null (as the transcripts of
# liveblog-strike and c-interview-trask), quotations of others inside a turn included.
d = "d-radio-mayor"
FERRIS = "Niall Ferris"
HALLORAN = "Petra Halloran"
N(d, "The Morning Line", nth=0)
N(d, "The Morning Line", nth=1)
for _label, _who in (("FERRIS: ", FERRIS), ("MAYOR HALLORAN: ", HALLORAN)):
    with open(os.path.join(STORY, "d-radio-mayor.txt"), encoding="utf-8") as _f:
        for _line in _f:
            if _line.startswith(_label):
                _turn = _line[len(_label):].rstrip("\n")
                Q(d, _turn, _who, P, "direct", None, anchor=_line.rstrip("\n"))
Q(d, "the company had received no letter from the council about the spillway in 2019 and would \"welcome the chance to see it.\"", "Priya Sallow", P, "mixed", "said", "deny")

# --------------------------------------------------------------------------------------
# d-obit-rosslyn: an obituary, Markdown with front matter: family and colleagues, past
# quotes ("once said", "told the Gazette in 1998", "as she put it in her memoir"), a
# title in quotes, an anonymous former manager, a quotation inside a quotation
d = "d-obit-rosslyn"
ROSSLYN = "Edith Rosslyn"
MARISOL = "Marisol Rosslyn"
VANCE = "Gideon Vance"
FELIX = "Felix Rosslyn-Hale"
Q(d, "it was not being looked after", ROSSLYN, P, "indirect", "warning", required=False)
Q(d, "the cause was heart failure", MARISOL, P, "indirect", "said")
Q(d, "her mother had followed the news of the spillway's collapse on November 15 from her bed \"with the radio turned up as far as it would go.\"", MARISOL, P, "mixed", "said")
Q(d, "She knew every bolt in that dam,", MARISOL, P, "direct", "said")
Q(d, "When it went, I think something in her went with it.", MARISOL, P, "direct", "said")
Q(d, "it was \"the only thing I ever built that I was afraid of,\"", ROSSLYN, P, "mixed", "said")
Q(d, "a bridge carries people, but a dam carries the weight of everybody downstream.", ROSSLYN, P, "direct", "explained")
Q(d, "she checked drawings \"at a speed that frightened the rest of us.\"", VANCE, P, "mixed", "said")
Q(d, "Edith never raised her voice,", VANCE, P, "direct", "said")
Q(d, "She didn't need to. She'd just put her pencil down and look at you, and you'd know you had got the numbers wrong.", VANCE, P, "direct", "said")
Q(d, "private owners would \"maintain what the shareholders can see and neglect what they can't,\"", ROSSLYN, P, "mixed", "told")
Q(d, "the spillway at Greyhallow would be the first thing to suffer", ROSSLYN, P, "indirect", "told")
N(d, "Holding Water,")
Q(d, "A dam is a promise made to people who are not yet born,", ROSSLYN, P, "direct", "put it")
Q(d, "You do not get to stop keeping it because the accountants have moved on.", ROSSLYN, P, "direct", "put it")
Q(d, "the dam was inspected regularly", CORVETH, O, "indirect", "said")
Q(d, "Corveth was \"saddened\" to hear of Rosslyn's death and recognised her \"enormous contribution to the valley.\"", "a company spokeswoman", A, "mixed", "said")
Q(d, "Rosslyn had been \"brilliant but unfair\" to the engineers who came after her, many of whom", "a former Corveth manager", A, "mixed", "said")
Q(d, "had fought for money for Greyhallow and lost", "a former Corveth manager", A, "indirect", "said", required=False)
Q(d, "She said, 'If you ever see water on step nine, you run,'", FELIX, P, "direct", "said")
Q(d, "I thought she was joking. She wasn't.", FELIX, P, "direct", "said")
Q(d, "instead of flowers, donations be made to the Brindlemoor flood appeal", "the family", V, "indirect", "asked", required=False)

# --------------------------------------------------------------------------------------
# d-flood-evacuation: disaster wire story: an agency and its spokesperson, "officials
# said", residents by first name and age, an evacuation order quoted from the document
d = "d-flood-evacuation"
NFS = "National Flood Service"
DACRE = "Iwan Dacre"
ORDER = "evacuation order"
AMESBURY = "Rhodri Amesbury"
Q(d, "Two people were confirmed dead by late morning", "officials", V, "indirect", "said")
Q(d, "142 millimetres of rain had fallen on the upper Wendle catchment in 18 hours, more than the area usually receives in all of November", NFS, O, "indirect", "said")
Q(d, "What we saw overnight was not a normal flood. It was a flood plus a structural failure, and those are two very different things,", DACRE, P, "direct", "said")
Q(d, "the dam itself, a 40-metre earth embankment, appeared to be holding", DACRE, P, "indirect", "said")
Q(d, "engineers would not be able to inspect it closely until the reservoir level fell", DACRE, P, "indirect", "said")
Q(d, "residents of 14 streets to \"leave immediately by the nearest high route, taking medicines and documents only,\"", ORDER, D, "mixed", "told")
Q(d, "\"no rescue can be guaranteed for those who remain.\"", ORDER, D, "mixed", "warned")
Q(d, "I heard the water before I saw it. It sounded like a train in the garden,", "Benedek", P, "direct", "said")
Q(d, "she had carried her two children up the hill to the church hall in the dark", "Carys", P, "indirect", "said")
Q(d, "My daughter kept asking if the house would still be there,", "Carys", P, "direct", "said")
Q(d, "I didn't know what to tell her.", "Carys", P, "direct", "said")
Q(d, "several people on Tanner Street had refused to go and had to be brought out later by boat", POLICE, O, "indirect", "said")
Q(d, "he had lived through the floods of 1987 and had not believed the warning", "Hamish", P, "indirect", "said")
Q(d, "Nobody told us it was the dam,", "Hamish", P, "direct", "said")
Q(d, "If they had said dam, I'd have been gone in five minutes.", "Hamish", P, "direct", "said")
Q(d, "the warning messages sent to phones overnight did mention the dam, but only in the second of two messages", "officials", V, "indirect", "said")
Q(d, "its engineers had been on site since Saturday evening", CORVETH, O, "indirect", "said")
Q(d, "the failure had been caused by \"an exceptional volume of water.\"", CORVETH, O, "mixed", "said")
Q(d, "it was too early to say why the spillway channel had given way", "Priya Sallow", P, "indirect", "said", "hedge")
Q(d, "the order would stay in place until at least Tuesday", AMESBURY, P, "indirect", "told")
Q(d, "Please do not go back to look at your house,", AMESBURY, P, "direct", "said")
Q(d, "We will tell you when it is safe.", AMESBURY, P, "direct", "said")
Q(d, "more rain was likely in the valley on Monday, although not at the same intensity", "forecasters", V, "indirect", "said", "hedge")
Q(d, "river levels at the Brindlemoor gauge were still rising at midday, though more slowly than overnight", NFS, O, "indirect", "according to")

# --------------------------------------------------------------------------------------
# d-lawsuit-corveth: regulator and lawsuit: "the complaint says", "according to the
# lawsuit", "the company said in a regulatory filing", "lawyers for X argued in a filing",
# "the judge wrote", "did not immediately respond", a denial
d = "d-lawsuit-corveth"
DDSB = "Dravonia Dam Safety Board"
LINDGREN = "Hedda Lindgren"
ACHEBE = "Wilhelmina Achebe"
OSEI = "Fenella Osei"
CLAWYERS = "lawyers for Corveth"
CSPOKES = "a Corveth spokeswoman"
Q(d, "Corveth \"knowingly deferred\" repairs to the spillway channel for at least six years and failed to tell the board about cracking that its own engineers had photographed in 2021", DDSB, O, "mixed", "says")
Q(d, "the court to impose a penalty of up to 40 million crowns and to order an independent review of all eleven dams the company operates", DDSB, O, "indirect", "asking", required=False)
Q(d, "A dam owner's first duty is to the people below the dam, not to its balance sheet,", LINDGREN, P, "direct", "said in a statement")
Q(d, "We believe Corveth put that duty second.", LINDGREN, P, "direct", "said in a statement")
Q(d, "Corveth received at least four internal warnings about the spillway between 2020 and 2025 and \"chose, each time, the cheapest option, which was to wait.\"", "residents", V, "mixed", "according to")
Q(d, "it \"rejects the board's characterisation of its maintenance record\" and would defend both cases vigorously", CORVETH, O, "mixed", "said", "deny")
Q(d, "it had set aside 18 million crowns to cover possible claims", CORVETH, O, "indirect", "said")
Q(d, "its insurance would cover \"a substantial part\" of any damages", CORVETH, O, "mixed", "said")
Q(d, "the company's chief executive, Damian Lowry, had offered to waive his annual bonus", CORVETH, O, "indirect", "disclosed")
Q(d, "the regulator's case should be paused until the police investigation into the dam's former inspector, Marguerite Dunlevy, was complete", CLAWYERS, A, "indirect", "argued")
Q(d, "allowing the civil case to go ahead first could \"prejudice a fair criminal trial.\"", CLAWYERS, A, "mixed", "said", "hedge")
Q(d, "The public interest in a prompt and open examination of what happened at Greyhallow is considerable,", ACHEBE, P, "direct", "wrote")
Q(d, "The company has not shown that a delay would serve anyone but itself.", ACHEBE, P, "direct", "wrote")
Q(d, "her clients had waited \"long enough for someone to take this seriously\"", OSEI, P, "mixed", "said")
Q(d, "the order would stop evidence from \"quietly disappearing.\"", OSEI, P, "mixed", "said")
Q(d, "the company had never destroyed any document and had no intention of doing so", CSPOKES, A, "indirect", "said", "deny")
Q(d, "We asked for the order to be narrowed, not refused,", CSPOKES, A, "direct", "said")
Q(d, "We are keeping everything.", CSPOKES, A, "direct", "said")
Q(d, "it suspended Dunlevy in November", QP, O, "indirect", "said")
Q(d, "the board had rarely gone to court at all, preferring to settle", "two lawyers who have acted for the regulator in earlier cases", A, "indirect", "said")
Q(d, "the penalty alone would not threaten the company's finances", "analysts", V, "indirect", "said")
Q(d, "a court order to review every dam could prove far more costly", "analysts", V, "indirect", "said", "hedge")

# --------------------------------------------------------------------------------------
# d-analysis-dams: analysis: "critics say", "supporters argue", experts with long titles
# after the name, "as one analyst put it", the writer's scare quotes and quoted terms
d = "d-analysis-dams"
OKONKWO = "Renata Okonkwo"
HASKINS = "Leopold Haskins"
Q(d, "that arrangement leaves the people with the most to lose from spending the money in charge of deciding whether to spend it", "critics", V, "indirect", "say")
Q(d, "We built a system in which the owner chooses the inspector, pays the inspector, and receives the report before anyone else does,", OKONKWO, P, "direct", "said")
Q(d, "Nobody designed that to fail. But nobody designed it to catch anything, either.", OKONKWO, P, "direct", "said")
Q(d, "Such a change", OKONKWO, P, "indirect", "argues", required=False)
Q(d, "would take about two years to put in place", OKONKWO, P, "indirect", "argues")
Q(d, "the problem at Greyhallow was not the system but people breaking its rules", "supporters of the current model", V, "indirect", "argue")
Q(d, "it relied in good faith on reports from its contractor", CORVETH, O, "indirect", "said")
Q(d, "the country's dam record was \"among the best in Europe\"", "Water Dravonia", O, "mixed", "said in a briefing paper")
Q(d, "rewriting a working system in the heat of one tragedy.", "Water Dravonia", O, "direct", "warned against")
Q(d, "It has 19 staff", DDSB, O, "indirect", "according to")
Q(d, "the board was \"reviewing documents, not dams.\"", LINDGREN, P, "mixed", "told")
Q(d, "Nobody ever got a bonus for a spillway that did nothing,", "one analyst", A, "direct", "put it")
N(d, "nationalise it")
Q(d, "public ownership was no guarantee of safety", HASKINS, P, "indirect", "said")
Q(d, "two of the three worst dam incidents in Dravonia's history happened at state-owned sites in the 1960s", HASKINS, P, "indirect", "pointed out")
Q(d, "The water doesn't care who owns the dam,", HASKINS, P, "direct", "said")
Q(d, "It cares whether somebody looked at the concrete.", HASKINS, P, "direct", "said")
Q(d, "the board needs more engineers who actually go on site", "engineers", V, "indirect", "agree", required=False)
Q(d, "she would set out proposals \"within weeks,\"", "Celestine Barrow", P, "mixed", "said")
N(d, "independent", anchor="so-called \"independent\" inspection")
Q(d, "is only as independent as the person who signs the cheque", "one resident", A, "indirect", "wrote")
Q(d, "a full overhaul would need new legislation", "officials", A, "indirect", "say")
Q(d, "the Treasury is \"nervous\" about the cost", "officials", A, "mixed", "say")

# ======================================================================================
# Fifth set (e- files): the tarvamine story (a stimulant in Halvern Foods' Skylark Surge
# sports drinks, Quenby, Norvaal), written by a fifth helper before whosaid was run on them.

# --------------------------------------------------------------------------------------
# e-match-report: sports match report: post-match quotes of a coach, players and the other
# manager, a disputed penalty, "told reporters", "told the club's website", a captain,
# surnames after the first mention, "the striker", "the defender"
d = "e-match-report"
MADDOX = "Ines Maddox"
ODIGWE = "Emeka Odigwe"
FERREIRA = "Jonas Ferreira"
SKALL = "Teodor Skallagrim"
HALVERN = "Halvern Foods"
NRA = "a spokesman for the Norvaal Referees' Association"
Q(d, "the penalty which turned the game was only part of the story", MADDOX, P, "indirect", "said")
Q(d, "We were second to everything,", MADDOX, P, "direct", "told")
Q(d, "Second to the ball, second to the tackles, second to the ideas. You can talk about the penalty all night and I will, but that is not why we lost.", MADDOX, P, "direct", "told")
Q(d, "I've seen it four times now and he wins the ball cleanly,", MADDOX, P, "direct", "said")
Q(d, "The referee was ten yards away with a clear view. I'd like someone to explain to me what he saw.", MADDOX, P, "direct", "said")
Q(d, "the official's report would be reviewed in the usual way on Monday", NRA, A, "indirect", "said")
Q(d, "the association would make no further comment before then", NRA, A, "indirect", "said")
Q(d, "he had felt contact", ODIGWE, P, "indirect", "said")
Q(d, "He's caught my standing leg, 100 percent,", ODIGWE, P, "direct", "said")
Q(d, "I'm not going to lie on the floor for fun in front of twelve thousand people.", ODIGWE, P, "direct", "said")
Q(d, "he would \"leave that to the people whose job it is,\"", "Piet Lauring", P, "mixed", "said")
Q(d, "his side had been outplayed", FERREIRA, P, "indirect", "accepted")
Q(d, "We can't keep starting well and then switching off,", FERREIRA, P, "direct", "told")
Q(d, "The lads are hurting, but hurting isn't enough. We have to look at ourselves first.", FERREIRA, P, "direct", "told")
Q(d, "he never knowingly took a banned substance", "Luka Vesterlund", P, "indirect", "said", "deny")
Q(d, "the source was a sports drink, Skylark Surge, supplied by its former sponsor, Halvern Foods", "Quenby Athletic", O, "indirect", "believes")
Q(d, "its drinks met every legal standard when they were sold", HALVERN, O, "indirect", "said", "deny")
Q(d, "the squad was stretched", MADDOX, P, "indirect", "admitted")
Q(d, "she expected a decision on his case \"within a fortnight\"", MADDOX, P, "mixed", "said")
Q(d, "the club would back him at any hearing", MADDOX, P, "indirect", "said")
Q(d, "People said we would fade after Christmas,", SKALL, P, "direct", "said")
Q(d, "Look at the table. We haven't faded.", SKALL, P, "direct", "said")
Q(d, "From where I stand, it's always a penalty,", SKALL, P, "direct", "said")
Q(d, "Ask me again when I've seen it on television.", SKALL, P, "direct", "said")
Q(d, "she would make changes", MADDOX, P, "indirect", "said")
Q(d, "Nobody,", MADDOX, P, "direct", "said", required=False)
Q(d, "has a shirt for life.", MADDOX, P, "direct", "said")

# --------------------------------------------------------------------------------------
# e-study-tarvamine: science/health: "according to a study", "the study found", "said the
# paper's lead author", "the researchers wrote", an expert "who was not involved in the
# study", a university press office statement, hedged claims, an anonymous sports doctor
d = "e-study-tarvamine"
STUDY = "the study"
VERLAINE = "Oona Verlaine"
NYHOLM = "Caspar Nyholm"
UNI = "University of Tolvang press office"
NFSA = "Norvaal Food Safety Authority"
DOCTOR = "a sports doctor"
Q(d, "Stimulant in sports drinks may strain the heart", STUDY, D, "indirect", "suggests", "hedge", required=False)
Q(d, "A stimulant that until last month was sold in several popular sports drinks may raise heart rate and blood pressure for longer than its makers claimed", STUDY, D, "indirect", "according to", "hedge")
Q(d, "volunteers who took the stimulant had heart rates on average 11 beats per minute higher than the others two hours after exercise, when their bodies should have been recovering", STUDY, D, "indirect", "found")
Q(d, "What surprised us was not how high the heart rate went but how long it stayed up,", VERLAINE, P, "direct", "said")
Q(d, "The body is meant to come down after exercise. With tarvamine, it seemed to stay on alert.", VERLAINE, P, "direct", "said")
Q(d, "the findings \"suggest that tarvamine may delay cardiovascular recovery\"", "the researchers", V, "mixed", "wrote", "hedge")
Q(d, "the volunteers were given a dose roughly equal to two cans of the strongest drink on the market", VERLAINE, P, "indirect", "stressed")
Q(d, "she did not know whether a single can would have the same effect", VERLAINE, P, "indirect", "said", "hedge")
Q(d, "people who had drunk the products should not panic", VERLAINE, P, "indirect", "said")
Q(d, "the study was carefully run but small", "independent experts", V, "indirect", "said")
Q(d, "It's a useful signal, not a verdict,", NYHOLM, P, "direct", "said", "hedge")
Q(d, "Forty-eight people is a small number, and they were all healthy adults in a laboratory. Real athletes drink these things in the heat, dehydrated, sometimes with caffeine on top. That could make things better or much worse; we just don't know.", NYHOLM, P, "direct", "said", "hedge")
Q(d, "irregular rhythms were common during and after hard exercise", NYHOLM, P, "indirect", "added")
Q(d, "most were harmless", NYHOLM, P, "indirect", "added")
Q(d, "the study had been funded by the Norvaal Research Council", UNI, O, "indirect", "said")
Q(d, "none of the authors had any link to the drinks industry", UNI, O, "indirect", "said")
Q(d, "the work as \"the first controlled trial of tarvamine in humans.\"", "the statement", D, "mixed", "described", required=False)
Q(d, "the dose used in the study was \"far higher than any consumer would reasonably take\"", HALVERN, O, "mixed", "said", "deny")
Q(d, "its own safety testing had found no cause for concern", HALVERN, O, "indirect", "said", "deny")
Q(d, "Halvern was cooperating fully with the food safety authority's review", "a Halvern Foods spokeswoman", A, "indirect", "said")
Q(d, "young players often drank three or four cans in a day", DOCTOR, A, "indirect", "said")
Q(d, "The label says one can. Nobody reads the label,", DOCTOR, A, "direct", "said")
Q(d, "it would consider the study as part of its review", NFSA, O, "indirect", "said")
Q(d, "her team hoped to begin a larger trial later this year", VERLAINE, P, "indirect", "said")
Q(d, "We may find the effect is smaller in a bigger group,", VERLAINE, P, "direct", "said", "hedge")
Q(d, "That would be good news. But someone needed to look.", VERLAINE, P, "direct", "said")

# --------------------------------------------------------------------------------------
# e-trial-tilley: courtroom trial report: "told the jury", "testified that", "under
# cross-examination", a witness named by role only (the pathologist), the judge's ruling
# quoted, a defendant who denies the charges, "a jury heard"
d = "e-trial-tilley"
BALL = "Hugo Ballantyne"
PATH = "the pathologist"
NORUM = "Helga Norum"
BERES = "Lucan Beresford"
Q(d, "knew what was in the powder", BALL, P, "direct", "told", nth=0, required=False)
Q(d, "A supplement wholesaler sold a pre-workout powder laced with an undeclared stimulant for months after a customer warned him it had made her ill", "the prosecution", V, "indirect", "heard")
Q(d, "the powder, sold as \"Red Line Pre-Race,\" contained tarvamine, a stimulant that did not appear anywhere on its label", BALL, P, "indirect", "told")
Q(d, "This is not a case about a mistake in a factory,", BALL, P, "direct", "said")
Q(d, "The prosecution says Mr. Tilley knew what was in the powder, knew it was not on the tub, and kept selling it because it sold.", BALL, P, "direct", "said")
Q(d, "Reyne had died of a heart rhythm disorder", PATH, A, "indirect", "testified")
Q(d, "tarvamine had been found in his blood at a level \"many times\" that of a normal dose", PATH, A, "mixed", "testified")
Q(d, "she had found no sign of heart disease", PATH, A, "indirect", "told")
Q(d, "she could not say how much of the stimulant had come from the powder and how much from other products Reyne may have taken", PATH, A, "indirect", "agreed", "hedge")
Q(d, "I can tell you what was in his blood,", PATH, A, "direct", "said")
Q(d, "I can't tell you which tub it came from.", PATH, A, "direct", "said", "hedge")
Q(d, "she had bought two tubs of the powder from Tilley's warehouse in Quenby in August", NORUM, P, "indirect", "testified")
Q(d, "laboratory tests had found tarvamine in both", NORUM, P, "indirect", "testified")
Q(d, "a woman from Harnmouth had emailed the company in March last year to say the powder had left her with \"a racing heart for a whole night.\"", NORUM, P, "mixed", "said")
Q(d, "Thanks for letting us know, everyone reacts differently,", "the reply", D, "direct", "said")
Q(d, "the reply had been written by a junior employee", BERES, P, "indirect", "suggested", "deny")
Q(d, "Tilley had never seen the complaint", BERES, P, "indirect", "suggested", "deny")
Q(d, "she had no way of knowing who had written it", NORUM, P, "indirect", "said", "hedge")
Q(d, "it could not be linked to his client and would \"inflame\" the jury", BERES, P, "mixed", "argued")
Q(d, "The email was sent to the defendant's business, from the business's own address, and the jury is entitled to see it,", "Amalie Ostgaard", P, "direct", "said")
Q(d, "What weight they give it is a matter for them.", "Amalie Ostgaard", P, "direct", "said")
Q(d, "the family wanted only the truth", "Stanislav Reyne", P, "indirect", "told")
Q(d, "Tomasz trained properly. He ate properly. He trusted what was written on that tub,", "Stanislav Reyne", P, "direct", "said")
Q(d, "he will give evidence later in the trial and will say he bought the powder from an overseas supplier and had no reason to believe it was mislabelled", "lawyers for Ronan Tilley", A, "indirect", "said", "deny")

# --------------------------------------------------------------------------------------
# e-halvern-earnings: business earnings with an analyst call: "told analysts on a conference
# call", "wrote in a note to clients", a forecast, a company statement, figures, a rating
d = "e-halvern-earnings"
AURELL = "Benedikt Aurell"
EGEBERG = "Tove Egeberg"
DAMBORG = "Felix Damborg"
PRANZ = "Odile Pranz"
Q(d, "first-quarter revenue fell 9 percent to 1.42 billion crowns from a year earlier", HALVERN, O, "indirect", "said")
Q(d, "Halvern now expects full-year operating profit of between 420 million and 460 million crowns, down from a previous range of 560 million to 600 million", HALVERN, O, "indirect", "said in a statement")
Q(d, "the charge was \"our best estimate today\"", AURELL, P, "mixed", "told")
Q(d, "it did not include any costs from legal claims", AURELL, P, "indirect", "told")
Q(d, "We are not going to speculate about litigation on a call like this,", AURELL, P, "direct", "said")
Q(d, "If and when we can put a figure on it responsibly, we will.", AURELL, P, "direct", "said")
Q(d, "sales of Halvern's other drinks had held up", AURELL, P, "indirect", "said")
Q(d, "the group's frozen and chilled foods business had grown 4 percent in the quarter, helped by price increases", AURELL, P, "indirect", "said")
Q(d, "the company had removed tarvamine from all its products as soon as the Norvaal Food Safety Authority announced its review in February, weeks before it was obliged to", EGEBERG, P, "indirect", "said")
Q(d, "We acted fast because our customers' trust matters more to us than one quarter's numbers,", EGEBERG, P, "direct", "said")
Q(d, "Halvern planned to relaunch the Skylark range, without the stimulant and under a new recipe, \"before the summer season.\"", EGEBERG, P, "mixed", "said")
Q(d, "the relaunch timetable looked \"ambitious\"", DAMBORG, P, "mixed", "wrote in a note to clients", "hedge")
Q(d, "the brand had been damaged with exactly the young, active customers it was aimed at", DAMBORG, P, "indirect", "wrote in a note to clients")
Q(d, "A sports drink that is associated with athletes collapsing is not a sports drink most parents will buy,", DAMBORG, P, "direct", "wrote")
N(d, "hold")
Q(d, "the forecast cut was larger than she had expected", PRANZ, P, "indirect", "said")
Q(d, "the rest of the business looked \"solid.\"", PRANZ, P, "mixed", "said")
Q(d, "the bigger question for investors was how much the company might eventually pay in damages", PRANZ, P, "indirect", "said", "hedge")
Q(d, "whether Halvern had known about complaints from consumers before the review began", "one analyst", A, "indirect", "asked", required=False)
Q(d, "the company received \"a small number\" of complaints about all of its products every month and had reported them to the authorities as the law required", EGEBERG, P, "mixed", "said")
Q(d, "the club was seeking about 4 million crowns", "a person familiar with the claim", A, "indirect", "said")
Q(d, "it would keep its dividend unchanged", HALVERN, O, "indirect", "said")
Q(d, "it would \"respond constructively\" to its findings", HALVERN, O, "mixed", "said")

# --------------------------------------------------------------------------------------
# e-column-cans: first-person column: the writer's "I" (her own views are no quotations),
# people the columnist spoke to ("she told me"), a slogan and a product's promise in
# quotation marks, rhetorical questions, "in the words of one scientist I spoke to"
d = "e-column-cans"
WIERZBA = "Dorota Wierzba"
KRIEK = "Bastian Kriek"
DAUGHTER = "my daughter"
N(d, "clean energy,")
N(d, "Fuel Your Fire,")
Q(d, "she had stopped selling the drink two seasons ago, not because she suspected anything but because \"the kids were bouncing off the walls at half-time.\"", WIERZBA, P, "mixed", "said")
Q(d, "Nobody", WIERZBA, P, "indirect", "said", anchor="Nobody, she said", required=False)
Q(d, "had thanked her for it", WIERZBA, P, "indirect", "said")
Q(d, "The parents complained I was being a killjoy,", WIERZBA, P, "direct", "told")
Q(d, "tarvamine may keep the heart racing long after exercise", "the study published last week", D, "indirect", "suggesting", "hedge", required=False)
Q(d, "We put these things through less testing than a new shampoo,", KRIEK, P, "direct", "said")
Q(d, "Then we act shocked when something goes wrong.", KRIEK, P, "direct", "said")
Q(d, "its drinks met every legal standard", HALVERN, O, "indirect", "says", "deny")
Q(d, "a bit of an unknown,", "one scientist", A, "direct", "in the words of", "hedge")
Q(d, "this is a story about one bad ingredient, now banned", "some", V, "indirect", "will say", required=False)
Q(d, "we should move on", "some", V, "indirect", "will say", required=False)
Q(d, "the ban \"a proportionate response\" that \"closes the matter.\"", "the trade body for the drinks industry", V, "mixed", "calling")
Q(d, "You always said read the ingredients,", DAUGHTER, A, "direct", "said")
Q(d, "Did you?", DAUGHTER, A, "direct", "said")

# --------------------------------------------------------------------------------------
# e-live-review: live blog, oldest entry first: "Key points" bullets, time stamps on their
# own lines, "our correspondent reports", a spokesperson's statement in an update, present
# tense "says", "(more to follow)"
d = "e-live-review"
BRANNAGH = "Yusuf Brannagh"
ACHTER = "Linnea Achterhof"
DARKO = "Olufemi Darko"
QA = "Quenby Athletic"
VASQUEZ = "Evander Vasquez"
Q(d, "tarvamine should stay banned in all food and drink", NFSA, O, "indirect", "says")
Q(d, "\"credible evidence\" of harm to the heart at high doses", "the review", D, "mixed", "finds")
Q(d, "it accepts the findings", HALVERN, O, "indirect", "says")
Q(d, "about forty journalists are waiting in the briefing room", BRANNAGH, P, "indirect", "reports")
Q(d, "several campaigners for young athletes are outside with placards", BRANNAGH, P, "indirect", "reports")
Q(d, "the temporary ban on tarvamine, imposed in February, should become permanent for all food and drink sold in Norvaal", NFSA, O, "indirect", "says")
Q(d, "it found \"credible evidence\" that the stimulant can disturb heart rhythm at high doses", NFSA, O, "mixed", "says")
Q(d, "young people who drink several cans a day are most at risk", NFSA, O, "indirect", "says")
Q(d, "the review looked at 212 reports of illness over three years, including the death of cyclist Tomasz Reyne last June", ACHTER, P, "indirect", "says")
Q(d, "We cannot say that tarvamine caused every one of these cases,", ACHTER, P, "direct", "says", "hedge")
Q(d, "We can say that it should never have been in a can sold next to the crisps.", ACHTER, P, "direct", "says")
Q(d, "whether the authority had been too slow to act", "a reporter", A, "indirect", "asked", required=False)
Q(d, "the first reports reached it in 2024 but were \"scattered and hard to connect.\"", ACHTER, P, "mixed", "says")
Q(d, "the system for reporting problems with food supplements will be changed", ACHTER, P, "indirect", "says")
Q(d, "We accept the authority's findings in full. Tarvamine has not been in any of our products since February and will not return.", "a Halvern Foods spokesperson", A, "direct", "sent us this statement")
Q(d, "its relaunched Skylark drinks will go on sale in June", HALVERN, O, "indirect", "adds")
Q(d, "the report is \"a relief, but two years late.\"", DARKO, P, "mixed", "tells")
Q(d, "Somebody decided that a teenager's heart was an acceptable place to test a product,", DARKO, P, "direct", "says")
Q(d, "We want to know who.", DARKO, P, "direct", "says")
Q(d, "Achterhof declined to say whether the authority would refer any company to prosecutors, saying only that its findings had been shared \"with the relevant bodies.\"", BRANNAGH, P, "mixed", "reports")
Q(d, "the report supports Luka Vesterlund's case", QA, O, "indirect", "say")
Q(d, "it is \"more confident than ever\" that the midfielder will be cleared at his hearing next Thursday", QA, O, "mixed", "says")
Q(d, "the hearing would go ahead as planned", "an official at the Norvaal Anti-Doping Agency", A, "indirect", "said")
Q(d, "the government will accept the recommendations", VASQUEZ, P, "indirect", "says")
Q(d, "a new law on sports supplements will be brought forward this year", VASQUEZ, P, "indirect", "says")
Q(d, "Parents should be able to trust what they buy,", VASQUEZ, P, "direct", "says")
Q(d, "Today they can't, and that is going to change.", VASQUEZ, P, "direct", "says")


def load_docs():
    docs = {}
    for doc, name in FILES:
        with open(os.path.join(STORY, name), "rb") as f:
            docs[doc] = f.read()
    for name in WIRES:
        with open(os.path.join(STORY, name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    art = json.loads(line)
                    docs[art["id"]] = art["text"].encode("utf-8")
    return docs


def main():
    docs = load_docs()
    rows, negs = write_gold(HERE, docs, QUOTES, NOT_QUOTES)
    print_counts(docs, rows, negs)


if __name__ == "__main__":
    main()
