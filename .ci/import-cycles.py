#!/usr/bin/env python3
"""Fails when source files of src/ import each other in a circle.

An import is any path in a file's code (not its comments, strings or
`#[cfg(test)]` items) that starts at `crate::`, `super::` or `self::`, at a
child module the file declares, or at a name a `use` bound to a module, and
that leads to another file of the crate. `mod` declarations are not imports:
a parent declaring its children is the tree, not a dependency.

Two graphs are checked: files, and modules (a file's import of a file in
another folder counts as an import between the two sibling modules that
hold them, e.g. `render` -> `digest`). Any strongly connected component of
more than one node is a cycle; each is printed with the names that tie it.

Usage: .ci/import-cycles.py [SRC_DIR]   (default: src)
Python 3 standard library only.
"""

import os
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def strip_comments_and_strings(text):
    """Blanks out comments, string and char literals, keeping line breaks."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 40]) and not re.match(
            r"[A-Za-z0-9_]", text[i - 1] if i else " "
        ):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = text.find('"' + hashes, i + 2 + len(hashes))
            end = n if end < 0 else end + 1 + len(hashes)
            out.append('""' + "\n" * text.count("\n", i, end))
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'":
            m = re.match(r"'(\\.[^']*|[^\\'])'", text[i:i + 12])
            if m:
                out.append("' '")
                i += len(m.group(0))
            else:  # a lifetime
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def strip_test_items(code):
    """Removes every item marked `#[cfg(test)]` (a test module, a helper)."""
    while True:
        m = re.search(r"#\[cfg\(test\)\]", code)
        if not m:
            return code
        j = m.end()
        depth = 0
        while j < len(code):
            if code[j] == "{":
                depth += 1
            elif code[j] == "}":
                depth -= 1
                if depth == 0:
                    j += 1
                    break
            elif code[j] == ";" and depth == 0:
                j += 1
                break
            j += 1
        code = code[: m.start()] + "\n" * code.count("\n", m.start(), j) + code[j:]


class Crate:
    """The module tree of one crate: module path (tuple) -> file."""

    def __init__(self, src):
        self.src = src
        self.files = {}
        self.test_files = set()
        self._walk(("crate",), os.path.join(src, "lib.rs"))

    def _walk(self, module, path):
        self.files[module] = path
        with open(path, encoding="utf-8") as f:
            code = strip_comments_and_strings(f.read())
        folder = os.path.dirname(path)
        if not (path.endswith("mod.rs") or path.endswith("lib.rs")):
            folder = os.path.join(folder, os.path.basename(path)[:-3])
        for m in re.finditer(
            r"((?:#\[[^\]]*\]\s*)*)(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;", code
        ):
            name = m.group(2)
            child = os.path.join(folder, name + ".rs")
            if not os.path.exists(child):
                child = os.path.join(folder, name, "mod.rs")
            if "cfg(test)" in m.group(1):
                self.test_files.add(os.path.normpath(child))
                continue
            self._walk(module + (name,), child)

    def children(self, module):
        return {m[-1] for m in self.files if len(m) == len(module) + 1 and m[:-1] == module}

    def resolve(self, segments):
        """The longest prefix of `segments` that is a module, or None."""
        best = None
        for k in range(1, len(segments) + 1):
            if tuple(segments[:k]) in self.files:
                best = tuple(segments[:k])
            else:
                break
        return best


def expand_use(tree):
    """`a::{b, c::{d, e}}` -> [[a, b], [a, c, d], [a, c, e]] (no `as`)."""
    tree = tree.strip()
    brace = tree.find("{")
    if brace < 0:
        name = re.sub(r"\s+as\s+" + IDENT + r"$", "", tree)
        alias = re.search(r"\s+as\s+(" + IDENT + r")$", tree)
        parts = [p for p in name.split("::") if p]
        return [(parts, alias.group(1) if alias else None)]
    prefix = [p for p in tree[:brace].split("::") if p]
    inner = tree[brace + 1: tree.rfind("}")]
    items, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(inner[start:i])
            start = i + 1
    items.append(inner[start:])
    out = []
    for item in items:
        if item.strip():
            for parts, alias in expand_use(item):
                out.append((prefix + parts, alias))
    return out


def absolute(crate, module, parts):
    """`parts` as seen from `module`, made absolute; None if external."""
    parts = list(parts)
    if not parts:
        return None
    base = list(module)
    if parts[0] == "crate":
        base, parts = ["crate"], parts[1:]
    elif parts[0] in ("self", "super"):
        while parts and parts[0] in ("self", "super"):
            if parts[0] == "super":
                base = base[:-1]
            parts = parts[1:]
    elif parts[0] not in crate.children(module):
        return None
    result = base + [p for p in parts if p != "self"]
    return result if result and result[0] == "crate" else None


def imports(crate, module, path):
    """module -> set of names taken from it, for every module `path` uses."""
    with open(path, encoding="utf-8") as f:
        code = strip_test_items(strip_comments_and_strings(f.read()))
    found = {}
    aliases = {}

    def add(abs_parts):
        target = crate.resolve(abs_parts)
        if target and target != module:
            rest = abs_parts[len(target):]
            found.setdefault(target, set()).add(rest[0] if rest else "self")

    for m in re.finditer(r"\buse\s+([^;]+);", code):
        for parts, alias in expand_use(m.group(1)):
            abs_parts = absolute(crate, module, parts)
            if abs_parts is None:
                continue
            add(abs_parts)
            name = alias or (parts[-1] if parts[-1] != "self" else parts[-2] if len(parts) > 1 else None)
            target = crate.resolve(abs_parts)
            if name and target and len(target) == len(abs_parts):
                aliases[name] = list(abs_parts)
    body = re.sub(r"\buse\s+[^;]+;", "", code)
    path_re = re.compile(r"(?<![A-Za-z0-9_:])((?:" + IDENT + r")(?:::" + IDENT + r")+)")
    for m in path_re.finditer(body):
        parts = m.group(1).split("::")
        if parts[0] in aliases:
            abs_parts = aliases[parts[0]] + parts[1:]
        else:
            abs_parts = absolute(crate, module, parts)
        if abs_parts:
            add(abs_parts)
    return found


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "src"
    crate = Crate(src)
    rel = {m: os.path.relpath(p) for m, p in crate.files.items()}
    file_graph, names = {}, {}
    for module, path in crate.files.items():
        for target, taken in imports(crate, module, path).items():
            file_graph.setdefault(rel[module], set()).add(rel[target])
            names[(rel[module], rel[target])] = taken
    module_graph, why = {}, {}
    for module, path in crate.files.items():
        for target in imports(crate, module, path):
            k = 0
            while k < min(len(module), len(target)) and module[k] == target[k]:
                k += 1
            if k < len(module) and k < len(target):
                a, b = "::".join(module[: k + 1]), "::".join(target[: k + 1])
                module_graph.setdefault(a, set()).add(b)
                why.setdefault((a, b), set()).add(f"{rel[module]} -> {rel[target]}")
    problems = 0
    for comp in cycles(file_graph):
        problems += 1
        print(f"import cycle between files: {', '.join(comp)}")
        for a in comp:
            for b in sorted(file_graph.get(a, ())):
                if b in comp:
                    print(f"  {a} -> {b}: {', '.join(sorted(names[(a, b)]))}")
    for comp in cycles(module_graph):
        problems += 1
        print(f"import cycle between modules: {', '.join(comp)}")
        for a in comp:
            for b in sorted(module_graph.get(a, ())):
                if b in comp:
                    print(f"  {a} -> {b}: {'; '.join(sorted(why[(a, b)]))}")
    if problems:
        print(f"{problems} import cycle(s) in {src}/: move the shared items into a leaf module both sides import")
        return 1
    print(f"no import cycles among {len(crate.files)} files of {src}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
