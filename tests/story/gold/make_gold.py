#!/usr/bin/env python3
"""Build the gold files for the Port Halden story (tests/story).

The rows below are written by hand: document, exact content text, speaker and labels.
This script finds each text in the article bytes, computes byte offsets and writes

    gold/quotes.jsonl      one row per quotation (direct, indirect, mixed, block)
    gold/not_quotes.jsonl  strings in quotation marks that are not quotations

Offsets are bytes of the file as given; for wire.jsonl they are bytes of the UTF-8
encoding of the article's JSON-decoded "text" field.  A text must occur exactly once in its
document, or once inside `anchor` (a longer string that itself occurs once), or be picked
with `nth` (0-based occurrence index).  Anything else stops the script with an error.

It also checks gold/xref.json: every quote reference there must name exactly one gold row
(by document and the start of its text), and every mention / finding string must occur in
its document.

usage: python3 tests/story/gold/make_gold.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from goldlib import fail, print_counts, write_gold  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
STORY = os.path.dirname(HERE)

FILES = [("harbor-courier", "harbor-courier.txt"),
         ("valley-post", "valley-post.md"),
         ("the-ledger", "the-ledger.txt")]
WIRE = "wire.jsonl"

P, O, A, V = "person", "organization", "anonymous", "vague"

# Canonical speaker names.
AGENCY = "Aldmark Environment Agency"
CALDER = "Calder Tide Chemicals"
PERSON = "a person with direct knowledge of the investigation"
OFFICIALS = "agency officials"
TWO = "two officials familiar with the matter"

QUOTES = []
NOT_QUOTES = []


def Q(doc, text, speaker, skind, kind, cue, stance, nth=None, anchor=None, required=True):
    QUOTES.append(dict(doc=doc, text=text, speaker=speaker, speaker_kind=skind, kind=kind,
                       cue=cue, stance=stance, required=required, nth=nth, anchor=anchor))


def N(doc, text, nth=None, anchor=None):
    NOT_QUOTES.append(dict(doc=doc, text=text, nth=nth, anchor=anchor))


# --------------------------------------------------------------------------------------
# harbor-courier: header block, curly quotes
d = "harbor-courier"
Q(d, "the spill began at the company’s Pier 4 terminal on the city’s east bank", AGENCY, O, "indirect", "saying", "assert")
Q(d, "it was responsible for the leak", CALDER, O, "indirect", "denies", "deny")
Q(d, "the agency’s findings “premature.”", CALDER, O, "mixed", "called", "deny", required=False)
Q(d, "he had ordered an independent inquiry", "Tomas Brekke", P, "indirect", "said", "assert")
Q(d, "any company found responsible would “pay for every liter.”", "Tomas Brekke", P, "mixed", "said", "assert")
Q(d, "We traced the solvent upstream, sample by sample,", "Ilse Marr", P, "direct", "said", "assert")
Q(d, "and every sample led us back to Pier 4.", "Ilse Marr", P, "direct", "said", "assert")
Q(d, "samples taken at 14 sites downstream matched the chemical signature of a solvent blend stored in Tank 7 at the terminal, and dye poured into a storm drain at the site surfaced where the first dead fish were reported",
  AGENCY, O, "indirect", "according to", "assert")
Q(d, "We have not finished,", "Dag Holmen", P, "direct", "said", "assert")
Q(d, "But we have finished enough to name the source.", "Dag Holmen", P, "direct", "said", "assert")
Q(d, "Our tanks were inspected on Tuesday by independent surveyors. Every liter is accounted for. We did not cause this leak, and we will not accept the blame for it.",
  "Martin Ravensholt", P, "direct", "said", "deny")
Q(d, "The agency has a theory and is now looking for evidence to fit it,", "Martin Ravensholt", P, "direct", "added", "deny")
Q(d, "a passing barge may have discharged the solvent", CALDER, O, "indirect", "suggested", "hedge")
Q(d, "no vessel carrying that product had passed Pier 4 in the 48 hours before the leak", OFFICIALS, A, "indirect", "said", "assert")
Q(d, "inspectors found a drain valve beneath Tank 7 open on the morning after the leak", PERSON, A, "indirect", "said", "assert")
Q(d, "That valve should have been shut and locked,", PERSON, A, "direct", "said", "assert")
Q(d, "Somebody either forgot or didn’t care.", PERSON, A, "direct", "said", "assert")
Q(d, "the chemical match was far from conclusive", "Amara Velden", P, "indirect", "said", "hedge")
Q(d, "Xylene blends like this one are sold by the tanker load, and half the terminals on this river could produce the same signature,",
  "Amara Velden", P, "direct", "said", "assert")
# first paragraph of a two-paragraph quotation: no closing mark at the end of the paragraph
Q(d, "On what I have seen so far, the evidence is flimsy.", "Amara Velden", P, "direct", "said", "assert")
# second paragraph of the same quotation
Q(d, "If the agency has more, it should publish it. If it doesn’t, it owes the company an apology.", "Amara Velden", P, "direct", "said", "hedge")
Q(d, "his team’s model of the river’s flow that night put the source within 200 meters of Pier 4", "Rasmus Eikeland", P, "indirect", "said", "assert")
Q(d, "You can argue about chemistry, but you can’t argue with the current,", "Rasmus Eikeland", P, "direct", "said", "assert")
Q(d, "the Lower Halden intake would stay closed at least until Wednesday", "Chen Lihua", P, "indirect", "said", "assert")
Q(d, "bottled water would be handed out at six sites", "Chen Lihua", P, "indirect", "said", "assert")
Q(d, "People keep asking me whether the water is ‘basically fine,’", "Chen Lihua", P, "direct", "said", "assert")
Q(d, "Basically fine is not a standard I accept.", "Chen Lihua", P, "direct", "said", "assert")
Q(d, "inspections have been too infrequent", "critics", V, "indirect", "say", "assert")
Q(d, "the company would cooperate fully with investigators “while reserving every right to defend our name.”", "Martin Ravensholt", P, "mixed", "said", "assert")
Q(d, "Whoever did this will pay for the cleanup, for the fish and for the lost water,", "Tomas Brekke", P, "direct", "said", "assert")
Q(d, "That is not a threat. It is the law.", "Tomas Brekke", P, "direct", "said", "assert")
N(d, "Friends of the River")
N(d, "Morning Watch")

# --------------------------------------------------------------------------------------
# valley-post: Markdown + YAML front matter, straight ASCII quotes
d = "valley-post"
Q(d, "it knows where the solvent that poisoned the Aske River came from", AGENCY, O, "indirect", "says", "assert")
Q(d, "the agency is wrong", CALDER, O, "indirect", "says", "deny")
Q(d, "The leak started at the firm's Pier 4 terminal", AGENCY, O, "indirect", "said", "assert")
Q(d, "Calder Tide did not cause the release of solvent into the Aske River. The agency's conclusions are premature and rest on weak evidence.",
  CALDER, O, "block", "said", "deny")
Q(d, "We will cooperate with any independent inquiry, and we fully expect to be cleared.", CALDER, O, "block", "said", "assert")
Q(d, 'the findings were "solid and reproducible"', "Ilse Marr", P, "mixed", "said", "assert")
Q(d, "the agency would share its raw data with any court that asked for it", "Ilse Marr", P, "indirect", "said", "assert")
Q(d, "We didn't pick a company and work backward,", "Ilse Marr", P, "direct", "said", "assert")
# a paragraph of its own with no cue: same speaker as the quotation before it
Q(d, "We followed the river, and the river took us to Pier 4.", "Ilse Marr", P, "direct", None, "assert")
Q(d, "investigators had not yet worked out how the solvent escaped", "Ilse Marr", P, "indirect", "admitted", "assert")
Q(d, "the river was running unusually low that night", "Rasmus Eikeland", P, "indirect", "pointed out", "assert")
Q(d, "At that flow, a plume doesn't wander,", "Rasmus Eikeland", P, "direct", "said", "assert")
Q(d, "It hugs the bank it came from.", "Rasmus Eikeland", P, "direct", "said", "assert")
Q(d, "a passing barge could have discharged the solvent", CALDER, O, "indirect", "argued", "hedge")
Q(d, "the company's own inventory showed \"not a single liter missing.\"", "Martin Ravensholt", P, "mixed", "insisted", "deny")
Q(d, "naming a company before the inquiry had even begun could prejudice it", "Amara Velden", P, "indirect", "warned", "hedge")
Q(d, "A chemical fingerprint is only as good as the list of suspects you compare it to,", "Amara Velden", P, "direct", "said", "assert")
Q(d, "and the agency's list had one name on it.", "Amara Velden", P, "direct", "said", "assert")
Q(d, "the agency rushed its findings to calm public anger", "many in the shipping industry", V, "indirect", "say", "assert")
Q(d, "They told us it was 'a small release,' and then the fish started floating,", "Lotte Sande", P, "direct", "said", "assert")
Q(d, "he smelled the solvent before he saw it", "Piet Vander", P, "indirect", "said", "assert")
# the closing mark is missing in the file; the span is the intended quotation (optional)
Q(d, "It was like standing in a paint shop,", "Piet Vander", P, "direct", "said", "assert", required=False)
# here "that" is a determiner and belongs to the clause
Q(d, "that decision belonged to the agency, not to him", "Tomas Brekke", P, "indirect", "said", "assert")
Q(d, "tap water in Lower Halden was still unsafe to drink", "Chen Lihua", P, "indirect", "said", "assert")
Q(d, "Please don't boil it, please don't filter it, just don't drink it,", "Chen Lihua", P, "direct", "wrote", "assert")
N(d, "temporary")

# --------------------------------------------------------------------------------------
# the-ledger: plain text, two apostrophes as quotation marks
d = "the-ledger"
Q(d, "it had done nothing wrong", CALDER, O, "indirect", "insisted", "deny")
Q(d, "Somebody let this happen, and we are going to find out who ... and they will pay for it,", "Tomas Brekke", P, "direct", "said", "assert")
Q(d, "the inquiry would be led by a retired judge and would report within 60 days", "Tomas Brekke", P, "indirect", "said", "assert")
Q(d, "the leak began at a terminal on Pier 4 operated by Calder Tide Chemicals", AGENCY, O, "indirect", "said", "assert")
Q(d, "samples from 14 sites downstream matched a solvent blend stored at the terminal", OFFICIALS, A, "indirect", "said", "assert")
Q(d, "it was responsible", CALDER, O, "indirect", "denied", "deny", anchor="denied it was responsible.")
Q(d, "Our terminal is not the source of this leak, and the agency's evidence does not show that it is,", "Jonas Feld", P, "direct", "said", "deny")
Q(d, "We have asked to see the data. We have not been shown it.", "Jonas Feld", P, "direct", "said", "assert")
Q(d, "the agency's findings as ''premature''", "Jonas Feld", P, "mixed", "dismissed", "deny", required=False)
Q(d, "an inventory of the terminal's tanks, carried out by J. R. Olsen, a former harbor master who now runs a marine survey firm, had found no loss from any tank",
  "Jonas Feld", P, "indirect", "said", "deny")
Q(d, "I measured every tank myself, twice,", "J. R. Olsen", P, "direct", "said", "assert")
Q(d, "The numbers balance to the liter.", "J. R. Olsen", P, "direct", "said", "assert")
Q(d, "its alarms would have caught a leak of that size within minutes", CALDER, O, "indirect", "claimed", "assert")
Q(d, "Investigators are focusing on a drain valve beneath one of the terminal's storage tanks", PERSON, A, "indirect", "according to", "assert")
Q(d, "the valve had been found open on the morning of March 10", PERSON, A, "indirect", "said", "assert")
Q(d, "the agency was preparing to suspend the terminal's operating license as soon as next week", TWO, A, "indirect", "said", "assert")
Q(d, "the agency's case ''thin''", "Amara Velden", P, "mixed", "called", "assert", required=False)
Q(d, "the chemical match ''would not survive a competent cross-examination.''", "Amara Velden", P, "mixed", "said", "assert")
Q(d, "solvent blends of this kind were handled at several terminals on the river", "Amara Velden", P, "indirect", "noted", "assert")
Q(d, "the chemistry alone was not decisive", "Rasmus Eikeland", P, "indirect", "acknowledged", "hedge")
Q(d, "the river's flow that night pointed to Pier 4 ''and nowhere else.''", "Rasmus Eikeland", P, "mixed", "argued", "assert")
Q(d, "whether the agency, which both investigates spills and prosecutes them, can be a neutral judge of its own case", "some experts", V, "indirect", "questioned", "hedge")
Q(d, "Calder Tide paid a fine over a smaller spill at the same terminal in 2019", "reports", V, "indirect", "reports", "assert")
Q(d, "the province would test private wells near the river at its own expense", "Elin Hartvik", P, "indirect", "said", "assert")
Q(d, "he would summon Calder Tide executives to testify before the end of the month", "Oskar Lind", P, "indirect", "said", "assert")
Q(d, "the city's Lower Halden intake would stay closed", "Chen Lihua", P, "indirect", "said", "assert")
Q(d, "We will reopen it when the water is clean, not when it is convenient,", "Chen Lihua", P, "direct", "said", "assert")
N(d, "Aske River Release: Preliminary Findings")

# --------------------------------------------------------------------------------------
# wire-0314-a: JSON Lines, guillemets
d = "wire-0314-a"
Q(d, "a solvent leak that killed fish along the Aske River had started at a terminal run by Calder Tide Chemicals", AGENCY, O, "indirect", "said", "assert")
Q(d, "the solvent found in the river matched a blend stored at the company's Pier 4 terminal", AGENCY, O, "indirect", "said", "assert")
Q(d, "no other facility on that stretch of the river handled the product", AGENCY, O, "indirect", "said", "assert")
Q(d, "investigators had taken samples at 14 sites downstream", "Dag Holmen", P, "indirect", "said", "assert")
Q(d, "all of them carried the same chemical signature", "Dag Holmen", P, "indirect", "said", "assert")
Q(d, "it had not caused the leak", CALDER, O, "indirect", "said", "deny")
Q(d, "the agency's conclusions were premature and based on weak evidence", CALDER, O, "indirect", "said", "deny")
Q(d, "the company's tanks had been checked by independent surveyors on Tuesday", "Martin Ravensholt", P, "indirect", "told", "assert")
Q(d, "every litre was accounted for", "Martin Ravensholt", P, "indirect", "told", "assert")
Q(d, "We did not do this, and we will prove it,", "Martin Ravensholt", P, "direct", "said", "deny")
Q(d, "the company believed a passing barge might have released the solvent", "Martin Ravensholt", P, "indirect", "said", "hedge")
Q(d, "none of its vessels had been on that part of the river on the night of the leak", "Anneli Kvist", P, "indirect", "told", "deny")
Q(d, "Our captains log every position every fifteen minutes. We have given those logs to the Aldmark authorities,", "Anneli Kvist", P, "direct", "said", "assert")
Q(d, "the evidence published so far was flimsy and could point to several sources", "Amara Velden", P, "indirect", "said", "hedge")
Q(d, "similar solvent blends were stored at several other terminals on the river", "Amara Velden", P, "indirect", "added", "assert")
Q(d, "the agency inspected riverside terminals too rarely in the years before the leak", "critics", V, "indirect", "say", "assert")
Q(d, "he had ordered an independent inquiry", "Tomas Brekke", P, "indirect", "said", "assert")
Q(d, "it would be led by a retired judge and would report within 60 days", "Tomas Brekke", P, "indirect", "said", "assert")
Q(d, "bottled water was being handed out at six sites in the city", "Chen Lihua", P, "indirect", "said", "assert")
Q(d, "the Lower Halden drinking water intake would remain closed until at least Wednesday", "Chen Lihua", P, "indirect", "said", "assert")
Q(d, "About 40,000 litres of a xylene-based solvent entered the river late on March 9", AGENCY, O, "indirect", "said", "assert")

# --------------------------------------------------------------------------------------
# wire-0314-b: JSON Lines, low-9 quotes („ “)
d = "wire-0314-b"
Q(d, "the licence of the terminal blamed for the spill could be suspended as early as next week", TWO, A, "indirect", "said", "hedge")
Q(d, "the inquiry would be led by a retired judge, Helga Strand, and would have the power to compel testimony", "Tomas Brekke", P, "indirect", "told", "assert")
Q(d, "Whoever is responsible will pay for every litre,", "Tomas Brekke", P, "direct", "said", "assert")
Q(d, "he had not yet spoken to Calder Tide Chemicals, the company that operates the terminal", "Tomas Brekke", P, "indirect", "said", "assert")
Q(d, "he did not intend to until the agency had finished its work", "Tomas Brekke", P, "indirect", "added", "assert")
Q(d, "the leak began at Calder Tide's Pier 4 terminal", AGENCY, O, "indirect", "said", "assert")
# "has denied that": the denied content is the previous sentence (optional)
Q(d, "that", CALDER, O, "indirect", "denied", "deny", anchor="has denied that and", required=False)
Q(d, "the agency's evidence was weak", CALDER, O, "indirect", "said", "deny")
Q(d, "his modelling of the river's flow supported the agency's findings", "Rasmus Eikeland", P, "indirect", "said", "assert")
Q(d, "the river had been running low, which kept the solvent close to the east bank", "Rasmus Eikeland", P, "indirect", "noted", "assert")
Q(d, "she remained unconvinced by the chemical evidence the agency had published", "Amara Velden", P, "indirect", "said", "hedge")
Q(d, "the agency had asked Calder Tide to hand over maintenance records for the terminal's tanks by Monday", "Ilse Marr", P, "indirect", "said", "assert")
Q(d, "it was testing water at the border every six hours", "Lenmark Environment Ministry", O, "indirect", "said", "assert")
Q(d, "We have seen no solvent at the border so far. But we are watching the Aske hour by hour.", "Mette Lorensen", P, "direct", "told", "assert")
Q(d, "it had collected more than 8,000 signatures calling for the terminal to stay closed until the inquiry reports", "Friends of the River", O, "indirect", "said", "assert")
Q(d, "the city would keep the riverside path closed until the agency declared the water safe", "Chen Lihua", P, "indirect", "told", "assert")
Q(d, "the agency moved too fast", "many in the shipping industry", V, "indirect", "argue", "assert")
Q(d, "they feared tighter inspection rules would follow", "several terminal operators", A, "indirect", "told", "hedge")
Q(d, "the company would cooperate with the inquiry", "Martin Ravensholt", P, "indirect", "said", "assert")
Q(d, "We welcome an independent look at the facts,", "Martin Ravensholt", P, "direct", "said", "assert")
N(d, "Friends of the River")


# --------------------------------------------------------------------------------------
def load_docs():
    docs = {}
    for doc, name in FILES:
        with open(os.path.join(STORY, name), "rb") as f:
            docs[doc] = f.read()
    with open(os.path.join(STORY, WIRE), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                art = json.loads(line)
                docs[art["id"]] = art["text"].encode("utf-8")
    return docs


def main():
    docs = load_docs()
    rows, negs = write_gold(HERE, docs, QUOTES, NOT_QUOTES)
    check_xref(docs, rows)
    print_counts(docs, rows, negs)


def check_xref(docs, rows):
    path = os.path.join(HERE, "xref.json")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        x = json.load(f)

    def quote_ref(ref, where):
        doc, prefix = ref[0], ref[1]
        hits = [r for r in rows if r["doc"] == doc and r["text"].startswith(prefix)]
        if len(hits) != 1:
            fail(f"xref {where}: {doc} {prefix!r} names {len(hits)} gold rows, need 1")
        if len(ref) > 2 and ref[2] != hits[0]["speaker"]:
            fail(f"xref {where}: {doc} {prefix!r} speaker {ref[2]!r} != gold {hits[0]['speaker']!r}")

    def in_doc(doc, s, where):
        if doc not in docs or s.encode("utf-8") not in docs[doc]:
            fail(f"xref {where}: {s!r} not found in {doc}")

    for src in x.get("same_source", []):
        for doc, m in src["mentions"]:
            in_doc(doc, m, "same_source " + src["source"])
    for cl in x.get("same_claim", []):
        for ref in cl["quotes"]:
            quote_ref(ref, "same_claim " + cl["claim"])
    for k in x.get("conflicts", []):
        for side in ("for", "against", "hedge"):
            for ref in k.get(side, []):
                quote_ref(ref, f"conflict {k['proposition']!r} {side}")
    for key in ("check_findings", "not_findings"):
        for c in x.get(key, []):
            in_doc(c["doc"], c["at"], key)


if __name__ == "__main__":
    main()
