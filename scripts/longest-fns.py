#!/usr/bin/env python3
"""The longest Rust functions of the crate and the training tool.

usage: scripts/longest-fns.py [N] [DIR...]   (default: 10, src train/src)

A function runs from its `fn` line to the first later line that is its closing brace at the
same indentation (the code is formatted that way); its length counts both lines. Unit-test files
(`tests.rs`) and `#[cfg(test)] mod tests` blocks are left out: they are not where the next
changes happen.
"""
import os
import re
import sys

FN = re.compile(r"^(\s*)(pub(\([a-z]+\))?\s+)?(const\s+)?(unsafe\s+)?fn\s+([A-Za-z_][A-Za-z0-9_]*)")


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    skip_until = -1
    for i, line in enumerate(lines):
        if i <= skip_until:
            continue
        if line.strip() == "#[cfg(test)]" and i + 1 < len(lines) and re.match(r"\s*mod\s+\w+\s*\{", lines[i + 1]):
            indent = lines[i + 1][: len(lines[i + 1]) - len(lines[i + 1].lstrip())]
            skip_until = next((j for j in range(i + 2, len(lines)) if lines[j] == indent + "}"), len(lines))
            continue
        m = FN.match(line)
        if not m:
            continue
        indent, name = m.group(1), m.group(6)
        # Signature up to its body's opening brace, or a declaration without a body.
        j = i
        while j < len(lines) and "{" not in lines[j] and not lines[j].rstrip().endswith(";"):
            j += 1
        if j == len(lines) or "{" not in lines[j]:
            continue
        if lines[j].rstrip().endswith("}") and lines[j].count("{") == lines[j].count("}"):
            yield name, i + 1, j - i + 1
            continue
        end = next((k for k in range(j + 1, len(lines)) if lines[k] == indent + "}"), None)
        if end is not None:
            yield name, i + 1, end - i + 1


def main():
    args = sys.argv[1:]
    n = int(args.pop(0)) if args and args[0].isdigit() else 10
    roots = args or ["src", "train/src"]
    found = []
    for root in roots:
        for d, _, files in os.walk(root):
            for f in sorted(files):
                if f.endswith(".rs") and f != "tests.rs":
                    p = os.path.join(d, f)
                    found += [(length, name, p, line) for name, line, length in functions(p)]
    found.sort(key=lambda x: (-x[0], x[2], x[3]))
    for length, name, p, line in found[:n]:
        print(f"{length:5} {name:28} {p}:{line}")


if __name__ == "__main__":
    main()
