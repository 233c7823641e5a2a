"""``coopstream publish PATH…``: files of articles onto the input stream, as a scraper would."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from redis import Redis
from tqdm import tqdm

from workers.cli.common import CommandError, connect_settings, describe_url

SUFFIXES = (".txt", ".json", ".jsonl")
LABEL_KEYS = ("gold",)
"""Keys of labelled sets (shared/eval/FORMAT.md) that are not part of an article."""
PROGRESS_MIN = 200
"""Show a progress bar from this many articles on (and only on a terminal)."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "publish",
        help="publish articles from files: .txt, .json (object or list), .jsonl, folders",
        description="XADDs one entry per article to the input stream (COOPSTREAM_INPUT_STREAM), "
        "the JSON object in the field `data`. A .txt file is one article whose id is the file "
        "name without suffix; a .json file holds an object or a list of them; a .jsonl file one "
        "object per line; a folder is read recursively. Labelled-set records (`published`, "
        "`gold`) are accepted: `published` becomes `published_at`, labels are dropped.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--batch", type=int, default=500, help="entries per pipelined round trip")
    parser.set_defaults(func=command)


def article_of(record: dict[str, Any]) -> dict[str, Any]:
    """A record as the wire format wants it."""
    article = {k: v for k, v in record.items() if k not in LABEL_KEYS}
    published = article.pop("published", None)
    if published is not None and article.get("published_at") is None:
        article["published_at"] = published
    return article


def _objects(value: Any, where: str) -> Iterator[dict[str, Any]]:
    values = value if isinstance(value, list) else [value]
    for n, item in enumerate(values):
        if not isinstance(item, dict):
            msg = f"{where}: item {n} is a {type(item).__name__}, not a JSON object"
            raise CommandError(msg)
        yield article_of(item)


def read_file(path: Path) -> Iterator[dict[str, Any]]:
    """The articles in one file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot read it ({exc})") from exc
    if path.suffix == ".txt":
        yield {"id": path.stem, "text": text}
        return
    lines = enumerate(text.splitlines(), 1) if path.suffix == ".jsonl" else [(0, text)]
    for number, line in lines:
        where = f"{path}:{number}" if number else str(path)
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{where}: not JSON ({exc.msg}, column {exc.colno})") from exc
        yield from _objects(value, where)


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files to read, in order: folders recursively (sorted), only known suffixes."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{path}: no such file or folder")
    return files


def read_articles(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Every article in ``paths``, in order."""
    return [article for path in expand(paths) for article in read_file(path)]


def send(client: Redis, stream: str, articles: list[dict[str, Any]], batch: int) -> int:
    """XADD in pipelined batches; a progress bar on large inputs when stderr is a terminal."""
    bar = tqdm(
        total=len(articles),
        unit="article",
        disable=len(articles) < PROGRESS_MIN or not sys.stderr.isatty(),
    )
    sent = 0
    with bar:
        for start in range(0, len(articles), max(1, batch)):
            chunk = articles[start : start + max(1, batch)]
            pipe = client.pipeline(transaction=False)
            for article in chunk:
                pipe.xadd(stream, {"data": json.dumps(article, ensure_ascii=False)})
            sent += len(pipe.execute())
            bar.update(len(chunk))
    return sent


def command(args: argparse.Namespace) -> int:
    articles = read_articles(args.paths)
    if not articles:
        raise CommandError("no articles found (expected .txt, .json or .jsonl files)")
    settings = connect_settings()
    client = Redis.from_url(settings.redis_url_value, socket_connect_timeout=5)
    try:
        sent = send(client, settings.input_stream, articles, args.batch)
    finally:
        client.close()
    print(f"sent {sent} articles to {settings.input_stream} at {describe_url(settings)}")
    return 0
