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
         ("liveblog-strike", "liveblog-strike.txt")]

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


def load_docs():
    docs = {}
    for doc, name in FILES:
        with open(os.path.join(STORY, name), "rb") as f:
            docs[doc] = f.read()
    return docs


def main():
    docs = load_docs()
    rows, negs = write_gold(HERE, docs, QUOTES, NOT_QUOTES)
    print_counts(docs, rows, negs)


    counts = {}
    for r in rows:
        c = counts.setdefault(r["doc"], [0, 0, 0])
        c[0] += 1
        c[1] += r["required"]
    for r in negs:
        counts.setdefault(r["doc"], [0, 0, 0])[2] += 1
    print(f"{'doc':<16} {'quotes':>6} {'required':>8} {'not_quotes':>10}")
    for doc in docs:
        c = counts.get(doc, [0, 0, 0])
        print(f"{doc:<16} {c[0]:>6} {c[1]:>8} {c[2]:>10}")
    print(f"{'total':<16} {len(rows):>6} {sum(r['required'] for r in rows):>8} {len(negs):>10}")


if __name__ == "__main__":
    main()
