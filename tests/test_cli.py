"""The ``coopstream`` commands that need no Redis, run as a person runs them: a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workers.cli import main

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("run", "demo", "publish", "tail", "dead", "process", "docs", "eval")


def coopstream(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """``python -m workers.cli ARGS`` from the repository root, no REDIS_URL unless given."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "COOPSTREAM_"))}
    return subprocess.run(
        [sys.executable, "-m", "workers.cli", *args],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", [*COMMANDS, "dead list", "dead redrive"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """(In process: argparse prints the help and exits 0.)"""
    with pytest.raises(SystemExit) as stop:
        main([*command.split(), "--help"])
    assert stop.value.code == 0
    assert f"usage: coopstream {command}" in capsys.readouterr().out


class TestProcess:
    def test_enriched_json_lines_for_txt_files(self, tmp_path: Path) -> None:
        """One enriched article per .txt file, id = file stem, on standard output."""
        (tmp_path / "a1.txt").write_text(
            "La police espagnole et la police marocaine ont tenu une réunion à Rabat.",
            encoding="utf-8",
        )
        result = coopstream("process", str(tmp_path))
        assert result.returncode == 0, result.stderr
        [line] = result.stdout.splitlines()
        article = json.loads(line)
        assert (article["id"], article["language"]["code"]) == ("a1", "fr")

    def test_labelled_records_keep_their_publication_date(self, tmp_path: Path) -> None:
        """FORMAT.md records: `published` becomes `published_at`, `gold` is dropped."""
        record = {"id": "r1", "text": "Police talks in Rabat.", "published": "2025-11-27"}
        (tmp_path / "set.jsonl").write_text(json.dumps({**record, "gold": {}}) + "\n")
        result = coopstream("process", str(tmp_path / "set.jsonl"))
        article = json.loads(result.stdout)
        assert article["published_at"].startswith("2025-11-27")

    def test_rejected_article_is_reported_with_its_reason(self, tmp_path: Path) -> None:
        (tmp_path / "bad.json").write_text(json.dumps([{"id": "empty", "text": " "}]))
        result = coopstream("process", str(tmp_path / "bad.json"))
        assert result.returncode == 1
        assert "empty: missing_text" in result.stderr
        assert result.stdout == ""

    def test_malformed_json_lines_name_file_and_line(self, tmp_path: Path) -> None:
        path = tmp_path / "broken.jsonl"
        path.write_text('{"text": "ok"}\n{oops\n')
        result = coopstream("process", str(path))
        assert result.returncode == 2
        assert f"{path}:2: not JSON" in result.stderr


def test_eval_prints_scores_as_json_last() -> None:
    result = coopstream("eval", "seeds/seeds.jsonl", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["n"] == 2


def test_docs_check_passes_on_the_committed_document() -> None:
    result = coopstream("docs", "--out", "docs/asyncapi.json", "--check")
    assert result.returncode == 0, result.stderr


def test_docs_writes_json_that_names_the_input_stream(tmp_path: Path) -> None:
    out = tmp_path / "asyncapi.json"
    assert coopstream("docs", "--out", str(out)).returncode == 0
    assert (
        "articles:raw" in json.loads(out.read_text())["channels"]["articles:raw:consume"]["address"]
    )


def test_unreachable_redis_names_the_redacted_url() -> None:
    """No traceback, no password: which URL, what to check."""
    result = coopstream("dead", "list", env={"REDIS_URL": "redis://user:s3cret@127.0.0.1:1/0"})
    assert result.returncode == 2
    assert "cannot reach Redis at redis://***@127.0.0.1:1/0" in result.stderr
    assert "s3cret" not in result.stderr
    assert "Traceback" not in result.stderr


def test_no_redis_url_and_no_local_server_says_what_to_do(tmp_path: Path) -> None:
    """(From a folder where no `coopstream run` left its embedded server's URL.)"""
    result = coopstream("tail", "--count", "1", cwd=tmp_path)
    assert result.returncode == 2
    assert "REDIS_URL is not set" in result.stderr
