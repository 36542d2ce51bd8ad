"""``audit export`` JSONL is evidence: ``audit verify --export`` re-checks it offline.

Every test edits an export the way someone holding only the file could (a changed field, a
deleted, swapped or cut-off line, a record turned into a link, a rewritten header) and requires
the verifier to name it; the unedited export must verify, filtered or not.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest
from tests.test_audit_tools import KEY, KEY_HEX, SAMPLE, rec
from typer.testing import CliRunner

from hybridllm.audit import AuditKey, AuditStore, HmacSigner
from hybridllm.audit.evidence_verify import verify_export
from hybridllm.audit.keys import ENV_AUDIT_KEY, ENV_AUDIT_KEY_FILE
from hybridllm.audit.record import canonical_json, compute_hash, utc_now_iso
from hybridllm.audit.sinks import iter_jsonl
from hybridllm.audit.witness import Anchors
from hybridllm.cli.audit import audit_app
from hybridllm.models import AuditRecord

SIGNER = HmacSigner(KEY)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(audit_app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def keyed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)
    monkeypatch.setenv(ENV_AUDIT_KEY_FILE, str(tmp_path / "no-such.key"))
    monkeypatch.setenv("HYBRIDLLM_CONFIG", str(tmp_path / "no-config.toml"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "audit.db"
    with AuditStore(path, signer=SIGNER) as store:
        for r in SAMPLE:
            store.append(r)
    return path


def export(db: Path, out: Path, *filters: str) -> Path:
    code, _, err = invoke("export", str(out), "--db", str(db), *filters)
    assert code == 0, err
    return out


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(t) for t in path.read_text(encoding="utf-8").splitlines()]


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(canonical_json(r) + "\n" for r in rows), encoding="utf-8")
    return path


def problem(path: Path, anchors: Anchors | None = None, signer: HmacSigner = SIGNER) -> str:
    check = verify_export(path, signer, anchors)
    assert not check.ok, "the edited export still verified"
    if check.problem:
        return check.problem
    return " ".join(str(r.problem) for r in check.results.values() if not r.ok)


PHI_REMOTE = ("--category", "PHI", "--locality", "remote")


def test_whole_and_filtered_exports_verify_and_read_back(db: Path, tmp_path: Path) -> None:
    whole = export(db, tmp_path / "all.jsonl")
    phi = export(db, tmp_path / "phi.jsonl", *PHI_REMOTE)
    for path, expected in ((whole, SAMPLE), (phi, [SAMPLE[1], SAMPLE[2], SAMPLE[4]])):
        check = verify_export(path, SIGNER)
        assert check.ok, check.results
        assert check.results[""].signatures_checked
        assert check.results[""].checked == len(SAMPLE)  # every row of the chain is covered
        assert check.records == len(expected)
        assert [r.id for r in iter_jsonl(path)] == [r.id for r in expected]
    with AuditStore(db, readonly=True) as store:
        assert [store.get(r.id) for r in iter_jsonl(phi)] == list(iter_jsonl(phi))
        head = store.verify(SIGNER).head_hash
    code, out, _ = invoke("verify", "--export", str(phi), "--expect-head", head, "--require-key")
    assert code == 0, out
    assert "3 matching record(s), 2 link(s)" in out
    assert "categories=PHI, locality=remote" in out
    # `verify --jsonl` recognises an export too (the compliance guide's command).
    assert invoke("verify", "--jsonl", str(phi))[0] == 0


def test_a_changed_field_is_named_even_with_its_hash_recomputed(db: Path, tmp_path: Path) -> None:
    path = export(db, tmp_path / "e.jsonl", *PHI_REMOTE)
    rows = lines(path)
    i = next(i for i, r in enumerate(rows) if r["t"] == "record")
    body = dict(rows[i]["record"])  # type: ignore[call-overload]
    body["actions"] = {"PHI": "allow", "PII": "redact"}
    write(tmp_path / "edited.jsonl", [*rows[:i], {**rows[i], "record": body}, *rows[i + 1 :]])
    assert "hash mismatch" in problem(tmp_path / "edited.jsonl")
    # Recomputing the hash breaks the signature (and the next row's link).
    forged = AuditRecord.model_validate(body)
    body["hash"] = compute_hash(forged.prev_hash, forged)
    write(tmp_path / "forged.jsonl", [*rows[:i], {**rows[i], "record": body}, *rows[i + 1 :]])
    assert "signature invalid" in problem(tmp_path / "forged.jsonl")
    # Without the key only the chain is checked, and the broken link still shows.
    assert "does not link" in problem(tmp_path / "forged.jsonl", signer=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["record", "link"])
def test_a_deleted_line_is_a_gap(db: Path, tmp_path: Path, kind: str) -> None:
    rows = lines(export(db, tmp_path / "e.jsonl", *PHI_REMOTE))
    i = next(i for i, r in enumerate(rows) if r["t"] == kind and r["seq"] != 5)
    assert "sequence gap" in problem(write(tmp_path / "x.jsonl", rows[:i] + rows[i + 1 :]))


def test_swapped_lines_are_out_of_order(db: Path, tmp_path: Path) -> None:
    rows = lines(export(db, tmp_path / "e.jsonl"))
    i = next(i for i, r in enumerate(rows) if r["t"] == "record")
    rows[i], rows[i + 1] = rows[i + 1], rows[i]
    assert "sequence gap" in problem(write(tmp_path / "x.jsonl", rows))


def test_truncation_is_caught_by_the_end_line_checkpoints_and_head(
    db: Path, tmp_path: Path
) -> None:
    rows = lines(export(db, tmp_path / "e.jsonl"))
    # A copy cut short: no end line, or a torn last line.
    assert "no end line" in problem(write(tmp_path / "a.jsonl", rows[:-2]))
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes((tmp_path / "e.jsonl").read_bytes()[:-10])
    assert "cut off" in problem(torn)
    # Cut with the end line rewritten to match: the signed close checkpoint pins seq 5.
    end = {**rows[-1], "head_seq": 4, "rows": 4, "records": 4, "head_hash": ""}
    assert "truncated" in problem(write(tmp_path / "b.jsonl", [*rows[:-2], end]))


def test_a_tail_after_the_last_checkpoint_needs_the_expected_head(tmp_path: Path) -> None:
    db = tmp_path / "open.db"
    writer = AuditStore(db, signer=SIGNER, checkpoint_every=1000)
    try:
        for r in SAMPLE:
            writer.append(r)
        head = writer.verify().head_hash
        path = export(db, tmp_path / "e.jsonl")
    finally:
        writer.close()
    rows = lines(path)
    assert not [r for r in rows if r["t"] == "checkpoint"]  # nothing pins the tail yet
    cut = rows[1:-2]
    last = cut[-1]["record"]  # type: ignore[index]
    end = {**rows[-1], "head_seq": 4, "rows": 4, "records": 4, "head_hash": last["hash"]}  # type: ignore[index]
    shortened = write(tmp_path / "short.jsonl", [rows[0], *cut, end])
    assert verify_export(shortened, SIGNER).ok  # indistinguishable from the file alone
    assert "expected head" in problem(shortened, Anchors(expect_head=head))
    assert "held 4 record(s)" in problem(shortened, Anchors(min_records=5))
    assert verify_export(path, SIGNER, Anchors(expect_head=head, min_records=5)).ok


def test_dropping_the_first_rows_of_a_dated_export_fails(db: Path, tmp_path: Path) -> None:
    rows = lines(export(db, tmp_path / "e.jsonl", "--since", "2026-03-01"))
    first = next(i for i, r in enumerate(rows) if r["t"] in ("record", "link"))
    assert rows[first]["seq"] == 1  # no checkpoint was signed before March: from the start
    assert "sequence gap: seq 2 follows 0" in problem(
        write(tmp_path / "x.jsonl", rows[:first] + rows[first + 1 :])
    )


def test_a_dated_export_starts_at_the_checkpoint_signed_before_its_period(
    tmp_path: Path,
) -> None:
    db = tmp_path / "audit.db"
    with AuditStore(db, signer=SIGNER, checkpoint_every=2) as store:
        store.append(SAMPLE[0])
        store.append(SAMPLE[1])  # checkpoint #1 pins seq 2
        time.sleep(0.01)
        since = utc_now_iso()
        for r in SAMPLE[2:]:
            store.append(r)  # checkpoint #2 pins seq 4; the close one seq 5
    path = export(db, tmp_path / "e.jsonl", "--since", since)
    rows = lines(path)
    assert [r["seq"] for r in rows if r["t"] == "link"] == [3, 4, 5]
    assert verify_export(path, SIGNER).ok
    # Dropping rows up to the next checkpoint leaves a chain that is valid from checkpoint #2,
    # but the verifier places the start itself, from the signed checkpoints and the period.
    dropped = [r for r in rows if r.get("seq") not in (3, 4)]
    end = {**rows[-1], "rows": 1}
    assert "sequence gap: seq 5 follows 2" in problem(
        write(tmp_path / "x.jsonl", [*dropped[:-1], end])
    )
    # A period after every checkpoint: nothing to scan, and still a verifiable file.
    later = export(db, tmp_path / "later.jsonl", "--since", "2099-01-01")
    assert (lines(later)[-1]["rows"], lines(later)[-1]["head_seq"]) == (0, 5)
    assert verify_export(later, SIGNER).ok


def test_the_filters_in_the_header_are_re_applied(db: Path, tmp_path: Path) -> None:
    rows = lines(export(db, tmp_path / "e.jsonl", "--category", "SECRET"))
    rows[0] = {**rows[0], "filters": {"categories": ["PHI"]}}
    assert "marked matching the export's filters does not match" in problem(
        write(tmp_path / "x.jsonl", rows)
    )


def test_full_chain_export_proves_nothing_matching_was_withheld(db: Path, tmp_path: Path) -> None:
    links = lines(export(db, tmp_path / "links.jsonl", "--category", "SECRET"))
    full = lines(export(db, tmp_path / "full.jsonl", "--category", "SECRET", "--full-chain"))
    assert not [r for r in full if r["t"] == "link"]
    assert verify_export(tmp_path / "full.jsonl", SIGNER).records == 1
    # Turning the matching record into a link passes a links export (the documented limit)...
    i = next(i for i, r in enumerate(links) if r["t"] == "record")
    body = links[i]["record"]
    as_link = {
        "t": "link",
        "chain": "",
        "seq": links[i]["seq"],
        "sig": links[i]["sig"],
        **{k: body[k] for k in ("id", "prev_hash", "hash")},  # type: ignore[index]
    }
    end = {**links[-1], "records": 0}
    hidden = write(tmp_path / "hidden.jsonl", [*links[:i], as_link, *links[i + 1 : -1], end])
    assert verify_export(hidden, SIGNER).ok
    # ...and fails a full-chain one, as a link or as a record marked "not matching".
    j = next(i for i, r in enumerate(full) if r["t"] == "record" and r["match"])
    end = {**full[-1], "records": 0}
    assert "holds a link" in problem(
        write(tmp_path / "a.jsonl", [*full[:j], as_link, *full[j + 1 : -1], end])
    )
    flipped = {**full[j], "match": False}
    assert "marked not matching the export's filters matches them" in problem(
        write(tmp_path / "b.jsonl", [*full[:j], flipped, *full[j + 1 :]])
    )


def test_wrong_key_and_missing_key(db: Path, tmp_path: Path) -> None:
    path = export(db, tmp_path / "e.jsonl")
    other = HmacSigner(AuditKey(b"\x22" * 32))
    assert "signed with key" in problem(path, signer=other)
    check = verify_export(path)
    assert check.ok
    assert not check.results[""].signatures_checked


def test_export_after_a_retention_purge_verifies(db: Path, tmp_path: Path) -> None:
    with AuditStore(db, signer=SIGNER) as store:
        store.purge(datetime.fromisoformat(SAMPLE[2].ts.replace("Z", "+00:00")))
    path = export(db, tmp_path / "e.jsonl")
    check = verify_export(path, SIGNER)
    assert check.ok, check.results
    assert check.results[""].purged_through == 2
    assert [r.id for r in iter_jsonl(path)] == [r.id for r in SAMPLE[2:]]


def test_export_has_query_filters_validated_and_a_progress_count(db: Path, tmp_path: Path) -> None:
    code, _, err = invoke("export", str(tmp_path / "x.jsonl"), "--db", str(db), "--app", "nope")
    assert code == 0
    assert "Exported 0 record(s)" in err
    assert "exported 0 record(s)" in err
    for bad in (["--category", "PHl"], ["--action", "PHI=alow"], ["--locality", "moon"]):
        code, _, err = invoke("export", str(tmp_path / "y.jsonl"), "--db", str(db), *bad)
        assert code == 2, bad
        assert "Bad filter" in err
    z = str(tmp_path / "z.jsonl")
    code, _, err = invoke("export", z, "--db", str(db), "--app", "clinic", "--entity", "PERSON")
    assert code == 0
    assert "exported 1 record(s)" in err
    assert [r.id for r in iter_jsonl(tmp_path / "z.jsonl")] == [SAMPLE[1].id]


def test_intents_are_listed_like_query_lists_them(tmp_path: Path) -> None:
    done = rec("2026-05-01T10:00:00.000000Z", status="intent", categories=("PHI",))
    outcome = rec("2026-05-01T10:00:01.000000Z", categories=("PHI",)).model_copy(
        update={"intents": (done.id,)}
    )
    crashed = rec("2026-05-01T11:00:00.000000Z", status="intent", categories=("PHI",))
    db = tmp_path / "audit.db"
    with AuditStore(db, signer=SIGNER) as store:
        for r in (done, outcome, crashed):
            store.append(r)
    path = export(db, tmp_path / "e.jsonl", "--category", "PHI")
    assert [r.id for r in iter_jsonl(path)] == [outcome.id, crashed.id]
    assert verify_export(path, SIGNER).ok
    intents = export(db, tmp_path / "i.jsonl", "--status", "intent")
    assert [r.id for r in iter_jsonl(intents)] == [done.id, crashed.id]
    assert verify_export(intents, SIGNER).ok


def test_a_body_changed_in_the_database_is_exported_as_is_and_fails(
    db: Path, tmp_path: Path
) -> None:
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute(
            'UPDATE audit_records SET body = replace(body, \'"app":"clinic"\', '
            '\'"app": "clinic"\') WHERE seq = 2'
        )
    path = export(db, tmp_path / "e.jsonl")  # the export does not repair it...
    assert "not a canonical export line" in problem(path)  # ...so its check names the line
    assert verify_export(path, SIGNER).results[""].first_bad_id == SAMPLE[1].id


def test_an_emptied_export_fails_against_the_witness_and_the_expected_count(
    tmp_path: Path,
) -> None:
    db, witness = tmp_path / "audit.db", tmp_path / "elsewhere" / "witness.jsonl"
    with AuditStore(db, signer=SIGNER, witness=witness) as store:
        for r in SAMPLE:
            store.append(r)
    path = export(db, tmp_path / "e.jsonl")
    assert verify_export(path, SIGNER, Anchors(witness=witness)).results[""].witnessed == 1
    emptied = write(tmp_path / "x.jsonl", lines(path)[:1])  # the header alone
    assert verify_export(emptied, SIGNER).ok  # reads as the export of an empty log...
    assert "lacks the chain" in problem(emptied, Anchors(witness=witness))  # ...not to these
    assert "holds no chain" in problem(emptied, Anchors(min_records=5))
    code, _, err = invoke("verify", "--export", str(emptied), "--witness", str(witness))
    assert (code, "lacks the chain" in err) == (1, True)
