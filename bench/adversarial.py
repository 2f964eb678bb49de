#!/usr/bin/env python3
"""Adversarial Markdown: one 1 MB page of each hostile shape, built with
`site build` (release), timed. Target: each under 2 s on this machine,
whether the build succeeds or refuses the page.

Usage: bench/adversarial.py [SITE_BINARY]   (default .build/release/site;
build it first with ./build)
"""

import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SIZE = 1024 * 1024

FRONT = """---
kind: page
title: Adversarial
description: A page of one hostile shape.
unlisted: true
reviewed: 2026-11-20
next_review: 2027-11-20
reviewed_by: Bench
---

"""


def fill(unit):
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


def distinct(unit):
    """`unit` with {} numbered, repeated to SIZE: every copy different."""
    parts, size = [], 0
    while size < SIZE:
        parts.append(unit.format(len(parts)))
        size += len(parts[-1])
    return "".join(parts)


SHAPES = {
    "open citations on one line": fill("[@a "),
    "citation lists": fill("[@a; @b; @c] "),
    "equal headings": fill("## Step\n\n"),
    "one long link": "[x](" + "a" * SIZE + ")\n",
    "many links": fill("[a](#x) "),
    "many distinct links": distinct("[a](https://example.org/{}) "),
    "open brackets": fill("["),
    "emphasis runs": fill("*a **b _c "),
    "allowed nesting": fill("> " * 19 + "- x\n"),
    "backticks": fill("`` ` "),
    "one long word": "w" * SIZE + "\n",
    "entities": fill("&amp;&#x1F600;&nbsp;"),
    "blank lines": fill("\n"),
}


def main():
    binary = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".build/release/site").resolve()
    print(f"{'shape':30} {'seconds':>8}  result")
    worst = 0.0
    for name, body in SHAPES.items():
        folder = pathlib.Path(tempfile.mkdtemp(prefix="adversarial-"))
        try:
            shutil.copytree(ROOT / "content", folder / "content")
            (folder / "content" / "adversarial.md").write_text(FRONT + body, encoding="utf-8")
            start = time.perf_counter()
            result = subprocess.run([str(binary), "build", "--content", str(folder / "content"), "--templates",
                                     str(ROOT / "templates"), "--output", str(folder / "public")],
                                    capture_output=True, text=True, timeout=120)
            seconds = time.perf_counter() - start
            worst = max(worst, seconds)
            errors = [line for line in result.stderr.splitlines() if ": error: " in line]
            outcome = "built" if result.returncode == 0 else "refused: " + (errors or ["?"])[0].split(": error: ", 1)[-1][:60]
            print(f"{name:30} {seconds:8.2f}  {outcome}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"slowest: {worst:.2f} s (target: under 2 s)")


if __name__ == "__main__":
    main()
