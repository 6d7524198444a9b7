#!/usr/bin/env python3
"""Lengths of the C++ function bodies in engine/, native/ and wasm/ (or the given folders).

How it counts: comments, string and character literals are blanked first (so their braces do not
count). A '{' opens a function body when every scope around it is a namespace, class, struct,
union or extern block and the text before it since the last ';', '{' or '}' has a parameter
list: it contains '(' and starts with none of namespace/class/struct/union/enum/extern, and
has no '=' before its first '(' (an initializer is not a function). Lambdas and local classes
sit inside a body and belong to it. A function's length is its lines from the first line of
its signature (where that text starts) to the line of the closing '}', both included, blank
and comment lines too: what a reader scrolls through.

Usage: scripts/function_lengths.py [--over N] [DIR...]   (default: --over 80 engine native wasm)
Prints "LINES FILE:LINE NAME" for each function longer than N lines, longest first; exits 1 when
there is any.
"""
import os
import re
import sys

SCOPE_KEYWORDS = ("namespace", "class", "struct", "union", "enum", "extern")


def blank(text):
    """The source with comments and literals replaced by spaces (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c); i += 1; continue
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c in "\"'":
            # A ' between digits is a digit separator (1'000), not a character literal.
            if c == "'" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum():
                out.append(" "); i += 1; continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + (c if j < n else "")); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)


def functions(path):
    text = blank(open(path, encoding="utf-8", errors="replace").read())
    # Preprocessor lines hold no scopes.
    text = re.sub(r"(?m)^[ \t]*#.*(\\\n.*)*$", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    stack = []  # per open brace: "scope", "function" or "block"
    start = 0   # offset where the text before the next brace starts
    found = []
    for i, c in enumerate(text):
        if c == ";":
            if all(s[0] == "scope" for s in stack):
                start = i + 1
        elif c == "{":
            head = text[start:i]
            if all(s[0] == "scope" for s in stack):
                words = head.split()
                first = words[0] if words else ""
                if first == "template":  # template <...> class/struct/function
                    rest = re.sub(r"^\s*template\s*<[^{]*?>\s*", "", head)
                    first = rest.split()[0] if rest.split() else ""
                if first in SCOPE_KEYWORDS or first.startswith("extern"):
                    kind = "block" if first == "enum" else "scope"
                elif "(" in head and "=" not in head[:head.find("(")]:
                    kind = "function"
                else:
                    kind = "block"
                if kind == "function":
                    lead = len(head) - len(head.lstrip())
                    sig_line = text.count("\n", 0, start + lead) + 1
                    name = re.findall(r"([~\w:]+(?:operator\s*\S+)?)\s*\(", head)
                    found.append([sig_line, None, name[0] if name else "?"])
                stack.append((kind, len(found) - 1 if kind == "function" else None))
            else:
                stack.append(("block", None))
            start = i + 1
        elif c == "}":
            if stack:
                kind, index = stack.pop()
                if kind == "function":
                    found[index][1] = text.count("\n", 0, i) + 1
            start = i + 1
    return [(end - begin + 1, begin, name) for begin, end, name in found if end]


def main(argv):
    over = 80
    if len(argv) >= 2 and argv[0] == "--over":
        over = int(argv[1]); argv = argv[2:]
    roots = argv or ["engine", "native", "wasm"]
    rows = []
    for root in roots:
        for folder, _, files in os.walk(root):
            for f in sorted(files):
                if f.endswith((".cc", ".h", ".cpp", ".hpp")):
                    p = os.path.join(folder, f)
                    rows += [(n, p, line, name) for n, line, name in functions(p)]
    long = sorted((r for r in rows if r[0] > over), key=lambda r: (-r[0], r[1], r[2]))
    for n, p, line, name in long:
        print(f"{n:4d} {p}:{line} {name}")
    print(f"{len(long)} of {len(rows)} functions over {over} lines", file=sys.stderr)
    return 1 if long else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
