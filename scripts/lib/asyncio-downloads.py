#!/usr/bin/env python3
"""CPython's figure for scripts/bench io: the articles' asyncio downloader at its leanest.

Every download at once on one event loop, raw asyncio streams, HTTP/1.0 (one connection per
download, closed by the server after its answer), the same pages of the same local origin that
fanout's download workload fetches. Prints one JSON line: {"tasks": N, "millis": [one per run]}.

  asyncio-downloads.py BASE_URL TASKS RUNS
"""
import asyncio
import json
import sys
import time
from urllib.parse import urlsplit

PAGES = ("jython", "dice")


async def download(url):
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(f"GET {parts.path} HTTP/1.0\r\nHost: {parts.netloc}\r\n\r\n".encode("ascii"))
    answer = await reader.read()
    writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0]
    if not status.startswith(b"HTTP/1.") or status.split(b" ")[1] != b"200":
        raise RuntimeError(f"{url} answered {status!r}")
    return len(body)


async def runs(base, tasks, count):
    urls = [f"{base}/pages/{PAGES[i % len(PAGES)]}" for i in range(tasks)]
    millis = []
    for _ in range(count):
        start = time.perf_counter()
        sizes = await asyncio.gather(*(download(url) for url in urls))
        millis.append(round((time.perf_counter() - start) * 1000, 1))
        if min(sizes) <= 0:
            raise RuntimeError("an empty page came back")
    return millis


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    base, tasks, count = sys.argv[1].rstrip("/"), int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps({"tasks": tasks, "millis": asyncio.run(runs(base, tasks, count))}))


if __name__ == "__main__":
    main()
