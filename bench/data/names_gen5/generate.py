# ruff: noqa: E501, PLR0911, PLR0912, SIM905
"""names_gen5 -- independent evaluation set for the PII (person-name) detector.

Provenance
----------
* Templates: every template in TEMPLATES was written from scratch by a helper
  session under strict independence rules: it did not open, read, grep, list or
  run anything under src/, tests/, docs/ or bench/ (other than writing this
  folder), did not look at git history, did not read any other generator's
  files (names_gen2/3/4, ...), and did not run the classifier or any bench
  script.  The templates reflect the helper's own idea of text people paste or
  type into an LLM assistant (e-mails, chats, minutes, CRM/HR notes, code,
  CSV/JSON/YAML, citations, reviews, letters, ...).
* Names: PyPI package `names-dataset` 3.3.1 (NameDataset().get_top_names),
  restricted to the countries requested for this set that exist in the package:
  SI LT EE IS CH CA CM BW NA MA DZ TN EC UY BO GT HN SV CR PA PR FJ AL LU MT CY RS
  (requested but absent from the package, hence skipped: RO SK LV AU NZ KE UG TZ
  SN CI ZW ZM VE PY DO TT VN).  Each given name / surname is drawn with
  probability 1/2 from the country's top-200 ranks and 1/2 from ranks 200-1000.
  Only Latin-script entries are kept (accents, hyphen, apostrophe, inner space
  allowed); entries that are all lower-case, shorter than 2 letters, vowel-less,
  contain a one-letter token, are bare particles/titles or a few cheap-to-spot
  non-names are skipped.  One country is chosen per filled record and all
  person slots of that record use it (record field "locale").  Compound forms
  (middle initial, initial + surname, "Last, First", "Last, F.", double /
  hyphenated surname, particles such as de/del/van/von/El/Ben) are built here.
* Organisations, streets, phone numbers and e-mail addresses are invented /
  synthetic; cities are ordinary cities of the record's country.
* Split: sha256(template string); first byte < 128 -> dev.jsonl, else
  sealed.jsonl.  No template is in both.  Each template is filled
  FILLS_PER_TEMPLATE=2 times with a per-template seed derived from
  sha256("names_gen5|" + template); each fill is emitted as-is ("-a") and
  lower-cased ("-l", identical offsets).

sealed.jsonl must only ever be scored -- never inspected, tuned on, or used
to write rules or templates.
"""

import hashlib
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

from names_dataset import NameDataset

FILLS_PER_TEMPLATE = 2
OUT_DIR = Path(__file__).resolve().parent

REQUESTED = "RO SK SI LT LV EE IS CH AU CA NZ KE UG TZ CM SN CI ZW ZM BW NA MA DZ TN EC VE UY PY BO GT HN SV CR PA DO PR TT FJ VN AL LU MT CY RS".split()

HISPANIC = {"EC", "UY", "BO", "GT", "HN", "SV", "CR", "PA", "PR"}
FRENCHISH = {"CH", "LU", "CM", "MA", "DZ", "TN"}
ENGLISHISH = {"CA", "MT", "FJ", "BW", "NA"}

PARTICLES = {
    "CA": ["de", "van", "Mac"],
    "CH": ["von", "de"],
    "LU": ["de", "da"],
    "NA": ["van", "van der"],
    "MA": ["El", "Ben", "Ait"],
    "DZ": ["Ben", "Ait", "El"],
    "TN": ["Ben", "El"],
    "EC": ["de", "del"],
    "UY": ["de", "del"],
    "BO": ["de la", "del"],
    "GT": ["de", "de León y"],
    "HN": ["de", "del"],
    "SV": ["de", "del"],
    "CR": ["de", "del"],
    "PA": ["de", "del"],
    "PR": ["de", "del"],
    "MT": ["De"],
}

BAD_TOKENS = {
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
    "ait",
    "al",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "jr",
    "sr",
    "mme",
    "mlle",
    "prof",
    "fils",
    "junior",
    "senior",
    "the",
    "and",
    "my",
    "not",
    "none",
    "null",
    "unknown",
    "user",
    "admin",
    "test",
    "love",
    "baby",
    "boss",
    "official",
    "real",
    "king",
    "queen",
    "prince",
    "princess",
    "lady",
    "madrid",
    "nesvarbu",
    "bw",
    "wa",
}

# cheap-to-spot non-names (cities, job titles, common English words) seen in the raw lists
NON_NAME_TOKENS = {
    "vilnius",
    "madrid",
    "vizažistė",
    "nesvarbu",
    "sveiki",
    "tops",
    "wild",
    "unknown",
    "official",
    "none",
}

CITIES = {
    "SI": ["Maribor", "Celje", "Kranj", "Koper", "Novo Mesto"],
    "LT": ["Kaunas", "Klaipėda", "Šiauliai", "Panevėžys", "Alytus"],
    "EE": ["Tartu", "Pärnu", "Narva", "Viljandi", "Rakvere"],
    "IS": ["Reykjavík", "Akureyri", "Hafnarfjörður", "Selfoss", "Ísafjörður"],
    "CH": ["Lausanne", "Winterthur", "Lucerne", "St. Gallen", "Neuchâtel"],
    "CA": ["Halifax", "Saskatoon", "Kelowna", "Sherbrooke", "Thunder Bay"],
    "CM": ["Douala", "Yaoundé", "Bamenda", "Garoua", "Buea"],
    "BW": ["Gaborone", "Francistown", "Maun", "Lobatse", "Serowe"],
    "NA": ["Windhoek", "Swakopmund", "Walvis Bay", "Oshakati", "Rundu"],
    "MA": ["Fès", "Agadir", "Meknès", "Tétouan", "Oujda"],
    "DZ": ["Oran", "Constantine", "Annaba", "Sétif", "Tlemcen"],
    "TN": ["Sfax", "Sousse", "Bizerte", "Gabès", "Monastir"],
    "EC": ["Cuenca", "Guayaquil", "Loja", "Ambato", "Manta"],
    "UY": ["Salto", "Paysandú", "Rivera", "Maldonado", "Tacuarembó"],
    "BO": ["Cochabamba", "Sucre", "Tarija", "Oruro", "Potosí"],
    "GT": ["Quetzaltenango", "Antigua Guatemala", "Cobán", "Escuintla", "Huehuetenango"],
    "HN": ["San Pedro Sula", "La Ceiba", "Choluteca", "Comayagua", "Tela"],
    "SV": ["Santa Ana", "San Miguel", "Sonsonate", "Usulután", "Ahuachapán"],
    "CR": ["Heredia", "Cartago", "Alajuela", "Liberia", "Limón"],
    "PA": ["Colón", "Chitré", "Penonomé", "Santiago de Veraguas", "Boquete"],
    "PR": ["Ponce", "Mayagüez", "Caguas", "Arecibo", "Bayamón"],
    "FJ": ["Lautoka", "Nadi", "Labasa", "Suva", "Ba"],
    "AL": ["Durrës", "Shkodër", "Vlorë", "Korçë", "Elbasan"],
    "LU": ["Esch-sur-Alzette", "Differdange", "Dudelange", "Ettelbruck", "Diekirch"],
    "MT": ["Sliema", "Birkirkara", "Mosta", "Qormi", "Żebbuġ"],
    "CY": ["Limassol", "Larnaca", "Paphos", "Famagusta", "Nicosia"],
    "RS": ["Novi Sad", "Niš", "Kragujevac", "Subotica", "Čačak"],
}

PHONES = {
    "SI": "+386 41 ### ###",
    "LT": "+370 6## #####",
    "EE": "+372 5### ####",
    "IS": "+354 8## ####",
    "CH": "+41 79 ### ## ##",
    "CA": "+1 (###) 555-01##",
    "CM": "+237 6## ## ## ##",
    "BW": "+267 7# ### ###",
    "NA": "+264 81 ### ####",
    "MA": "+212 6## ## ## ##",
    "DZ": "+213 5## ## ## ##",
    "TN": "+216 ## ### ###",
    "EC": "+593 9# ### ####",
    "UY": "+598 9# ### ###",
    "BO": "+591 7### ####",
    "GT": "+502 #### ####",
    "HN": "+504 9###-####",
    "SV": "+503 7###-####",
    "CR": "+506 8###-####",
    "PA": "+507 6###-####",
    "PR": "+1 (787) 555-01##",
    "FJ": "+679 9## ####",
    "AL": "+355 6# ### ####",
    "LU": "+352 621 ### ###",
    "MT": "+356 79## ####",
    "CY": "+357 99 ######",
    "RS": "+381 6# ### ####",
}

ORGS = [
    "Brightwater Logistics",
    "Kestrel Analytics",
    "Northgate Dental Clinic",
    "Harbourline Insurance",
    "Juniper & Vale Architects",
    "Tallgrass Credit Union",
    "Copperleaf Bakery",
    "Bluefin Travel",
    "Meridian Home Care",
    "Stonebridge Property Management",
    "Alder Street Pharmacy",
    "Quillfeather Books",
    "Redmoss Engineering",
    "Larkspur Veterinary Group",
    "Oakhollow Primary School",
    "Sundial Print Co.",
    "Greyfield Legal LLP",
    "Pinecrest Physiotherapy",
    "Vantor Systems",
    "Marlow & Finch Accountants",
    "Hollybrook Garden Centre",
    "Tidewater Outfitters",
    "Ironbark Fitness",
    "Silverline Couriers",
    "Fernhill Family Practice",
    "Cobalt Ridge Software",
    "Wrenfield Catering",
    "Saltmarsh Kayak Tours",
    "Orchard Lane Montessori",
    "Glasswing Media",
    "Driftwood Realty",
    "Keystone Plumbing & Heating",
]

STREET_WORDS_EN = [
    "Birchwood",
    "Harbour View",
    "Maple Ridge",
    "Orchard",
    "Kingfisher",
    "Millstone",
    "Cedar Hollow",
    "Quarry",
    "Lantern",
    "Foxglove",
    "Riverbend",
    "Salt Pans",
]
STREET_SUFFIX_EN = [
    "Street",
    "Road",
    "Avenue",
    "Crescent",
    "Drive",
    "Lane",
    "Court",
    "Way",
    "Terrace",
]
STREET_WORDS_ES = [
    "Los Almendros",
    "Las Palmeras",
    "El Mirador",
    "Los Cedros",
    "La Ribera",
    "Las Acacias",
    "El Molino",
    "Los Pinos",
]
STREET_WORDS_FR = [
    "des Tilleuls",
    "des Lilas",
    "du Moulin",
    "des Peupliers",
    "de la Gare",
    "des Vergers",
    "du Lac",
    "des Jardins",
]
STREET_LOCAL = {
    "SI": ["Lipova ulica", "Vrtna ulica", "Sončna pot", "Brezova cesta"],
    "LT": ["Liepų g.", "Sodų g.", "Beržų g.", "Ąžuolų g."],
    "EE": ["Pärna tn", "Aia tn", "Kase tn", "Metsa tn"],
    "IS": ["Lindargata", "Hlíðarvegur", "Bakkastígur", "Melabraut"],
    "RS": ["Lipova", "Cvetna", "Dunavska obala", "Vinogradska"],
    "AL": ["Rruga e Pishave", "Rruga e Ullirit", "Rruga Lulet", "Rruga e Kodrës"],
    "CY": ["Elaion Street", "Amygdalias Street", "Kyparissias Avenue", "Thalassis Street"],
}

EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com", "postbox.example"]


def is_latin_name(s, given=False):
    if not s or s != s.strip() or "  " in s:
        return False
    letters = 0
    for ch in s:
        if ch in " -'’":
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
        letters += 1
    if letters < 2:
        return False
    if s.lower() == s or (s.upper() == s and letters > 2 and " " not in s):
        return False
    if len(s.lower()) != len(s) or len(s.upper()) != len(s):
        return False
    base = unicodedata.normalize("NFD", s.lower())
    if not any(v in base for v in "aeiouy"):
        return False
    for tok in re.split(r"[ \-]", s):
        if len(tok) < 2 or not tok[0].isupper():
            return False
        if tok.lower() in BAD_TOKENS and " " not in s and "-" not in s:
            return False
        if tok.lower() in {"mr", "mrs", "dr", "jr", "sr", "fils"}:
            return False
        if given and tok.lower() in BAD_TOKENS:
            return False
        if tok.lower() in NON_NAME_TOKENS:
            return False
    return True


def load_pools():
    nd = NameDataset()
    pools = {}
    for cc in REQUESTED:
        fm = nd.get_top_names(n=1000, country_alpha2=cc, gender="M", use_first_names=True) or {}
        ff = nd.get_top_names(n=1000, country_alpha2=cc, gender="F", use_first_names=True) or {}
        ln = nd.get_top_names(n=1000, country_alpha2=cc, use_first_names=False) or {}
        m = fm.get(cc, {}).get("M", [])
        f = ff.get(cc, {}).get("F", [])
        s = ln.get(cc, [])
        if not (m and f and s):
            continue

        def windows(lst, given=True):
            top = [x for x in lst[:200] if is_latin_name(x, given)]
            tail = [x for x in lst[200:1000] if is_latin_name(x, given)]
            return top, tail or top

        pools[cc] = {"M": windows(m), "F": windows(f), "S": windows(s, given=False)}
    return pools


SLOT_RE = re.compile(
    r"\{([PMF]\d|ORG\d?|CITY\d?|STREET\d?|PHONE\d?|EMAIL\d?)(?::([A-Za-z0-9]+))?\}"
)

PERSON_FORMS = ["full", "first", "last", "lf", "init", "mid", "dbl", "part", "cite", "upper"]
ANY_WEIGHTS = [
    ("first", 30),
    ("last", 16),
    ("full", 34),
    ("init", 4),
    ("mid", 5),
    ("dbl", 5),
    ("lf", 3),
    ("part", 3),
]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


class Person:
    def __init__(self, rng, pools, cc, gender):
        self.cc = cc
        p = pools[cc]

        def draw(key):
            top, tail = p[key]
            return rng.choice(top if rng.random() < 0.5 else tail)

        self.first = draw(gender)

        def draw_last():
            # Icelandic patronymics are gendered: -son for men, -dóttir for women
            for _ in range(40):
                x = draw("S")
                if cc != "IS" or x.endswith("dóttir") == (gender == "F"):
                    return x
            return x

        self.last = draw_last()
        self.last2 = draw_last()
        while self.last2 == self.last:
            self.last2 = draw("S")
        mids = [x for x in (p[gender][0]) if x[0].isalpha()]
        self.mid = strip_accents(rng.choice(mids))[0].upper()
        self.particle = rng.choice(PARTICLES[cc]) if cc in PARTICLES else None

    def render(self, form, rng):
        if form == "any":
            forms, weights = zip(*ANY_WEIGHTS, strict=True)
            form = rng.choices(forms, weights=weights)[0]
        f, last = self.first, self.last
        if form == "full":
            return f"{f} {last}"
        if form == "first":
            return f
        if form == "last":
            return last
        if form == "lf":
            return f"{last}, {f}"
        if form == "init":
            return f"{strip_accents(f)[0]}. {last}"
        if form == "mid":
            return f"{f} {self.mid}. {last}"
        if form == "dbl":
            if self.cc in HISPANIC:
                return f"{f} {last} {self.last2}"
            return f"{f} {last}-{self.last2}"
        if form == "part":
            if self.particle is None:
                return f"{f} {last}-{self.last2}"
            sep = "" if self.particle == "Mac" else " "
            lastp = last if " " not in last else last.split(" ")[-1]
            return f"{f} {self.particle}{sep}{lastp}"
        if form == "cite":
            return f"{last}, {strip_accents(f)[0]}."
        if form == "upper":
            return f"{f} {last}".upper()
        if form == "lastup":
            return f"{last.upper()}, {f}"
        raise ValueError(form)


def make_phone(rng, cc):
    pat = PHONES[cc]
    out = "".join(str(rng.randint(0, 9)) if ch == "#" else ch for ch in pat)
    if rng.random() < 0.4 and cc not in {"CA", "PR"}:
        # local form: drop the country code, add trunk 0 where usual
        rest = out.split(" ", 1)[1]
        if cc in {"SI", "CH", "MA", "DZ", "AL", "RS", "CM"}:
            rest = "0" + rest
        out = rest
    elif cc in {"CA", "PR"} and rng.random() < 0.5:
        out = out[3:]
    return out


def make_street(rng, cc):
    n = rng.randint(2, 480)
    if cc in HISPANIC:
        kind = rng.choice(["Calle", "Avenida", "Av.", "Pasaje"])
        return f"{kind} {rng.choice(STREET_WORDS_ES)} {n}"
    if cc in FRENCHISH:
        kind = rng.choice(["rue", "avenue", "chemin", "boulevard"])
        return f"{n} {kind} {rng.choice(STREET_WORDS_FR)}"
    if cc in STREET_LOCAL:
        return f"{rng.choice(STREET_LOCAL[cc])} {n}"
    return f"{n} {rng.choice(STREET_WORDS_EN)} {rng.choice(STREET_SUFFIX_EN)}"


def make_email(rng, person=None, org=None):
    dom = rng.choice(EMAIL_DOMAINS)
    if org and rng.random() < 0.5:
        dom = re.sub(r"[^a-z]", "", strip_accents(org.split()[0]).lower()) + ".example"
    if person is None:
        local = rng.choice(
            ["info", "office", "bookings", "hello", "admin.team", "frontdesk", "support"]
        )
    else:
        f = re.sub(r"[^a-z]", "", strip_accents(person.first).lower())
        la = re.sub(r"[^a-z]", "", strip_accents(person.last).lower())
        style = rng.randint(0, 3)
        local = [f"{f}.{la}", f"{f[0]}{la}", f"{f}{rng.randint(1, 99)}", f"{f}_{la}"][style]
    return f"{local}@{dom}"


TYPE_OF = {
    "ORG": "ORGANIZATION",
    "CITY": "CITY",
    "STREET": "STREET_ADDRESS",
    "PHONE": "PHONE_NUMBER",
    "EMAIL": "EMAIL_ADDRESS",
}


def fill(template, rng, pools, countries):
    for _attempt in range(50):
        cc = rng.choice(countries)
        persons = {}
        others = {}
        spans = []
        pos = 0
        out = []
        ok = True
        for m in SLOT_RE.finditer(template):
            out.append(template[pos : m.start()])
            key, form = m.group(1), m.group(2)
            cur = sum(len(x) for x in out)
            if key[0] in "PMF" and key[1:].isdigit():
                if key not in persons:
                    g = {"M": "M", "F": "F"}.get(key[0]) or rng.choice("MF")
                    # keep persons distinct within a record
                    for _ in range(20):
                        cand = Person(rng, pools, cc, g)
                        if all(
                            cand.first != q.first and cand.last != q.last for q in persons.values()
                        ):
                            break
                    persons[key] = cand
                value = persons[key].render(form or "any", rng)
                typ = "PERSON"
            else:
                base = re.sub(r"\d", "", key)
                if key in others and not form:
                    value = others[key]
                elif base == "ORG":
                    value = rng.choice(ORGS)
                elif base == "CITY":
                    value = rng.choice(CITIES[cc])
                elif base == "STREET":
                    value = make_street(rng, cc)
                elif base == "PHONE":
                    value = make_phone(rng, cc)
                elif base == "EMAIL":
                    ref = persons.get(form) if form else None
                    value = make_email(rng, ref, others.get("ORG"))
                else:
                    raise ValueError(key)
                if base == "CITY" and any(
                    v == value for k, v in others.items() if k.startswith("CITY") and k != key
                ):
                    ok = False
                others.setdefault(key, value)
                typ = TYPE_OF[base]
            spans.append({"start": cur, "end": cur + len(value), "type": typ, "_value": value})
            out.append(value)
            pos = m.end()
        out.append(template[pos:])
        text = "".join(out)
        if not ok or len(text.lower()) != len(text):
            continue
        return cc, text, spans
    raise RuntimeError("could not fill: " + template[:60])


def check(text, spans):
    last_end = -1
    for sp in sorted(spans, key=lambda s: s["start"]):
        assert sp["start"] >= last_end, ("overlap", text, spans)
        assert text[sp["start"] : sp["end"]] == sp["_value"], (text, sp)
        assert sp["_value"] == sp["_value"].strip()
        assert sp["_value"]
        last_end = sp["end"]


def main():
    assert len(TEMPLATES) == len(set(TEMPLATES)), "duplicate templates"
    for t in TEMPLATES:
        keys = {m.group(1) for m in SLOT_RE.finditer(t) if m.group(1)[0] in "PMF"}
        assert 1 <= len(keys) <= 4, ("template needs 1-4 persons", t)
        assert all(k[1:] for k in keys)
    pools = load_pools()
    countries = sorted(pools)
    splits = {"dev": [], "sealed": []}
    tmpl_split = {}
    for idx, tmpl in enumerate(TEMPLATES):
        split = "dev" if hashlib.sha256(tmpl.encode("utf-8")).digest()[0] < 128 else "sealed"
        tmpl_split.setdefault(tmpl, set()).add(split)
        seed = int.from_bytes(
            hashlib.sha256(("names_gen5|" + tmpl).encode("utf-8")).digest()[:8], "big"
        )
        rng = random.Random(seed)
        for _ in range(FILLS_PER_TEMPLATE):
            cc, text, spans = fill(tmpl, rng, pools, countries)
            check(text, spans)
            lower = text.lower()
            assert len(lower) == len(text)
            splits[split].append((idx, cc, text, spans))
    assert all(len(v) == 1 for v in tmpl_split.values()), "template in both splits"
    dev_t = {r[0] for r in splits["dev"]}
    sealed_t = {r[0] for r in splits["sealed"]}
    assert not dev_t & sealed_t
    for split, recs in splits.items():
        n_person = n_other = 0
        path = OUT_DIR / f"{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, (idx, cc, text, spans) in enumerate(recs, 1):
                clean = [{"start": s["start"], "end": s["end"], "type": s["type"]} for s in spans]
                for case, suffix, t in (("as-is", "a", text), ("lower", "l", text.lower())):
                    rec = {
                        "id": f"gen5-{split}-{i:04d}-{suffix}",
                        "case": case,
                        "template": idx,
                        "locale": cc,
                        "text": t,
                        "spans": clean,
                    }
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    n_person += sum(1 for s in clean if s["type"] == "PERSON")
                    n_other += sum(1 for s in clean if s["type"] != "PERSON")
        n_t = len({r[0] for r in recs})
        print(
            f"{split}: templates={n_t} records={2 * len(recs)} person_spans={n_person} other_spans={n_other}"
        )
    return 0


TEMPLATES = [
    # --- e-mails, greetings, sign-offs -------------------------------------------------
    "Hi {P1:first},\n\nThanks for sending over the slides. I'll go through them tonight and get back to you by Thursday.\n\nBest,\n{P2:first}",
    'Can you make this email sound less passive-aggressive? "{P1:first}, as I\'ve mentioned three times already, the invoice from {ORG} is still unpaid. Please sort it out today. - {P2:first}"',
    "Dear Mr {M1:last},\nI am writing to follow up on my application for the warehouse supervisor role at {ORG}. Please let me know if you need any further documents.\nKind regards,\n{P2:full}",
    "Hey {P1:first}! Long time no see. Are you still living in {CITY}? {P2:first} and I will be passing through in June and would love to grab a coffee.",
    "Rewrite my email signature so it looks more professional:\n{P1:full}\naccounts payable | {ORG}\n{PHONE}",
    'Translate to French please: "Dear {P1:first}, thank you for hosting us last weekend. The kids haven\'t stopped talking about your dog. Love, {P2:first} and {P3:first}"',
    "Translate this into Spanish for my landlord: Hi {P1:last}, the kitchen tap has been leaking since Monday. Could someone come and take a look this week? Thanks, {P2:first} (flat 3B)",
    "Please proofread:\n\nGood morning {P1:full},\nI hope this finds you well. My colleague {P2:full} suggested I reach out regarding the open tender for school catering in {CITY}.\nWarm regards,\n{P3:full}\n{ORG}",
    "Short reply needed. Email from {P1:first}: 'Are we still ok for the 15th? I told {P2:first} we would confirm by Friday.' I want to say yes but ask to move it to the afternoon.",
    "How do I politely decline? {P1:first} from the neighbourhood association keeps inviting me to committee meetings and I just don't have time.",
    "Write a one-line out-of-office: I'm away until 2 September, for urgent matters contact {P1:full} at {EMAIL:P1}.",
    "Thanks so much for your help yesterday, {P1:first}! Couldn't have moved that sofa without you. - {P2:first}\n\nIs this too casual to send to my new neighbour?",
    "Hello {P1:lf},\nYour order #88213 from {ORG} has shipped and should arrive within 3-5 working days.\nThis is the email I got, but my name isn't formatted like that. Is it a scam?",
    "Can you write a warm farewell email to the team? I'm leaving after six years. Special thanks to {P1:first} for mentoring me and to {P2:full} for putting up with my terrible coffee.",
    "Cheers,\n{P1:first}\n\n^ that's how I end every email to {P2:last}. Is 'Cheers' okay for a first contact with a client?",
    "Regards,\n{P1:init}\nProject Office, {ORG}\n\nWhat does it mean when someone signs with only their initial like this? Is it cold?",
    "Write a reply to {P1:first} saying I can't make the 9am but {P2:first} can cover for me.",
    "Subject: Introduction - {P1:full} <> {P2:full}\n\nHi both, I think you two should talk about the packaging project. {P1:first}, {P2:first} ran logistics at {ORG} for years. I'll let you take it from here!",
    # --- chat transcripts -----------------------------------------------------------
    "[10:42] {P1:first}: did anyone book the room for tomorrow?\n[10:43] {P2:first}: I thought {P3:first} did\n[10:45] {P3:first}: nope, on it now\nsummarise who is doing what",
    "Summarise this chat for me:\n{P1:full}: The client wants the draft by Friday.\n{P2:full}: That's tight. Can we ask {F3:first} to help with the charts?\n{P1:full}: I'll ping her.",
    "{P1:first} (21:14): mum says dinner is at 7, don't be late\n{P2:first} (21:15): tell her I'm bringing {P3:first}\n{P1:first} (21:15): 👀 who is {P3:first}??\n\nhaha what does the eyes emoji mean here",
    "Here's our Slack thread, can you write up the decision?\n@{P1:first}: going with vendor B\n@{P2:first}: +1, cheaper and faster\n@{P3:last}: fine by me but loop in legal",
    "Teams transcript excerpt:\n{P1:lf} 09:02\nCan everyone hear me?\n{P2:lf} 09:02\nYes, loud and clear\nPlease extract action items from the rest when I paste it.",
    "Discord log from last night:\n<{P1:first}> who's on for the raid at 9\n<{P2:first}> me\n<{P3:first}> maybe, depends if {P4:first} lets me use the pc",
    "my friend {F1:first} sent me this: 'ok so {P2:first} told {P3:first} that i said the party was lame, which i never said' how do i help her calm down",
    "Customer chat transcript:\nAgent ({P1:first}): Thanks for waiting, I've located your parcel.\nCustomer: great, it's for {P2:full} at {STREET}\nAgent ({P1:first}): Confirmed, it will be redelivered tomorrow.",
    "{P1:first}: u coming?\n{P2:first}: 5 min\n{P1:first}: {P3:first} already left lol\nwhat does lol mean when my son's friends text like this",
    'iMessage from {P1:first}: "Did you see what {P2:last} wrote in the group? Wild." How do I reply neutrally without getting dragged in?',
    # --- meeting minutes / attendee lists -------------------------------------------
    "Meeting minutes - budget review\nAttendees: {P1:full}, {P2:full}, {P3:full}\nApologies: {P4:full}\nAction: {P2:first} to circulate the revised forecast by Friday.",
    "Can you turn these notes into proper minutes? present: {P1:last}, {P2:last}, {P3:first} (chair). {P1:last} raised the parking issue again. agreed to write to the council.",
    "Board meeting, 4 March. Chair: {P1:mid}. Secretary: {P2:mid}. Treasurer's report presented by {P3:full}; accepted unanimously.",
    "Attendee list for the workshop in {CITY}:\n1. {P1:lf}\n2. {P2:lf}\n3. {P3:lf}\n4. {P4:lf}\nPlease sort alphabetically by first name instead.",
    "Standup notes: {P1:first} - finishing the export bug. {P2:first} - blocked on API keys, waiting for {P3:first}. {P4:first} - out sick.",
    "Minutes of the residents' meeting held at {STREET}. Mr {M1:last} complained about the bins. Ms {F2:last} offered to draft a rota. Next meeting in April.",
    "Retro notes\nWent well: pairing with {P1:first} on the migration\nDidn't go well: releases slipped twice\nShoutouts: {P2:first}, {P3:full}\nCan you turn this into a short summary email?",
    "Notes from the call with {ORG}: their contact is {P1:full} (procurement), cc {P2:init} on everything. Next step: pricing sheet by the 20th.",
    "Sign-in sheet transcribed:\n{P1:full} - 9:05\n{P2:full} - 9:07\n{P3:first} (no surname written) - 9:20\nWho was late if the session started at 9:10?",
    "Kickoff agenda\n09:00 welcome ({P1:first})\n09:15 scope and timeline ({P2:full})\n10:00 risks ({P3:last})\nCan you add a coffee break?",
    # --- CRM / support --------------------------------------------------------------
    "Ticket #48213 - customer {F1:full} called about a double charge on her card. Spoke to {P2:first} in billing, refund approved. Callback number {PHONE}.",
    "CRM note: met {P1:lf} at the {CITY} trade fair. Interested in bulk pricing for 2025. Follow up via {EMAIL:P1}.",
    "A customer says {P1:first} at our front desk was rude to him on Tuesday. How should I word a response that apologises without throwing {P1:first} under the bus?",
    "Lead: {F1:full}, {ORG}, {CITY}. Phone {PHONE}. Notes: wants a demo, decision maker is her boss {P2:last}.",
    "Escalation from {P1:first} (tier 1): caller {P2:full} reports the app crashes on login. Account email {EMAIL:P2}. Please advise.",
    "Write a follow-up to a customer called {P1:full} who complained that the delivery driver left the parcel in the rain.",
    "Account owner changed from {P1:full} to {P2:full} on 12/03. Can you draft a handover note to the client?",
    "Support macro needed: 'Hi [name], thanks for contacting {ORG}. My name is {P1:first} and I'll be looking after your request.' Make it friendlier.",
    "Caller: {P1:lf}\nDOB on file: 1988\nIssue: locked out of online banking\nVerified by: {P2:first}\nIs it ok to send these notes by email internally?",
    "Complaint received from Mrs {F1:last} regarding noise from the unit above. Assigned to {P2:full}. Please prepare an acknowledgment letter.",
    # --- HR ------------------------------------------------------------------------
    "HR note: {P1:full} has requested parental leave starting 1 March. Manager {P2:full} has approved. Payroll contact: {P3:first}.",
    "I need to write a performance review for {M1:first}. He's great technically but keeps missing standups. Can you help me phrase it?",
    "Draft a polite rejection email to {P1:full}, who interviewed for the data analyst position last week. The panel was {P2:first}, {P3:first} and me.",
    "Onboarding checklist for {P1:full} (starts Monday): laptop from IT, badge from {P2:first} at reception, buddy assigned: {P3:last}.",
    "Exit interview summary: {P1:first} cited lack of growth and conflict with team lead {P2:full}. How do I present this to leadership tactfully?",
    "Please write a congratulations message for {P1:full}'s 10-year work anniversary at {ORG}.",
    "Our new hire is {F1:dbl}. Should I call her by both surnames in the welcome email or just {F1:first}?",
    "Sick leave log: {P1:last} (3 days), {P2:last} (1 day), {P3:last} (5 days, doctor's note received). Can you total it?",
    "Write a job offer letter to {P1:mid} for the role of site manager in {CITY}, starting salary 52,000, reporting to {P2:full}.",
    "Disciplinary meeting scheduled with {M1:first} on Thursday; {P2:full} from HR will attend as note-taker. How should I open the meeting?",
    # --- school / parents -----------------------------------------------------------
    "Hi Mrs {F1:last}, {M2:first} won't be in school tomorrow because of a dentist appointment. He'll catch up on the maths homework. Thanks, {P3:full}",
    "Reminder from the PTA: bake sale this Friday! Please drop donations with {P1:full} at the main office. Questions? Text {P2:first} on {PHONE}.",
    "My daughter's teacher, Mr {M1:last}, emailed that she's been disruptive. How do I reply without sounding defensive?",
    "Permission slip: I give permission for my child ________ to attend the trip to {CITY}. Parent signature ________. Trip leader: {P1:full}. Can you make this look nicer?",
    "The class WhatsApp is chaos. {P1:first}'s mum says the costume is due Monday, {P2:first}'s dad says Wednesday. Write a message asking the teacher, {P3:init}, to clarify.",
    "Can you help me write a thank-you card to Ms {F1:last} for being {P2:first}'s kindergarten teacher this year?",
    "Homework help: my son {M1:first} has to write about a local hero. He picked his football coach, {P2:full}. Can you give him a structure?",
    "Dear parents, swimming lessons are cancelled this week as the pool at {ORG} is closed. Please contact {P1:full} on {PHONE} for refunds.",
    "Is it normal for the head teacher, {F1:full}, to call parents directly on their mobile? She called me about {P2:first} skipping lunch.",
    "Group project for {P1:first}, {P2:first}, {P3:first} and {P4:first}: who should do the poster and who should present? They're 11.",
    # --- sports ---------------------------------------------------------------------
    "U12 Saturday lineup:\nGK {P1:full}\nDEF {P2:last}, {P3:last}\nFWD {P4:first}\nCoach asks everyone to arrive by 8:30.",
    "Can you make a carpool schedule? Drivers: {P1:first} (Mon), {P2:first} (Wed), {P3:first}'s dad (Fri).",
    "Match report: {P1:full} opened the scoring after ten minutes, {P2:last} doubled the lead before half time and keeper {P3:first} saved a late penalty. Make it sound more exciting.",
    "Club tennis ladder\n1. {P1:init}\n2. {P2:init}\n3. {P3:init}\n4. {P4:init}\nIf 4 beats 2, what's the new order?",
    "Volleyball team roster (jersey, name, position):\n7, {P1:lf}, setter\n11, {P2:lf}, libero\n14, {P3:lf}, outside hitter",
    "Running club results: {P1:full} 21:04, {P2:full} 22:30, {P3:full} 23:11. Can you calculate the average pace per km for a 5k?",
    "Write a short speech for the end-of-season dinner. MVP went to {P1:first}, most improved to {P2:full}, and we're saying goodbye to coach {P3:last}.",
    "Our climbing group is {P1:first}, {P2:first}, me and sometimes {P3:first}'s cousin. Suggest a name for the group chat.",
    # --- weddings / parties ---------------------------------------------------------
    "Help me write a toast for my brother {M1:first}'s wedding to {F2:full}. They met at a climbing gym in {CITY} six years ago.",
    "Seating chart table 4: {P1:full}, {P2:full}, {P3:first} + guest, {P4:lf}. Is it rude to seat exes at the same table?",
    "We're inviting {P1:first}, {P2:first} and the {P3:last} family. Can you suggest wording for a casual backyard BBQ invite?",
    "Save the date! {P1:first} & {P2:first} are getting married on 14.06 in {CITY}. Formal invitation to follow. - can you make this more elegant?",
    "RSVP list so far: yes - {P1:full}, {P2:full}; no - {P3:full}; maybe - {P4:first}. How many chairs do I rent if I add 10%?",
    "My sister {F1:first} is turning 40. Her husband {M2:first} wants a surprise party at {ORG}. Give me a timeline for the planning.",
    "Write a funny best-man speech opener about the groom, {M1:first}, who once got lost in {CITY} for six hours with {P2:first}.",
    "Baby shower for {F1:full} on Sunday - games ideas please, about 20 guests, hosted by {F2:first} at her place on {STREET}.",
    "Can you write a thank-you note to the wedding planner {P1:full}? Everything went perfectly, and the florist {F2:first} outdid herself.",
    "Gift registry message: 'Please no gifts, your presence is enough. If you insist, {P1:first} and {P2:first} are saving for a honeymoon.' Reword nicely.",
    # --- landlord / tenant ----------------------------------------------------------
    "Message from my landlord: 'Hi, this is {P1:full}, owner of {STREET}. The plumber {P2:first} will come Thursday between 9 and 12. Please make sure someone is home.' How should I respond?",
    "Tenant {P1:lf}, unit 2, {STREET}, {CITY}. Rent for October is outstanding. Draft a first reminder letter.",
    "My flatmate {P1:first} keeps eating my food. How do I bring it up without ruining things? We share the place with {P2:first} too.",
    "Notice to tenants: water will be switched off on Tuesday from 10 to 2. Contact the caretaker, {P1:last}, on {PHONE} with any questions.",
    "Write a reference for my tenant {P1:full}, who rented my flat on {STREET} for three years and always paid on time.",
    "The letting agent {P1:first} from {ORG} says the deposit will take 30 days. Is that legal? My contract was signed with {P2:full}.",
    "Subletting question: I want {P1:first} to take my room over the summer. Do I need the landlord, Mr {M2:last}, to sign anything?",
    # --- dating ---------------------------------------------------------------------
    "Matched with {F1:first} on an app, her bio says she loves bouldering and bad puns. Give me three opening lines that aren't cringe.",
    "What should I reply? {P1:first} wrote: 'Had fun last night! My friend {P2:first} says you owe me a rematch at pool 😄'",
    "I've been seeing {M1:first} for two months and he still hasn't introduced me to his friends. His best friend {P2:first} even follows me. Is that a red flag?",
    "help me write my dating profile. I'm {P1:first}, 34, I run a small bakery in {CITY} and my dog is called Biscuit",
    "Is it weird to ask {P1:first} out after {P2:first} told me they broke up only last month?",
    # --- family group chats ---------------------------------------------------------
    "Family chat recap please: Grandma says {P1:first} is bringing the turkey, {P2:first} forgot the cranberry sauce again, and uncle {P3:first} wants to know if {P4:first} is coming.",
    "Make a fair chore chart for the kids: {P1:first} (14), {P2:first} (11) and {P3:first} (7).",
    "My mother-in-law, {F1:full}, is visiting for two weeks. Suggest day trips from {CITY} she'd enjoy, she likes gardens and churches.",
    "Write a birthday message for my grandpa {M1:first} who turns 90. The whole {P2:last} clan will sign it.",
    "Can you help me plan Christmas? Hosting: us. Guests: {F1:full}, her partner {P2:first}, my dad, and {P3:first} with the twins.",
    "Dad's group text: \"{P1:first} pls call your aunt {F2:first}, she's worried\" - how do I tell him I already did without sounding snippy?",
    "Our family tree so far: great-grandfather {M1:full} married {F2:full} in 1931. Their son was {M3:first}. How do I display this in a nice chart?",
    # --- medical appointments (non-clinical) ----------------------------------------
    "Reminder: your appointment with Dr {P1:last} at {ORG} is on Tue 14 May at 10:20. To reschedule call {PHONE}.",
    "Can you help me write a note to my kid's paediatrician, Dr. {P1:full}, asking whether we can move {P2:first}'s 6-month checkup?",
    "Dentist reminder for {P1:full}: cleaning with hygienist {P2:first} on Friday 9:40. Reply YES to confirm.",
    "I need to cancel my physio with {P1:first} tomorrow. Write a short polite text.",
    "Is this appointment letter real? 'Dear {P1:lf}, you are booked with Dr {P2:last}, room 4, {STREET}, {CITY}.' I never booked anything.",
    "Write a message to the clinic manager {P1:full} praising the receptionist, {P2:first}, who helped my elderly father find parking.",
    # --- legal ----------------------------------------------------------------------
    "RE: {F1:full} v. {ORG}\nDear Counsel,\nWe act for Ms {F1:last} in the above matter. Please direct all further correspondence to {P2:full} at {EMAIL:P2}.",
    "Explain this clause in plain English: 'The Lessor, {P1:full}, grants the Lessee, {P2:full}, exclusive use of the premises at {STREET}, {CITY}.'",
    "Witness statement of {P1:mid}: On the evening of 3 April I saw {P2:full} leave the shop at about 8pm. Can you check the grammar?",
    "My ex, {P1:first}, and I are writing a parenting plan for {P2:first}. Can you suggest a fair holiday schedule?",
    "Power of attorney template: I, {P1:full}, of {STREET}, {CITY}, appoint {P2:full} as my attorney. What else needs to be in here?",
    "Can you summarise this letter? 'Our client, Mr {M1:dbl}, disputes the charges raised by {ORG} and requests itemised invoices within 14 days.'",
    "Small claims: {P1:first} borrowed 600 from me and stopped answering. I have texts where {P1:first} promised to pay back by May. What are my options?",
    "Will draft: I leave my piano to my niece {F1:full} and my tools to my neighbour {P2:last}. Is this enough to be valid?",
    # --- reference letters / recommendations ----------------------------------------
    "I've known {F1:full} for four years as her supervisor at {ORG}. {F1:first} is reliable, curious and kind to everyone. Can you polish this into a reference letter?",
    "To whom it may concern: it is my pleasure to recommend {P1:full} for the master's programme. As {P1:first}'s thesis advisor I saw...\nPlease finish this letter.",
    "LinkedIn recommendation for {P1:first}: we worked together at {ORG} for two years, {P1:first} led the rollout in {CITY}. Make it 80 words.",
    "Character reference for court on behalf of {M1:full}, my neighbour of 12 years. He helped {F2:first} after her stroke. Tone: sincere, not dramatic.",
    # --- citations / academic -------------------------------------------------------
    "Format this reference in APA: {P1:cite}, {P2:cite} & {P3:cite} (2019). Soil moisture variability in upland pastures. Journal of Applied Hydrology, 12(3), 45-61.",
    "Is this in-text citation right? {P1:last} et al. (2021) found that commuters in {CITY} switched to cycling after the fare increase.",
    "Convert to BibTeX: {P1:lf} and {P2:lf}. 2017. 'Informal credit in coastal fisheries.' Working paper, {ORG}.",
    "Acknowledgements: I thank my supervisor {F1:mid} for her patience, {P2:full} for help with the fieldwork, and my parents. Too short?",
    "In my thesis I cite {P1:last} (2015) and {P2:last} and {P3:last} (2018). How do I order them in a Harvard reference list?",
    "Peer review comment: 'The authors ignore the work of {P1:init} on this topic.' Who should I email, the editor {P2:full}?",
    "Footnote style question: ibid. after {P1:full}, Rivers of Salt ({CITY}: {ORG}, 2003), 45. Is that right in Chicago style?",
    # --- git / dev ------------------------------------------------------------------
    "Why does git log show this?\ncommit 3f9a1c2\nAuthor: {P1:full} <{EMAIL:P1}>\nDate:   Tue Mar 4 11:02:17 2025 +0100\n\n    Fix null check in invoice parser (reported by {P2:first})",
    "Merge pull request #212 from {P1:first}/fix-timezone\n\nCo-authored-by: {P2:full} <{EMAIL:P2}>\n\nhow do I add a co-author to a commit?",
    "# TODO({P1:first}): remove this hack once the upstream API is fixed\ndef load_rates():\n    return cache.get('rates')\nWhat's the convention for TODO comments with a name?",
    "// Written by {P1:full}, 2019. Ask {P2:last} before touching the retry logic.\nfunction retry(fn, n) { ... }\nCan you refactor this to async/await?",
    "git blame says line 88 is from {P1:lf} three years ago. How do I find the PR that introduced it?",
    "CODEOWNERS file:\n/billing/  @{P1:first}-dev\n/infra/    @ops-team\nReviewer on my PR was {P2:full}. Why wasn't {P1:first} auto-requested?",
    "Release notes draft:\n- Faster search (thanks {P1:first}!)\n- Dark mode by {P2:full}\n- Fixed crash on Android 9 reported by {P3:last}\nMake these user-friendly.",
    "/**\n * @author {P1:full}\n * @since 2.3\n */\nIs @author still a good practice in Javadoc?",
    "Jira: PROJ-1422 assigned to {P1:full}, reporter {P2:full}, status In Review. How do I write a JQL query for all tickets assigned to {P1:first}?",
    "Stack trace came from {P1:first}'s machine only. Works for me and {P2:first}. Could it be a locale issue?",
    "Code review feedback from {P1:last}: 'naming is inconsistent, see utils.py'. How do I reply without being defensive?",
    'pyproject.toml:\nauthors = [\n  {name = "{P1:full}", email = "{EMAIL:P1}"},\n]\nmaintainers = [{name = "{P2:full}"}]\nIs this valid TOML?',
    "$ git shortlog -sn\n   142  {P1:full}\n    57  {P2:full}\n     3  {P3:full}\nHow can I merge two author identities?",
    # --- CSV / spreadsheets ---------------------------------------------------------
    "Clean up this CSV, the phone column is messy:\nname,team,phone\n{P1:full},Sales,{PHONE}\n{P2:full},Support,{PHONE2}",
    "id;last_name;first_name;city\n1;{P1:last};{P1:first};{CITY}\n2;{P2:last};{P2:first};{CITY2}\nWhy does Excel put everything in one column?",
    '=VLOOKUP("{P1:full}", Staff!A:D, 3, FALSE) returns #N/A even though {P1:first} is definitely in the sheet. Why?',
    'In my sheet A2 is "{P1:lf}" and I want B2 to be just the first name. Which formula?',
    "Pivot table question: rows are sales reps ({P1:first}, {P2:first}, {P3:first}), columns are months. How do I show % of total per rep?",
    "email,name,signup_date\n{EMAIL:P1},{P1:full},2024-01-03\n{EMAIL:P2},{P2:full},2024-01-05\nWrite pandas code to dedupe by email.",
    'My formula =COUNTIF(B:B,"{P1:last}") counts 0 but I can see {P1:last} in column B. Trailing spaces?',
    '"{P1:lf}","{ORG}","{PHONE}"\n"{P2:lf}","{ORG2}","{PHONE2}"\nThe quotes break my import, how do I fix it?',
    "Volunteer rota (Google Sheet):\nSat AM - {P1:first}\nSat PM - {P2:first} / {P3:first}\nSun - {P4:full}\nCan you generate a formula that highlights empty shifts?",
    # --- JSON / YAML / markdown -----------------------------------------------------
    'Why is this JSON invalid?\n{"customer": "{P1:full}", "contact": "{EMAIL:P1}", "assigned_to": "{P2:first}",}',
    "owners:\n  - name: {P1:full}\n    email: {EMAIL:P1}\n  - name: {P2:full}\nreviewers: [{P3:first}, {P4:first}]\nCan you convert this YAML to TOML?",
    "| Task | Owner | Due |\n|---|---|---|\n| Venue | {P1:first} | 12 Apr |\n| Catering | {P2:full} | 20 Apr |\n| Music | {P3:last} | TBD |\nAdd a status column please.",
    'API response:\n{"id": 5512, "first_name": "{P1:first}", "last_name": "{P1:last}", "city": "{CITY}"}\nHow do I parse this in JavaScript?',
    '{"guests": ["{P1:full}", "{P2:full}", "{P3:first}"], "table": 7}\nwrite a python loop that prints each guest',
    "contacts.yml\n- {P1:lf}: {PHONE}\n- {P2:lf}: {PHONE2}\nyamllint complains about the colon, why?",
    "## Team\n- **{P1:full}** - product\n- **{P2:full}** - design\n- **{P3:full}** - engineering\nMake this README section look better.",
    "<contact><name>{P1:full}</name><tel>{PHONE}</tel></contact>\nConvert this XML to JSON.",
    "SQL: SELECT * FROM customers WHERE surname = '{P1:last}' returns nothing but '{P1:last} ' with a space works. Why?",
    "INSERT INTO staff (name, dept) VALUES ('{P1:full}', 'HR'), ('{P2:full}', 'IT');\nIs there a syntax error?",
    # --- social posts / tweets ------------------------------------------------------
    "Huge congrats to {F1:full} on finishing her first marathon in {CITY}! So proud. #running\nCan you make this caption punchier?",
    "Shoutout to {P1:first} from {ORG} who fixed my laptop in ten minutes flat. Legend.",
    "Draft a LinkedIn post announcing that {P1:full} has joined {ORG} as Head of Operations.",
    "Instagram caption for a photo of me, {P1:first} and {P2:first} at the lake. Something short and summery.",
    "Reply to a tweet: '{F1:full} is the reason our community garden exists.' Thank her publicly. I'm {P2:first}.",
    "Community board post: Lost cat near {STREET}. Answers to Pepper. Call {P1:first} at {PHONE}.",
    "Facebook memorial post for our neighbour {M1:full}. He fixed every bike on the street. Help me keep it short.",
    "Rewrite this review of our plumber: {M1:first} showed up on time, explained everything and charged what he quoted. Would hire again.",
    # --- reviews --------------------------------------------------------------------
    "Our guide {P1:first} was fantastic - funny, patient and knew every bird by its call. Five stars for {ORG}.",
    "Stayed 3 nights. The room was fine but the host, {P1:full}, never answered messages. Help me write a fair review.",
    "Google review: 'Dr. {P1:last} and nurse {P2:first} were amazing with my anxious toddler.' Can you expand this a bit?",
    "Write a 4-star review for {ORG}. The food was great, our waiter {P1:first} was a bit slow but very friendly.",
    "Should I mention the tour leader by name in a negative review? {P1:full} left two of us behind at the market in {CITY}.",
    "Thank-you review for our driving instructor {P1:full} - I passed first time!",
    # --- recipes --------------------------------------------------------------------
    "This is {P1:first}'s banana bread recipe, can you convert it to grams? 3 ripe bananas, 1/3 cup melted butter, 3/4 cup sugar, 1 1/2 cups flour.",
    "Grandma {F1:first}'s soup: boil the bones for 3 hours, add carrots, parsley root, a pinch of nutmeg. Can you write it up properly for a family cookbook?",
    "Recipe card says 'from the kitchen of {P1:full}'. I want to make a printable template like that for my own recipes.",
    "{P1:last}'s famous chili - can I make it in a slow cooker instead? The original says 2 hours on the stove.",
    "My neighbour {F1:first} gave me her plum jam recipe but it's in grams and I only have cups.",
    # --- gifts / thank-you notes ----------------------------------------------------
    "Gift ideas for my coworker {F1:first} who is leaving? Budget 30 euros, she likes tea and crosswords.",
    "Thank-you card for {P1:first} and {P2:first}, who gave us a stroller for the baby.",
    "Write a short note to go with flowers for {P1:full}, who looked after our kids when I was in hospital.",
    "Secret Santa: I drew {M1:last} from accounts. I barely know him. What's a safe gift under 20?",
    "Help me thank my mentor, {F1:mid}, after she recommended me for a promotion.",
    "What do I write in a farewell card for {P1:first}? Everyone else wrote 'good luck'.",
    # --- translation requests -------------------------------------------------------
    "Translate into German: 'Mr {M1:last} will pick you up at the airport. His number is {PHONE}.'",
    "How do you say 'my name is {P1:full} and I am looking for {P2:first}' in Portuguese?",
    'Translate to English: "Estimado {M1:first}, le escribo de parte de {P2:full} para confirmar la reunión en {CITY}."',
    "Please translate this postcard from my grandmother {F1:first} to my cousin {F2:first}: 'Chère {F2:first}, il fait beau ici, je pense à toi.'",
    "Translate into Icelandic, it's for a sign at our guesthouse: Check-in with {P1:first} at the reception until 10pm.",
    # --- CVs / résumés --------------------------------------------------------------
    "{P1:upper}\n{STREET}, {CITY} | {PHONE} | {EMAIL:P1}\nExperience: shift lead, {ORG} (2019-2023)\nCan you make my CV summary stronger?",
    "References available on request: {P1:full} (former manager, {ORG}), {P2:full} (professor). Should I list their phone numbers?",
    "Cover letter opening: 'My name is {P1:full} and I was referred by {P2:full}, who works in your logistics team.' Is name-dropping okay?",
    "Resume header: {P1:mid} | {CITY} | {EMAIL:P1}. Should I include a photo?",
    "CV line: 'Managed a team of 6 under director {P1:init}.' Should I name my old boss?",
    # --- interview notes ------------------------------------------------------------
    "Interview notes - candidate: {P1:full}\nInterviewers: {P2:init}, {P3:init}\nStrong on SQL, weak on stakeholder management. {P2:last} leans hire.",
    "Debrief: {P1:first} liked the candidate, {P2:first} didn't. The candidate, {P3:full}, has a competing offer. How do we decide quickly?",
    "Reference check call with {P1:full}, who managed {P2:first} at {ORG}. What questions should I ask?",
    "Podcast transcript, please clean up the ums:\nHOST ({P1:first}): So, {P2:first}, how did you get started?\nGUEST ({P2:first}): Um, well, my uncle {P3:first} had a boat...",
    # --- obituaries / announcements -------------------------------------------------
    "{F1:full}, 84, of {CITY}, passed away peacefully on 3 January surrounded by family. She is survived by her children {P2:first} and {P3:first}. Can you help me shorten this for the newspaper?",
    "Birth announcement: {P1:full}, born 2 April, 3.4 kg. Proud parents {P2:first} and {P3:first}. Make it cute.",
    "Engagement announcement for the local paper: {F1:mid}, daughter of {P2:full}, and {P3:full} of {CITY}.",
    "Help me write a eulogy for my uncle {M1:full}. Everyone called him '{M1:first} the Fixer'. He leaves his wife {F2:first} and his dog.",
    "Retirement notice: after 31 years, {P1:full} retires from {ORG}. Drinks on Friday, organised by {P2:first}.",
    "We're pleased to welcome {P1:dbl} to the parish council, replacing {P2:full}, who stepped down in May.",
    # --- misc everyday with names in varied positions --------------------------------
    "Thank {F1:first} for the lift and tell her I owe her a coffee - can you make that sound less awkward?",
    "{P1:first} and I are splitting a holiday house with {P2:first}. Total is 1,850 for 5 nights. How do we split it if {P2:first} only stays 3?",
    "Let {P1:first} know the parcel is at the post office and needs ID to collect.",
    "I'm meeting with {P1:first} tomorrow about the fence between our gardens. How do I start the conversation?",
    "This week I'm working for {F1:full} on her kitchen renovation. What should I put in a simple invoice?",
    "Got a strange text from {PHONE} saying it's {P1:first} from the bank. Is it a scam?",
    "Can you write a message to {P1:first}? Something like: sorry I missed your call, I'm free after 6.",
    "Received by {P1:init} on 12/05. What does that mean on a delivery note?",
    "{P1:first}, can you proofread this before I send it to {P2:last}? (pasting it below)",
    "Ask {P1:last} whether the quote includes VAT. Write it as a short email.",
    "{P1:last} said the numbers don't add up. Here's the spreadsheet summary - can you double check the totals?",
    "Could you write a note to my son's swim coach, {P1:first}, saying he'll miss the next two sessions?",
    "My boss {P1:full} wants a summary of the quarter by tonight. Here's my bullet list...",
    "Who should I cc: {P1:first}, {P2:full}, or both? The email is about the delayed shipment from {ORG}.",
    "Is 'Dear {P1:first} and {P2:first}' or 'Dear both' better when emailing two people?",
    "I owe {F1:first} an apology for missing her birthday dinner. Help me write it.",
    "The handyman, {P1:last}, quoted 400 for the deck. Is that reasonable for 20 square metres?",
    "Pick up {P1:first} from the train at 5, then drop the keys at {P2:first}'s. Make this a checklist.",
    "Can you help me write a birthday poem for {F1:first}? She loves cats, hiking and terrible karaoke.",
    "A guy named {M1:first} left a voicemail from {PHONE} about my car's warranty. Should I call back?",
    "Tell me how to pronounce {P1:full}. I'm introducing them at a conference tomorrow.",
    "Is {P1:first} a boy's or girl's name? My new colleague is called that and I don't want to get it wrong.",
    "I always misspell my colleague's surname - is it {P1:last} or something else? What's the origin?",
    "Our new neighbours are {P1:full} and {P2:full}. Write a welcome note to slip through their door at {STREET}.",
    "Note to self: call {P1:first} re: insurance, pay {P2:first} back for concert tickets, book vet.",
    "Remind me to text {P1:first} at 7 about the keys.",
    "Split the bill: {P1:first} had the steak (28), {P2:first} the salad (14), {P3:first} two beers (12) and I had pasta (16). Service 10%.",
    "So {P1:first} told me {P2:first} quit - should I reach out to {P2:first} or is it none of my business?",
    "Draft a text to {P1:first}: running late, stuck behind a tractor, 15 min.",
    "Can you write a formal complaint to {ORG} about their employee {P1:full}, who refused to give me a receipt?",
    "Who was on call last night? The log says {P1:init} from 22:00 and {P2:init} from 02:00.",
    "Carpool to the concert in {CITY}: {P1:first} drives, picks up {P2:first} at 6 and {P3:first} at 6:15 from {STREET}.",
    "Please write a short bio for {P1:full}, our guest speaker: 15 years at {ORG}, based in {CITY}, loves sailing.",
    "{P1:first} here - quick question: what's a polite way to remind people to pay their club fees?",
    "With {F1:first} away, I'm covering reception at {ORG} for two weeks. What should I ask before she leaves?",
    "From {P1:full}: 'Please find attached the signed contract.' There's no attachment. How do I point that out nicely?",
    "By {P1:mid}\nPublished in the {CITY} Courier\n\nCan you help me turn my column into a blog post?",
    "Ms {F1:last} from the council says we need a permit for the street party. Who else should I contact?",
    "I'm organising a book club with {P1:first}, {P2:first} and {P3:full}. Suggest five novels under 300 pages.",
    "Volunteer thank-you list for the newsletter: {P1:full}, {P2:full}, {P3:init} and the amazing {P4:first}.",
    "my coworker {P1:last} keeps taking credit for my work in meetings, what do i do",
    "Car share sign-up: {P1:lf} - Tuesdays; {P2:lf} - Thursdays. Is there a fairer rotation?",
    "Estimate for {P1:full}, {STREET}, {CITY}: replace two windows, labour 6h. Help me lay out the quote.",
    "{F1:first}'s flight lands at 22:40 and the last bus leaves at 23:00. Will she make it?",
    "Our dog walker {F1:first} wants a raise. She walks Max 5 days a week. What's fair?",
    "Book a table for four under the name {P1:last} - write what I should say on the phone in Italian.",
    "Can you write a limerick about my colleague {P1:first} who always forgets their umbrella?",
    "Hey {P1:first}, the quiz night is Thursday, team name ideas? We've got {P2:first}, {P3:first} and possibly {P4:last} from upstairs.",
    "Minutes: {P1:first} thanked {P2:first} for organising the raffle. {P3:last} proposed we repeat it next year.",
    "Write a text inviting {P1:first} to go fishing on Saturday. We'll leave from {CITY} at 5am.",
    "I need to tell {P1:full} that their contract won't be renewed. Give me a script for the call.",
    "Parking permit application for visitor {P1:full}, staying at {STREET} from 1 to 15 July. What do I write in 'reason for visit'?",
    "Lost and found: wallet belonging to {P1:full} handed in at {ORG}. How do I contact the owner if only a library card is inside?",
    "{F1:first} says hi, by the way! She's doing well in {CITY}.",
    "I'm writing a short story where the detective is called {P1:full}. Does the name sound believable?",
    "Was it {P1:first} or {P2:first} who said the restaurant closes at 10? Either way, can you check opening hours for {ORG}?",
    "Tutor schedule: Monday maths with {P1:first}, Wednesday piano with Mrs {F2:last}, Friday nothing. Turn into a weekly calendar.",
    "Request for a quote sent to {EMAIL} - they replied signing as '{P1:first} | sales'. Is it normal not to give a surname?",
    "New phone, who dis? Text from {PHONE}: 'It's {P1:first}, {P2:first}'s sister. Can you call me?'",
    "Form asks for emergency contact: I put {P1:full}, {PHONE}, relationship: partner. Is that enough?",
    "Please help me phrase a condolence message to {P1:first}, whose father {M2:full} died last week.",
    "Notes from parents' evening with Mr {M1:last}: {P2:first} is strong in science, needs to read more. Turn into a plan for the summer.",
    "The tow truck driver, {M1:first}, gave me his card with {PHONE}. Is it safe to pay him in cash?",
    "Landlord {P1:lf} hasn't returned my deposit from {STREET}. Write a formal letter demanding it within 14 days.",
    "{P1:full} ({EMAIL:P1}) has invited you to edit 'Q3 budget'. Is this phishing?",
    "Committee roles: chair {P1:full}, vice-chair {P2:part}, treasurer {P3:full}. Write the announcement.",
    "Met {P1:part} at the conference in {CITY}. How should I follow up on LinkedIn without being pushy?",
    "Author of the report: {P1:part}. Reviewed by {P2:init}. Approved by {P3:full}. Format this as a document control table.",
    "Genealogy: I'm researching {M1:part}, born around 1890 near {CITY}. Where should I start looking for records?",
    "My name is {P1:dbl} and forms keep cutting off my second surname. How should I write it on English forms?",
    "Should we go with {P1:last} or {P2:last} as our family surname after the wedding, or hyphenate? Pros and cons?",
    "Sender: {P1:dbl}\nRecipient: {P2:dbl}\nAddress: {STREET}, {CITY}\nIs this how you address an envelope in Latin America?",
    "Please write a thank-you email from me, {P1:first}, to the hotel manager {P2:lf} at {ORG}. The staff upgraded our room for our anniversary.",
    "Can you explain why my bank statement says 'TRANSFER TO {P1:upper}'? I don't recognise the name.",
    "Pay {F1:first} 45 for the tickets - is there a way to send money via bank transfer with just her phone number {PHONE}?",
    "Screenshot text: '{P1:first} liked your photo. {P2:first} and 3 others commented.' Why am I getting these notifications from strangers?",
    "Yard sale flyer: Saturday 8-12 at {STREET}. Everything must go! Contact {P1:first} or {P2:first}. Make it eye-catching.",
    "Dog sitter instructions for {P1:first}: feed twice a day, walk at 7 and 6, the vet is Dr {P2:last} ({PHONE}).",
    "Translate this to simple English for my grandmother: 'Your appointment with {P1:full} has been moved to Thursday.'",
    "Write lyrics for a short birthday song for my twins, {P1:first} and {P2:first}, who turn 6.",
    "Knitting pattern by {P1:full} says 'k2tog' everywhere. What does it mean?",
    "I'm {P1:first}, the new treasurer. Write an intro message for the club newsletter.",
    "Bible study group: {P1:first} leads this week, {P2:first} brings snacks, {P3:first} hosts. Send a reminder to everyone.",
    "{P1:init}, {P2:init} and {P3:init} (2020) - how do I cite three authors in MLA?",
    "Choir seating: sopranos {P1:first}, {P2:first}; altos {P3:first}; tenors {P4:last}. We need a second tenor - help me write a recruiting post.",
    "Hiking group trip to {CITY}, leader {P1:full}, phone {PHONE}. Make a packing list for 2 nights.",
    "Text from {P1:first}: 'Can't find the charger, did {P2:first} take it?' Reply that it's in the drawer under the TV.",
    "Prep notes for 1:1 with {P1:first}: career goals, workload, feedback from {P2:full}'s team.",
    "Airport sign for pickup: {P1:upper} - {ORG}. What font size is readable from 10 metres?",
    "Booking confirmation for {P1:lf}, 2 adults, check-in 5 Aug, {ORG}, {CITY}. Is breakfast included?",
    "Rental car: primary driver {P1:full}, additional driver {P2:full}. Do we both need to be there at pickup?",
    "Gym trainer {P1:first} put me on a plan with 5 days of legs. Is that normal?",
    "Can you draft a message to the WhatsApp group saying {P1:first} will collect money for {P2:first}'s leaving present?",
    "How do I tell my roommate {F1:first} that her boyfriend {M2:first} is basically living with us now?",
    "Yearbook quote for {P1:full}: something about friendship, max 15 words.",
    "Write a plaque inscription: 'This bench is dedicated to {P1:full} (1941-2023), who loved this park.'",
    "Sent from my iPhone\n{P1:first}\n\nThat's the whole email I got after asking about the invoice. Should I chase?",
    "To: {P1:full}\nFrom: {P2:full}\nRe: fence repair at {STREET}\nCan you make this memo more formal?",
    "{P1:last}, {P2:last} and {P3:last} LLP sounds like a law firm name - can I use it for a fictional firm in my novel? (they're my grandparents' surnames)",
    "- {P1:first}\n\nIs ending a text with a dash and my name too formal?",
    "Interview scheduled: {P1:full} with {P2:first} and {P3:first}, Thursday 14:00, room 3, {ORG}. Write the calendar invite text.",
    "Our cleaner {F1:first} is going on holiday, she suggested her cousin {P2:first} to cover. Write a message asking for the cousin's number.",
    "Conference badge list: {P1:upper}, {P2:upper}, {P3:upper}. Can you convert these to title case for the name tags?",
    "Voice memo transcription: 'uh remind {P1:first} about the thing with {P2:last} on tuesday and call mum.' Turn this into a to-do list.",
    "Help me write a letter to the editor about the new bus route. Co-signed by {P1:full} and {P2:full}, residents of {STREET}.",
    "Tour itinerary day 3: meet guide {P1:first} at 9 in the hotel lobby, visit the old town of {CITY}, lunch at {ORG}.",
    "Please rewrite kindly: '{P1:first}, your kids were screaming in the garden until 11pm again.'",
    "Ping {P1:first} and {P2:first} on the thread and ask if the demo is still on for 3.",
    "Scout troop emergency contacts: {P1:lf} {PHONE}; {P2:lf} {PHONE2}. Make a laminated card layout.",
    "I think {F1:first} is upset with me since the trip. How do I ask her about it?",
    "Our accountant, {P1:mid} of {ORG}, wants all receipts by 31 January. Make me a checklist.",
    "Write a Hinge prompt answer. Prompt: 'My best friend would describe me as...' My best friend is {F1:first} and she'd say I'm chaotic but loyal.",
    "Mr and Mrs {P1:last} request the pleasure of your company at the marriage of their daughter {F2:first} to {M3:full}. Is this wording old-fashioned?",
    "Invoice #2024-118 billed to {P1:full}, {STREET}, {CITY}. The client wants it reissued to {ORG}. What do I change?",
]

if __name__ == "__main__":
    sys.exit(main())
