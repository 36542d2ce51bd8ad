"""``data/name_shape.tsv`` is what its build script makes of the committed word lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "hybridllm" / "classifiers" / "data" / "name_shape.tsv"


def test_the_committed_table_is_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "name_shape.tsv"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "data" / "build_name_shape.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert out.read_bytes() == TABLE.read_bytes()
