"""Generate bench/data/names_heldout.jsonl: a held-out labelled set for person-name detection.

Provenance: the name rules were tuned on bench/data/pii.jsonl (presidio-evaluator's templates
filled mostly with names from its FakeNameGenerator CSV). This set checks them on contexts they
were not tuned on; the names come from the same CSV (no word list in the detector does), so it
says nothing new about name coverage, only about contexts.

* Person names come from presidio-evaluator's bundled ``FakeNameGenerator.com_3000.csv`` (24 name
  sets: Czech, Icelandic, Japanese, Chechen, Dutch ``van der`` surnames, ...), never from Faker,
  whose name lists the detector's lexicon is built from.
* Every template below was written by hand for this file, without opening presidio-evaluator's
  templates.txt or the detector code in src/hybridllm/classifiers.
* Other values: street addresses from the same CSV; cities, countries and fictional companies from
  hand-written lists (Faker's US cities and companies are built from person names); phone numbers
  and dates from a seeded Faker.

Labels: every mention of a person is a PERSON span, repeats included; a possessive labels the name
without "'s"; a courtesy title is a separate TITLE span ("Dr." in "Dr. Okafor"); a name inside an
e-mail address is covered only by the EMAIL_ADDRESS span. About 5% of names are written all
lower-case (chat-style records). A draw is rejected and redrawn when a word of one of its names
also occurs unlabelled elsewhere in the text (e.g. a given name "May" next to the verb "may").
Records of set ``names_heldout_negative`` have no PERSON span: they mention software, companies
(some named after founders), cities that are also first names, months and nationalities.

Dev-only; run it in the generator virtualenv described in generate.py (Faker + presidio-evaluator)::

    /tmp/genvenv/bin/python bench/data/generate_names_heldout.py

Output is deterministic for a given CSV and Faker version (seeded ``random.Random`` and Faker).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from faker import Faker

SEED = 4242
N_POSITIVE = 600
N_NEGATIVE = 150
LOWER_P = 0.25  # share of chat-style records whose names are written all lower-case
OUT = Path(__file__).resolve().parent / "names_heldout.jsonl"

Piece = tuple[str, str | None]  # (text, label or None)
Record = dict[str, Any]

# Chat-style templates: candidates for all-lower-case names.
CHAT = [
    "hey can u ask {p1.given} if the deploy is done? {p2.given} said it's blocked on QA",
    "lol {p1.given} just replied-all to the whole company again. how do i recall an outlook email",
    "@{p1.given} can you review my PR when you get a sec? {p2.given} is out today",
    "ok so {p1.full} from {org} wants a call tmrw, draft a reply saying i'm free after 3",
    "pls summarise for {p1.given} who missed standup:\n{p2.given}: api is down\n"
    "{p3.given}: rolling back now\n{p2.given}: ty",
    "who's covering for {p1.given} while they're on leave? asking for {p2.sur}",
    "{p1.given}: did you push the fix?\n{p2.given}: yes, merged\n{p1.given}: great thx\nsummarise",
    "translate to spanish: 'hi {p1.given}, {p2.given} and i will be late to dinner tonight'",
    "{p1.given} and {p2.given} keep double-booking the big meeting room, write a funny slack msg",
    "make this less passive aggressive: 'as i told {p1} twice already, the file is on the drive'",
    "quick q, {p1.full} sent me a zip from an unknown address, is it safe to open it",
    "remind me what {p1.given}'s kid is called, the one {p2.given} mentioned at the bbq",
]

WORK = [
    "Hi {p1.given},\n\nI've escalated order #{num} to {p2.full} on our billing team, who will "
    "reply by {date}.\n\nBest,\n{p3.full}\n{org} Support",
    "Summarise this ticket: customer {p1.full} ({p1.email}) says the router shipped to {street}, "
    "{city} was dead on arrival.",
    "Write a kind rejection email to {p1.full}. Mention that {p2.given} enjoyed the portfolio.",
    "{p1.full} accepted our offer and starts on {date}. Draft an onboarding checklist.",
    "Reference check: {p1.full} reported to {p2.title} at {org} for three years. {p2.sur} called "
    "{p1.given} dependable.",
    "Meeting notes {date}\nAttendees: {p1.full}, {p2.full}, {p3.given}\nActions:\n"
    "- {p1.given} to send the revised budget\n- {p2.sur} to book the venue in {city}",
    "Summarise: {p1} presented Q3 numbers, {p2} raised churn concerns, {p3} will call {org}.",
    "Board meeting, {city}. Present: {p1.title}, {p2.title}, {p3.full}. Apologies: {p4.full}.",
    "CRM note: Spoke with {p1.full}, VP Procurement at {org} ({phone}). Wants 200 seats; "
    "follow up {date}. Decision maker is {p2.title}.",
    "Draft a follow-up to {p1.given} at {org}; {p2.given} from their legal team needs the MSA.",
    "Lead: {p1.mid} | Company: {org} | City: {city} | Phone: {phone}\nScore this lead.",
    "This Agreement is made on {date} between {org} and {p1.full}, residing at {street}, {city} "
    '(the "Contractor"). Is this preamble complete?',
    "Is this enforceable in {country}? 'The Employee, {p1.mid}, shall not solicit clients for "
    "twelve months.'",
    "IN WITNESS WHEREOF the parties have signed below.\n\n__________\n{p1.full}, CEO\n\n"
    "__________\n{p2.full}, Witness\n\nWhat else does this page need?",
    "Is a will valid if {p1} signed it but only {p2} witnessed it? The estate is in {city}.",
    "Parent email: {p1.title} asked why {p2.given}'s chemistry grade dropped. Help me reply.",
    "{p1.full}, 54, was named chief executive of {org} on Tuesday, replacing {p2.full}.",
    "Rewrite this headline in a neutral tone: '{p1.sur} slams {p2.sur} over {city} stadium deal'",
    "Police in {city} said {p1.full} was arrested outside a bar. {p1.sur} was released on bail. "
    "Can we publish the name?",
    "Claim #{num}: policyholder {p1.mid}, car damaged at {street}, {city}. Witness: {p2.full}, "
    "{phone}. Summarise for the adjuster.",
    "My client {p1.full}'s pension is paid into a closed account. How do we tell the insurer?",
    "Dear {p1.title},\n\nI recommend {p2.full} for your graduate programme. {p2.given} worked "
    "in my lab for two years.\n\nSincerely,\n{p3.title}",
    "To whom it may concern,\n\n{p1.full} has rented {street} since {year} and always paid on "
    "time.\n\nYours faithfully,\n{p2.mid}",
    "---------- Forwarded message ---------\nFrom: {p1.full} <{p1.email}>\nDate: {date}\n"
    "To: {p2.full} <{p2.email}>\n\nWhat is this person asking for?",
    "From: {p1.email}\nTo: {p2.email}\nCc: {p3.full}\nSubject: Offsite in {city}\n\n"
    "Hi {p2.given}, can we move it a week?\n\nMake this email firmer.",
    "On {date}, {p1.full} wrote:\n> Looping in {p2.given}. {p3.title}, confirm?\nSummarise.",
    "Attendees:\n1. {p1.full} ({org})\n2. {p2.full}\n3. {p3.title}\n4. {p4.mid}\nDraft a welcome.",
    "Seating plan. Table 1: {p1}, {p2}, {p3}; Table 2: {p4}, {p5}. Does anyone sit alone?",
    "By {p1.full} and {p2.full} | {city} | {date}\n\nShorten this article intro to 50 words.",
    "APA reference please: {p1.full} and {p2.full}, 'Sparse retrieval at scale', {year}.",
    "Explain this commit:\n\ncommit 3f2a9c1\nAuthor: {p1.full} <{p1.email}>\nDate: {date}\n\n"
    "    Fix race in cache eviction\n\n    Co-authored-by: {p2.full} <{p2.email}>",
    "# TODO({p1.given}): drop this hack once {p2.given} merges the auth refactor\nExplain it.",
    "git blame says {p1.full} wrote this regex in {year}. What does ^[a-z0-9_-]{{3,16}}$ match?",
    "Reviewed-by: {p1.full} <{p1.email}>\nSigned-off-by: {p2.full} <{p2.email}>\nWhat are these?",
    'Why does this JSON fail? {{"name": "{p1.full}", "city": "{city}", "phone": "{phone}",}}',
    "To markdown:\nname,company,city\n{p1.full},{org},{city}\n{p2.full},{org2},{city2}",
    "SQL insert: first_name='{p1.given}', last_name='{p1.sur}', email='{p1.email}'",
    "const user = {{ id: {num}, name: '{p1.full}', manager: '{p2.full}' }}; why is manager unset?",
    "{p1} wants to know whether the {org} discount applies to annual plans. What should I say?",
    "{p1} is moving from {city} to {city2} next month; list what to update in payroll.",
    "{p1.title} asked me to move our appointment to {date}. Write a short confirmation.",
    "{p1.sur} and {p2.sur} co-founded {org} in {city}; write a one-paragraph company history.",
    "Write a wedding toast for {p1.given} and {p2.given}; thank {p3.given}, who introduced them.",
    "{p1.given}'s laptop was stolen in {city}. What should IT revoke? {p2.given}'s team shares it.",
    "Tighten up {p1.full}'s review? {p1.given}'s manager, {p2.title}, thinks it is too harsh.",
    "Rewrite {p1.sur}'s quote for the press release: 'We are thrilled to partner with {org}.'",
    "Translate into German: 'Please call {p1.title} at {phone} about your visit on {date}.'",
    "Ticket assigned to {p1.mid}. Reporter: {p2.full}. Why would invoices be duplicated?",
    "Our new hire {p1} will shadow {p2} for two weeks. Write a buddy-programme agenda.",
    "Compare the candidates: {p1} has eight years at {org}; {p2} is a bootcamp graduate.",
    "I am {p1.full}, tenant at {street}. No heating since {date}. Make this complaint formal.",
    "{p1.title} called {phone} asking for {p2.full}'s discharge letter. Can I share it?",
    "Volunteer rota: Mon {p1.given}, Tue {p2.given}, Wed {p3}, Thu {p4}. Spot any gaps?",
    "In the interview {p1.full} said '{p2.given} never showed me the budget'. Is that hearsay?",
]

POSITIVE = [*CHAT, *WORK]

NEGATIVE = [
    "How do I connect {tech} to PostgreSQL running in Docker? The connection keeps timing out.",
    "Our {tech} pipeline fails on {day} nights when the {tech2} job runs. Where should I look?",
    "We're opening an office in {place} in {month}. Which payroll rules should we check?",
    "Is {saas} GDPR compliant for storing data about {nat} customers?",
    "Kubernetes pod stuck in CrashLoopBackOff after upgrading {tech}. Logs say connection refused.",
    "Explain the difference between Spring Boot profiles and {tech} environment files.",
    "Write a Terraform module that provisions Grafana and sends alerts to {saas}.",
    "Our flight to {place} leaves on {day} morning; suggest a packing list for {month}.",
    "Jenkins or GitHub Actions: which is cheaper for a monorepo with {tech} and {tech2} services?",
    "Ansible playbook fails with 'permission denied' when copying files to the {place} servers.",
    "How do I mock Kafka consumers in Flask unit tests? We use pytest and {tech}.",
    "Summarise the {nat} government's new data-retention rules for a {saas} admin.",
    "Why does Rails return 422 on form submit when Laravel works with the same CSRF setup?",
    "Write SQL that counts orders per store for our stores in {place}, {place2} and {place3}.",
    "React state not updating after fetch in useEffect; the backend is {tech}.",
    "Write a short case study on how {bigco} handled supply-chain problems in {year}.",
    "{bigco}'s quarterly report mentions restructuring costs. Explain what that means for staff.",
    "{tech} vs {tech2}: which has better support for async background workers?",
    "{place} or {place2} for a team offsite in {month}? We need good train connections.",
    "Set up Grafana alerts for Kafka consumer lag and notify {saas} when it exceeds 10k.",
    "Celery worker keeps dying with SIGKILL on Heroku. Is it memory? We run Django 4.2.",
    "How many {nat} customers signed up in {month}? Table customers(country, signup_date).",
    "Help me write a Jira ticket: upgrade {tech} to the latest LTS before {month}.",
    "Our Zendesk macros break when tickets are merged from {saas}. Any known workaround?",
    "Explain the Jackson annotations @JsonProperty and @JsonIgnore with a Spring Boot example.",
    "Is Jasmine or Mocha better for testing an Angular app? We already use Karma.",
    "Recommend hotels near the convention centre in {place} for {month} {year}.",
    "Hugo vs Gatsby for a docs site? We deploy on Netlify and write in Markdown.",
    "Our Ruby and Julia scripts disagree on the mean; what causes floating-point differences?",
    "{saas}'s API rate limits are killing our sync job. How should we batch requests?",
    "Build an Alexa skill that reads out open Jira tickets every {day} morning.",
    "{bigco} and {saas} both use Salesforce. Which CRM fields should a partner portal sync?",
    "Should our {nat} subsidiary in {place} invoice in euros or local currency?",
]


def pipe_list(s: str) -> list[str]:
    """Split a ``|``-separated literal (keeps the value lists compact under ruff format)."""
    return s.split("|")


ORGS = pipe_list(
    "Northwind Logistics|Bluepeak Analytics|Halcyon Freight|Corvid Systems|Tessellate Labs|"
    "Meridian Mutual|Silverline Dental Group|Quarry Bay Capital|Ironbark Software|"
    "Lumen Health Partners|Copperleaf Insurance|Saltmarsh Media|Vantage Rail|"
    "Orbitall Telecom|Greenfold Packaging|Redwater Brewing Co.|Kestrel Aerospace|"
    "Brightnest Realty|Atlas & Finch Legal|Polaris Payroll"
)
CITIES = pipe_list(
    "Rotterdam|Brno|Reykjavik|Osaka|Porto|Gdansk|Tampere|Aarhus|Leeds|Ljubljana|Split|"
    "Bergen|Uppsala|Grozny|Nuuk|Curitiba|Perth|Glasgow|Valencia|Bologna|Lyon|Leipzig|"
    "Debrecen|Boston|Toronto|Auckland"
)
COUNTRIES = ["Germany", "Canada", "Spain", "Poland", "Japan", "Brazil", "Ireland", "Denmark"]
TECH = pipe_list(
    "Django|Kubernetes|PostgreSQL|Terraform|Grafana|React|Jenkins|Ansible|Kafka|Flask|"
    "Spring Boot|Laravel|Rails|Celery|Airflow|Hadoop|Cassandra|Elasticsearch|Redis|Svelte|"
    "Ember|Angular|FastAPI|Prometheus|Helm|Pandas|Selenium|Sentry|Vault|Nginx|Apache Spark|"
    "Dagster|Prefect"
)
SAAS = pipe_list(
    "Salesforce|Shopify|Zendesk|Atlassian|HubSpot|Stripe|Twilio|Okta|Datadog|Intercom|"
    "Freshdesk|Workday|ServiceNow|Mailchimp|Asana|Slack"
)
BIGCO = pipe_list(
    "Ford|Dell|Disney|Tesla|Morgan Stanley|Goldman Sachs|McDonald's|Boeing|"
    "Johnson & Johnson|Wells Fargo|Chanel|Porsche|Ferrari|Hilton|Marriott"
)
PLACES = pipe_list(
    "Austin|Paris|Sydney|Florence|Jackson|Charlotte|Victoria|Lincoln|Orlando|Madison|"
    "Regina|Eugene|Marion|Augusta|Denver|Houston|Chester|Nelson|Hamilton|Raleigh|Savannah|"
    "Adelaide|Alexandria|Lafayette|Dallas"
)
NATS = ["German", "French", "Brazilian", "Japanese", "Canadian", "Polish", "Mexican", "Dutch"]
MONTHS = ["January", "March", "April", "May", "June", "August", "September", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
POOLS: dict[str, tuple[list[str], str | None]] = {
    "org": (ORGS, "ORGANIZATION"),
    "city": (CITIES, "GPE"),
    "country": (COUNTRIES, "GPE"),
    "tech": (TECH, None),
    "saas": (SAAS, "ORGANIZATION"),
    "bigco": (BIGCO, "ORGANIZATION"),
    "place": (PLACES, "GPE"),
    "nat": (NATS, "NRP"),
    "month": (MONTHS, "DATE_TIME"),
    "day": (DAYS, "DATE_TIME"),
}
DOMAINS = ["example.com", "mail.example.org", "corp.example.net", "example.co.uk"]
FOLD = str.maketrans({"ø": "o", "æ": "ae", "þ": "th", "ð": "d", "ł": "l", "đ": "d", "ß": "ss"})
FORMS = ("full", "mid", "given", "sur", "title")
FORM_WEIGHTS = (30, 10, 25, 15, 20)
SLOT = re.compile(r"\{\{|\}\}|\{([a-z]+)(\d*)(?:\.([a-z]+))?\}")


@dataclass(frozen=True)
class Person:
    given: str
    middle: str
    surname: str
    title: str


def load_csv() -> list[dict[str, str]]:
    """Rows of presidio-evaluator's FakeNameGenerator CSV, located without importing the package."""
    spec = importlib.util.find_spec("presidio_evaluator")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("presidio_evaluator is not installed in this interpreter")
    raw = Path(next(iter(spec.submodule_search_locations))) / "data_generator" / "raw_data"
    with (raw / "FakeNameGenerator.com_3000.csv").open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def clean(s: str) -> str:
    """Drop the stray BOMs and doubled or trailing spaces some CSV cells carry."""
    return " ".join(s.replace("\ufeff", "").split())


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower().translate(FOLD))
    return "".join(c for c in s if c.isascii() and c.isalnum())


class Filler:
    """Fills one template; a slot key (``p1``, ``city2``) keeps one value within a record."""

    def __init__(self, rng: random.Random, fake: Faker, people: list[Person], lower: bool) -> None:
        self.rng, self.fake, self.people, self.lower = rng, fake, people, lower
        self.persons: dict[str, Person] = {}
        self.forms: dict[str, str] = {}
        self.values: dict[str, Piece] = {}
        self.form_counts: Counter[str] = Counter()

    def person(self, key: str, attr: str | None) -> list[Piece]:
        if key not in self.persons:
            taken = set(self.persons.values())
            self.persons[key] = self.rng.choice([p for p in self.people if p not in taken])
        p = self.persons[key]
        if attr is None:  # generic mention: one form per person per record
            attr = self.forms.setdefault(key, self.rng.choices(FORMS, FORM_WEIGHTS)[0])
        if attr == "email":  # one address per person per record, built from the name
            local = f"{ascii_fold(p.given)}.{ascii_fold(p.surname)}@{self.rng.choice(DOMAINS)}"
            return [self.values.setdefault(key + ".email", (local, "EMAIL_ADDRESS"))]
        self.form_counts[attr] += 1
        case = str.lower if self.lower else str
        if attr == "title":  # the CSV's Mr./Ms./Mrs./Dr., or an academic title 20% of the time
            title = self.rng.choice(["Dr.", "Prof."]) if self.rng.random() < 0.2 else p.title
            title = self.values.setdefault(key + ".title", (title, "TITLE"))[0]
            return [(case(title), "TITLE"), (" ", None), (case(p.surname), "PERSON")]
        text = {
            "full": f"{p.given} {p.surname}",
            "mid": f"{p.given} {p.middle}. {p.surname}",
            "given": p.given,
            "sur": p.surname,
        }[attr]
        return [(case(text), "PERSON")]

    def value(self, base: str, key: str) -> Piece:
        if key in self.values:
            return self.values[key]
        makers: dict[str, Callable[[], Piece]] = {
            "phone": lambda: (self.fake.phone_number().split("x")[0], "PHONE_NUMBER"),
            "date": lambda: (self.date(), "DATE_TIME"),
            "year": lambda: (str(self.rng.randint(2009, 2024)), "DATE_TIME"),
            "num": lambda: (str(self.rng.randint(1000, 99999)), None),
        }
        if base in POOLS:
            pool, label = POOLS[base]
            used = {v[0] for k, v in self.values.items() if k.rstrip("0123456789") == base}
            piece: Piece = (self.rng.choice([v for v in pool if v not in used]), label)
        else:
            piece = makers[base]()
        self.values[key] = piece
        return piece

    def date(self) -> str:
        d = self.fake.date_between(start_date=date(2024, 1, 1), end_date=date(2025, 12, 31))
        return self.rng.choice([f"{d:%B} {d.day}", f"{d.day} {d:%b %Y}", f"{d:%Y-%m-%d}"])

    def fill(self, template: str) -> tuple[str, list[dict[str, Any]]]:
        pieces: list[Piece] = []
        pos = 0
        for m in SLOT.finditer(template):
            pieces.append((template[pos : m.start()], None))
            pos = m.end()
            if m.group(0) in ("{{", "}}"):
                pieces.append((m.group(0)[0], None))
            elif m.group(1) == "p":
                pieces.extend(self.person("p" + m.group(2), m.group(3)))
            else:
                pieces.append(self.value(m.group(1), m.group(1) + m.group(2)))
        pieces.append((template[pos:], None))
        text, spans = "", []
        for chunk, label in pieces:
            if label:
                spans.append({"start": len(text), "end": len(text) + len(chunk), "type": label})
            text += chunk
        return text, spans


def unlabelled_mention(text: str, spans: list[dict[str, Any]]) -> bool:
    """True when a token of a labelled name also occurs outside PERSON/EMAIL spans (ambiguous)."""
    inside = {
        i
        for s in spans
        if s["type"] in ("PERSON", "EMAIL_ADDRESS", "TITLE")
        for i in range(s["start"], s["end"])
    }
    for s in spans:
        if s["type"] != "PERSON":
            continue
        for tok in text[s["start"] : s["end"]].split():
            for m in re.finditer(rf"(?<!\w){re.escape(tok)}(?!\w)", text):
                if any(i not in inside for i in range(m.start(), m.end())):
                    return True
    return False


def check(rec: Record) -> None:
    text, spans = rec["text"], rec["spans"]
    last = 0
    for s in spans:
        value = text[s["start"] : s["end"]]
        if s["start"] < last or not value or value != value.strip():
            raise ValueError(f"bad span {s} in {rec}")
        if s["type"] == "PERSON" and value.lower().endswith("'s"):
            raise ValueError(f"possessive inside PERSON span in {rec}")
        if s["type"] == "PERSON" and rec["set"] == "names_heldout_negative":
            raise ValueError(f"PERSON span in negative control {rec}")
        last = s["end"]


def main() -> None:
    rng = random.Random(SEED)
    fake = Faker("en_US")
    fake.seed_instance(SEED)
    rows = load_csv()
    people = [
        Person(clean(r["GivenName"]), clean(r["MiddleInitial"]), clean(r["Surname"]), r["Title"])
        for r in rows
    ]
    POOLS["street"] = ([clean(r["StreetAddress"]) for r in rows], "STREET_ADDRESS")
    chat = set(CHAT)
    records: list[Record] = []
    forms: Counter[str] = Counter()
    lowered = 0
    jobs = [("names_heldout", POSITIVE[i % len(POSITIVE)]) for i in range(N_POSITIVE)]
    jobs += [("names_heldout_negative", NEGATIVE[i % len(NEGATIVE)]) for i in range(N_NEGATIVE)]
    for n, (set_name, template) in enumerate(jobs, start=1):
        lower = template in chat and rng.random() < LOWER_P
        for _ in range(50):
            filler = Filler(rng, fake, people, lower)
            text, spans = filler.fill(template)
            if not unlabelled_mention(text, spans):
                break
        else:
            raise SystemExit(f"could not fill unambiguously: {template!r}")
        forms.update(filler.form_counts)
        lowered += lower and any(s["type"] == "PERSON" for s in spans)
        rec: Record = {"id": f"names-{n:05d}", "set": set_name, "text": text, "spans": spans}
        check(rec)
        records.append(rec)
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")

    names = [
        r["text"][s["start"] : s["end"]]
        for r in records
        for s in r["spans"]
        if s["type"] == "PERSON"
    ]
    single, lower_spans = sum(len(n.split()) == 1 for n in names), sum(n.islower() for n in names)
    print(
        f"wrote {OUT}: {len(records)} records ({N_POSITIVE} names_heldout, {N_NEGATIVE} negative)"
    )
    print(f"templates: {len(POSITIVE)} positive ({len(CHAT)} chat-style), {len(NEGATIVE)} negative")
    print(f"PERSON spans: {len(names)}: {single} single-token, {len(names) - single} multi-token")
    print(f"all lower-case: {lower_spans} spans in {lowered} records; forms: {dict(forms)}")


if __name__ == "__main__":
    main()
