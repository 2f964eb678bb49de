#!/usr/bin/env python3
"""Edit to reload: how long the live preview takes from a content file's
write to the reload event that open pages receive.

Usage: bench/preview-reload.py [SITE_BINARY] [EDITS]   (defaults:
.build/release/site, 20). Copies content/ and templates/ to a temporary
folder, starts `site serve` there, listens to its event stream as a page
does, and edits the body of one page EDITS times, one edit after the last
reload. Prints each time and the median, in milliseconds. Build the tool
first (./build).
"""

import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def events(port):
    """Yields each state event's data (a JSON text) as it arrives."""
    connection = socket.create_connection(("127.0.0.1", port))
    connection.sendall(b"GET /__preview/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    buffer = b""
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            return
        buffer += chunk
        while True:
            match = re.search(rb"data: (\{[^\n]*\})\n", buffer)
            if not match:
                break
            buffer = buffer[match.end():]
            yield match.group(1).decode()


def main():
    binary = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".build/release/site").resolve()
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    folder = pathlib.Path(tempfile.mkdtemp(prefix="preview-bench-"))
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "templates", folder / "templates")
    server = subprocess.Popen([str(binary), "serve", "--port", "8091"], cwd=folder,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        while port is None:
            line = server.stdout.readline()
            if not line:
                sys.exit("site serve stopped")
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            port = int(match.group(1)) if match else None
        stream = events(port)
        build = int(re.search(r'"build":(\d+)', next(stream)).group(1))
        page = folder / "content" / "what-is-theranostics.md"
        original = page.read_text(encoding="utf-8")
        times = []
        for edit in range(edits):
            text = original + f"\nEdit number {edit}.\n"
            start = time.perf_counter()
            page.write_text(text, encoding="utf-8")
            for data in stream:
                now = int(re.search(r'"build":(\d+)', data).group(1))
                if now > build:
                    build = now
                    break
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)
        for number, value in enumerate(times, 1):
            print(f"edit {number:2}: {value:6.1f} ms")
        print(f"edit to reload event, median of {edits}: {statistics.median(times):.1f} ms "
              f"(min {min(times):.1f}, max {max(times):.1f}) with {binary.name} on {len(list((folder / 'content').rglob('*.md')))} content files")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
