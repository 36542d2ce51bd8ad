#!/usr/bin/env python3
# ruff: noqa: E501, PLR0911, PLR0915, S108 - one template per line; a dev-only script
"""Independent person-name evaluation set ``names_gen3``.

Provenance
----------
Every template below was written by hand, from scratch, for this file by a
helper session that did not look at the detector (``src/hybridllm/``), at the
existing data under ``bench/data/``, at presidio-evaluator's templates or at
any other generator's templates, and did not run the classifier or any bench
script.  The data therefore cannot have been tuned to the detector.  The
templates try to mimic what people paste into an LLM and what generic PII
datasets contain: prose, news and sports reports, reviews, biographies,
letters and e-mails, support tickets, HR and meeting notes, chat and SMS,
forms and records, lists and tables, citations, social-media posts,
legal/insurance text, medical reminders, school notices, classified ads,
dialogue with speaker labels, family stories and complaints.  All persons are
meant to be private individuals.

Values come from mimesis 22.2.0 (``Person.first_name/last_name``,
``Person.email/telephone``, ``Address.city/address``, ``Finance.company``,
``Datetime.date``) for one Latin-script locale per record.  Countries are a
small hand-written English list (mimesis gives country names in the locale's
own language, which reads oddly in English text).  A ``{full_name}`` is the
same person's first name, a space and last name (exactly what mimesis'
``full_name()`` produces), so ``{first_name}``, ``{last_name}`` and
``{full_name}`` with the same suffix refer to one person.  Suffixes ``_2`` and
``_3`` are further persons (or further values of the other kinds).  ``{mr}``,
``{he}``, ``{his}``, ``{him}`` (and capitalised ``{He}``, ``{His}``) follow
that person's gender and are not spans; ``{female}``/``{male_2}`` force a
person's gender (for "grandmother", "Uncle" ...) and print nothing.  Every
name placeholder is its own PERSON span, so "Last, First" in records and
citations is two PERSON spans (a first and last name are never adjacent with
only a space between them: that is written as ``{full_name}``, one span).

Seed
----
``random.Random(20261205)`` drives everything: the locale of each record, the
gender of each person, the date format, and one mimesis ``seed=`` per
(locale, provider), drawn from it in a fixed order.  A rerun is byte-identical.

Split rule
----------
By template: SHA-256 of the template text (UTF-8); even first byte -> dev,
odd -> sealed.  Each template yields ``FILLINGS`` (4) records.

Cases
-----
Every record is written twice: ``"case": "as-is"`` (id suffix ``-a``) and
``"case": "lower"`` (id suffix ``-l``, the whole text ``.lower()``, same
offsets).  A filling whose text changes length under ``lower()`` is skipped
(both cases) and redrawn.

Format
------
One JSON object per line::

    {"id": "gen3-dev-0001-a", "case": "as-is", "template": 12, "locale": "de",
     "text": "...", "spans": [{"start": 0, "end": 12, "type": "PERSON"}, ...]}

Span types: PERSON (first, last or full name; a full name is one span), CITY,
COUNTRY, ORGANIZATION, STREET_ADDRESS, PHONE_NUMBER, EMAIL_ADDRESS, DATE_TIME.
``template`` is the index into ``TEMPLATES``.  The script asserts that every
span's text equals the inserted value and that spans do not overlap.

How to run
----------
Needs mimesis 22.2.0 importable (here an unpacked wheel)::

    python bench/data/names_gen3/generate.py [--mimesis-path /tmp/names_gen/mim]

It writes ``dev.jsonl`` and ``sealed.jsonl`` next to this file.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261205
FILLINGS = 4

# The 27 Latin-script locales of names_gen2 (its generate.py), in the same order.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "names_gen2"))
from generate import LOCALES  # noqa: E402

COUNTRIES = [
    "Portugal",
    "Canada",
    "Norway",
    "Ireland",
    "Poland",
    "Austria",
    "Chile",
    "New Zealand",
    "Croatia",
    "Hungary",
    "Turkey",
    "Sweden",
    "Denmark",
    "Finland",
    "Estonia",
    "Iceland",
    "Belgium",
    "the Netherlands",
    "Mexico",
    "Brazil",
    "Spain",
    "Italy",
    "France",
    "Germany",
    "Switzerland",
    "Australia",
    "the United Kingdom",
    "the United States",
    "Slovakia",
    "the Czech Republic",
]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

SPAN_TYPE = {
    "first_name": "PERSON",
    "last_name": "PERSON",
    "full_name": "PERSON",
    "city": "CITY",
    "country": "COUNTRY",
    "company": "ORGANIZATION",
    "street_address": "STREET_ADDRESS",
    "phone": "PHONE_NUMBER",
    "email": "EMAIL_ADDRESS",
    "date": "DATE_TIME",
}
GENDER_WORDS = {"mr", "he", "He", "his", "His", "him"}
GENDER_MARKERS = {"female", "male"}  # force a person's gender; emit nothing

# ---------------------------------------------------------------------------
# Templates (hand-written for this file).
# ---------------------------------------------------------------------------
TEMPLATES = [
    # --- narrative prose -------------------------------------------------
    "{full_name} moved to {city} in the spring and started work at {company} a week later.",
    "I ran into {first_name} at the bakery this morning and {he} asked whether you were still selling the bike.",
    "By the time {first_name} reached the station, the last train to {city} had already left, so {he} walked back along the river.",
    "The old house on {street_address} had been empty for years until {full_name} bought it at auction.",
    "Nobody in the office knew that {last_name} had once sailed alone from {country} to the Azores.",
    "After dinner {first_name} and {first_name_2} argued for an hour about whose turn it was to wash up.",
    "The letter was addressed to {full_name}, but it had been opened and resealed at least once.",
    "We waited outside the clinic while {first_name} filled in the forms, then drove home in silence.",
    "It was {first_name_2} who noticed the smoke first and shouted for {first_name} to get out of the kitchen.",
    "Every Sunday {full_name} took the same table by the window and ordered black coffee and a slice of lemon cake.",
    # --- news --------------------------------------------------------------
    "{city} - Local baker {full_name} has won the regional bread championship for the third year running, beating forty other entrants.",
    "Police in {city} are asking for witnesses after a cyclist was injured on {street_address} on {date}. The rider, {full_name}, was taken to hospital with a broken wrist.",
    "A retired teacher from {city} has raised more than 12,000 euros for the local food bank. {full_name}, 71, walked the length of the coast over six weeks.",
    'The council confirmed on {date} that planning permission for the new sports hall had been granted. Councillor {full_name} called it "a long overdue decision".',
    "Fire crews were called to a warehouse owned by {company} late on Tuesday. Site manager {full_name} said no one had been hurt.",
    'Residents of {street_address} say they have been without hot water for nine days. "Nobody tells us anything," said tenant {full_name}.',
    "The award for young entrepreneur of the year went to {full_name}, 26, who founded a bicycle repair cooperative in {city}.",
    # --- sports --------------------------------------------------------------
    "{last_name} opened the scoring in the 23rd minute before {full_name_2} doubled the lead just after the break.",
    "{female}In the women's 800 metres, {full_name} of {city} Athletic Club finished second in a personal best of 2:04.31.",
    "Goalkeeper {last_name} kept the visitors in the game with three fine saves, but could do nothing about the late winner from {last_name_2}.",
    "Under-12 results: Riverside 3 (goals: {full_name}, {last_name_2} 2), Hillcrest 1 ({last_name_3}).",
    "Club captain {full_name} retires at the end of the season after fourteen years and more than 300 appearances.",
    "The doubles title went to {full_name} and {full_name_2}, who came back from a set down to win the final 4-6, 6-3, 10-7.",
    # --- reviews -------------------------------------------------------------
    "The second half belonged to {full_name}, whose cello solo in the slow movement drew a standing ovation from a small but loyal crowd.",
    "Director {full_name} keeps the camera close to {his} actors, and newcomer {female_2}{full_name_2} is a revelation as the stubborn younger sister.",
    "In {his} debut novel, {full_name} tells the story of three generations of a fishing family on the coast near {city}.",
    "The band's new record is uneven, but the two songs written by drummer {full_name} are the best things on it.",
    "Four stars. {last_name}'s translation is clear and unfussy, and the notes at the back are genuinely useful.",
    "I expected little from this small-town thriller, yet {full_name} as the weary detective carries every scene {he} is in.",
    "Review: the restaurant is run by {full_name} and {his} sister, and the fish soup alone is worth the trip to {city}.",
    "Pianist {full_name} played the Schubert with real tenderness, though the Liszt after the interval felt rushed.",
    # --- biographies ---------------------------------------------------------
    "Born in {city} in 1962, {full_name} trained as a carpenter before turning to sculpture in {his} thirties.",
    "{full_name} (born {date}) is an engineer and amateur astronomer who has discovered two comets from {his} back garden.",
    "After studying law in {country}, {last_name} joined {company} as a junior associate and became a partner eleven years later.",
    "{full_name} grew up on a dairy farm outside {city}, the youngest of five children.",
    "About the author: {full_name} teaches chemistry at a secondary school and writes crime fiction in the evenings.",
    # --- letters and e-mails -------------------------------------------------
    "Dear {mr} {last_name},\n\nThank you for your letter of {date}. We have forwarded your request to our claims team and will reply within ten working days.\n\nKind regards,\n{full_name_2}\nCustomer Relations, {company}",
    "Hi {first_name},\n\nJust a quick reminder that the quarterly report is due on Friday. Let me know if you need anything from me.\n\nCheers,\n{first_name_2}",
    "Dear {first_name} and {first_name_2},\n\nWe are delighted to invite you to our wedding on {date} in {city}. Please let us know by the end of the month if you can come.\n\nWith love,\n{first_name_3}",
    "Hello,\n\nMy name is {full_name} and I am interested in the flat you advertised on {street_address}. Is it still available? You can reach me on {phone}.\n\nThanks,\n{first_name}",
    "To whom it may concern,\n\nI have known {full_name} for six years as a colleague at {company}. {He} is reliable, careful and very good with customers. I recommend {him} without hesitation.\n\nYours faithfully,\n{full_name_2}",
    "Subject: Re: invoice 2024-118\n\n{first_name}, I have checked with accounts and the payment went out yesterday. If it has not arrived by Monday, write to {email} and copy me in.\n\n{first_name_2}",
    "Dear Dr {last_name},\n\nI am writing on behalf of my {male_2}father, {full_name_2}, who is your patient. He has asked me to request a copy of his latest blood test results.\n\nSincerely,\n{full_name_3}",
    "From: {full_name} <{email}>\nTo: {full_name_2}\nSubject: Friday\n\nAre we still on for lunch on Friday? I can book somewhere near your office.",
    "Best wishes,\n\n{full_name}\nSenior Buyer\n{company}\n{phone}",
    "Good morning {mr} {last_name}, please find attached the signed contract. {first_name_2} from our legal team will be in touch about the next steps.",
    "Dear all,\n\nPlease welcome {full_name}, who joins the support team today. {first_name} will be sitting next to {first_name_2} for the first couple of weeks.\n\nThanks,\n{first_name_3}",
    "Thanks again for the lovely evening, {first_name}! The kids still talk about your dog. Let's do it again soon. x {first_name_2}",
    # --- support tickets -----------------------------------------------------
    "Ticket #48213\nReported by: {full_name}\nIssue: cannot log in after password reset. User says the reset e-mail never arrived at {email}.\nAssigned to: {first_name_2}",
    "Customer {full_name} called at 14:05 about a double charge on the last invoice. Refund approved by {first_name_2}; customer informed by phone ({phone}).",
    "Hi support, my order still shows as 'processing' after ten days. The account is under {full_name}, delivery address {street_address}, {city}. Can someone check?",
    "Escalated to second line. {last_name} reproduced the crash on the test machine; {first_name_2} will look at the logs tomorrow.",
    "Internal note: caller claimed to be {full_name} but could not confirm the date of birth on file. Did not disclose any account details.",
    "Status update: waiting on {first_name} to send the screenshots. Closing automatically in 5 days if no reply.",
    # --- HR and meeting notes ----------------------------------------------
    "Meeting notes - {date}\nAttendees: {full_name}, {full_name_2}, {full_name_3}\nAction: {first_name_2} to draft the onboarding checklist by next week.",
    "Performance review for {full_name}: exceeded targets in Q2 and Q3; needs to delegate more. Reviewer: {full_name_2}.",
    "{first_name} will be on parental leave from {date}. Please send anything urgent to {first_name_2} in the meantime.",
    "Exit interview summary. Employee: {full_name}. Reason for leaving: relocation to {country}. Would consider returning: yes.",
    "Minutes: the chair thanked {last_name} for organising the away day. {last_name_2} raised the issue of parking again; no decision was taken.",
    "Sick note received from {full_name} covering {date} to the end of the week. Line manager informed.",
    "Candidate {full_name} was strong on the technical questions but less convincing on teamwork. Second interview with {first_name_2} recommended.",
    "Reminder for managers: timesheets for the {city} office are now approved by {full_name} instead of payroll.",
    # --- chat and SMS --------------------------------------------------------
    "{first_name}: are you still coming tonight?\n{first_name_2}: yes, running 10 min late, save me a seat",
    "hey it's {first_name}, new number. call me when u can",
    "did {first_name} ever pay you back for the concert tickets??",
    "[09:14] {first_name}: morning all\n[09:15] {first_name_2}: morning! coffee machine is broken again\n[09:15] {first_name}: of course it is",
    "lol {first_name} just fell asleep on the sofa with the cat on {his} head",
    "can you pick up {first_name} from practice at 6? i'm stuck at work",
    "Your driver {first_name} is arriving in a grey Skoda. Reply STOP to opt out.",
    "ok so {first_name_2} told {first_name} that {first_name_3} is moving to {city}?? since when",
    "tell {first_name} happy birthday from me!! 🎂",
    # --- forms and records ---------------------------------------------------
    "Name: {full_name}\nDate of birth: {date}\nAddress: {street_address}, {city}\nPhone: {phone}\nEmail: {email}",
    "Applicant surname: {last_name}\nGiven name: {first_name}\nNationality: {country}\nTelephone: {phone}",
    "Emergency contact: {full_name} (spouse), {phone}",
    "Patient: {last_name}, {first_name}\nDOB: {date}\nReferring physician: Dr {full_name_2}",
    "Account holder ........ {full_name}\nEmployer .............. {company}\nCity .................. {city}",
    "Signed: {full_name}    Date: {date}",
    "Guest list for table 7: {full_name}, {full_name_2}, {full_name_3}.",
    "Student: {full_name}\nTutor group: 9B\nParent/guardian: {full_name_2}\nContact number: {phone}",
    "Booking reference QX7L2. Lead passenger: {mr} {full_name}. Departure from {city} on {date}.",
    "Witness statement taken from {full_name}, resident of {street_address}, on {date}.",
    # --- lists and tables ----------------------------------------------------
    "Volunteers for Saturday:\n- {full_name}\n- {full_name_2}\n- {full_name_3}",
    "| Name | Department | Extension |\n|---|---|---|\n| {full_name} | Finance | 2231 |\n| {full_name_2} | Logistics | 2248 |",
    "Rota for next week\nMon: {first_name}\nTue: {first_name_2}\nWed: {first_name}\nThu: {first_name_3}\nFri: closed",
    "name,city,joined\n{full_name},{city},2021\n{full_name_2},{city_2},2023",
    "Shortlisted: 1. {full_name} 2. {full_name_2} 3. {full_name_3}",
    "Committee 2025: chair {full_name}; secretary {full_name_2}; treasurer {full_name_3}.",
    "Prize winners\nFirst: {full_name} ({city})\nSecond: {full_name_2} ({city_2})",
    # --- citations -----------------------------------------------------------
    '{last_name}, {first_name}, and {full_name_2}. 2019. "Soil moisture variability in upland pastures." Journal of Applied Agronomy 14 (2): 33-51.',
    "As {last_name} and {last_name_2} (2017) have shown, the effect disappears once household income is controlled for.",
    "Interview with {full_name}, conducted in {city} on {date}. Transcript held by the author.",
    "Photo: {full_name}",
    "Thanks to {full_name} for comments on an earlier draft, and to {full_name_2} for help with the figures.",
    # --- social-media posts -------------------------------------------------
    "Huge congrats to {first_name} on finishing {his} first marathon today!! So proud of you 🎉",
    "Throwback to the summer in {city} with {first_name} and {first_name_2}. Can't believe it's been ten years.",
    "RIP {full_name}. Best neighbour anyone could ask for. The street won't be the same.",
    "Lost dog near {street_address}! Brown terrier, answers to Biscuit. Please message {first_name} on {phone}.",
    "Shout out to {full_name} at {company} for sorting out my broken boiler on a Sunday. Legend.",
    "Anyone know a good dentist in {city}? {first_name} recommended one but I lost the name.",
    # --- legal / insurance ---------------------------------------------------
    'This Agreement is made on {date} between {full_name} (the "Landlord") and {full_name_2} (the "Tenant") in respect of the property at {street_address}, {city}.',
    "Policyholder {full_name} reported that the vehicle was parked outside {street_address} when the damage occurred.",
    "I, {full_name}, of {street_address}, {city}, declare that this is my last will and revoke all earlier wills.",
    "The claimant, {mr} {last_name}, alleges that the defendant failed to repair the roof despite repeated requests.",
    "Claim 55-0193: third party {full_name} admits liability. Our insured, {full_name_2}, is to be contacted about the repair estimate.",
    "Power of attorney granted to {full_name} to act on behalf of {full_name_2} in all matters relating to the sale of the property.",
    "Notice is hereby given that {full_name}, trading as {company}, has applied for a licence to sell alcohol at the premises.",
    # --- medical -------------------------------------------------------------
    "Reminder: {first_name}, you have an appointment with Dr {last_name_2} on {date} at 9:30. Please call {phone} if you need to reschedule.",
    "Your prescription is ready for collection at {city} pharmacy. Ask for it under the name {last_name}.",
    "Referral letter: I would be grateful if you could see {full_name}, a 54-year-old with recurrent chest pain on exertion.",
    "Dr {last_name} is on leave until {date}. Patients will be seen by Dr {last_name_2}.",
    "Vaccination record for {full_name}: second dose given {date}, batch FJ4432.",
    # --- school notices ------------------------------------------------------
    "Dear parents, {full_name} from Year 4 will be representing the school at the district spelling bee next Thursday.",
    "Class trip to {city} on {date}. Please return the consent form to {mr} {last_name} by Monday.",
    "Congratulations to {full_name} and {full_name_2}, our readers of the month!",
    "The after-school chess club will now be run by {mr} {last_name}, as {mr_2} {last_name_2} is leaving us at half term.",
    "Lost property: a blue lunchbox with the name {first_name} written on the lid.",
    # --- classified ads ------------------------------------------------------
    "FOR SALE: oak dining table, six chairs, good condition. Collection only from {city}. Ask for {first_name} on {phone}.",
    "Room to let in a quiet shared house near {street_address}. Non-smoker preferred. Contact {first_name} at {email}.",
    "Piano lessons for all ages with {full_name}, twenty years' experience. First lesson free.",
    "Wanted: old vinyl records, any condition. Fair prices paid. Ring {last_name} on {phone}.",
    # --- dialogue ------------------------------------------------------------
    "INTERVIEWER: When did you first meet {first_name_2}?\n{last_name}: At university, I think. We shared a flat for two years.",
    '"Call me {first_name}," came the reply. "Nobody has called me {mr} {last_name} since I left the army."',
    "{first_name_2}: Has anyone seen the stapler?\n{first_name}: {first_name_3} had it this morning.\n{first_name_2}: Of course.",
    "Q: Who was the last person to see the keys?\nA: I think it was {full_name}, the night manager.",
    '"Is {first_name} coming?" asked {first_name_2}. "Not tonight," said {first_name_3}.',
    # --- family stories ------------------------------------------------------
    "My {female}grandmother {full_name} kept chickens behind the house in {city} and sold the eggs to the neighbours.",
    "{male}Uncle {first_name} never learned to drive, so every Christmas we collected {him} from the station.",
    "When my parents emigrated to {country} in 1974, it was {first_name}, my mother's cousin, who lent them the money for the boat.",
    "Our {male}great-great-grandfather {full_name} is buried in the churchyard at {city}; the stone is almost unreadable now.",
    "My {female}sister {first_name} and her {male_2}husband {first_name_2} are hosting everyone this year, so bring a folding chair.",
    # --- complaints ----------------------------------------------------------
    "I am writing to complain about the service I received from your employee {full_name} at the {city} branch on {date}.",
    "This is the third time I have asked {company} to fix the leak. Your engineer, {first_name}, promised to come back on Tuesday and never did.",
    "Complaint against {full_name}, driver of bus 42, who refused to lower the ramp for my wheelchair.",
    "Please pass this on to {last_name}'s manager. I was kept on hold for fifty minutes and then cut off.",
    # --- various positions ---------------------------------------------------
    "{first_name}'s car broke down on the motorway, so the meeting has been moved to Thursday.",
    "The treasurer, {full_name}, presented the annual accounts and answered questions from members.",
    "{last_name} will review the draft before it goes to the printer.",
    "According to {full_name}, the shipment left the port on {date}.",
    "We gave the spare keys to {first_name} before leaving for {country}.",
    "The report prepared by {last_name} and {last_name_2} was accepted without changes.",
    "{first_name} said the parcel would arrive before noon.",
    "Everyone agreed that {full_name_2}'s idea was better than the original plan.",
    "Contact person\n{full_name}\n{phone}",
    "Can you forward this to {full_name}? I don't have {his} new address.",
    "Please make the cheque payable to {full_name} and post it to {street_address}, {city}.",
    "{last_name}, {first_name}",
    "{full_name}",
    "Translated by {full_name}. Edited by {full_name_2}.",
    "Sent from my phone - {first_name}",
    "On behalf of {company}, {full_name} accepted the award for sustainable packaging.",
    "The keynote was given by Professor {full_name} of the University of {city}.",
    "{female}Ms {last_name} and {male_2}Mr {last_name_2} have both asked to be copied into future correspondence.",
]

PLACEHOLDER = re.compile(r"\{([A-Za-z_]+?)(?:_(\d))?\}")


def split_of(template: str) -> str:
    return "dev" if hashlib.sha256(template.encode("utf-8")).digest()[0] % 2 == 0 else "sealed"


class Filler:
    """Per-locale mimesis providers, seeded from the master RNG."""

    def __init__(self, rng: random.Random) -> None:
        from mimesis import Address, Datetime, Finance, Person
        from mimesis.locales import Locale

        valid = {loc.value for loc in Locale}
        self.locales = [loc for loc in LOCALES if loc in valid]
        self.providers = {}
        for loc in self.locales:
            self.providers[loc] = {
                "person": Person(loc, seed=rng.randrange(2**32)),
                "address": Address(loc, seed=rng.randrange(2**32)),
                "finance": Finance(loc, seed=rng.randrange(2**32)),
                "datetime": Datetime(loc, seed=rng.randrange(2**32)),
            }

    def fill(self, template: str, loc: str, rng: random.Random):
        from mimesis.enums import Gender

        pv = self.providers[loc]
        persons: dict[str, dict] = {}
        values: dict[tuple[str, str], str] = {}

        forced = {
            m.group(2) or "1": m.group(1) == "female"
            for m in PLACEHOLDER.finditer(template)
            if m.group(1) in GENDER_MARKERS
        }

        def person(idx: str) -> dict:
            if idx not in persons:
                female = forced[idx] if idx in forced else rng.random() < 0.5
                g = Gender.FEMALE if female else Gender.MALE
                first = pv["person"].first_name(gender=g)
                last = pv["person"].last_name(gender=g)
                persons[idx] = {
                    "female": female,
                    "first_name": first,
                    "last_name": last,
                    "full_name": f"{first} {last}",
                }
            return persons[idx]

        def date_value() -> str:
            d = pv["datetime"].date(start=1950, end=2026)
            style = rng.randrange(4)
            if style == 0:
                return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
            if style == 1:
                return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
            if style == 2:
                return d.isoformat()
            return f"{d.day:02d}/{d.month:02d}/{d.year}"

        def other(kind: str) -> str:
            if kind == "city":
                return pv["address"].city()
            if kind == "country":
                return rng.choice(COUNTRIES)
            if kind == "company":
                return pv["finance"].company()
            if kind == "street_address":
                return pv["address"].address()
            if kind == "phone":
                return pv["person"].telephone()
            if kind == "email":
                return pv["person"].email()
            if kind == "date":
                return date_value()
            raise KeyError(kind)

        out: list[str] = []
        spans: list[dict] = []
        pos = 0
        length = 0
        for m in PLACEHOLDER.finditer(template):
            lit = template[pos : m.start()]
            out.append(lit)
            length += len(lit)
            kind, idx = m.group(1), m.group(2) or "1"
            if kind in GENDER_MARKERS:
                pass
            elif kind in GENDER_WORDS:
                female = person(idx)["female"]
                word = {
                    "mr": ("Ms", "Mr"),
                    "he": ("she", "he"),
                    "He": ("She", "He"),
                    "his": ("her", "his"),
                    "His": ("Her", "His"),
                    "him": ("her", "him"),
                }[kind][0 if female else 1]
                out.append(word)
                length += len(word)
            else:
                if kind not in SPAN_TYPE:
                    raise KeyError(f"unknown placeholder {m.group(0)!r} in {template!r}")
                if SPAN_TYPE[kind] == "PERSON":
                    value = person(idx)[kind]
                else:
                    key = (kind, idx)
                    if key not in values:
                        values[key] = other(kind)
                    value = values[key]
                spans.append(
                    {
                        "start": length,
                        "end": length + len(value),
                        "type": SPAN_TYPE[kind],
                        "value": value,
                    }
                )
                out.append(value)
                length += len(value)
            pos = m.end()
        out.append(template[pos:])
        text = "".join(out)
        # verification
        last_end = -1
        for s in spans:
            assert text[s["start"] : s["end"]] == s["value"], (text, s)
            assert s["start"] >= last_end, ("overlap", text, spans)
            assert s["end"] > s["start"]
            last_end = s["end"]
        for a, b in itertools.pairwise(spans):
            # two name placeholders separated only by blanks would be one name
            assert not (
                a["type"] == b["type"] == "PERSON" and not text[a["end"] : b["start"]].strip()
            ), (text, spans)
        return text, [{k: s[k] for k in ("start", "end", "type")} for s in spans], spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mimesis-path", default="/tmp/names_gen/mim")
    ap.add_argument("--out-dir", default=str(Path(__file__).resolve().parent))
    args = ap.parse_args()
    sys.path.insert(0, args.mimesis_path)
    import mimesis

    assert mimesis.__version__ == "22.2.0", mimesis.__version__
    assert len(set(TEMPLATES)) == len(TEMPLATES), "duplicate template"

    rng = random.Random(SEED)
    filler = Filler(rng)
    rows = {"dev": [], "sealed": []}
    skipped = 0
    for t_index, template in enumerate(TEMPLATES):
        split = split_of(template)
        made = 0
        while made < FILLINGS:
            loc = rng.choice(filler.locales)
            text, spans, full = filler.fill(template, loc, rng)
            lower = text.lower()
            if len(lower) != len(text) or any(
                len(s["value"].lower()) != len(s["value"]) for s in full
            ):
                skipped += 1
                continue
            for s in full:
                assert lower[s["start"] : s["end"]] == s["value"].lower()
            made += 1
            rows[split].append((t_index, loc, text, lower, spans))

    out_dir = Path(args.out_dir)
    for split, items in rows.items():
        with open(out_dir / f"{split}.jsonl", "w", encoding="utf-8", newline="\n") as fh:
            for n, (t_index, loc, text, lower, spans) in enumerate(items, 1):
                for suffix, case, t in (("a", "as-is", text), ("l", "lower", lower)):
                    rec = {
                        "id": f"gen3-{split}-{n:04d}-{suffix}",
                        "case": case,
                        "template": t_index,
                        "locale": loc,
                        "text": t,
                        "spans": spans,
                    }
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n_t = {s: len({r[0] for r in rows[s]}) for s in rows}
    print(
        f"templates: {len(TEMPLATES)} (dev {n_t['dev']}, sealed {n_t['sealed']}); "
        f"records per case: dev {len(rows['dev'])}, sealed {len(rows['sealed'])}; "
        f"skipped fillings (lower() changed length): {skipped}; locales: {', '.join(filler.locales)}"
    )


if __name__ == "__main__":
    main()
