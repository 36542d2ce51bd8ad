# ruff: noqa: E501, SIM905
"""names_gen6 -- a fresh evaluation set for the person-name detector (issue 14).

Provenance
----------
* Names: two sources none of the detector's lists come from, both public packages:
  - PyPI ``names-dataset`` 3.3.1 (``NameDataset().get_top_names``) for 21 countries no
    earlier set drew from (gen4 and gen5 took 61 others): Angola, Azerbaijan, Burkina Faso,
    Burundi, Djibouti, Ethiopia, Haiti, Mauritius, Moldova, Bangladesh, Afghanistan, Egypt,
    Jordan, Lebanon, Libya, Sudan, Iraq, Singapore, Brunei, Maldives, Kazakhstan (Yemen was
    asked for too but has fewer than 40 Latin-script entries in a list and drops out).
    Given names and surnames are drawn apart (no real person's pair), half from the top 200
    ranks, half from ranks 200-900; only Latin-script entries that look like a name are kept
    (the package's lists were counted from a 2021 social-network scrape; the detector uses
    nothing of them).
  - PyPI ``Faker`` (40.x) person names of 12 locales the Faker set of names_gen2 did not use
    (sk_SK, et_EE, fi_FI, da_DK, sv_SE, no_NO, pt_PT, es_CL, es_MX, de_CH, nl_BE, en_NZ).
* Templates: written for this set in this file, in the shapes people paste into an assistant
  (e-mails, chat logs, CRM notes, meeting minutes, reference letters, bug reports, legal and
  insurance letters, forum posts, forms, CSV/JSON rows, citations), before any of them was
  run through the detector. Name forms are built here: given + surname, two given names,
  middle initial, hyphenated and double surnames, particles (El, Ben, Abdel, da, dos, de,
  van, Ould), initial + surname, "Surname, Given", title + surname, given name alone.
* Split: sha256("names_gen6|" + template) first byte < 128 -> dev.jsonl, else sealed.jsonl
  (no template is in both). Each template is filled FILLS times with a seed derived from the
  same hash; each fill is emitted as written ("-a") and lower-cased ("-l", same offsets).
  Spans: PERSON over each name as placed (a title is not part of the span).

sealed.jsonl is generated and committed before any rule is tuned on dev.jsonl; it is only ever
scored, never read, printed or used to write rules.

Run: ``python bench/data/names_gen6/generate.py`` with ``names-dataset`` and ``Faker`` installed.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import unicodedata
from pathlib import Path
from typing import Any

FILLS = 3
OUT = Path(__file__).resolve().parent
ND_COUNTRIES = "AO AZ BF BI DJ ET HT MU MD BD AF EG JO LB LY SD IQ YE SG BN MV KZ".split()
FAKER_LOCALES = "sk_SK et_EE fi_FI da_DK sv_SE no_NO pt_PT es_CL es_MX de_CH nl_BE en_NZ".split()
PARTICLES = {
    "AO": ["da", "dos", "de"],
    "HT": ["Jean-", "St-"],
    "MU": ["de", "Ah-"],
    "EG": ["El", "Abdel", "Abd El"],
    "JO": ["Al", "Abu"],
    "LB": ["El", "Abi", "Bou"],
    "LY": ["El", "Ben", "Bel"],
    "SD": ["El", "Abdel"],
    "IQ": ["Al", "Abdul"],
    "YE": ["Al", "Bin"],
    "DJ": ["Ould", "Abdi"],
    "BF": ["de", "Sawadogo-"],
    "pt_PT": ["da", "dos", "de"],
    "es_CL": ["de", "del"],
    "es_MX": ["de la", "del"],
    "nl_BE": ["van", "Van de", "De"],
    "de_CH": ["von", "de"],
}
SKIP = {
    "el",
    "la",
    "le",
    "de",
    "del",
    "da",
    "dos",
    "das",
    "van",
    "von",
    "der",
    "ben",
    "bin",
    "abu",
    "al",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "jr",
    "sr",
    "the",
    "and",
    "my",
    "love",
    "baby",
    "king",
    "queen",
    "prince",
    "princess",
    "boss",
    "angel",
    "lord",
    "god",
    "allah",
    "mohammed",
    "md",
    "sk",
    "official",
    "page",
    "group",
    "shop",
    "store",
    "family",
    "home",
}


def latin_name(s: str) -> bool:
    """A Latin-script name of two or more letters per token, capitalised, with a vowel."""
    if not s or s != s.strip() or "  " in s or len(s) > 24:
        return False
    for ch in s:
        if ch in " -'":
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            return False
    toks = re.split(r"[ \-]", s)
    if any(len(t) < 2 or not t[0].isupper() or t.lower() in SKIP for t in toks):
        return False
    if s.upper() == s or len(toks) > 2:
        return False
    base = unicodedata.normalize("NFD", s.lower())
    return any(v in base for v in "aeiouy")


def nd_pools() -> dict[str, dict[str, list[str]]]:
    from names_dataset import NameDataset

    nd = NameDataset()
    pools: dict[str, dict[str, list[str]]] = {}
    for c in ND_COUNTRIES:  # YE has too few Latin-script entries and drops out
        got: dict[str, list[str]] = {}
        for key, kw in (
            ("M", {"gender": "M"}),
            ("F", {"gender": "F"}),
            ("L", {"use_first_names": False}),
        ):
            raw = nd.get_top_names(n=900, country_alpha2=c, **kw).get(c, {})
            names = raw.get(key, []) if isinstance(raw, dict) else raw
            got[key] = [n for n in names if latin_name(n)]
        if min(len(v) for v in got.values()) >= 40:
            pools[c] = got
    return pools


def faker_pools() -> dict[str, dict[str, list[str]]]:
    from faker import Faker

    pools: dict[str, dict[str, list[str]]] = {}
    for loc in FAKER_LOCALES:
        fk = Faker(loc)
        fk.seed_instance(6)
        got = {
            "M": sorted({fk.first_name_male() for _ in range(400)}),
            "F": sorted({fk.first_name_female() for _ in range(400)}),
            "L": sorted({fk.last_name() for _ in range(400)}),
        }
        got = {k: [n for n in v if latin_name(n)] for k, v in got.items()}
        if min(len(v) for v in got.values()) >= 10:
            pools[loc] = got
    return pools


def pick(rng: random.Random, names: list[str]) -> str:
    """Half from the top 200, half from the rest."""
    head = names[:200]
    tail = names[200:] or head
    return rng.choice(head if rng.random() < 0.5 else tail)


class Person:
    def __init__(self, rng: random.Random, src: str, pool: dict[str, list[str]]) -> None:
        g = rng.choice("MF")
        self.first = pick(rng, pool[g])
        self.second = pick(rng, pool[g])
        self.last = pick(rng, pool["L"])
        self.last2 = pick(rng, pool["L"])
        r = rng.random()
        parts = PARTICLES.get(src)
        if r < 0.45:
            self.full = f"{self.first} {self.last}"
        elif r < 0.55:
            self.full = f"{self.first} {self.second} {self.last}"
        elif r < 0.63:
            self.full = f"{self.first} {self.second[0]}. {self.last}"
        elif r < 0.71:
            self.full = f"{self.first} {self.last}-{self.last2}"
            self.last = f"{self.last}-{self.last2}"
        elif r < 0.79:
            self.full = f"{self.first} {self.last} {self.last2}"
            self.last = f"{self.last} {self.last2}"
        elif r < 0.9 and parts:
            p = rng.choice(parts)
            last = f"{p}{self.last}" if p.endswith("-") else f"{p} {self.last}"
            self.full = f"{self.first} {last}"
            self.last = last
        elif r < 0.95:
            self.full = f"{self.first[0]}. {self.last}"
        else:
            self.full = f"{self.first} {self.last}"
        self.rev = f"{self.last}, {self.first}"
        self.initial = f"{self.first[0]}. {self.last}"


ORGS = [
    "Kestrel Freight",
    "Northgate Dental",
    "Bluewater Realty",
    "Oakridge Legal LLP",
    "Harbor Mutual Insurance",
    "Tidewell Analytics",
    "Mosswood Primary School",
    "Crescent Logistics",
    "Pinecrest Clinic",
    "Lumen Software",
    "Saltmarsh Bakery",
    "Redfern Capital",
]
CITIES = [
    "Luanda",
    "Baku",
    "Ouagadougou",
    "Bujumbura",
    "Djibouti",
    "Addis Ababa",
    "Port-au-Prince",
    "Port Louis",
    "Chisinau",
    "Dhaka",
    "Kabul",
    "Cairo",
    "Amman",
    "Beirut",
    "Tripoli",
    "Khartoum",
    "Baghdad",
    "Aden",
    "Singapore",
    "Bandar Seri Begawan",
    "Male",
    "Almaty",
    "Bratislava",
    "Tallinn",
    "Helsinki",
    "Aarhus",
    "Uppsala",
    "Bergen",
    "Porto",
    "Valparaiso",
    "Guadalajara",
    "Basel",
    "Ghent",
    "Dunedin",
]

# Templates. Slots: {P1} full name (form chosen per record), {F1} given name, {L1} surname,
# {R1} "Surname, Given", {I1} "G. Surname"; 1..4. {ORG} {CITY} {N} {D} {E1} (an e-mail) are not names.
TEMPLATES = [
    # e-mails
    "Hi {F1},\n\nJust following up on the invoice from last month. Could you confirm it went through?\n\nThanks,\n{F2}",
    "Dear Mr {L1},\n\nThank you for your application for the analyst role at {ORG}. We would like to invite you to an interview next week.\n\nKind regards,\n{P2}\nHR Team",
    "Dear Ms {L1},\nI am writing on behalf of {P2} regarding the lease at {CITY}. Please contact me at your earliest convenience.\nSincerely,\n{P3}",
    "Can you make this email sound more polite?\n\n{F1} - the report is late again. I need it by Friday or I'll escalate to {P2}. - {F3}",
    "Rewrite this in a friendlier tone: 'Hey {F1}, you missed the standup again. {F2} had to cover for you.'",
    "Subject: Handover\n\nHello team, from Monday {P1} will take over the accounts that {P2} managed. Please copy {F1} on anything urgent.\n\nBest\n{F3}",
    "From: {P1} <{E1}>\nTo: {P2}\nSubject: Re: site visit\n\nThat works for me. See you Tuesday.\n{F1}",
    "Good morning {F1} and {F2},\n\nAttached are the minutes. Let me know if I got anything wrong.\n\nCheers,\n{P3}",
    "Please translate this email into English: Bonjour {F1}, merci pour votre message. {P2} vous contactera demain. Cordialement, {F3}",
    "Draft a reply to {P1} declining the offer politely, and mention that {P2} may be interested instead.",
    "Write a thank-you email to {F1} for hosting us in {CITY}. Mention that {F2} loved the food.",
    "Proofread: 'Dear {P1}, we regret to inform you that your claim has been declined. For questions contact {P2} at {E1}.'",
    # chat
    "[09:14] {F1}: anyone seen the deploy logs?\n[09:15] {F2}: yeah {F3} rolled it back\n[09:16] {F1}: ok thanks",
    "{P1}: are we still on for lunch?\n{P2}: yes, 12:30 at the usual place\n{P1}: great",
    "Summarise this chat:\n<{F1}> the client called again\n<{F2}> which one\n<{F1}> {P3}, about the refund\n<{F2}> I'll handle it",
    "my coworker {F1} keeps taking credit for my work in meetings. how do I bring it up with our manager {P2} without sounding petty?",
    "@{F1} can you review PR 412 when you get a sec? {F2} is out today",
    "lol {F1} just told me {F2} is moving to {CITY} next month. did you know??",
    "WhatsApp export:\n12/03/24, 21:02 - {P1}: Happy birthday!!\n12/03/24, 21:05 - {P2}: thank you so much\n12/03/24, 21:07 - {P3}: 🎉🎉",
    "Slack thread: {F1} asked whether the contract with {ORG} was signed. {P2} replied that legal is still reviewing it.",
    # CRM / HR notes
    "CRM note: Called {P1} re renewal. Prefers email. Decision maker is {P2} (CFO). Follow up in 2 weeks.",
    "Customer: {P1}\nAccount: {N}\nNotes: wants to downgrade plan; spoke with {F2} from billing.",
    "Lead: {R1}\nCompany: {ORG}\nStatus: qualified\nOwner: {P2}",
    "HR note - {D}: {P1} requested parental leave from March. Approved by {P2}. Backfill: {P3}.",
    "Performance review for {P1}. Strengths: ownership, clear writing. Areas to grow: delegation. Reviewer: {I2}.",
    "Contact sheet\nName: {P1}\nPhone: +1 555 0{N}\nEmergency contact: {P2} (spouse)",
    "Ticket #{N} opened by {P1}: cannot log in after password reset. Assigned to {P2}.",
    # meeting minutes
    "Meeting minutes - {D}\nAttendees: {P1}, {P2}, {P3}, {P4}\nApologies: none\n1. Budget: {F1} presented Q3 numbers.\n2. Hiring: {F2} to post the role.",
    "Minutes of the board meeting\nPresent: {P1} (Chair), {P2}, {P3}\nThe Chair opened the meeting at 18:00. {L2} moved to approve the accounts; seconded by {L3}.",
    "Action items:\n- {F1}: send the revised quote\n- {F2}: book the venue\n- {P3}: check with legal",
    "Attendees\n{P1}\n{P2}\n{P3}\n\nAgenda\n1. Welcome\n2. Roadmap",
    "Notes from call with {ORG}: {P1} and {P2} joined from their side. They want a pilot in {CITY} by June.",
    # reference letters
    "Write a reference letter for {P1}, who worked under me at {ORG} for three years as a warehouse supervisor.",
    "To whom it may concern,\n\nI have known {P1} for five years as a colleague at {ORG}. {F1} is reliable, thoughtful and kind.\n\nYours faithfully,\n{P2}",
    "Can you improve this recommendation? '{F1} {L1} was one of the best students I taught. I recommend {F1} without reservation.' - Prof. {L2}",
    "I need a character reference for my neighbour {P1} for a court hearing. I've known them since 2015.",
    # bug reports
    "Bug report\nReporter: {P1}\nAssignee: {P2}\nSteps: open settings, click save\nExpected: saved\nActual: 500 error",
    "Issue: crash on startup (reported by {F1} on the forum). {P2} could reproduce on Windows 11.",
    "git log --oneline\n3fa2c1d Fix null check ({P1})\n9b1e7aa Merge branch 'main' of repo\nAuthor: {P2} <{E1}>",
    "Co-authored-by: {P1} <{E1}>\nReviewed-by: {P2}",
    "# TODO({F1}): remove this hack once {P2} merges the parser fix",
    "Why does this test fail? assert user.name == '{P1}' but got '{P2}'",
    # legal / insurance
    "RE: Claim {N}\nPolicyholder: {P1}\nClaimant: {P2}\nDear Sir or Madam, we act for {P2} in connection with the collision on {D}.",
    "Summarise this letter: 'Our client, {P1}, disputes the charges issued by {ORG}. Please direct correspondence to {P2}, solicitor.'",
    "Witness statement of {P1}\nI, {P1}, of {CITY}, say as follows: on the evening of {D} I saw {P2} leave the building.",
    "This agreement is made between {P1} (the Landlord) and {P2} (the Tenant) for the property in {CITY}.",
    "Insurance adjuster notes: spoke to {P1}; damage to rear bumper. Other driver: {P2}. Witness: {P3}.",
    "Is this clause fair? 'The Employee, {P1}, shall not work for a competitor for 24 months.' Signed {P2}, Director.",
    # forum posts
    "Quote from {F1}: 'just reinstall the drivers' -- didn't work for me. Any other ideas?",
    "Thanks {F1} and {F2} for the help last week, the fix worked!",
    "Re: best budget laptop\n\n> {P1} wrote:\n> get the one with 16GB\n\nAgreed with {F1} here.",
    "Posted by {P1} on {D}: Has anyone tried the new ferry from {CITY}? Worth it?",
    "Edit: credit to {P1} for pointing out the typo.",
    # forms / structured
    "first_name,last_name,city\n{F1},{L1},{CITY}\n{F2},{L2},{CITY}\n{F3},{L3},{CITY}",
    '{{"customer": "{P1}", "agent": "{P2}", "rating": 4}}',
    "name: {P1}\nrole: maintainer\nbackup: {P2}",
    "| Name | Team |\n|---|---|\n| {P1} | Sales |\n| {P2} | Support |\n| {P3} | Ops |",
    "Full name: {P1}\nDate of birth: {D}\nNext of kin: {P2}",
    "Passenger list: {R1}; {R2}; {R3}",
    "INSERT INTO users (name, email) VALUES ('{P1}', '{E1}');",
    "Signed: ____________ {P1}    Witness: ____________ {P2}",
    # citations / news / misc prose
    "{L1}, {F1}, and {L2}, {F2}. 2019. Soil salinity in river deltas. Journal of Hydrology 12(3).",
    "According to {P1}, a researcher at the University of {CITY}, the results are preliminary.",
    "Fix the grammar: me and {F1} was going to the market when {F2} called us.",
    "Write a short poem for my grandmother {P1} on her 80th birthday.",
    "My daughter {F1} has a fever of 38.5. Should I take her to Dr. {L2}'s clinic tonight?",
    "Plan a surprise party for {F1}. Guests: {P2}, {P3} and {P4}. Budget 300 dollars.",
    "The award went to {P1}, with {P2} and {P3} as runners-up.",
    "In loving memory of {P1}, beloved father of {F2} and {F3}.",
    "Coach {L1} named {P2} captain for the match against {CITY}.",
    "Transcript\n{L1}: thanks for having me.\nHOST: so tell us about the book.\n{L1}: it started in {CITY}.",
    "Our landlord {P1} won't return the deposit. The agent {P2} says it's not their problem. What can we do?",
    "Dr {L1} referred me to {P2} for physiotherapy. Is that normal after a sprain?",
    "Can you write a LinkedIn post congratulating {P1} on 10 years at {ORG}?",
    "Teacher's comment: {F1} worked hard this term. Please see Mrs {L2} about the reading programme.",
    "Interview schedule: 10:00 {P1}; 11:00 {P2}; 14:00 {P3}",
    "cc: {P1}; {P2}",
    "Thanks again,\n{P1}\nSenior Accountant, {ORG}\n{CITY}",
    "Hello, my name is {P1} and I'd like to cancel my subscription.",
    "I'm {F1}, nice to meet you! My sister {F2} said you might need help moving.",
    "{F1} and I are getting married in {CITY}! Help me write the invitation. My fiancé's parents are {P2} and {P3}.",
    "Translate to Spanish: '{P1} will present the report; {P2} will take questions.'",
    "Rank these candidates: {P1} (8 yrs exp), {P2} (3 yrs), {P3} (12 yrs, no degree).",
    "Make a seating chart for {F1}, {F2}, {F3}, {F4} around a round table.",
    "Voicemail: Hi, this is {P1} from {ORG}. Please call me back about your order.",
    "The defendant, {P1}, was represented by {P2}.",
    "Appointment confirmed for {P1} with Dr. {L2} on {D} at 9:30.",
    "PS: say hi to {F1} for me!",
    "Best wishes from all of us — {F1}, {F2} & {F3}",
    "{P1} ({E1}) has been added as a collaborator by {P2}.",
    "shipping label: ATTN {P1}, {ORG}, {CITY}",
    "Please write a eulogy for {P1}, who was a nurse for 40 years in {CITY}.",
    "> {F1} said the build is green now\nnot on my machine it isn't",
    "Received with thanks from {P1} the sum of 200 dollars. {P2}, treasurer.",
    "Can you explain this message from my boss {F1}? 'Loop in {F2} before you ship.'",
    "Emergency contact: {P1}, mother. Alternate: {P2}, uncle.",
    "Student {P1} (ID {N}) is excused from PE. Signed, {P2}, school nurse.",
    "Recap: {F1} owes {F2} 20 dollars, {F3} owes {F1} 15.",
    "Our team: {P1} (lead), {P2} (design), {P3} (backend), {P4} (QA).",
]


def fill(
    tmpl: str, rng: random.Random, src: str, pool: dict[str, list[str]]
) -> tuple[str, list[dict[str, Any]]]:
    people = [Person(rng, src, pool) for _ in range(4)]
    for k in range(4):
        for j in range(k):
            if people[k].first == people[j].first:
                people[k].first = people[k].second
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    for m in re.finditer(r"\{(\{?)([A-Z]+)(\d?)\}", tmpl):
        lit = tmpl[pos : m.start()]
        out.append(lit.replace("}}", "}"))
        pos = m.end()
        if m.group(1):
            out.append("{" + m.group(2) + m.group(3) + "}")
            continue
        kind, idx = m.group(2), int(m.group(3) or 1) - 1
        p = people[idx]
        value = {
            "P": p.full,
            "F": p.first,
            "L": p.last,
            "R": p.rev,
            "I": p.initial,
            "ORG": rng.choice(ORGS),
            "CITY": rng.choice(CITIES),
            "N": str(rng.randint(1000, 99999)),
            "D": f"{rng.randint(1, 28)} March 2024",
            "E": f"{p.first[0].lower()}{rng.randint(10, 99)}@example.com",
        }[kind]
        start = sum(len(s) for s in out)
        out.append(value)
        if kind in "PFLRI":
            if kind == "R":
                spans.append({"start": start, "end": start + len(p.last), "type": "PERSON"})
                s2 = start + len(p.last) + 2
                spans.append({"start": s2, "end": s2 + len(p.first), "type": "PERSON"})
            else:
                spans.append({"start": start, "end": start + len(value), "type": "PERSON"})
    out.append(tmpl[pos:].replace("}}", "}"))
    return "".join(out), spans


def main() -> None:
    pools = {**nd_pools(), **faker_pools()}
    sources = sorted(pools)
    rows: dict[str, list[dict[str, Any]]] = {"dev": [], "sealed": []}
    for tmpl in TEMPLATES:
        h = hashlib.sha256(("names_gen6|" + tmpl).encode()).digest()
        split = "dev" if h[0] < 128 else "sealed"
        rng = random.Random(h)
        for _k in range(FILLS):
            src = rng.choice(sources)
            text, spans = fill(tmpl, rng, src, pools[src])
            n = len(rows[split]) // 2 + 1
            base = {"template": TEMPLATES.index(tmpl), "locale": src, "spans": spans}
            rows[split].append(
                {"id": f"gen6-{split}-{n:04d}-a", "case": "as-is", "text": text, **base}
            )
            low = text.lower()
            assert len(low) == len(text)
            rows[split].append(
                {"id": f"gen6-{split}-{n:04d}-l", "case": "lower", "text": low, **base}
            )
    for split, rs in rows.items():
        with (OUT / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(split, len(rs) // 2, "records,", sum(len(r["spans"]) for r in rs) // 2, "names")
    print("sources:", " ".join(sources))


if __name__ == "__main__":
    main()
