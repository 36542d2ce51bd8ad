# ruff: noqa: E501 - prompts are kept whole; random is for test data
"""Prompt contexts for the secrets evaluation (see generate.py).

``open`` and ``sealed`` share no template: different file formats, tools, languages and wording.
Slots: ``{key}`` (a variable name in a random style), ``{KEY}``, ``{Key}``, ``{provider}``,
``{user}``, ``{host}``, ``{email}``, ``{n}``; the secret is ``{v}`` (or ``{b64}``, the base64 of
``user:{v}`` for HTTP Basic auth).
"""

from __future__ import annotations

import random
from collections.abc import Callable

SECRET_CONTEXTS: dict[str, list[tuple[str, str]]] = {
    "open": [
        (
            "dotenv",
            "# .env for local dev\nDEBUG=true\n{KEY}={v}\nPORT=8080\n\nthe app still says unauthorized, what am I missing?",
        ),
        (
            "shell_export",
            '$ export {KEY}={v}\n$ python sync.py\nTraceback (most recent call last):\n  File "sync.py", line 12\nPermissionError: 403',
        ),
        (
            "yaml_config",
            "Here's my config.yml:\n\nservice:\n  name: billing\n  {key}: \"{v}\"\n  timeout: 30\n\nWhy isn't the timeout applied?",
        ),
        (
            "json_config",
            '{{\n  "region": "eu-west-1",\n  "{key}": "{v}",\n  "retries": 3\n}}\nCan you convert this JSON to TOML?',
        ),
        (
            "python_code",
            'import requests\n\n{key} = "{v}"\nresp = requests.get("https://api.{host}/v1/items", headers={{"X-Key": {key}}})\nprint(resp.status_code)  # prints 401, why?',
        ),
        (
            "js_object",
            "const client = new Client({{\n  baseUrl: 'https://{host}',\n  {key}: '{v}',\n}});\n// TypeError: client.list is not a function",
        ),
        (
            "curl_bearer",
            'curl -s -H "Authorization: Bearer {v}" https://api.{host}/v2/me | jq .\nreturns {{"error":"invalid_token"}} - any idea?',
        ),
        (
            "curl_user",
            "running `curl -u {user}:{v} https://{host}/api/health` gives 401 but the browser login works",
        ),
        (
            "k8s_secret",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {provider}-creds\ntype: Opaque\nstringData:\n  {key}: {v}\n---\nthe pod can't read it, is the mount path wrong?",
        ),
        (
            "jenkins_xml",
            "<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <scope>GLOBAL</scope>\n  <id>{provider}-deploy</id>\n  <username>{user}</username>\n  <password>{v}</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\nhow do I migrate this to a folder-scoped credential?",
        ),
        (
            "docker_run",
            "docker run -d --name worker -e {KEY}={v} -e LOG_LEVEL=info myorg/worker:1.4\nthe container exits with code 1 right away",
        ),
        (
            "log_line",
            "2026-11-02 10:14:03,221 [DEBUG] Using {KEY}={v} for outbound calls\n2026-11-02 10:14:03,402 [ERROR] upstream returned 403\nWhat does this log mean?",
        ),
        (
            "prose_is",
            "the {provider} API key is {v} but every call fails with 'forbidden', do I need to enable something in the console?",
        ),
        (
            "prose_login",
            "I can login with user {user} and password {v} on the web UI but the CLI says bad credentials",
        ),
        (
            "aws_configure",
            "$ aws configure set aws_secret_access_key {v}\n$ aws sts get-caller-identity\nAn error occurred (SignatureDoesNotMatch)",
        ),
        (
            "conn_string",
            "DATABASE_URL=postgres://{user}:{v}@db.{host}:5432/app\nsqlalchemy keeps saying password authentication failed",
        ),
        (
            "ini_file",
            "[{provider}]\nendpoint = https://{host}\n{key} = {v}\n\nconfigparser returns an empty section, why?",
        ),
        (
            "appconfig_xml",
            '<appSettings>\n  <add key="{Key}" value="{v}" />\n  <add key="Environment" value="Staging" />\n</appSettings>\nhow do I read this from .NET 8?',
        ),
        (
            "terraform",
            'provider "{provider}" {{\n  {key} = "{v}"\n  region  = "us-east-1"\n}}\n\nterraform plan: Error: invalid provider configuration',
        ),
        (
            "go_const",
            'package main\n\nconst {key} = "{v}"\n\nfunc main() {{ client := NewClient({key}); _ = client }}\n// how do I load this from env instead?',
        ),
        (
            "nuget_config",
            '<packageSourceCredentials>\n  <internal>\n    <add key="Username" value="{user}" />\n    <add key="ClearTextPassword" value="{v}" />\n  </internal>\n</packageSourceCredentials>\nrestore fails with 401',
        ),
        (
            "http_basic",
            "GET /api/v1/orders HTTP/1.1\nHost: {host}\nAuthorization: Basic {b64}\nAccept: */*\n\nserver answers 401, is the header malformed?",
        ),
        (
            "cli_flag",
            "I run `./deploy.sh --env prod --token {v} --verbose` and it hangs after 'uploading'",
        ),
        (
            "chat_dash",
            "svc token - '{v}' (expires friday), can you write a python snippet that refreshes it?",
        ),
        (
            "java_properties",
            "# application.properties\nspring.datasource.url=jdbc:mysql://{host}:3306/shop\nspring.datasource.username={user}\nspring.datasource.password={v}\n\nHikariPool-1 - Exception during pool initialization",
        ),
        (
            "dockerfile_env",
            "FROM python:3.12-slim\nENV {KEY} {v}\nCOPY . /app\nRUN pip install -r requirements.txt\n# is ENV ok for this?",
        ),
        (
            "keyword_no_sep",
            "use the api key {v} for the staging tenant and tell me why the webhook signature check fails",
        ),
        (
            "github_issue",
            "Steps to reproduce:\n1. set `{key}` to `{v}`\n2. run `make test`\n3. see `AuthError: token rejected`",
        ),
    ],
    "sealed": [
        (
            "gh_actions",
            "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      {KEY}: {v}\n    steps:\n      - run: ./scripts/release.sh\nthe job can't authenticate to the registry",
        ),
        (
            "powershell",
            'PS C:\\> $env:{KEY} = "{v}"\nPS C:\\> .\\Sync-Blobs.ps1\nSync-Blobs.ps1 : The remote server returned an error: (401) Unauthorized.',
        ),
        (
            "powershell_securestring",
            "$pw = ConvertTo-SecureString \"{v}\" -AsPlainText -Force\n$cred = New-Object System.Management.Automation.PSCredential ('{user}', $pw)\nInvoke-Command -ComputerName srv01 -Credential $cred  # access denied",
        ),
        (
            "ruby_env",
            "# config/initializers/{provider}.rb\nENV['{KEY}'] ||= '{v}'\n{Key}Client.configure {{ |c| c.timeout = 5 }}\nrspec fails only on CI",
        ),
        (
            "php_define",
            "<?php\ndefine('{KEY}', '{v}');\n$client = new ApiClient({KEY});\n// Fatal error: Uncaught Exception: 401",
        ),
        (
            "csharp_credential",
            'var handler = new HttpClientHandler {{ Credentials = new NetworkCredential("{user}", "{v}") }};\n// why does this still send anonymous requests?',
        ),
        (
            "java_field",
            'public class {Key}Config {{\n    private static final String {KEY} = "{v}";\n}}\nSonar flags this class, what\'s the proper fix?',
        ),
        (
            "mysql_cli",
            "mysql -h db.{host} -u {user} -p'{v}' orders < dump.sql\nERROR 1045 (28000): Access denied for user",
        ),
        (
            "git_remote",
            "git remote set-url origin https://{user}:{v}@git.{host}/team/app.git\ngit push\nremote: HTTP Basic: Access denied",
        ),
        (
            "error_message",
            "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.{host}/v3/sync?{key}={v}",
        ),
        (
            "chat_handoff",
            "hey, here's the staging {provider} credential for the migration: {v} - please rotate it once you're done. Can you draft the runbook?",
        ),
        (
            "toml_config",
            '[tool.{provider}]\nbase_url = "https://{host}"\n{key} = "{v}"\nretries = 5\n# poetry install ignores this section?',
        ),
        (
            "helm_values",
            "global:\n  image:\n    tag: 2.3.1\n  {provider}:\n    enabled: true\n    {key}: {v}\n\nhelm upgrade says the value is nil",
        ),
        (
            "sql_user",
            "CREATE USER {user} IDENTIFIED BY '{v}';\nGRANT SELECT ON reports.* TO {user};\n-- Oracle says ORA-01031, why?",
        ),
        (
            "compose_list",
            "services:\n  api:\n    image: ghcr.io/acme/api:latest\n    environment:\n      - {KEY}={v}\n      - TZ=UTC\ncompose up: api exited with code 3",
        ),
        (
            "npmrc",
            "//registry.npmjs.org/:_authToken={v}\n@acme:registry=https://npm.{host}/\nnpm ERR! code E401",
        ),
        (
            "raw_header",
            'POST /v1/events HTTP/2\nhost: ingest.{host}\nx-api-key: {v}\ncontent-type: application/json\n\n{{"event":"signup"}}\nthe ingest service drops it',
        ),
        (
            "json_log",
            '{{"ts":"2026-10-30T08:11:42Z","level":"debug","msg":"auth header built","{key}":"{v}","attempt":{n}}}\nwhy is this logged at all?',
        ),
        (
            "python_fstring",
            'headers = {{"Authorization": f"Bearer {v}"}}\nr = httpx.post(url, headers=headers, json=payload)\n# 403 on prod, 200 on dev',
        ),
        (
            "pip_conf",
            "[global]\nindex-url = https://{user}:{v}@pypi.{host}/simple\n\npip install says 'User for pypi.{host}:' prompt",
        ),
        (
            "prose_vpn",
            "my {provider} password is {v} and the VPN client keeps rejecting it since the update, what should I check?",
        ),
        (
            "kubectl_literal",
            "kubectl create secret generic {provider}-secret --from-literal={key}={v} -n payments\nthen the deployment still uses the old value",
        ),
        (
            "netrc",
            "machine api.{host}\n  login {user}\n  password {v}\nwhy does curl --netrc ignore this file?",
        ),
        (
            "python_repr",
            ">>> settings.as_dict()\n{{'debug': False, '{key}': '{v}', 'workers': {n}}}\nhow can I hide some keys when printing?",
        ),
        (
            "prose_colon_newline",
            "Credentials for the {provider} sandbox\nuser: {user}\npass:\n{v}\nCan you set up a Postman collection with these?",
        ),
        (
            "yaml_list_item",
            "secrets:\n  - name: {key}\n    value: {v}\n  - name: region\n    value: eu-central-1\nhow do I template this with kustomize?",
        ),
        (
            "email_signoff",
            "Hi team,\n\nthe new {provider} key for the reporting job is {v}.\nLet me know if the cron still fails.\n\nThanks,\n{user}",
        ),
    ],
}


def _pick(options: list[str]) -> Callable[[random.Random], str]:
    return lambda rng: rng.choice(options)


_PLACEHOLDERS = [
    "<your-api-key>",
    "<YOUR_TOKEN_HERE>",
    "${API_KEY}",
    "$API_TOKEN",
    "%DB_PASSWORD%",
    "{{ .Values.apiKey }}",
    "xxxxxxxxxxxxxxxxxxxx",
    "********",
    "changeme",
    "your_api_key_here",
    "REPLACE_ME",
    "<password>",
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "sk-...",
    "[REDACTED]",
    "None",
    "null",
    "os.environ['API_KEY']",
    "process.env.STRIPE_KEY",
    "${{ secrets.DEPLOY_TOKEN }}",
    "getpass()",
    "dummy",
    "example-token",
    "TODO",
    "<redacted>",
    "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "$(cat /run/secrets/db_pw)",
]
_PLACEHOLDERS_SEALED = [
    "<insert token>",
    "YOUR-SECRET-HERE",
    "${env:ADMIN_PW}",
    "$ENV{API_KEY}",
    "{{api_key}}",
    "@@TOKEN@@",
    "XXXX-XXXX-XXXX-XXXX",
    "•••••••••",
    "secret",
    "password",
    "placeholder",
    "<<API_KEY>>",
    "${DB_PASS:-}",
    "AKIAI44QH8DHBEXAMPLE",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "sk_live_...",
    "(hidden)",
    "undefined",
    'System.getenv("TOKEN")',
    "ENV.fetch('API_KEY')",
    "vault:secret/data/app#token",
    'Deno.env.get("KEY")',
    "test",
    "sample_key_123",
    "<%= ENV['PASSWORD'] %>",
    "***masked***",
    "your-token",
    "${SECRET_KEY_BASE}",
]


def _short(prefixes: list[str]) -> Callable[[random.Random], str]:
    def make(rng: random.Random) -> str:
        return rng.choice(prefixes) + "".join(
            rng.choice("abcdef0123") for _ in range(rng.randint(2, 5))
        )

    return make


NEAR_MISS: dict[str, list[tuple[str, str] | tuple[str, str, Callable[[random.Random], str]]]] = {
    "open": [
        (
            "placeholder_env",
            "# .env.example\nAPI_KEY={v}\nDEBUG=false\nCopy this to .env and fill it in.",
            _pick(_PLACEHOLDERS),
        ),
        (
            "placeholder_yaml",
            'credentials:\n  token: "{v}"\n  user: admin\nwhat\'s the right indentation for this?',
            _pick(_PLACEHOLDERS),
        ),
        (
            "placeholder_prose",
            "the docs say to set the api key to {v} before running the quickstart",
            _pick(_PLACEHOLDERS),
        ),
        (
            "placeholder_code",
            "client = Client(api_key={v})\nresult = client.search('shoes')",
            _pick(_PLACEHOLDERS),
        ),
        (
            "placeholder_curl",
            'curl -H "Authorization: Bearer {v}" https://api.example.com/v1/users',
            _pick(_PLACEHOLDERS),
        ),
        (
            "format_doc",
            "GitHub tokens start with a prefix like {v}... followed by random characters; how do I validate the format?",
            _short(["ghp_", "sk_live_", "xoxb-", "glpat-", "AKIA"]),
        ),
        (
            "git_log",
            "commit {sha1}\nAuthor: {user} <{user}@{host}>\n\n    fix token refresh race\n\nhow do I revert just this commit?",
        ),
        (
            "lockfile",
            '"node_modules/lodash": {{\n  "version": "4.17.21",\n  "integrity": "sha512-{sri}"\n}}\nis this lockfile entry corrupted?',
        ),
        (
            "docker_digest",
            "image: nginx@sha256:{sha}\nwhy does the digest differ between my laptop and CI?",
        ),
        (
            "uuid_sql",
            "SELECT * FROM orders WHERE customer_id = '{uuid}' AND status = 'open';\nhow do I index this?",
        ),
        (
            "tokens_param",
            "response = openai.chat.completions.create(model=model, max_tokens={n}, temperature=0.2)\nwhy is it cut off?",
        ),
        (
            "key_meta",
            "public_key_id: {n}\nkey_length: 2048\nsecret_name: db-credentials\nhow do I rotate these?",
        ),
        (
            "password_policy",
            "password_min_length = {n}\npassword_require_symbol = true\nauth_method = oauth2\nis that a good policy?",
        ),
        (
            "md5_checksum",
            "md5sum release.tar.gz\n{md5}  release.tar.gz\nthe checksum on the site is different, is the file corrupted?",
        ),
        (
            "secret_ref",
            "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-secret\n        key: password\nwhy is the env var empty?",
        ),
        (
            "tokenizer",
            "tokenizer = AutoTokenizer.from_pretrained(path)\ntokens = tokenizer(text)['input_ids']\nprint(len(tokens))  # {n}",
        ),
    ],
    "sealed": [
        (
            "placeholder_props",
            "# application-example.properties\napp.security.password={v}\napp.security.user=admin",
            _pick(_PLACEHOLDERS_SEALED),
        ),
        (
            "placeholder_json",
            '{{"auth": {{"token": "{v}", "type": "bearer"}}}}\nwhat schema validates this?',
            _pick(_PLACEHOLDERS_SEALED),
        ),
        (
            "placeholder_chat",
            "in the README the secret is shown as {v}, should I commit the real one to the repo?",
            _pick(_PLACEHOLDERS_SEALED),
        ),
        ("placeholder_ps", '$env:API_TOKEN = "{v}"\n.\\run.ps1', _pick(_PLACEHOLDERS_SEALED)),
        (
            "placeholder_xml",
            '<add key="ApiKey" value="{v}" />\nhow do I transform this per environment?',
            _pick(_PLACEHOLDERS_SEALED),
        ),
        (
            "format_question",
            "is it normal that my key is only {v} long? the dashboard shows a longer one",
            _short(["sk-", "hf_", "npm_", "dckr_pat_", "xapp-"]),
        ),
        (
            "sri_hash",
            '<script src="app.js" integrity="sha512-{sri}" crossorigin="anonymous"></script>\nthe browser blocks the script',
        ),
        (
            "git_blame",
            "{sha1} (Jane Doe 2026-03-02 14:11:09 +0100 42)     token = get_token()\nwho introduced this line?",
        ),
        (
            "uuid_log",
            "2026-10-01T12:00:00Z INFO request_id={uuid} path=/v1/items status=200 duration_ms={n}\nhow do I parse this with jq?",
        ),
        (
            "etag",
            'HTTP/1.1 304 Not Modified\nETag: "{md5}"\nCache-Control: max-age=60\nwhy is the cache never hit?',
        ),
        (
            "limits",
            "rate_limit_tokens: {n}\nmax_input_tokens: 8192\nkey_rotation_days: 90\nexplain these settings",
        ),
        (
            "auth_flow",
            "auth: oauth2\ntoken_url: https://login.example.org/oauth/token\napi_version: 2024-06-01\ncredential_type: client_credentials\nwhat grant type is this?",
        ),
        (
            "pgp_fingerprint",
            "gpg --list-keys\npub   rsa4096 2024-01-01 [SC]\n      {sha1}\nuid           [ultimate] Build Bot\nhow do I export the public key?",
        ),
        ("checksum_file", "SHA256 ({user}.iso) = {sha}\nhow do I verify this on Windows?"),
        (
            "secret_manager_ref",
            "DB_PASSWORD=arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf\nhow do I resolve this at runtime?",
        ),
        (
            "keyword_prose",
            "our password reset token expires after {n} minutes; is that too long for a banking app?",
        ),
    ],
}
