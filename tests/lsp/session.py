#!/usr/bin/env python3
"""tests/lsp/session.py -- writes one whole client session for `treaty lsp`.

    python3 tests/lsp/session.py | treaty lsp --at 2024-06-01

The golden case lsp_session pipes it into the server (under valgrind in
`make memcheck`), so every reply, and every byte the server allocates, is
checked against tests/golden/cases/lsp_session.out.  The documents are not
files on disk, so the output does not depend on where the repository is.
"""
import json
import sys

URI = "untitled:alliance.treaty"
TEXT = ('state France "French Republic";\n'
        'state Germany, Poland;\n'
        'organisation Pact "Pacte de d\u00e9fense \U0001F6E1" { kind alliance; member France, Germny since 2000; }\n'
        'organisation Club {\n'
        '  kind alliance;\n'
        '  member Poland since 2010;\n'
        '  principle collective_defence;\n'
        '}\n')
FIXED = TEXT.replace("Germny", "Germany")


def frame(message):
    body = json.dumps(dict(message, jsonrpc="2.0"), ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def main():
    doc = {"textDocument": {"uri": URI}}
    ctx = {"includeDeclaration": True}
    messages = [
        {"id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": URI, "languageId": "treaty", "version": 1, "text": TEXT}}},
        {"method": "textDocument/didChange",
         "params": {"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": FIXED}]}},
        {"id": 2, "method": "textDocument/hover", "params": dict(doc, position={"line": 5, "character": 11})},
        {"id": 3, "method": "textDocument/hover", "params": dict(doc, position={"line": 3, "character": 14})},
        {"id": 4, "method": "textDocument/definition", "params": dict(doc, position={"line": 2, "character": 75})},
        {"id": 5, "method": "textDocument/references",
         "params": dict(doc, position={"line": 0, "character": 8}, context=ctx)},
        {"id": 6, "method": "textDocument/completion", "params": dict(doc, position={"line": 5, "character": 11})},
        {"id": 7, "method": "textDocument/documentSymbol", "params": doc},
        {"id": 8, "method": "textDocument/formatting", "params": doc},
        {"id": 10, "method": "textDocument/rename", "params": dict(doc, position={"line": 0, "character": 8})},
        {"method": "textDocument/didClose", "params": doc},
        {"id": 9, "method": "shutdown"},
        {"method": "exit"},
    ]
    out = sys.stdout.buffer
    for m in messages[:4]:
        out.write(frame(m))
    # broken frames between the requests: each gets an error, and the server reads on
    out.write(b"Content-Type: text/plain\r\n\r\n")
    out.write(b"Content-Length: 5\r\n\r\n{bad}")
    out.write(b"Content-Length: 1x\r\n\r\n")
    for m in messages[4:]:
        out.write(frame(m))


if __name__ == "__main__":
    main()
