# ruff: noqa: E501, PLR0911, PLR0912, PLR0915
"""Generator for the ``names_gen4`` person-name evaluation set (dev + sealed).

Provenance
----------
* Templates: all 184 English templates below were written from scratch for this
  set by a helper session working under strict independence rules: it did not
  open, read, grep or list the detector's source, tests, benchmarks, docs, other
  generators' templates or git history, and it never ran the classifier or any
  bench script. The templates therefore cannot have been tuned to the detector.
  They imitate text people paste into an LLM assistant (e-mails, chat, minutes,
  CRM notes, tickets, reviews, letters, speeches, records, CSV/JSON, logs ...).
* Names: first and last names come from the PyPI package ``names-dataset``
  (philipperemy/name-dataset), version 3.3.1, via
  ``NameDataset().get_top_names(n=2000, country_alpha2=..., gender=...)`` and
  ``use_first_names=False`` for surnames, for 34 countries (see COUNTRIES).
  The package's lists were counted from the 2021 Facebook scrape (533M accounts);
  only the per-country lists of given names and of surnames are read, apart,
  and drawn at random (no record and no real person's name pair is used), for
  evaluation only: the detector uses nothing of it.
  ``get_top_names`` is called with n=2000; half of the draws come from a
  country's top 200 names, half from ranks 200-1200 (beyond that the
  crowd-sourced lists hold many non-names such as job titles or words).
  Entries that are not Latin script (accents, hyphen, apostrophe allowed),
  look like abbreviations/titles, or (in the tail) rank in the top 1000 of
  the other list (given name vs surname) are skipped.
  Compound forms (middle initials, hyphenated and double surnames, particles,
  Malay "bin/binti" patronymics, "Last, First" records) are built here.
  Cities, organisations (invented), phone numbers, e-mail and street
  addresses are synthetic and written by this script.
* Split: each template string is hashed with sha256; templates whose digest
  starts with a byte < 128 go to dev, the rest to sealed. No template is in
  both files. Each template is filled FILLS_PER_TEMPLATE times with fixed,
  per-template seeds; every filled record is emitted as-is (id suffix "-a")
  and lower-cased (suffix "-l", same offsets).
* sealed.jsonl must only ever be scored. Never print, read or inspect it while
  tuning anything; use dev.jsonl for development.

Run from the repository root with the private generation venv:
    /tmp/gen4venv/bin/python bench/data/names_gen4/generate.py
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
import unicodedata
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent
FILLS_PER_TEMPLATE = 2
NAMES_DATASET_VERSION = "3.3.1"
TAIL_END = 1200  # beyond ~rank 1200 the crowd-sourced lists contain many non-names

COUNTRIES = [
    "US",
    "GB",
    "IE",
    "FR",
    "DE",
    "IT",
    "ES",
    "PT",
    "BR",
    "MX",
    "AR",
    "CO",
    "NL",
    "BE",
    "SE",
    "NO",
    "DK",
    "FI",
    "PL",
    "CZ",
    "HU",
    "TR",
    "NG",
    "ZA",
    "PH",
    "ID",
    "IN",
    "MY",
    "GH",
    "CL",
    "PE",
    "AT",
    "HR",
    "JM",
]

# fmt: off
# Gender hints: a template may start with "@P1=F " etc. (stripped before filling).
TEMPLATES = [
    # --- e-mails to rewrite / translate / proofread
    'Can you make this email sound more polite? "Hi <<P1.first>>, I still haven\'t received the invoice from <<ORG>>. Please send it by Friday or we\'ll have to escalate. - <<P2.first>>"',
    "From: <<P1>> <<<P1.email>>>\nTo: <<P2.email>>\nSubject: handover notes\n\nHi <<P2.first>>, attaching the handover for the <<CITY>> account. Ping me if anything is unclear.",
    "Rewrite this to be shorter: Dear <<P1.title>> <<P1.last>>, thank you for taking the time to meet with me last Tuesday in <<CITY>>. As discussed, I am attaching the revised proposal from <<ORG>>. Kind regards, <<P2>>",
    "help me reply to this: 'hey, it's <<P1.first>> from the <<ORG>> office, i think you left your charger in room 4 after the workshop. want me to post it?'",
    "Please translate to Spanish: Hello <<P1.first>>, <<P2>> asked me to confirm your booking for 14 June. If you need to change it, call us on <<PHONE>>.",
    "Proofread: I'm writing on behalf of my colleague <<P1>>, who is currently on parental leave. Until <<P1.his>> return, please direct all questions about the <<CITY>> lease to me or to <<P2.email>>.",
    "Subject: Re: quote for kitchen refit\n\nThanks <<P1.first>> - the numbers look fine. My partner <<P2.first>> wants to know whether the worktop is included.\n\nBest,\n<<P3>>",
    "Can you make this out-of-office message friendlier? I'm away until 3 March. For urgent matters contact <<P1>> at <<P1.email>> or <<PHONE>>.",
    "Draft a reply declining the offer. Original: 'Dear <<P1.first>>, we are pleased to offer you the position of site supervisor at <<ORG>>, reporting to <<P2>>.'",
    "Is this too blunt? \"<<P1.first>> - I need the signed forms back today, not next week. Thanks.\"",
    # --- Slack / Teams
    "<<P1.first>>: has anyone seen the Q3 deck?\n<<P2.first>>: <<P3.first>> had it last, check the shared drive",
    "Turn this Slack thread into a summary: the build is broken again, <<P1.first>> is looking into it. <<P2.first>> says it started after yesterday's merge and <<P3.last>> thinks it's the cache.",
    "[10:42] <<P1>>: I can cover the <<CITY>> call tomorrow\n[10:43] <<P2>>: thanks!! I owe you one",
    "quick q - does anyone know if <<P1.last>> from legal signed off on the NDA with <<ORG>>?",
    "Big shoutout to <<P1>> for staying late to get the <<ORG>> demo working, legend",
    "Teams message to rewrite: <<P1.first>> and I will be out tomorrow afternoon for the site visit in <<CITY>>, please route anything urgent to <<P2.first>>.",
    "@channel reminder that <<P1.first>> is OOO until Monday, so expense approvals go to <<P2>> this week.",
    # --- meeting minutes
    "Summarise these minutes: Attendees: <<P1>>, <<P2>>, <<P3>>. Apologies: none. 1. Budget - <<P2.first>> to circulate the revised figures by Friday. 2. Venue - still waiting on <<ORG>>.",
    "Action items from today's standup:\n- <<P1.first>>: fix the login timeout\n- <<P2.first>>: update the release notes\n- <<P3.first>>: chase <<ORG>> about the API key",
    "Minutes of the residents' association meeting, held at the community hall. Chair: <<P1.mid>>. Secretary: <<P2>>. The chair thanked <<P3>> for organising the spring clean-up.",
    "AI: <<P1.last>> to confirm catering numbers with <<ORG>> by 12/05. AI: <<P2.last>> to book rooms in <<CITY>>.",
    "Board meeting notes: motion to approve the accounts proposed by <<P1.title>> <<P1.last>>, seconded by <<P2>>. Carried unanimously.",
    "Minutes: <<P1.first>> raised concerns about parking on the estate. <<P2.first>> agreed to write to the council. Meeting closed at 8:40pm.",
    "Can you clean up my notes? discussed roadmap w/ <<P1.first>> + <<P2.first>>, <<P1.last>> wants the mobile app first, <<P2.last>> disagrees, decision next week",
    # --- CRM notes
    "Call with <<P1>> (<<ORG>>), 25 min. Interested in the annual plan but needs sign-off from <<P1.his>> CFO, <<P2>>. Follow up next Thursday.",
    "Lead: <<P1.rev>> | Company: <<ORG>> | City: <<CITY>> | Phone: <<PHONE>> | Status: warm",
    "Note: spoke to <<P1.first>> again, <<P1.he>> said the renewal is stuck with procurement. Suggested we loop in <<P2>>.",
    "Customer <<P1>> called about a double charge on <<P1.his>> card. Refund approved by <<P2.first>> (team lead).",
    "Account owner changed from <<P1>> to <<P2>> on 02/09. Reason: territory realignment (<<CITY>>).",
    # --- support tickets
    "Ticket #48213 - Reporter: <<P1>> <<<P1.email>>> - Cannot reset password, reset e-mail never arrives. Assigned to <<P2.first>>.",
    "Please classify this support ticket: 'My name is <<P1>> and my order hasn't arrived. I live at <<ADDR>>, <<CITY>>.'",
    "Escalated by <<P1.first>>: the client (<<P2>>, <<ORG>>) reports the export has been failing since Monday.",
    "Hi, this is <<P1.first>> again, still waiting for an update on my ticket. Your colleague <<P2.first>> said someone would call me back at <<PHONE>>.",
    "Write a customer-facing apology for the outage. Mention that <<P1>> from our reliability team will share a full report by Wednesday.",
    # --- HR / performance
    "Write a performance review for <<P1>> based on these notes: consistently meets deadlines, mentored two juniors, needs to speak up more in planning meetings.",
    "<<P1.first>> has been a steady presence on the team this year. <<P1.He>> took over the <<CITY>> migration when <<P2.first>> left and delivered it on time.",
    "Employee: <<P1.rev>>\nManager: <<P2.rev>>\nRating: Exceeds expectations\nComments: strong quarter, led the vendor review with <<ORG>>.",
    "Can you soften this feedback? <<P1.first>>, your reports have been late three weeks in a row and <<P2.first>> has had to cover for you.",
    "Exit interview summary: <<P1>> is leaving to join <<ORG>> in <<CITY>>. <<P1.He>> cited lack of growth opportunities and praised <<P1.his>> manager, <<P2>>.",
    "Probation review for <<P1.mid>>, warehouse operative, signed off by <<P2.title>> <<P2.last>> on 30/06.",
    # --- reference letters
    "To whom it may concern, I have known <<P1>> for four years as <<P1.his>> supervisor at <<ORG>>. <<P1.He>> is reliable, curious and kind to colleagues.",
    "I am delighted to recommend <<P1.mid>> for the graduate programme. During <<P1.his>> placement with us in <<CITY>>, <<P1.first>> showed excellent judgement. Sincerely, <<P2.title>> <<P2>>",
    "Please polish this reference: <<P1.first>> worked for me as a nanny for three years and the kids adored <<P1.him>>. Happy to be contacted on <<PHONE>>. - <<P2>>",
    # --- toasts / speeches
    "Help me write a best man speech. The groom is <<P1.first>>, the bride is <<P2.first>>, they met at a pub quiz in <<CITY>> and <<P1.first>> got every sports question wrong.",
    "@P1=F For those who don't know me, I'm <<P1.first>>, <<P2.first>>'s sister, and I've been waiting twenty years to embarrass <<P2.him>> in public.",
    "Please raise your glasses to <<P1>> and <<P2>> - may your home always be full of laughter and slightly burnt toast.",
    "Draft a short toast for my parents' 40th anniversary. They're called <<P1.first>> and <<P2.first>> and they still argue about who proposed.",
    "Retirement speech for <<P1>>: thirty-one years at <<ORG>>, and not once did <<P1.he>> forget a colleague's birthday.",
    # --- obituaries / memorials
    "<<P1>>, 84, of <<CITY>>, passed away peacefully on 2 February surrounded by family. <<P1.He>> is survived by <<P1.his>> children <<P2.first>> and <<P3.first>>.",
    "Help me write an obituary for <<P1.mid>>. <<P1.He>> was a retired schoolteacher who loved gardening and crosswords, and leaves behind <<P1.his>> partner <<P2>>.",
    "A memorial service for <<P1>> will be held at 11am on Saturday in <<CITY>>. In lieu of flowers, the family asks for donations to <<ORG>>.",
    # --- school / parents
    "Dear <<P1.title>> <<P1.last>>, <<P2.first>> will be picked up early on Thursday for a dental appointment. Thanks, <<P3>>",
    "hi is this <<P1.first>>'s mum? the kids want to do a sleepover at ours on saturday, text me back on <<PHONE>>",
    "Reminder from <<SCHOOL>>: Year 4 trip forms are due Monday. Please hand them to <<P1.title>> <<P1.last>> or the school office.",
    "Can you help me write to my son's teacher? He has been upset since a boy in his class, <<P1>>, started teasing him at lunch.",
    "Student: <<P1>> | Parent: <<P2>> | Teacher: <<P3.title>> <<P3.last>> | Notes: reading above grade level, needs help with fractions",
    # --- real estate / landlord
    "Hi <<P1.first>>, the boiler at <<ADDR>> has stopped working again. Can you send someone this week? Thanks, <<P2.first>> (flat 2)",
    "Viewing confirmed: <<ADDR>>, <<CITY>>, Saturday 10:30. Agent: <<P1>>, <<ORG>>, <<PHONE>>.",
    "Write a formal notice to my tenant <<P1>> that the rent will increase from 1 September, as allowed under the lease.",
    "The seller, <<P1.rev>>, has accepted the offer from <<P2>> subject to survey.",
    "Tenant reference: <<P1>> rented <<ADDR>> from me between 2019 and 2023 and always paid on time. <<P2>>, landlord, <<PHONE>>",
    # --- court / insurance / police
    "Claim no. 55-20931. Policyholder: <<P1>>. Third party: <<P2>>. Incident: rear-end collision on <<ADDR>>, <<CITY>>. Witness: <<P3>>, <<PHONE>>.",
    "Summarise this witness statement: I, <<P1>>, was standing at the bus stop when I saw the blue van strike the cyclist. The driver, who I now know to be <<P2>>, got out and apologised.",
    "Case 4471: <<ORG>> v <<P1>>. Hearing adjourned to 14 March at the request of <<P2>>, counsel for the defendant.",
    "My insurer says I need a statement from the other driver. <<P1.His>> name is <<P1>> and <<P1.his>> policy is with <<ORG>>.",
    "Police report ref 2023/11842: complainant <<P1>> states that a bicycle was taken from outside <<ADDR>> between 6pm and 7pm.",
    # --- sales
    "Call summary: <<P1.first>> (Head of Ops at <<ORG>>) is comparing us with two other vendors. Main concern is onboarding time. <<P2.first>> to send a case study.",
    "Discovery call - <<ORG>>, <<CITY>>. Participants: <<P1>> (buyer), <<P2>> (our AE). Next step: pricing call on the 18th.",
    "Write a follow-up email to <<P1.first>> after our demo; <<P1.he>> liked the reporting module but asked about SSO.",
    # --- recruiting
    "Hi <<P1.first>>, I came across your profile and thought you'd be a great fit for a senior analyst role at <<ORG>> in <<CITY>>. Open to a quick chat? <<P2>>, Talent Partner",
    "Candidate: <<P1>> | Role: Backend Engineer | Referred by: <<P2>> | Stage: onsite",
    "Make this less pushy: <<P1.first>>, following up again on my message from last week about the role. Let me know either way!",
    "Interview schedule: 09:00 <<P1>>, 10:00 <<P2>>, 11:30 <<P3>>. Panel: HR + hiring manager.",
    # --- tables / CSV / records
    "name,email,city\n<<P1>>,<<P1.email>>,<<CITY>>\n<<P2>>,<<P2.email>>,<<CITY2>>",
    "| Name | Role | Phone |\n|---|---|---|\n| <<P1>> | Treasurer | <<PHONE>> |\n| <<P2>> | Secretary | <<PHONE2>> |",
    "Sort this list alphabetically by surname: <<P1>>; <<P2>>; <<P3>>",
    "Convert to JSON: <<P1.rev>>; <<ORG>>; <<CITY>>",
    "id\tlast_name\tfirst_name\n1041\t<<P1.last>>\t<<P1.first>>\n1042\t<<P2.last>>\t<<P2.first>>",
    "Donations received: 50 EUR from <<P1.rev>>, 20 EUR from <<P2.rev>>, 10 EUR anonymous.",
    "Rooming list: Room 210 - <<P1>>; Room 211 - <<P2>>; Room 212 - <<P3>>",
    "Form check: First name: <<P1.first>> / Last name: <<P1.last>> / Email: <<P1.email>> / Phone: <<PHONE>>",
    "Invoice #2291 - Bill to: <<P1>>, <<ADDR>>, <<CITY>>. Contact: <<P1.email>>",
    "Summarise: Patient <<P1.rev>>, DOB 04/11/1979, seen by <<P2.title>> <<P2.last>> for follow-up. Next appointment in 6 weeks.",
    # --- markdown
    "## Volunteers for Saturday\n- <<P1>> (setup)\n- <<P2>> (bar)\n- <<P3.first>> - tbc",
    "**Owner:** <<P1>>\n**Reviewer:** <<P2>>\n**Due:** end of sprint",
    "### Contacts\n* Site lead: <<P1>> - <<PHONE>>\n* Safety officer: <<P2>> - <<P2.email>>",
    # --- code / git / logs
    "# TODO(<<P1.first>>): remove this workaround once <<ORG>> fixes their API",
    "Fix null pointer in invoice export\n\nReported-by: <<P1>> <<<P1.email>>>\nCo-authored-by: <<P2>> <<<P2.email>>>",
    '2024-05-02T11:03:17Z WARN payments: refund requested for customer "<<P1>>" (id=88231), approved_by=<<P2.first>>',
    'Why does this test fail? assert user.display_name == "<<P1>>"',
    "// Ask <<P1.last>> before changing the retry logic, see the discussion with <<P2.first>> in March",
    "git blame says <<P1>> wrote this function in 2019, should I ask <<P1.him>> or just rewrite it?",
    "Explain this log line: INFO auth: login ok user=<<P1.email>> display=\"<<P1>>\" ip=10.2.4.17",
    # --- JSON
    '{"name": "<<P1>>", "email": "<<P1.email>>", "city": "<<CITY>>", "plan": "pro"}',
    'Fix this JSON: {"customer": {"name": "<<P1>>", "phone": "<<PHONE>>",}, "agent": "<<P2.first>>"}',
    '[{"name": "<<P1.first>>", "age": 34}, {"name": "<<P2.first>>", "age": 29}]',
    # --- chat transcripts / dialogue
    "<<P1.first>>: are we still on for dinner?\n<<P2.first>>: yes! 7pm at the usual place\n<<P1.first>>: perfect, I'll tell <<P3.first>>",
    "Agent (<<P1.first>>): Thanks for holding. Can I confirm the name on the account?\nCustomer: It's <<P2>>.\nAgent (<<P1.first>>): Thank you, <<P2.title>> <<P2.last>>.",
    "Interviewer: Tell me about yourself.\n<<P1.first>>: Sure. I grew up in <<CITY>> and studied accounting before joining <<ORG>>.",
    '"Have you met <<P1.first>> yet?" asked <<P2.first>>. "<<P1.He>> just moved here from <<CITY>>."',
    "Continue this story: <<P1.first>> opened the door slowly. Behind it stood <<P2>>, soaked from the rain.",
    # --- casual text messages
    "omg did u hear <<P1.first>> and <<P2.first>> broke up",
    "running late, tell <<P1.first>> to save me a seat",
    "can u pick up <<P1.first>> from practice at 6? im stuck at work",
    "lol <<P1.last>> is such a legend, <<P1.he>> fixed the printer with a paperclip",
    "happy bday <<P1.first>>!! hope <<CITY>> is treating u well",
    "hey <<P1.first>> it's <<P2.first>>, new number, save it: <<PHONE>>",
    "what's a nice way to tell <<P1.first>> i can't make it to <<P1.his>> party",
    # --- cover letters / LinkedIn / bios
    "Dear Hiring Manager, my name is <<P1>> and I am applying for the Logistics Coordinator position at <<ORG>>. I currently work in <<CITY>>.",
    "Improve my cover letter opening: I was encouraged to apply by <<P1>>, who spoke highly of the team culture at <<ORG>>.",
    "Rewrite as a LinkedIn post: After 7 years at <<ORG>> I'm moving on. Huge thanks to <<P1>> who hired me and to <<P2>> for being the best desk neighbour.",
    "Author bio: <<P1>> is a freelance writer based in <<CITY>>. <<P1.His>> work has appeared in local magazines.",
    # --- invitations / events
    "You're invited! Join us to celebrate <<P1.first>>'s 30th on Saturday, 8pm at <<ADDR>>. RSVP to <<P2.first>> on <<PHONE>>.",
    "<<P1>> and <<P2>> request the pleasure of your company at their marriage on the 12th of August in <<CITY>>.",
    "Book club this month is at <<P1.first>>'s place. <<P2.first>> is bringing snacks, I'm bringing wine.",
    "Guest list so far: <<P1>>, <<P2>>, <<P3>> (+1)",
    "Wedding seating, table 5: <<P1>>, <<P2>>, <<P3>>",
    # --- travel
    "Passenger: <<P1.rev>> / Flight: XY482 from <<CITY>> to <<CITY2>> / Seat 14C / Booking ref: QW7T2L",
    "Day 2: <<P1.first>> meets us at the hotel in <<CITY>>, walking tour with local guide <<P2>>, dinner booked under <<P1.last>>.",
    "Translate to French: My name is <<P1.first>>, I am travelling with my friend <<P2.first>> and we have a reservation under <<P2.last>>.",
    # --- family stories
    "@P1=M @P2=F My grandfather <<P1>> came to <<CITY>> with nothing but a suitcase. He married my grandmother <<P2.first>> two years later.",
    "Write a short story for my daughter's birthday about her and her best friend <<P1.first>> going on a trip to <<CITY>>.",
    "@P1=M Uncle <<P1.first>> always told the story of how he lost the car keys at <<P2.first>>'s wedding.",
    "In the photo, from left: <<P1>>, <<P2>>, and <<P3>> at the 2019 reunion.",
    # --- reviews
    "5 stars. <<P1.first>> at the front desk was amazing and sorted out our room change in minutes. Ask for <<P1.him>>!",
    "Terrible experience at the <<CITY>> branch of <<ORG>>. The manager, <<P1>>, refused to honour the warranty.",
    "Our wedding photographer <<P1>> was a dream to work with. Highly recommend!",
    "Great service from <<ORG>>, and special thanks to <<P1.first>> who stayed on the phone until the issue was fixed.",
    # --- sports club
    "Under-12s training moves to Wednesday. Coach <<P1.last>> will be away, so <<P2>> is running the session. Questions to <<EMAIL>>.",
    "Congratulations to <<P1>> on winning the club singles final 6-4, 7-5 against <<P2>>!",
    "<<CLUB>> team sheet for Sunday: GK <<P1.last>>; DEF <<P2.last>>, <<P3.last>>; subs tbc.",
    "Membership renewals for <<CLUB>> are due by 31 March. Please pay the treasurer, <<P1>>, or e-mail <<EMAIL>>.",
    # --- academic
    "I would like to thank my supervisor, <<P1.title>> <<P1>>, for <<P1.his>> patience, and <<P2>> for help with the statistical analysis.",
    "We thank <<P1.mid>> and <<P2.mid>> for comments on an earlier draft. Any remaining errors are our own.",
    "Correspondence concerning this article should be addressed to <<P1>>, Department of Psychology, <<UNI>>, <<CITY>>. Email: <<P1.email>>",
    "Can you format this citation? <<P1.last>>, <<P1.first>> and <<P2.first>> <<P2.last>>, working paper, <<UNI>>, 2021.",
    # --- misc everyday
    "<<P1.last>> said the numbers don't add up, and frankly I agree.",
    "The report was eventually signed by <<P1>>.",
    "Can you check the grammar? The project was led by our new hire (<<P1>>) and finished two weeks early.",
    "According to <<P1.last>>'s notes, the meeting with <<ORG>> was moved to <<CITY>>.",
    "Thanks to everyone who came, especially <<P1.first>>, <<P2.first>> and <<P3.first>>.",
    "@P1=F Who should I put as emergency contact? My sister <<P1>> lives closer but my friend <<P2.first>> is more reliable.",
    "Prescription collected by <<P1>> on behalf of <<P2>>.",
    "Is this phishing? 'Dear customer, your parcel could not be delivered. Contact <<P1>> at <<PHONE>> to rearrange.'",
    "Lost dog found near <<ADDR>>! Owner please contact <<P1.first>> on <<PHONE>>.",
    "Neighbourhood watch: a man claiming to be from <<ORG>> knocked on doors on our street yesterday. <<P1.first>> at number 14 took a photo.",
    "Please write a thank-you card to <<P1.first>> and <<P2.first>> for the baby gift.",
    "We're hiring a cleaner. <<P1>> quoted 15 an hour and <<P2>> quoted 13 an hour; which should we choose?",
    'Contract between <<ORG>> ("the Company") and <<P1>> ("the Contractor"), residing at <<ADDR>>, <<CITY>>.',
    "Dear <<P1.first>>,\n\nI'm so sorry to hear about your dad. Thinking of you all.\n\nLove, <<P2.first>> x",
    "Delivery note: leave parcel with neighbour (<<P1.last>>) if no answer.",
    "Podcast show notes: this week <<P1.first>> talks to local baker <<P2>> about opening a shop in <<CITY>>.",
    "Volunteer rota: Mon <<P1.first>>, Tue <<P2.first>>, Wed <<P3.first>>, Thu closed",
    "Parish newsletter: please keep <<P1>> in your prayers as <<P1.he>> recovers from surgery.",
    "Re: missing payment - as per my call with <<P1.first>> from accounts, the transfer was sent on the 3rd.",
    "Write a polite complaint to my neighbour <<P1.title>> <<P1.last>> about the hedge blocking the path.",
    "Vet appointment for the cat (owner: <<P1>>, <<PHONE>>) on Tuesday at 4pm.",
    "Good morning team, please welcome <<P1>> who joins us today as our new office manager in <<CITY>>. <<P1.He>> previously worked at <<ORG>>.",
    "I need a catchy caption for a photo of me and <<P1.first>> hiking near <<CITY>>.",
    "Does this sound passive-aggressive? 'As I mentioned to <<P1.first>> yesterday, the deadline was not negotiable.'",
    "Can you turn this into bullet points? <<P1.first>> handles payroll, <<P2.first>> looks after suppliers, and anything about the website goes to <<P3.first>>.",
    "Please summarise the feedback: 'The workshop with <<P1>> was the highlight of the conference in <<CITY>>.'",
    "Meeting moved to 3pm, <<P1.first>> can't do mornings this week. cc <<P2>>",
    "Kudos to the night shift: <<P1.last>>, <<P2.last>> and <<P3.last>> kept ward 7 running during the power cut.",
    "On-call this week: <<P1>> (primary), <<P2>> (secondary). Escalation: <<PHONE>>",
    "Sorry for the late reply, I was off sick. <<P1.first>> should have the updated contract, can you check with <<P1.him>>?",
    "We are pleased to announce that <<P1.mid>> has been promoted to Head of Finance, effective 1 April.",
    "Dear Sir or Madam, I am writing to dispute a parking fine issued to my vehicle outside <<ADDR>>, <<CITY>>. Yours faithfully, <<P1>>",
    "Remind me to call <<P1.first>> about the car on Monday",
    "Translate into German: <<P1.title>> <<P1.last>> will contact you tomorrow about the apartment in <<CITY>>.",
    "The keynote was given by <<P1>>, and the closing remarks by <<P2.first>> of <<ORG>>.",
    "Who is <<P1.last>>? I keep seeing that name in the <<ORG>> emails.",
    "Please add <<P1>> (<<P1.email>>) to the distribution list and remove <<P2>>.",
    "Everyone is welcome at <<P1.first>>'s leaving drinks on Friday, 5:30pm, <<ADDR>>.",
    "Signed for by <<P1.rev>> at 14:02, parcel left at reception of <<ORG>>.",
    "I think <<P2.first>> would be a better fit for the role than <<P1>>, but I can't say why in writing.",
    "Make this sound warmer: Congratulations on the new baby, <<P1.first>>. Best wishes from all of us at <<ORG>>.",
    "Summarise this voicemail: 'Hi, it's <<P1>> from <<ORG>>, calling about the quote you requested. You can reach me on <<PHONE>> until six.'",
    "Carpool for the away game: <<P1.first>> drives <<P2.first>> and <<P3.first>>; meet at <<ADDR>> at 8.",
    "Found a wallet belonging to <<P1>> at the station in <<CITY>>, handed it to the ticket office.",
    "Background: <<P1.first>>'s father, <<P2>>, founded <<ORG>> in <<CITY>> in 1987.",
    "Can you write a haiku about my friend <<P1.first>>, who is obsessed with sourdough?",
    "Landlord <<P1>> has not returned my deposit for <<ADDR>>. What are my options?",
    "Please draft an apology to <<P1.title>> <<P1.last>> from <<ORG>> for the missed delivery window.",
]
# fmt: on

# --- synthetic non-person entities (all written for this generator) -------
CITIES = {
    "US": ["Columbus", "Tucson", "Raleigh", "Omaha", "Spokane", "Albuquerque"],
    "GB": ["Leeds", "Bristol", "Norwich", "Coventry", "Aberdeen"],
    "IE": ["Galway", "Cork", "Limerick", "Waterford", "Sligo"],
    "FR": ["Lyon", "Nantes", "Toulouse", "Lille", "Rennes", "Grenoble"],
    "DE": ["Leipzig", "Bremen", "Freiburg", "Mannheim", "Kassel"],
    "IT": ["Bologna", "Verona", "Turin", "Bari", "Padua"],
    "ES": ["Valencia", "Bilbao", "Zaragoza", "Málaga", "Valladolid"],
    "PT": ["Porto", "Braga", "Coimbra", "Faro", "Aveiro"],
    "BR": ["Curitiba", "Recife", "Campinas", "Fortaleza", "Belo Horizonte"],
    "MX": ["Monterrey", "Guadalajara", "Puebla", "Mérida", "Querétaro"],
    "AR": ["Córdoba", "Rosario", "Mendoza", "La Plata", "Salta"],
    "CO": ["Medellín", "Cali", "Barranquilla", "Bucaramanga", "Pereira"],
    "NL": ["Utrecht", "Eindhoven", "Groningen", "Haarlem", "Nijmegen"],
    "BE": ["Ghent", "Antwerp", "Leuven", "Liège", "Namur"],
    "SE": ["Gothenburg", "Malmö", "Uppsala", "Umeå", "Västerås"],
    "NO": ["Bergen", "Trondheim", "Stavanger", "Tromsø", "Drammen"],
    "DK": ["Aarhus", "Odense", "Aalborg", "Esbjerg", "Roskilde"],
    "FI": ["Tampere", "Turku", "Oulu", "Jyväskylä", "Espoo"],
    "PL": ["Kraków", "Wrocław", "Gdańsk", "Poznań", "Łódź"],
    "CZ": ["Brno", "Ostrava", "Plzeň", "Olomouc", "Liberec"],
    "HU": ["Debrecen", "Szeged", "Pécs", "Győr", "Miskolc"],
    "TR": ["Izmir", "Bursa", "Antalya", "Eskişehir", "Konya"],
    "NG": ["Lagos", "Ibadan", "Enugu", "Kano", "Port Harcourt"],
    "ZA": ["Durban", "Pretoria", "Gqeberha", "Bloemfontein", "Stellenbosch"],
    "PH": ["Cebu City", "Davao City", "Iloilo City", "Baguio", "Quezon City"],
    "ID": ["Surabaya", "Bandung", "Yogyakarta", "Medan", "Semarang"],
    "IN": ["Pune", "Jaipur", "Kochi", "Lucknow", "Indore"],
    "MY": ["Penang", "Ipoh", "Johor Bahru", "Kuching", "Malacca"],
    "GH": ["Kumasi", "Tamale", "Takoradi", "Cape Coast", "Accra"],
    "CL": ["Valparaíso", "Concepción", "Temuco", "Antofagasta", "La Serena"],
    "PE": ["Arequipa", "Trujillo", "Cusco", "Piura", "Chiclayo"],
    "AT": ["Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt"],
    "HR": ["Split", "Rijeka", "Osijek", "Zadar", "Pula"],
    "JM": ["Kingston", "Montego Bay", "Spanish Town", "Mandeville", "Ocho Rios"],
}

CALLING_CODES = {
    "US": "1",
    "GB": "44",
    "IE": "353",
    "FR": "33",
    "DE": "49",
    "IT": "39",
    "ES": "34",
    "PT": "351",
    "BR": "55",
    "MX": "52",
    "AR": "54",
    "CO": "57",
    "NL": "31",
    "BE": "32",
    "SE": "46",
    "NO": "47",
    "DK": "45",
    "FI": "358",
    "PL": "48",
    "CZ": "420",
    "HU": "36",
    "TR": "90",
    "NG": "234",
    "ZA": "27",
    "PH": "63",
    "ID": "62",
    "IN": "91",
    "MY": "60",
    "GH": "233",
    "CL": "56",
    "PE": "51",
    "AT": "43",
    "HR": "385",
    "JM": "1",
}

ORG_HEAD = [
    "North",
    "Blue",
    "Silver",
    "Red",
    "Oak",
    "Harbor",
    "Bright",
    "Summit",
    "Cedar",
    "Iron",
    "Clear",
    "Stone",
    "Maple",
    "Falcon",
    "Granite",
    "Lumen",
    "Crescent",
    "Meadow",
    "Copper",
    "Tidal",
]
ORG_TAIL = [
    "field",
    "crest",
    "bridge",
    "point",
    "gate",
    "way",
    "line",
    "water",
    "brook",
    "haven",
    "leaf",
    "peak",
]
ORG_KIND = [
    "Logistics",
    "Analytics",
    "Dental",
    "Insurance",
    "Consulting",
    "Foods",
    "Health",
    "Software",
    "Properties",
    "Engineering",
    "Legal",
    "Media",
    "Travel",
    "Builders",
    "Energy",
    "Print",
    "Freight",
]
ORG_SUFFIX = ["", "", " Ltd", " Group", " LLC", " Partners", " plc", " & Co"]
STREET_BASE = [
    "Willow",
    "Station",
    "Mill",
    "Church",
    "Oak",
    "Harbour",
    "Kingfisher",
    "Orchard",
    "Meadow",
    "Chestnut",
    "Bridge",
    "Quarry",
    "Rosemary",
    "Hillside",
    "Lark",
    "Foundry",
    "Elm",
    "Beacon",
]
STREET_TYPE = ["Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent"]
LOCAL_STREETS = {
    "DE": ("{base}straße {n}", ["Linden", "Birken", "Garten", "Schul", "Bahnhof", "Mühlen"]),
    "AT": ("{base}gasse {n}", ["Linden", "Kirchen", "Brunnen", "Berg", "Mühl"]),
    "NL": ("{base}straat {n}", ["Kerk", "Molen", "Linden", "Tuin", "Dorps", "Haven"]),
    "FR": ("{n} rue des {base}", ["Lilas", "Tilleuls", "Peupliers", "Jardins", "Acacias"]),
    "ES": ("Calle del {base} {n}", ["Olmo", "Pinar", "Molino", "Río", "Sol"]),
    "IT": ("Via dei {base} {n}", ["Pini", "Mille", "Tigli", "Fiori", "Mulini"]),
    "PT": ("Rua das {base} {n}", ["Flores", "Oliveiras", "Amoreiras", "Pedras"]),
    "BR": ("Rua das {base}, {n}", ["Palmeiras", "Flores", "Acácias", "Mangueiras"]),
    "PL": ("ul. {base} {n}", ["Lipowa", "Polna", "Ogrodowa", "Leśna", "Krótka"]),
}

# Junk / title-like tokens that appear in the crowd-sourced lists.
JUNK_TOKENS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "engr",
    "eng",
    "prof",
    "sir",
    "lady",
    "alhaji",
    "hajiya",
    "its",
    "itz",
    "the",
    "official",
    "baby",
    "pastor",
    "rev",
    "chief",
    "hon",
    "princess",
    "prince",
    "king",
    "queen",
    "mama",
    "papa",
    "mummy",
    "daddy",
    "bro",
    "sis",
    "haji",
    "hj",
    "dj",
    "mc",
    "mac",
    "jr",
    "sr",
    "md",
    "mohd",
    "muhd",
    "abd",
    "ab",
    "gh",
    "hp",
    "boss",
    "lord",
    "baba",
    "mom",
    "dad",
    "love",
    "angel",
    "thee",
    "underviser",
    "teacher",
    "nurse",
    "engineer",
    "cikgu",
    "nogomet",
    "docent",
    "ustaz",
    "ustazah",
}
JUNK_SECOND = {"unique", "official", "love", "boy", "girl", "baby", "junior"}
SHORT_FIRST_OK = {"Jo", "Al", "Ed", "Bo", "Ty", "Li"}
PARTICLES_NL = {"van", "der", "den", "de", "het", "ter", "ten", "te", "in", "op"}
HISPANIC = {"ES", "MX", "AR", "CO", "CL", "PE"}
VOWELS = set("aeiouy")


def _is_latin_name(name: str, max_tokens: int) -> bool:
    if not name or name != name.strip() or "  " in name:
        return False
    if len(name.lower()) != len(name) or len(name.upper()) != len(name):
        return False
    tokens = re.split(r"[ \-']", name)
    if len(name.split(" ")) > max_tokens or any(not t for t in tokens):
        return False
    for ch in name:
        if ch in " -'":
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            return False
    if len(name.split(" ")) == 2 and name.split(" ")[1].lower() in JUNK_SECOND:
        return False
    for t in name.split(" "):
        if t.lower() in JUNK_TOKENS or not t[0].isupper() or (len(t) > 2 and t.isupper()):
            return False
        base = unicodedata.normalize("NFKD", t.lower())
        if not (set(base) & VOWELS):
            return False
    return True


def _normalise_surname(name: str, country: str) -> str:
    if country in ("IE", "GB"):
        name = re.sub(r"^O ([A-Z])", r"O'\1", name)
        name = re.sub(r"^Mc ([A-Z])", r"Mc\1", name)
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), name)


def load_pools() -> dict:
    from names_dataset import NameDataset

    nd = NameDataset()
    pools = {}
    for c in COUNTRIES:
        male = nd.get_top_names(n=2000, country_alpha2=c, gender="M").get(c, {}).get("M", [])
        female = nd.get_top_names(n=2000, country_alpha2=c, gender="F").get(c, {}).get("F", [])
        last = nd.get_top_names(n=2000, country_alpha2=c, use_first_names=False).get(c, [])
        # The crowd-sourced lists mix up given names and surnames; in the
        # 200-2000 tail, drop entries that rank in the other list's top 1000.
        top_first = set(male[:1000]) | set(female[:1000])
        top_last = set(last[:1000])

        def first_ok(n: str, rank: int, top_last: set = top_last) -> bool:
            if not _is_latin_name(n, 2):
                return False
            if len(n) <= 2 and n not in SHORT_FIRST_OK:
                return False
            return not (rank >= 200 and n in top_last)

        def last_ok(n: str, rank: int, top_first: set = top_first) -> bool:
            if not _is_latin_name(n, 3) or len(n) < 2:
                return False
            return not (rank >= 200 and n in top_first)

        entry = {}
        for key, lst, ok in (("M", male, first_ok), ("F", female, first_ok), ("L", last, last_ok)):
            clean = [(i, n) for i, n in enumerate(lst) if ok(n, i)]
            if key == "L":
                clean = [(i, _normalise_surname(n, c)) for i, n in clean]
            head = [n for i, n in clean if i < 200]
            tail = [n for i, n in clean if 200 <= i < TAIL_END]
            assert len(head) > 50, (c, key, len(head))
            assert len(tail) > 100, (c, key, len(tail))
            entry[key] = (head, tail)
        pools[c] = entry
    return pools


def draw(rng: random.Random, pool: tuple) -> str:
    head, tail = pool
    return rng.choice(head if rng.random() < 0.5 else tail)


def ascii_fold(s: str) -> str:
    s = (
        s.replace("ß", "ss")
        .replace("æ", "ae")
        .replace("ø", "o")
        .replace("ł", "l")
        .replace("đ", "d")
        .replace("ı", "i")
    )
    s = s.replace("Æ", "Ae").replace("Ø", "O").replace("Ł", "L").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if ch.isascii() and ch.isalpha()).lower()


class Person:
    def __init__(
        self, rng: random.Random, country: str, pools: dict, gender: str | None, uses: set
    ):
        self.gender = gender or rng.choice("MF")
        p = pools[country]
        self.first = draw(rng, p[self.gender])
        surname = draw(rng, p["L"])
        self.initial = ""
        r = rng.random()
        single = " " not in surname and "-" not in surname
        if r < 0.12:
            self.initial = rng.choice("ABCDEFGHJKLMNPRSTW")
        elif r < 0.20 and single:
            other = draw(rng, p["L"])
            if " " not in other and "-" not in other and other != surname:
                surname = f"{surname}-{other}"
        elif r < 0.38:
            if country in HISPANIC and single:
                other = draw(rng, p["L"])
                if " " not in other and other != surname:
                    surname = f"{surname} {other}"
            elif country in ("PT", "BR") and single:
                surname = f"{rng.choice(['da', 'dos', 'de'])} {surname}"
            elif country in ("DE", "AT") and single and rng.random() < 0.4:
                surname = f"von {surname}"
            elif country == "MY" and not (uses & {"last", "rev", "title", "mid"}):
                father = draw(rng, p["M"])
                surname = f"{'bin' if self.gender == 'M' else 'binti'} {father}"
        self.surname_alone = surname
        if country == "NL":
            toks = surname.split(" ")
            lowered = [
                t.lower() if t.lower() in PARTICLES_NL and i < len(toks) - 1 else t
                for i, t in enumerate(toks)
            ]
            self.surname_in_full = " ".join(lowered)
            if len(toks) > 1:
                # Dutch convention: "Jan van der Meer", but "Van der Meer" when used alone.
                self.surname_alone = lowered[0][:1].upper() + " ".join(lowered)[1:]
        else:
            self.surname_in_full = surname
        mid = f" {self.initial}." if self.initial else ""
        self.full = f"{self.first}{mid} {self.surname_in_full}"
        self.mid_form = f"{self.first} {self.initial or rng.choice('ABCDEFGHJKLMNPRSTW')}. {self.surname_in_full}"
        self.rev = f"{self.surname_alone}, {self.first}{mid}"
        if self.gender == "M":
            self.title = rng.choice(["Mr", "Mr", "Mr", "Mr.", "Dr", "Dr.", "Prof."])
        else:
            self.title = rng.choice(["Ms", "Ms", "Mrs", "Ms.", "Mrs.", "Dr", "Dr.", "Prof."])
        f, last = ascii_fold(self.first.split(" ")[0]), ascii_fold(surname.split(" ")[-1])
        user = rng.choice(
            [
                f"{f}.{last}",
                f"{f}{last}",
                f"{f[0]}.{last}",
                f"{f}_{last}",
                f"{f}{rng.randint(1, 99)}",
                f"{last}.{f}",
            ]
        )
        self.email = f"{user}@{rng.choice(['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com', org_domain(rng)])}"
        pr = {"M": ("he", "him", "his"), "F": ("she", "her", "her")}[self.gender]
        self.pron = {
            "he": pr[0],
            "him": pr[1],
            "his": pr[2],
            "He": pr[0].capitalize(),
            "His": pr[2].capitalize(),
        }


def org_domain(rng: random.Random) -> str:
    return f"{rng.choice(ORG_HEAD).lower()}{rng.choice(ORG_TAIL)}.{rng.choice(['com', 'net', 'org', 'co'])}"


def make_org(rng: random.Random, kind: str) -> str:
    stem = rng.choice(ORG_HEAD) + rng.choice(ORG_TAIL)
    if kind == "SCHOOL":
        return (
            f"{stem} {rng.choice(['Primary School', 'Academy', 'High School', 'Community School'])}"
        )
    if kind == "UNI":
        return rng.choice(
            [f"{stem} University", f"{stem} Institute of Technology", f"{stem} College"]
        )
    if kind == "CLUB":
        return f"{stem} {rng.choice(['Rovers', 'Athletic', 'Tennis Club', 'Rugby Club', 'Harriers', 'United FC'])}"
    return f"{stem} {rng.choice(ORG_KIND)}{rng.choice(ORG_SUFFIX)}".strip()


def make_phone(rng: random.Random, country: str) -> str:
    d = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))  # noqa: E731
    if country in ("US", "JM") and rng.random() < 0.6:
        area = "876" if country == "JM" else str(rng.randint(201, 989))
        return f"({area}) {d(3)}-{d(4)}"
    cc = CALLING_CODES[country]
    if rng.random() < 0.65:
        return f"+{cc} {rng.randint(2, 9)}{d(2)} {d(3)} {d(3 if len(cc) > 2 else 4)}"
    return f"0{rng.randint(1, 9)}{d(2)} {d(3)} {d(4)}"


def make_address(rng: random.Random, country: str) -> str:
    n = rng.randint(1, 240)
    if country in LOCAL_STREETS and rng.random() < 0.7:
        fmt, bases = LOCAL_STREETS[country]
        return fmt.format(base=rng.choice(bases), n=n)
    addr = f"{n} {rng.choice(STREET_BASE)} {rng.choice(STREET_TYPE)}"
    if rng.random() < 0.2:
        addr = f"Flat {rng.randint(1, 12)}, {addr}"
    return addr


SLOT_RE = re.compile(
    r"<<(P[1-3](?:\.[A-Za-z]+)?|CITY2?|ORG2?|PHONE2?|EMAIL|ADDR|SCHOOL|UNI|CLUB)>>"
)
GENDER_RE = re.compile(r"^((?:@P[1-3]=[MF] )+)")
PERSON_ATTR = {
    "": "full",
    "first": "first",
    "last": "surname_alone",
    "mid": "mid_form",
    "rev": "rev",
}


def split_of(template: str) -> str:
    return "dev" if hashlib.sha256(template.encode("utf-8")).digest()[0] < 128 else "sealed"


def fill(template: str, rng: random.Random, country: str, pools: dict) -> tuple[str, list]:
    genders = {}
    m = GENDER_RE.match(template)
    body = template
    if m:
        for tok in m.group(1).split():
            genders[tok[1:3]] = tok[4]
        body = template[m.end() :]
    persons = {}
    for pid in ("P1", "P2", "P3"):
        uses = {
            s.split(".")[1] if "." in s else ""
            for s in SLOT_RE.findall(body)
            if s.split(".")[0] == pid
        }
        if uses:
            persons[pid] = Person(rng, country, pools, genders.get(pid), uses)
    # keep persons distinct
    fulls = [p.first for p in persons.values()] + [p.surname_alone for p in persons.values()]
    if len(set(fulls)) != len(fulls):
        return "", []
    cache: dict = {}
    other_country = [c for c in COUNTRIES if c != country]
    out, spans, pos = [], [], 0
    for sm in SLOT_RE.finditer(body):
        out.append(body[pos : sm.start()])
        slot = sm.group(1)
        typ = None
        if re.match(r"P[1-3]", slot):
            pid, _, attr = slot.partition(".")
            p = persons[pid]
            if attr in PERSON_ATTR:
                value, typ = getattr(p, PERSON_ATTR[attr]), "PERSON"
            elif attr == "email":
                value, typ = p.email, "EMAIL_ADDRESS"
            elif attr == "title":
                value = p.title
            else:
                value = p.pron[attr]
        else:
            if slot not in cache:
                if slot == "CITY":
                    cache[slot] = rng.choice(CITIES[country])
                elif slot == "CITY2":
                    cache[slot] = rng.choice(CITIES[rng.choice(other_country)])
                elif slot in ("ORG", "ORG2", "SCHOOL", "UNI", "CLUB"):
                    cache[slot] = make_org(rng, slot)
                elif slot.startswith("PHONE"):
                    cache[slot] = make_phone(rng, country)
                elif slot == "EMAIL":
                    cache[slot] = (
                        f"{rng.choice(['info', 'bookings', 'hello', 'secretary', 'coach', 'office'])}@{org_domain(rng)}"
                    )
                elif slot == "ADDR":
                    cache[slot] = make_address(rng, country)
            value = cache[slot]
            typ = {
                "CITY": "CITY",
                "CITY2": "CITY",
                "PHONE": "PHONE_NUMBER",
                "PHONE2": "PHONE_NUMBER",
                "EMAIL": "EMAIL_ADDRESS",
                "ADDR": "STREET_ADDRESS",
            }.get(slot, "ORGANIZATION")
        start = sum(len(x) for x in out)
        out.append(value)
        if typ:
            spans.append({"start": start, "end": start + len(value), "type": typ, "_value": value})
        pos = sm.end()
    out.append(body[pos:])
    text = "".join(out)
    assert "<<" not in text or "<<<" in template, template
    for s in spans:
        assert text[s["start"] : s["end"]] == s.pop("_value"), (template, s)
    return text, spans


def main() -> None:
    assert len(set(TEMPLATES)) == len(TEMPLATES), "duplicate template"
    pools = load_pools()
    order = COUNTRIES[:]
    random.Random(4004).shuffle(order)
    records: dict = {"dev": [], "sealed": []}
    counter = 0
    for ti, template in enumerate(TEMPLATES):
        split = split_of(template)
        seed = int(hashlib.sha256(f"names_gen4|{template}".encode()).hexdigest()[:16], 16)
        rng = random.Random(seed)
        for _k in range(FILLS_PER_TEMPLATE):
            country = order[counter % len(order)]
            counter += 1
            for _attempt in range(20):
                text, spans = fill(template, rng, country, pools)
                if text and len(text.lower()) == len(text):
                    break
            else:
                continue
            n = len(records[split]) // 2 + 1
            base = {"template": ti, "locale": country}
            records[split].append(
                {
                    "id": f"gen4-{split}-{n:04d}-a",
                    "case": "as-is",
                    **base,
                    "text": text,
                    "spans": spans,
                }
            )
            records[split].append(
                {
                    "id": f"gen4-{split}-{n:04d}-l",
                    "case": "lower",
                    **base,
                    "text": text.lower(),
                    "spans": spans,
                }
            )

    # --- checks (counts only; never print sealed content)
    tmpl_sets = {}
    for split, recs in records.items():
        for r in recs:
            for s in r["spans"]:
                assert 0 <= s["start"] < s["end"] <= len(r["text"])
            starts = sorted((s["start"], s["end"]) for s in r["spans"])
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(starts)), r["id"]
        lower = {r["id"][:-2]: r for r in recs if r["case"] == "lower"}
        for r in recs:
            if r["case"] == "as-is":
                low = lower[r["id"][:-2]]
                for s in r["spans"]:
                    assert (
                        r["text"][s["start"] : s["end"]].lower()
                        == low["text"][s["start"] : s["end"]]
                    )
        tmpl_sets[split] = {r["template"] for r in recs}
        with open(OUT_DIR / f"{split}.jsonl", "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        n_person = sum(1 for r in recs for s in r["spans"] if s["type"] == "PERSON")
        n_other = sum(1 for r in recs for s in r["spans"] if s["type"] != "PERSON")
        print(
            f"{split}: templates={len(tmpl_sets[split])} records={len(recs)} PERSON spans={n_person} other spans={n_other}"
        )
    assert not (tmpl_sets["dev"] & tmpl_sets["sealed"]), "template leak between splits"
    print(f"total templates={len(TEMPLATES)}; names-dataset {NAMES_DATASET_VERSION}; overlap=0")


if __name__ == "__main__":
    main()
