#!/usr/bin/env python3
"""Checks the editor support in editors/ against the language.

- The keywords of the TextMate grammar (VS Code) and of the Vim syntax file
  are exactly the scanner's (grammar/lexer.l), each once.
- The JSON files parse; the extension's manifest names the language, the
  .treaty extension, the grammar, the configuration and the script, and
  those files exist; the grammar's regular expressions compile (Python's re
  reads the subset they use) and find what they are for in a sample.
- With vim installed: the Vim files, loaded by vim itself, highlight a
  sample as meant (without vim, this part is said to be skipped).

    tests/editors/check-editors.py
Ends with the line "editors: N passed, N failed".
"""
import json
import os
import re
import shutil
import subprocess
import tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("editors: FAIL " + what)


def read(path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


lexer = read("grammar/lexer.l")
table = lexer[lexer.index("keywords[] = {"):]
table = table[:table.index("};")]
keywords = re.findall(r'\{"([a-z_]+)", [A-Z_]+\}', table)
check(len(keywords) > 100, "the scanner's keyword table was not found in grammar/lexer.l")

# ---- VS Code ----
vscode = "editors/vscode"
manifest = json.loads(read(vscode + "/package.json"))
config = json.loads(read(vscode + "/language-configuration.json"))
grammar = json.loads(read(vscode + "/syntaxes/treaty.tmLanguage.json"))
langs = manifest.get("contributes", {}).get("languages", [])
check(any(l.get("id") == "treaty" and ".treaty" in l.get("extensions", []) for l in langs),
      "package.json declares no language 'treaty' for .treaty files")
for l in langs:
    check(os.path.isfile(os.path.join(root, vscode, l.get("configuration", ""))),
          "the language configuration named in package.json is missing")
for g in manifest.get("contributes", {}).get("grammars", []):
    check(os.path.isfile(os.path.join(root, vscode, g["path"])), "grammar %s is missing" % g["path"])
    check(g.get("scopeName") == grammar.get("scopeName"), "package.json and the grammar name other scopes")
check(os.path.isfile(os.path.join(root, vscode, manifest.get("main", ""))), "the extension's script is missing")
check("vscode-languageclient" in manifest.get("dependencies", {}), "package.json does not depend on vscode-languageclient")
check(config.get("comments", {}).get("lineComment") == "#", "language-configuration.json: comments are not '#'")
check("lsp" in read(vscode + "/extension.js"), "extension.js does not start 'treaty lsp'")


def patterns(node):
    """Every rule of the grammar, nested ones included."""
    if isinstance(node, dict):
        if any(k in node for k in ("match", "begin")):
            yield node
        for v in node.values():
            yield from patterns(v)
    elif isinstance(node, list):
        for v in node:
            yield from patterns(v)


words_in_grammar = []
compiled = {}
for rule in patterns(grammar):
    for key in ("match", "begin", "end"):
        if key in rule:
            try:
                compiled.setdefault(rule.get("name", key), []).append(re.compile(rule[key]))
                check(True, "")
            except re.error as e:
                check(False, "grammar regex %r does not compile: %s" % (rule[key], e))
    name = rule.get("name", "")
    m = re.fullmatch(r"\\b\(([a-z_|]+)\)\\b", rule.get("match", ""))
    if m and (name.startswith("keyword.") or name.startswith("storage.") or name.startswith("constant.language")):
        words_in_grammar += m.group(1).split("|")
check(sorted(words_in_grammar) == sorted(keywords),
      "the grammar's keywords differ from the scanner's: missing %s, unknown %s" %
      (sorted(set(keywords) - set(words_in_grammar)), sorted(set(words_in_grammar) - set(keywords))))
check(len(words_in_grammar) == len(set(words_in_grammar)), "a keyword is listed twice in the grammar")


def first(scope, text):
    return any(r.search(text) for r in compiled.get(scope, []))


check(first("constant.numeric.date.treaty", "member A since 2004-03-29;"), "the date rule misses 2004-03-29")
check(first("comment.line.number-sign.treaty", "state A; # note"), "the comment rule misses '# note'")
check(first("constant.character.escape.treaty", r'"a \" b"'), "the escape rule misses \\\"")

# ---- Vim ----
vim_syntax = read("editors/vim/syntax/treaty.vim")
vim_words = []
for line in vim_syntax.splitlines():
    m = re.match(r"syntax keyword (\w+) (.*)$", line)
    if m:
        vim_words += m.group(2).split()
check(sorted(vim_words) == sorted(keywords),
      "the Vim syntax file's keywords differ from the scanner's: missing %s, unknown %s" %
      (sorted(set(keywords) - set(vim_words)), sorted(set(vim_words) - set(keywords))))
check("*.treaty" in read("editors/vim/ftdetect/treaty.vim"), "ftdetect does not name *.treaty")
check("commentstring=#" in read("editors/vim/ftplugin/treaty.vim"), "ftplugin sets no '#' commentstring")

vim = shutil.which("vim")
if not vim:
    print("editors: vim is not installed: highlighting by vim itself skipped")
else:
    sample = ('# a comment\nstate Aldoria;\norganisation Pact {\n  member Aldoria since 2004-03-29;\n'
              '  decides by consensus;\n}\nscenario "s" { expect who must defend Aldoria == {}; }\n')
    want = {(1, 3): "treatyComment", (2, 1): "treatyDeclaration", (2, 7): "treatyDeclared",
            (4, 3): "treatyKeyword", (4, 24): "treatyDate", (7, 10): "treatyString", (7, 23): "treatyQuery"}
    with tempfile.TemporaryDirectory() as d:
        src, out, script = (os.path.join(d, n) for n in ("t.treaty", "out.txt", "check.vim"))
        with open(src, "w") as f:
            f.write(sample)
        with open(script, "w") as f:
            f.write("set rtp^=%s\nsyntax on\nfiletype plugin on\nedit %s\nlet out = []\n" %
                    (os.path.join(root, "editors/vim"), src))
            for (l, c) in want:
                f.write("call add(out, synIDattr(synID(%d, %d, 1), 'name'))\n" % (l, c))
            f.write("call add(out, &filetype)\ncall writefile(out, '%s')\nqa!\n" % out)
        subprocess.run([vim, "-Nu", "NONE", "-es", "-S", script], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        got = open(out).read().split("\n") if os.path.exists(out) else []
        for k, ((l, c), group) in enumerate(want.items()):
            check(k < len(got) and got[k] == group, "vim highlights %d:%d as %r, not %s" %
                  (l, c, got[k] if k < len(got) else None, group))
        check(len(got) > len(want) and got[len(want)] == "treaty", "vim does not see a .treaty file as treaty")

print("editors: %d passed, %d failed" % (passed, failed))
