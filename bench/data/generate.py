# ruff: noqa: E501 - template and data lines are kept whole so they read as the prompts they are
"""Generate the labelled detection datasets in bench/data/ (dev-only; the JSONL files are committed).

Needs the dev-only generators, which are NOT runtime dependencies (presidio-evaluator pulls pandas
and transformers). Use a separate virtualenv so they do not change the runtime environment::

    python -m venv /tmp/genvenv
    /tmp/genvenv/bin/pip install presidio-evaluator deidgate faker
    /tmp/genvenv/bin/python bench/data/generate.py            # writes bench/data/*.jsonl

Each record: ``{"id", "set", "text", "spans": [{"start", "end", "type"}]}``. Offsets are into
``text``. presidio-evaluator runs are not bit-reproducible (it seeds Faker but also draws from
unseeded sources), which is why the output is committed rather than regenerated in CI.

The data was built before the detector was tuned on it: templates below are hand-written to look
like real prompts (clinical notes, config files, stack traces, shell history, chat questions), and
values come from Faker or a seeded random generator.
"""

from __future__ import annotations

import json
import random
import string
import sys
from pathlib import Path
from typing import Any

SEED = 20261124
OUT = Path(__file__).resolve().parent

Record = dict[str, Any]


def fill(
    template: str, values: dict[str, tuple[str, str | None]]
) -> tuple[str, list[dict[str, Any]]]:
    """Fill ``{slot}`` placeholders (``{{``/``}}`` are literal braces); values are (text, label)."""
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    i = 0
    while i < len(template):
        c = template[i]
        if template.startswith(("{{", "}}"), i):
            out.append(c)
            pos += 1
            i += 2
            continue
        if c != "{":
            out.append(c)
            pos += 1
            i += 1
            continue
        k = template.index("}", i)
        value, label = values[template[i + 1 : k]]
        if label is not None:
            spans.append({"start": pos, "end": pos + len(value), "type": label})
        out.append(value)
        pos += len(value)
        i = k + 1
    return "".join(out), spans


def write(name: str, records: list[Record]) -> None:
    path = OUT / name
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            text = r["text"]
            for s in r["spans"]:
                assert 0 <= s["start"] < s["end"] <= len(text), (name, r["id"])
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{name}: {len(records)} records, {sum(len(r['spans']) for r in records)} spans")


# --------------------------------------------------------------------------- generic PII


def gen_pii(n: int = 3000) -> list[Record]:
    from presidio_evaluator.data_generator import PresidioSentenceFaker

    faker = PresidioSentenceFaker("en_US", lower_case_ratio=0.0, random_seed=SEED)
    records = []
    for i, sample in enumerate(faker.generate_new_fake_sentences(n)):
        spans = [
            {"start": s.start_position, "end": s.end_position, "type": s.entity_type}
            for s in sorted(sample.spans, key=lambda s: s.start_position)
        ]
        records.append(
            {"id": f"pii-{i:05d}", "set": "pii", "text": sample.full_text, "spans": spans}
        )
    return records


# --------------------------------------------------------------------------- random tokens

rng = random.Random(SEED)
ALNUM = string.ascii_letters + string.digits
UPPER_NUM = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "_-"


def rand(chars: str, n: int) -> str:
    return "".join(rng.choice(chars) for _ in range(n))


def b64url_json(obj: dict[str, Any]) -> str:
    import base64

    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def jwt() -> str:
    header = b64url_json({"alg": "HS256", "typ": "JWT"})
    payload = b64url_json({"sub": str(rng.randint(10**6, 10**9)), "iat": rng.randint(1.6e9, 1.8e9)})
    return f"{header}.{payload}.{rand(URLSAFE, 43)}"


def pem(kind: str) -> str:
    body = "\n".join(rand(B64, 64) for _ in range(rng.randint(4, 8)))
    return f"-----BEGIN {kind}-----\n{body}\n{rand(B64, 20)}==\n-----END {kind}-----"


def password() -> str:
    words = ["Summer", "Tiger", "blue", "Horse", "rocket", "Delta", "maple", "Falcon"]
    return rng.choice(
        [
            rng.choice(words) + str(rng.randint(10, 9999)) + rng.choice("!#$%&*"),
            rand(ALNUM, rng.randint(12, 24)),
            rand(ALNUM + "!#%^*-_", rng.randint(14, 20)),
        ]
    )


# (type, generator of the secret value)
SECRET_FORMATS: dict[str, Any] = {
    "AWS_ACCESS_KEY_ID": lambda: "AKIA" + rand(string.ascii_uppercase + "234567", 16),
    "AWS_SECRET_ACCESS_KEY": lambda: rand(B64, 40),
    "GITHUB_PAT_CLASSIC": lambda: "ghp_" + rand(ALNUM, 36),
    "GITHUB_OAUTH": lambda: "gho_" + rand(ALNUM, 36),
    "GITHUB_FINE_GRAINED": lambda: "github_pat_" + rand(ALNUM, 22) + "_" + rand(ALNUM, 59),
    "GITLAB_PAT": lambda: "glpat-" + rand(URLSAFE, 20),
    "SLACK_BOT_TOKEN": lambda: (
        f"xoxb-{rng.randint(10**10, 10**11)}-{rng.randint(10**12, 10**13)}-{rand(ALNUM, 24)}"
    ),
    "SLACK_USER_TOKEN": lambda: (
        f"xoxp-{rng.randint(10**10, 10**11)}-{rng.randint(10**10, 10**11)}-{rng.randint(10**12, 10**13)}-{rand(HEX, 32)}"
    ),
    "SLACK_WEBHOOK": lambda: (
        f"https://hooks.slack.com/services/T{rand(UPPER_NUM, 8)}/B{rand(UPPER_NUM, 10)}/{rand(ALNUM, 24)}"
    ),
    "STRIPE_SECRET": lambda: "sk_live_" + rand(ALNUM, 24),
    "STRIPE_RESTRICTED": lambda: "rk_live_" + rand(ALNUM, 24),
    "OPENAI_KEY": lambda: "sk-" + rand(ALNUM, 48),
    "OPENAI_PROJECT_KEY": lambda: "sk-proj-" + rand(URLSAFE, 74) + "T3BlbkFJ" + rand(URLSAFE, 74),
    "ANTHROPIC_KEY": lambda: "sk-ant-api03-" + rand(URLSAFE, 93) + "AA",
    "GOOGLE_API_KEY": lambda: "AIza" + rand(URLSAFE, 35),
    "GCP_SERVICE_ACCOUNT_KEY": lambda: pem("PRIVATE KEY").replace("\n", "\\n"),
    "AZURE_STORAGE_KEY": lambda: rand(B64, 86) + "==",
    "TWILIO_API_KEY": lambda: "SK" + rand(HEX, 32),
    "TWILIO_AUTH_TOKEN": lambda: rand(HEX, 32),
    "SENDGRID_KEY": lambda: "SG." + rand(URLSAFE, 22) + "." + rand(URLSAFE, 43),
    "NPM_TOKEN": lambda: "npm_" + rand(ALNUM, 36),
    "PYPI_TOKEN": lambda: "pypi-AgEIcHlwaS5vcmc" + rand(URLSAFE, 60),
    "HUGGINGFACE_TOKEN": lambda: "hf_" + rand(string.ascii_letters, 34),
    "JWT": jwt,
    "RSA_PRIVATE_KEY": lambda: pem("RSA PRIVATE KEY"),
    "OPENSSH_PRIVATE_KEY": lambda: pem("OPENSSH PRIVATE KEY"),
    "PGP_PRIVATE_KEY": lambda: pem("PGP PRIVATE KEY BLOCK"),
    "DSN_PASSWORD": password,
    "URL_PASSWORD": password,
    "ENV_PASSWORD": password,
    "YAML_SECRET": password,
    "JSON_SECRET": password,
    "DATABRICKS_TOKEN": lambda: "dapi" + rand(HEX, 32),
    "DIGITALOCEAN_TOKEN": lambda: "dop_v1_" + rand(HEX, 64),
    "VAULT_TOKEN": lambda: "hvs." + rand(URLSAFE, 24),
    "DISCORD_BOT_TOKEN": lambda: (
        f"{rand(string.ascii_letters + string.digits, 24)}.{rand(URLSAFE, 6)}.{rand(URLSAFE, 38)}"
    ),
    "TELEGRAM_BOT_TOKEN": lambda: f"{rng.randint(10**8, 10**10)}:AA{rand(URLSAFE, 33)}",
    "MAILGUN_KEY": lambda: "key-" + rand(HEX, 32),
    "SHOPIFY_TOKEN": lambda: "shpat_" + rand(HEX, 32),
    "DOCKER_HUB_PAT": lambda: "dckr_pat_" + rand(URLSAFE, 27),
}

# Realistic surroundings per format. {s} is the secret.
SECRET_TEMPLATES: dict[str, list[str]] = {
    "AWS_ACCESS_KEY_ID": [
        "[default]\naws_access_key_id = {s}\nregion = eu-west-1\n\nWhy does boto3 say the token is invalid?",
        "$ export AWS_ACCESS_KEY_ID={s}\n$ aws s3 ls\nAn error occurred (AccessDenied). What IAM policy do I need?",
        'My terraform provider block has access_key = "{s}" and plan fails with 403, help',
    ],
    "AWS_SECRET_ACCESS_KEY": [
        "[prod]\naws_access_key_id = AKIA{pad}\naws_secret_access_key = {s}\n\nis this config right?",
        "docker run -e AWS_SECRET_ACCESS_KEY={s} myimage fails with SignatureDoesNotMatch",
        "s3 = boto3.client('s3', aws_secret_access_key='{s}')  # why is this slow?",
    ],
    "GITHUB_PAT_CLASSIC": [
        "git clone https://{s}@github.com/acme/infra.git gives 'repository not found', why?",
        "remote: Invalid username or password.\nI set GITHUB_TOKEN={s} in the workflow env, what's wrong?",
        "headers = {{'Authorization': 'token {s}'}}\nr = requests.get(url, headers=headers)  # 401?",
    ],
    "GITHUB_OAUTH": [
        "The callback returned access_token={s}&scope=repo&token_type=bearer, how do I store it?",
        "curl -H 'Authorization: Bearer {s}' https://api.github.com/user returns 401",
    ],
    "GITHUB_FINE_GRAINED": [
        "gh auth login --with-token <<< {s}\nerror: insufficient scopes. What scopes does a fine-grained PAT need?",
        "In .npmrc I have //npm.pkg.github.com/:_authToken={s} and install still fails",
    ],
    "GITLAB_PAT": [
        'curl --header "PRIVATE-TOKEN: {s}" https://gitlab.example.com/api/v4/projects returns []',
        "CI variable GITLAB_TOKEN={s} is not masked in the job log, how to fix?",
    ],
    "SLACK_BOT_TOKEN": [
        'slack_sdk.errors.SlackApiError: not_in_channel\nclient = WebClient(token="{s}")',
        "SLACK_BOT_TOKEN={s}\nSLACK_SIGNING_SECRET is set too. Bolt app won't start.",
    ],
    "SLACK_USER_TOKEN": [
        "I'm calling users.list with the user token {s} and only get 200 users, how do I paginate?",
    ],
    "SLACK_WEBHOOK": [
        "curl -X POST -H 'Content-type: application/json' --data '{{\"text\":\"deploy done\"}}' {s}\nreturns invalid_payload",
        "alertmanager.yml:\n  slack_configs:\n  - api_url: {s}\n    channel: '#alerts'",
    ],
    "STRIPE_SECRET": [
        'stripe.api_key = "{s}"\nstripe.Charge.create(amount=2000) -> InvalidRequestError, why?',
        'Traceback (most recent call last):\n  File "billing.py", line 12\nstripe.error.AuthenticationError: Invalid API Key provided: {s}',
    ],
    "STRIPE_RESTRICTED": [
        "Using restricted key {s} for read-only reporting, but balance endpoint says permission denied",
    ],
    "OPENAI_KEY": [
        'client = OpenAI(api_key="{s}")\nopenai.RateLimitError: 429 - how do I add retries?',
        "export OPENAI_API_KEY={s}\npython app.py  -> AuthenticationError",
    ],
    "OPENAI_PROJECT_KEY": [
        "My .env has OPENAI_API_KEY={s} but LangChain still reads the old key",
        "openai.AuthenticationError: Error code: 401 - Incorrect API key provided: {s}",
    ],
    "ANTHROPIC_KEY": [
        'anthropic.Anthropic(api_key="{s}").messages.create(...) gives overloaded_error 529',
        "ANTHROPIC_API_KEY={s} claude --print 'hi' hangs, any idea?",
    ],
    "GOOGLE_API_KEY": [
        "<script src=\"https://maps.googleapis.com/maps/api/js?key={s}&callback=initMap\"></script> shows 'For development purposes only'",
        "genai.configure(api_key='{s}') then model.generate_content fails with 400",
    ],
    "GCP_SERVICE_ACCOUNT_KEY": [
        '{{\n  "type": "service_account",\n  "project_id": "acme-prod-381",\n  "private_key_id": "3f2a9c",\n  "private_key": "{s}",\n  "client_email": "ci@acme-prod-381.iam.gserviceaccount.com"\n}}\nWhy does gcloud say invalid JWT signature?',
    ],
    "AZURE_STORAGE_KEY": [
        'conn = "DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey={s};EndpointSuffix=core.windows.net"\nBlobServiceClient.from_connection_string(conn) times out',
        "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=media01;AccountKey={s}",
    ],
    "TWILIO_API_KEY": [
        "client = Client('{s}', api_secret, account_sid) -> 20003 authenticate error",
    ],
    "TWILIO_AUTH_TOKEN": [
        "TWILIO_ACCOUNT_SID=AC{sid}\nTWILIO_AUTH_TOKEN={s}\nSMS not delivered to +1 555 0100, why?",
        'twilio_auth_token: "{s}" is in my settings.yaml, is that ok for production?',
    ],
    "SENDGRID_KEY": [
        "sg = SendGridAPIClient('{s}')\nresponse = sg.send(message)  # HTTP Error 403: Forbidden",
        "SENDGRID_API_KEY={s} in docker-compose, emails still not sent",
    ],
    "NPM_TOKEN": [
        "//registry.npmjs.org/:_authToken={s}\nnpm publish gives E403, what am I missing?",
    ],
    "PYPI_TOKEN": [
        "[pypi]\n  username = __token__\n  password = {s}\ntwine upload dist/* -> 403 Invalid or non-existent authentication",
        "uv publish --token {s} fails with 'File already exists'",
    ],
    "HUGGINGFACE_TOKEN": [
        "huggingface-cli login --token {s}\nthen from_pretrained says 401 for a gated repo",
        "HF_TOKEN={s} python train.py  # can't download llama weights",
    ],
    "JWT": [
        "Authorization: Bearer {s}\nThe API returns 'signature verification failed', what's wrong with my token?",
        "Decode this for me: {s}",
        "jwt.decode('{s}', key, algorithms=['HS256']) raises ExpiredSignatureError",
    ],
    "RSA_PRIVATE_KEY": [
        "ssh -i key.pem gives 'bad permissions'. The key file is:\n{s}\n",
        "Is this key in PKCS#1 format?\n{s}",
    ],
    "OPENSSH_PRIVATE_KEY": [
        "cat ~/.ssh/id_ed25519\n{s}\nWhy does ssh-add say invalid format?",
    ],
    "PGP_PRIVATE_KEY": [
        "gpg --import fails for this exported key:\n{s}\n",
    ],
    "DSN_PASSWORD": [
        "sqlalchemy.exc.OperationalError: connection to server failed. DATABASE_URL=postgresql://app_user:{s}@db.internal:5432/orders",
        "engine = create_engine('mysql+pymysql://admin:{s}@10.0.3.12/crm')  # too many connections",
        "MONGO_URI=mongodb+srv://svc:{s}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true",
    ],
    "URL_PASSWORD": [
        "pip install --index-url https://deploy:{s}@pkgs.acme.example/simple mylib fails with SSL error",
        "redis.from_url('redis://default:{s}@cache.acme.example:6379/0') hangs",
        "amqp://guest:{s}@rabbit.internal:5672/ refused connection",
    ],
    "ENV_PASSWORD": [
        "My .env file:\nDB_HOST=localhost\nDB_USER=postgres\nDB_PASSWORD={s}\nDEBUG=false\n\nDjango can't connect.",
        "$ history | tail -3\n  501  export PGPASSWORD={s}\n  502  psql -h prod-db -U admin\n  503  exit",
        "SMTP_PASSWORD={s}\nSMTP_HOST=smtp.mailgun.org\nnodemailer throws EAUTH",
    ],
    "YAML_SECRET": [
        "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app\n    password: {s}\nBoot fails with FATAL: password authentication failed",
        "database:\n  user: svc_reporting\n  secret: {s}\n  pool: 5\nIs this the right key for the helm chart?",
    ],
    "JSON_SECRET": [
        'config.json:\n{{\n  "host": "mail.acme.example",\n  "user": "noreply",\n  "password": "{s}"\n}}\nnodemailer says invalid login',
        '{{"client_id": "web-app", "client_secret": "{s}", "grant_type": "client_credentials"}} returns invalid_client',
    ],
    "DATABRICKS_TOKEN": [
        "databricks configure --token\nHost: https://adb-123.azuredatabricks.net\nToken: {s}\nThen jobs list says 403",
        "DATABRICKS_TOKEN={s} dbx deploy hangs",
    ],
    "DIGITALOCEAN_TOKEN": [
        "doctl auth init -t {s}\nError: Unable to use default context",
        'provider "digitalocean" {{ token = "{s}" }}  # terraform 401',
    ],
    "VAULT_TOKEN": [
        "export VAULT_TOKEN={s}\nvault kv get secret/app -> permission denied",
        "X-Vault-Token: {s} gives 403 on /v1/sys/mounts",
    ],
    "DISCORD_BOT_TOKEN": [
        "client.run('{s}')\ndiscord.errors.LoginFailure: Improper token has been passed.",
        "DISCORD_TOKEN={s} in .env but the bot is offline",
    ],
    "TELEGRAM_BOT_TOKEN": [
        'bot = telebot.TeleBot("{s}")\nbot.polling() -> 409 Conflict',
        "curl https://api.telegram.org/bot{s}/getUpdates returns empty result",
    ],
    "MAILGUN_KEY": [
        "requests.post(url, auth=('api', '{s}'), data=...) returns Forbidden",
    ],
    "SHOPIFY_TOKEN": [
        "X-Shopify-Access-Token: {s} and GraphQL says access denied for orders",
    ],
    "DOCKER_HUB_PAT": [
        "echo {s} | docker login -u acmeci --password-stdin\nError: unauthorized",
    ],
}


def gen_secrets(per_format: int = 10) -> list[Record]:
    records = []
    for etype, make in SECRET_FORMATS.items():
        templates = SECRET_TEMPLATES[etype]
        for i in range(per_format):
            template = templates[i % len(templates)]
            values = {
                "s": (make(), etype),
                "pad": (rand(string.ascii_uppercase + "234567", 16), None),
                "sid": (rand(HEX, 32), None),
            }
            text, spans = fill(template, values)
            records.append(
                {
                    "id": f"secret-{etype.lower()}-{i}",
                    "set": "secrets",
                    "text": text,
                    "spans": spans,
                }
            )
    return records


# --------------------------------------------------------------------------- PHI notes


def gen_phi(n: int = 300) -> list[Record]:
    from faker import Faker

    fk = Faker("en_US")
    fk.seed_instance(SEED)
    meds = [
        "metformin 1000 mg",
        "lisinopril 20 mg",
        "atorvastatin 40 mg",
        "apixaban 5 mg",
        "levothyroxine 75 mcg",
        "sertraline 50 mg",
        "furosemide 40 mg",
        "insulin glargine 22 units",
        "amlodipine 10 mg",
        "gabapentin 300 mg",
        "tamsulosin 0.4 mg",
        "prednisone 10 mg",
    ]
    dx = [
        ("type 2 diabetes mellitus", "E11.9"),
        ("essential hypertension", "I10"),
        ("congestive heart failure", "I50.9"),
        ("COPD", "J44.9"),
        ("major depressive disorder", "F32.9"),
        ("atrial fibrillation", "I48.91"),
        ("chronic kidney disease stage 3", "N18.30"),
        ("community-acquired pneumonia", "J18.9"),
        ("hypothyroidism", "E03.9"),
        ("osteoarthritis of the knee", "M17.11"),
    ]
    procs = [
        "laparoscopic cholecystectomy",
        "cardiac catheterization",
        "colonoscopy with polypectomy",
        "total knee arthroplasty",
        "MRI of the lumbar spine",
        "echocardiogram",
    ]
    templates = [
        # progress note
        "PROGRESS NOTE\nPatient: {name}   MRN: {mrn}   DOB: {dob}\nDate of service: {date}\n"
        "S: {first} reports improved breathing since last visit. Age {age}.\n"
        "A/P: {dx} ({icd}). Continue {med}. Follow up in 4 weeks.\nSigned, Dr. {doctor}",
        # discharge summary
        "DISCHARGE SUMMARY\nName: {name}\nMedical record number: {mrn}\nAdmitted: {date}  Discharged: {date2}\n"
        "Address: {street}, {city}, {state_abbr} {zip}\nPhone: {phone}   Fax: {fax}\n"
        "Diagnosis: {dx}, ICD-10 {icd}. Procedure: {proc}.\nDischarge medications: {med}.\n"
        "Insurance member ID: {plan}",
        # referral letter
        "Dear Dr. {doctor},\n\nI am referring {name} (DOB {dob}, SSN {ssn}) for evaluation of {dx}. "
        "{first} lives at {street}, {city}, {state_abbr} {zip} and can be reached at {phone} or {email}. "
        "Current medications include {med}. Health plan ID {plan}; billing account {account}.\n\n"
        "Sincerely,\nDr. {doctor2}, NPI license {license}",
        # ED note with vehicle/device/IP/URL
        "ED triage {date}: {age}-year-old brought in after a collision, vehicle plate {plate}, VIN {vin}. "
        "Patient {name}, MRN {mrn}. Insulin pump serial {device} uploaded to {url} from IP {ip}. "
        "Working dx {dx} ({icd}).",
        # nurse message, prose style
        "Can you summarize this for the handoff? {name} (chart #{mrn}) was seen on {date} for {dx}. "
        "Her daughter called from {phone}. She is on {med} and had a {proc} at {hospital} last month. "
        "Fingerprint enrollment id {bio}; study participant code {other}.",
        # lab follow-up
        "Lab follow-up for {name}, born {dob}, patient ID {mrn}. HbA1c 8.9% on {date}. "
        "Plan: increase {med}. Email results to {email}. Medicare ID {mbi}.",
    ]
    records = []
    for i in range(n):
        first = fk.first_name()
        last = fk.last_name()
        name = f"{first} {last}" if rng.random() < 0.7 else f"{first} {fk.last_name()[0]}. {last}"
        d, icd = rng.choice(dx)
        date_fmt = rng.choice(["%m/%d/%Y", "%B %d, %Y", "%Y-%m-%d", "%d %b %Y"])
        age = str(rng.randint(90, 104)) if rng.random() < 0.4 else str(rng.randint(25, 88))
        values: dict[str, tuple[str, str | None]] = {
            "name": (name, "PERSON"),
            "first": (first, "PERSON"),
            "doctor": (fk.last_name(), "PERSON"),
            "doctor2": (f"{fk.first_name()} {fk.last_name()}", "PERSON"),
            "mrn": (
                rng.choice(
                    [
                        str(rng.randint(10**6, 10**9)),
                        f"MR{rng.randint(10**5, 10**7)}",
                        f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                    ]
                ),
                "MEDICAL_RECORD_NUMBER",
            ),
            "dob": (
                fk.date_of_birth(minimum_age=20, maximum_age=99).strftime(date_fmt),
                "DATE_OF_BIRTH",
            ),
            "date": (fk.date_between("-2y", "today").strftime(date_fmt), "DATE"),
            "date2": (fk.date_between("-1y", "today").strftime(date_fmt), "DATE"),
            "age": (age, "AGE_OVER_89" if int(age) > 89 else None),
            "dx": (d, "DIAGNOSIS"),
            "icd": (icd, "DIAGNOSIS"),
            "med": (rng.choice(meds), "MEDICATION"),
            "proc": (rng.choice(procs), None),
            "street": (fk.street_address(), "STREET_ADDRESS"),
            "city": (fk.city(), "LOCATION"),
            "state_abbr": (fk.state_abbr(), None),
            "zip": (fk.zipcode(), "ZIP_CODE"),
            "phone": (fk.phone_number(), "PHONE_NUMBER"),
            "fax": (fk.phone_number(), "PHONE_NUMBER"),
            "email": (fk.email(), "EMAIL_ADDRESS"),
            "ssn": (fk.ssn(), "US_SSN"),
            "plan": (
                rng.choice(
                    [
                        f"{rand(string.ascii_uppercase, 3)}{rng.randint(10**8, 10**9)}",
                        f"W{rng.randint(10**7, 10**8)}-{rng.randint(10, 99)}",
                    ]
                ),
                "HEALTH_PLAN_ID",
            ),
            "account": (str(rng.randint(10**9, 10**11)), "ACCOUNT_NUMBER"),
            "license": (str(rng.randint(10**9, 2 * 10**9)), "LICENSE_NUMBER"),
            "plate": (fk.license_plate(), "VEHICLE_ID"),
            "vin": (fk.vin(), "VEHICLE_ID"),
            "device": (
                f"{rand(string.ascii_uppercase, 2)}{rng.randint(10**6, 10**8)}",
                "DEVICE_ID",
            ),
            "url": (
                f"https://portal.{fk.domain_name()}/patients/{rng.randint(1000, 99999)}",
                "URL",
            ),
            "ip": (fk.ipv4_private() if rng.random() < 0.5 else fk.ipv4_public(), "IP_ADDRESS"),
            "hospital": (f"{fk.city()} General Hospital", None),
            "bio": (f"FP-{rng.randint(10**5, 10**7)}", "BIOMETRIC_ID"),
            "other": (f"{rand(string.ascii_uppercase, 4)}-{rng.randint(1000, 9999)}", "OTHER_ID"),
            "mbi": (
                f"{rng.randint(1, 9)}{rng.choice('ACDEFGHJKMNPQRTUVWXY')}{rng.choice('ACDEFGHJKMNPQRTUVWXY0123456789')}{rng.randint(0, 9)}"
                f"{rng.choice('ACDEFGHJKMNPQRTUVWXY')}{rng.choice('ACDEFGHJKMNPQRTUVWXY0123456789')}{rng.randint(0, 9)}"
                f"{rng.choice('ACDEFGHJKMNPQRTUVWXY')}{rng.choice('ACDEFGHJKMNPQRTUVWXY')}{rng.randint(10, 99)}",
                "HEALTH_PLAN_ID",
            ),
        }
        text, spans = fill(templates[i % len(templates)], values)
        records.append({"id": f"phi-{i:04d}", "set": "phi", "text": text, "spans": spans})

    import deidgate

    mapping = {
        "name": "PERSON",
        "geo": "LOCATION",
        "date": "DATE",
        "phone": "PHONE_NUMBER",
        "fax": "PHONE_NUMBER",
        "email": "EMAIL_ADDRESS",
        "ssn": "US_SSN",
        "mrn": "MEDICAL_RECORD_NUMBER",
        "health_plan": "HEALTH_PLAN_ID",
        "account": "ACCOUNT_NUMBER",
        "license": "LICENSE_NUMBER",
        "vehicle": "VEHICLE_ID",
        "device": "DEVICE_ID",
        "url": "URL",
        "ip": "IP_ADDRESS",
        "biometric": "BIOMETRIC_ID",
        "photo": "PHOTO_ID",
        "other": "OTHER_ID",
    }
    for sample in deidgate.load_corpus():
        text = sample["text"]
        spans = []
        for p in sample["phi"]:
            start = text.find(p["value"])
            while start >= 0 and any(s["start"] == start for s in spans):
                start = text.find(p["value"], start + 1)
            spans.append(
                {"start": start, "end": start + len(p["value"]), "type": mapping[p["category"]]}
            )
        records.append(
            {"id": f"deidgate-{sample['id']}", "set": "phi", "text": text, "spans": spans}
        )
    return records


# --------------------------------------------------------------------------- benign prompts

BENIGN_HANDWRITTEN = [
    "How do I reverse a list in Python without making a copy?",
    "What's the difference between a process and a thread in Linux?",
    "Write a Rust function using Tokio and Serde that fetches JSON from an API and retries on 503.",
    "Why does useEffect run twice in development with React StrictMode?",
    "Explain Big-O of quicksort vs merge sort, with worst cases.",
    "How do I hash a password with bcrypt in Node.js?",
    "What is the best way to store API keys in a Django project?",
    "Set PASSWORD=${DB_PASSWORD} in the .env template, never the real value. Is that a good practice?",
    "Connect with postgres://user:password@localhost:5432/db as shown in the tutorial, but it says role does not exist.",
    "In Kubernetes, how do I mount a Secret as an environment variable?",
    "How does OAuth2's client credentials flow work?",
    "My GitHub Actions workflow uses ${{ secrets.NPM_TOKEN }}; why is it empty on forks?",
    "Solve for x: 3x + 7 = 22.",
    "What is the integral of x^2 * e^x dx?",
    "Prove that the square root of 2 is irrational.",
    "A train leaves Chicago at 3 pm going 60 mph; another leaves St. Louis at 4 pm going 75 mph. When do they meet if the cities are 300 miles apart?",
    "Summarize the causes of World War I in three bullet points.",
    "Write a haiku about autumn in Kyoto.",
    "Help me rewrite this sentence to sound more formal: we gotta ship the thing by friday.",
    "Draft a polite email declining a meeting invitation next Tuesday.",
    "What are the common side effects of metformin?",
    "Explain how insulin resistance leads to type 2 diabetes.",
    "What is the recommended adult dose of ibuprofen for a headache?",
    "Compare Apple and Microsoft's revenue growth over the last five years.",
    "Write a product description for our new noise-cancelling headphones, the Aurora X2.",
    "What were Tesla's main announcements at the 2024 shareholder meeting?",
    "Plan a 3-day itinerary for Lisbon in May.",
    "Is Toronto or Vancouver better for a tech startup in 2025?",
    "Translate 'good morning, how are you?' into Spanish and German.",
    "What is the capital of Australia, and why isn't it Sydney?",
    "How many days are there between March 3, 2024 and July 19, 2024?",
    "Give me a SQL query for the top 5 customers by total order value in 2023.",
    "What's a good regex for validating an email address, and why is it hard?",
    "How does Luhn's algorithm validate credit card numbers?",
    "Generate 10 fake test credit card numbers format examples for Stripe test mode, like 4242 4242 4242 4242.",
    "What does HTTP 429 mean and how should a client back off?",
    "Explain the CAP theorem using Cassandra and PostgreSQL as examples.",
    "Why is my Docker image 2 GB? It's based on python:3.11.",
    "How do I set up SSH keys for GitHub on macOS?",
    "Write a cover letter for a data analyst role at Spotify.",
    "Summarize the plot of Pride and Prejudice in 100 words.",
    "Who wrote One Hundred Years of Solitude and what is magical realism?",
    "What's the difference between Amazon S3 Standard and Glacier pricing?",
    "Write unit tests for a function that parses ISO 8601 dates.",
    "Explain what a JWT is and why you shouldn't put secrets in its payload.",
    "How do I rotate an AWS access key safely?",
    "What's the token limit of GPT-4o and Claude 3.5 Sonnet?",
    "Our Q3 revenue was $4.2M, up 12% from Q2. Write a short summary for the board.",
    "Create a weekly meal plan for a vegetarian athlete.",
    "What are the symptoms of atrial fibrillation?",
    "How do I configure nginx as a reverse proxy for a Flask app on port 5000?",
    "Explain the Monty Hall problem with a simulation in Python.",
    "Write a limerick about a cat named Whiskers who loves lasagna.",
    "What's the best way to learn Japanese as an adult?",
    "Convert 72 degrees Fahrenheit to Celsius.",
    "Explain Kafka consumer groups and partition rebalancing.",
    "My Jest tests pass locally but fail in CI with a timezone error. Why?",
    "Write a bash one-liner to find the 10 largest files in a directory.",
    "How does Git rebase differ from merge? When should I use each?",
    "What did the Federal Reserve announce in its September meeting?",
]

BENIGN_TEMPLATES = [
    "Write a {tone} LinkedIn post announcing that {company} is opening an office in {city}.",
    "Compare {product} and {product2} for a small team; which has better pricing?",
    "What are the main risks of migrating from {tech} to {tech2} in a {size} codebase?",
    "Summarize {company}'s earnings call from {date} in five bullet points.",
    "Plan a team offsite in {city} on {date} for 25 people with a budget of ${budget}.",
    "How do I {task} in {tech}?",
    "Explain {concept} to a {audience}.",
    "Draft an agenda for our quarterly review with {company} on {date}.",
    "Is {city} a good place to host a {event} in {month}?",
    "Write a short press release: {company} partners with {company2} to launch {product}.",
    "Why does my {tech} app crash with '{error}' after upgrading to version {version}?",
    "What is {a} times {b}, and how would I do it in my head?",
    "Give me a {tone} product description for {product} aimed at {audience}s.",
    "Our {team} team at {company} wants to adopt {tech}. What should the rollout plan look like?",
    "Translate our tagline '{tagline}' into French and Italian.",
    "How did {company}'s stock react to the {month} {year} product launch?",
]
SLOTS: dict[str, list[str]] = {
    "tone": ["friendly", "formal", "upbeat", "concise", "playful"],
    "company": [
        "Acme Corp",
        "Globex",
        "Initech",
        "Stripe",
        "Shopify",
        "Siemens",
        "Nestlé",
        "Airbus",
        "Salesforce",
        "Atlassian",
        "Zendesk",
        "HubSpot",
        "Datadog",
        "Snowflake",
        "Canva",
    ],
    "company2": ["Microsoft", "Google", "Oracle", "SAP", "IBM", "Accenture", "Deloitte", "Cisco"],
    "city": [
        "Berlin",
        "Austin",
        "Singapore",
        "São Paulo",
        "Dublin",
        "Toronto",
        "Nairobi",
        "Osaka",
        "Denver",
        "Lyon",
        "Melbourne",
        "Warsaw",
        "Chicago",
        "Jordan",
        "Paris",
        "Phoenix",
    ],
    "product": [
        "Notion",
        "Jira",
        "Linear",
        "Asana",
        "Trello",
        "Figma",
        "Slack",
        "Zoom",
        "Airtable",
    ],
    "product2": ["Confluence", "ClickUp", "Monday.com", "Basecamp", "Teams", "Miro", "Smartsheet"],
    "tech": [
        "Django",
        "Spring Boot",
        "Next.js",
        "Rails",
        "FastAPI",
        "Flutter",
        "Kotlin",
        "Vue",
        "Terraform",
        "Kubernetes",
        "PostgreSQL",
        "Redis",
        "Go",
        "Rust",
        "Elixir",
    ],
    "tech2": ["microservices", "Laravel", "Svelte", "Deno", "DynamoDB", "Pulumi", "Nomad", "Scala"],
    "size": ["small", "legacy", "monorepo", "200k-line"],
    "date": [
        "March 14, 2024",
        "next Friday",
        "Q3 2023",
        "2024-11-05",
        "June 2nd",
        "the 21st of October",
    ],
    "budget": ["5,000", "12,500", "40,000"],
    "task": [
        "paginate a query",
        "read a CSV file",
        "debounce an input",
        "stream a large file",
        "write a custom middleware",
        "parse command-line arguments",
        "add retries with backoff",
    ],
    "concept": [
        "compound interest",
        "photosynthesis",
        "public-key cryptography",
        "the Fourier transform",
        "inflation",
        "recursion",
        "the Krebs cycle",
        "supply and demand",
        "gradient descent",
    ],
    "audience": ["10-year-old", "new manager", "first-year student", "retiree", "developer"],
    "event": ["conference", "hackathon", "wedding", "product launch", "trade show"],
    "month": ["January", "April", "July", "October", "December"],
    "year": ["2021", "2022", "2023", "2024"],
    "error": [
        "Segmentation fault",
        "ECONNRESET",
        "NullPointerException",
        "out of memory",
        "ModuleNotFoundError: No module named 'yaml'",
        "CORS policy blocked",
    ],
    "version": ["3.2.1", "18.0", "5.0-beta", "2.11"],
    "a": ["17", "23", "48", "125"],
    "b": ["19", "36", "72", "8"],
    "team": ["data", "platform", "marketing", "finance", "support"],
    "tagline": ["Build faster together", "Your data, your rules", "Coffee that keeps up"],
}


def gen_benign(n_templated: int = 560) -> list[Record]:
    records = [
        {"id": f"benign-hand-{i:03d}", "set": "benign", "text": t, "spans": []}
        for i, t in enumerate(BENIGN_HANDWRITTEN)
    ]
    seen = set(BENIGN_HANDWRITTEN)
    i = 0
    while i < n_templated:
        template = rng.choice(BENIGN_TEMPLATES)
        text = template.format(**{k: rng.choice(v) for k, v in SLOTS.items()})
        if text in seen:
            continue
        seen.add(text)
        records.append({"id": f"benign-tpl-{i:03d}", "set": "benign", "text": text, "spans": []})
        i += 1
    return records


# --------------------------------------------------------------------------- evasion

ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def _zero_width(v: str) -> str:
    return "".join(c + (rng.choice(ZW) if rng.random() < 0.3 else "") for c in v[:-1]) + v[-1]


def _fullwidth(v: str) -> str:
    return "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and (c.isdigit() or rng.random() < 0.5) else c
        for c in v
    )


def _spaced(v: str) -> str:
    return " ".join(v)


def _dashed(v: str) -> str:
    return "-".join(v[i : i + 2] for i in range(0, len(v), 2))


def _linebreak(v: str) -> str:
    k = rng.randint(len(v) // 3, 2 * len(v) // 3)
    return v[:k] + "\n" + v[k:]


def _urlencode(v: str) -> str:
    return "".join(f"%{ord(c):02X}" if c.isalnum() and rng.random() < 0.5 else c for c in v)


EVASIONS = {
    "zero_width": _zero_width,
    "fullwidth": _fullwidth,
    "spaced_digits": _spaced,
    "dashed_digits": _dashed,
    "line_break": _linebreak,
    "url_encoded": _urlencode,
}


def gen_evasion() -> list[Record]:
    from faker import Faker

    fk = Faker("en_US")
    fk.seed_instance(SEED + 1)
    digit_values = {
        "US_SSN": lambda: fk.ssn().replace("-", ""),
        "CREDIT_CARD": lambda: fk.credit_card_number(
            card_type=rng.choice(["visa", "mastercard", "amex"])
        ),
        "PHONE_NUMBER": lambda: (
            f"{rng.randint(201, 989)}{rng.randint(200, 999)}{rng.randint(1000, 9999)}"
        ),
    }
    token_values = {
        "AWS_ACCESS_KEY_ID": SECRET_FORMATS["AWS_ACCESS_KEY_ID"],
        "GITHUB_PAT_CLASSIC": SECRET_FORMATS["GITHUB_PAT_CLASSIC"],
        "OPENAI_PROJECT_KEY": SECRET_FORMATS["OPENAI_PROJECT_KEY"],
        "STRIPE_SECRET": SECRET_FORMATS["STRIPE_SECRET"],
        "SLACK_BOT_TOKEN": SECRET_FORMATS["SLACK_BOT_TOKEN"],
        "EMAIL_ADDRESS": fk.email,
    }
    templates = {
        "US_SSN": "My social security number is {s}, can you check my tax form?",
        "CREDIT_CARD": "Please charge the card {s} for the annual plan.",
        "PHONE_NUMBER": "Text me at {s} when the order ships.",
        "AWS_ACCESS_KEY_ID": "the deploy log printed {s} before failing, why?",
        "GITHUB_PAT_CLASSIC": "use this token to push: {s}",
        "OPENAI_PROJECT_KEY": "client = OpenAI(api_key='{s}')",
        "STRIPE_SECRET": "stripe key is {s} (don't tell anyone)",
        "SLACK_BOT_TOKEN": "bot token {s} stopped working",
        "EMAIL_ADDRESS": "forward the invoice to {s} please",
    }
    records = []
    for etype, make in {**digit_values, **token_values}.items():
        evasions = (
            list(EVASIONS)
            if etype in digit_values
            else ["zero_width", "fullwidth", "line_break", "url_encoded"]
        )
        for ev in evasions:
            for i in range(6):
                value = EVASIONS[ev](make())
                text, spans = fill(templates[etype], {"s": (value, etype)})
                records.append(
                    {
                        "id": f"evasion-{ev}-{etype.lower()}-{i}",
                        "set": "evasion",
                        "evasion": ev,
                        "text": text,
                        "spans": spans,
                    }
                )
    # lower-case names
    name_templates = [
        "can you write a thank-you note to {s} for the flowers",
        "remind me to call {s} tomorrow about the lease",
        "what should i get {s} for her birthday",
    ]
    for i in range(30):
        name = f"{fk.first_name()} {fk.last_name()}".lower()
        text, spans = fill(name_templates[i % 3], {"s": (name, "PERSON")})
        records.append(
            {
                "id": f"evasion-lowercase-person-{i}",
                "set": "evasion",
                "evasion": "lower_case_name",
                "text": text,
                "spans": spans,
            }
        )
    return records


def main() -> None:
    which = set(sys.argv[1:]) or {"pii", "phi", "secrets", "benign", "evasion"}
    if "pii" in which:
        write("pii.jsonl", gen_pii())
    if "phi" in which:
        write("phi.jsonl", gen_phi())
    if "secrets" in which:
        write("secrets.jsonl", gen_secrets())
    if "benign" in which:
        write("benign.jsonl", gen_benign())
    if "evasion" in which:
        write("evasion.jsonl", gen_evasion())


if __name__ == "__main__":
    main()


# The runtime name lexicon is built by scripts/data/build_lexicon.py (it keeps
# accents and covers every Faker locale); this script only generates labelled data.
