#!/usr/bin/env python3
"""tests/lsp/client.py -- a client of `treaty lsp` that checks every reply.

    python3 tests/lsp/client.py build/treaty

Runs the server in a few sessions, speaking the Language Server Protocol
(JSON-RPC 2.0 in Content-Length frames) over its standard input and output,
and checks each answer: the life cycle, diagnostics as a document is opened,
changed and closed, hover, definition, references, completion, symbols,
unknown methods and broken frames.  Ends with "lsp: N passed, N failed".
Python's standard library only.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile

AT = "2024-06-01"          # the date hovers speak of (treaty lsp --at)
STATES = ('state France "French Republic";\nstate Germany, Poland;\n'
          'state Italy { measure population 59 million since 2020; }\n'
          'state Malta { measure population 0.5 million since 2020; }\n')
# line 3 has a typo after text that is not ASCII, so that a byte column,
# a UTF-16 column and a UTF-8 column differ
MAIN_BAD = ('import "states.treaty";\n'
            '\n'
            'organisation Pact "Pacte de d\u00e9fense \U0001F6E1" { kind alliance; member France, Germny since 2000-01-01; }\n'
            'organisation Club {\n'
            '  kind alliance;\n'
            '  member Poland since 2010;\n'
            '  principle collective_defence;\n'
            '}\n'
            'rule big(x) = x in members(Pact);\n'
            'constraint "Pact is small" for Pact: not big(Poland);\n'
            'organisation Union { member Italy, Malta since 2020; decides by weighted by population threshold 55%; }\n'
            'rule small(x) = not big(x);\n'
            'organisation Trio { member Poland, France, Germany since 2011; France owes consultation to Germany; }\n')
MAIN_GOOD = MAIN_BAD.replace("Germny", "Germany")

passed = failed = 0


def check(name, ok, detail=None):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("lsp: FAIL %s%s" % (name, "" if detail is None else ": " + json.dumps(detail)[:600]))


class Session:
    """One server process and the messages it sent that were not yet read."""

    def __init__(self, treaty, cwd, extra=()):
        self.proc = subprocess.Popen([treaty, "lsp", "--at", AT] + list(extra), cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.pending = []              # notifications read while waiting for a reply

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        message = dict(message, jsonrpc="2.0")
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self):
        """The next message, or None at the end of the output."""
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                return None
            line = line.rstrip(b"\r\n")
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = self.proc.stdout.read(length)
        message = json.loads(body.decode("utf-8"))
        if message.get("jsonrpc") != "2.0":
            check("every message says jsonrpc 2.0", False, message)
        return message

    def request(self, method, params=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.reply(self.next_id)

    def reply(self, want_id):
        while True:
            message = self.read()
            if message is None or "method" not in message:
                if message is not None and message.get("id") != want_id:
                    check("replies come in order", False, message)
                return message
            self.pending.append(message)

    def notify(self, method, params=None):
        message = {"method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def diagnostics(self, uri):
        """The diagnostics last published for uri (read up to a round trip)."""
        self.request("treaty/ping")            # unknown: answered with an error, after the notifications
        found = None
        for message in self.pending:
            if message["method"] == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                found = message["params"]
        self.pending = []
        return found

    def finish(self):
        self.proc.stdin.close()
        code = self.proc.wait(timeout=30)
        self.proc.stdout.close()
        return code


def utf16_column(line, substring):
    return len(line[:line.index(substring)].encode("utf-16-le")) // 2


def position(text, line, substring, offset=0):
    """The LSP position (UTF-16) of substring on a 0-based line, plus offset."""
    row = text.split("\n")[line]
    return {"line": line, "character": utf16_column(row, substring) + offset}


def doc(uri):
    return {"textDocument": {"uri": uri}}


def at(uri, text, line, substring, offset=0):
    return dict(doc(uri), position=position(text, line, substring, offset))


def error_code(reply):
    return (reply or {}).get("error", {}).get("code")


def life_cycle(s):
    r = s.request("textDocument/hover", {})
    check("a request before initialize is refused", error_code(r) == -32002, r)
    r = s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    caps = (r or {}).get("result", {}).get("capabilities", {})
    check("initialize declares its capabilities",
          caps.get("positionEncoding") == "utf-16" and caps.get("textDocumentSync", {}).get("change") == 1 and
          caps.get("hoverProvider") and caps.get("definitionProvider") and caps.get("referencesProvider") and
          caps.get("documentSymbolProvider") and "completionProvider" in caps, r)
    check("formatting is declared", caps.get("documentFormattingProvider") is True, caps)
    r = s.request("initialize", {"capabilities": {}})
    check("a second initialize is refused", error_code(r) == -32600, r)
    s.notify("initialized", {})


def diagnostics(s, main_uri, states_uri):
    states_path = states_uri[len("file://"):]
    s.notify("textDocument/didOpen", {"textDocument": {"uri": main_uri, "languageId": "treaty", "version": 1,
                                                      "text": MAIN_BAD}})
    p = s.diagnostics(main_uri)
    ds = (p or {}).get("diagnostics", [])
    line = MAIN_BAD.split("\n")[2]
    start = utf16_column(line, "Germny")
    want = {"start": {"line": 2, "character": start}, "end": {"line": 2, "character": start + 6}}
    check("didOpen of a text with an error publishes it", len(ds) == 1 and p.get("version") == 1, p)
    if ds:
        check("the diagnostic's range is in UTF-16 columns", ds[0].get("range") == want, [ds[0].get("range"), want])
        check("the diagnostic's message is treaty check's",
              ds[0].get("message") == "unknown state or actor 'Germny'; did you mean 'Germany'?", ds[0])
        check("the diagnostic is an error from treaty", ds[0].get("severity") == 1 and ds[0].get("source") == "treaty",
              ds[0])
    s.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 2},
                                        "contentChanges": [{"text": MAIN_GOOD}]})
    p = s.diagnostics(main_uri)
    check("didChange that fixes it publishes no diagnostics",
          p is not None and p.get("diagnostics") == [] and p.get("version") == 2, p)
    # an imported file open in the editor is read from the editor, not the disk
    s.notify("textDocument/didOpen", {"textDocument": {"uri": states_uri, "languageId": "treaty", "version": 1,
                                                      "text": STATES.replace("Germany", "Deutschland")}})
    p = s.diagnostics(main_uri)
    ds = (p or {}).get("diagnostics", [])
    check("a change to an open import updates the importer's diagnostics",
          len(ds) == 3 and all(d.get("message") == "unknown state or actor 'Germany'" for d in ds), p)
    # an error in the imported file itself: shown on the import, and where it is
    s.notify("textDocument/didChange", {"textDocument": {"uri": states_uri, "version": 2},
                                        "contentChanges": [{"text": STATES.replace("Germany,", "Germany")}]})
    p = s.diagnostics(main_uri)
    ds = (p or {}).get("diagnostics", [])
    line = 'import "states.treaty";'
    check("an error in an imported file is shown on the import", len(ds) == 1 and ds[0].get("range") ==
          {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": len(line)}} and
          ds[0].get("message", "").startswith(states_path + ":2:15: "), p)
    related = ds[0].get("relatedInformation", [{}])[0] if ds else {}
    check("with the place in the imported file as related information",
          related.get("location", {}).get("uri") == states_uri and
          related["location"]["range"]["start"] == {"line": 1, "character": 14} and
          related.get("message") == ds[0]["message"][len(states_path + ":2:15: "):], related)
    s.notify("textDocument/didClose", doc(states_uri))
    p = s.diagnostics(main_uri)
    check("closing the import reads it from disk again", p is not None and p.get("diagnostics") == [], p)
    # a change given as a range (though the server asks for whole texts)
    row = MAIN_GOOD.split("\n")[2]
    col = utf16_column(row, "Germany")
    s.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 3}, "contentChanges": [
        {"range": {"start": {"line": 2, "character": col}, "end": {"line": 2, "character": col + 7}},
         "text": "Spain"}]})
    p = s.diagnostics(main_uri)
    ds = (p or {}).get("diagnostics", [])
    check("a ranged change is applied", len(ds) == 1 and "'Spain'" in ds[0].get("message", "") and
          ds[0]["range"]["start"] == {"line": 2, "character": col}, p)
    s.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 4},
                                        "contentChanges": [{"text": MAIN_GOOD}]})
    p = s.diagnostics(main_uri)
    check("and undone", p is not None and p.get("diagnostics") == [], p)
    # a document that is not a file on disk
    s.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "treaty",
                                                      "version": 1, "text": "state A;\nstate A;\n"}})
    p = s.diagnostics("untitled:Untitled-1")
    ds = (p or {}).get("diagnostics", [])
    check("a document not on disk is checked", len(ds) >= 1 and ds[0]["range"]["start"]["line"] == 1, p)
    s.notify("textDocument/didClose", doc("untitled:Untitled-1"))
    p = s.diagnostics("untitled:Untitled-1")
    check("closing a document clears its diagnostics", p is not None and p.get("diagnostics") == [], p)
    # what treaty check finds once the world loads: violations on the day, as warnings
    text = ('state A;\nstate B;\n'
            'organisation X { kind alliance; member A since 2000; principle exclusive alliance; }\n'
            'organisation Y { kind alliance; member A since 2001; }\n'
            'constraint "B is in X": B in members(X);\n')
    s.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:v", "languageId": "treaty",
                                                      "version": 1, "text": text}})
    p = s.diagnostics("untitled:v")
    ds = (p or {}).get("diagnostics", [])
    check("violations are warnings with treaty check's words", [(d.get("severity"), d.get("message")) for d in ds] == [
        (2, "violated on %s: X: exclusive alliance -- A is a member of X and of Y, an alliance" % AT),
        (2, 'violated on %s: constraint "B is in X"' % AT)], ds)
    check("a violation is shown at the rule behind it", len(ds) == 2 and
          ds[0]["range"]["start"] == position(text, 2, "principle") and
          ds[1]["range"] == {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 40}}, ds)
    s.notify("textDocument/didClose", doc("untitled:v"))


def hover(s, main_uri, states_path):
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 5, "Poland", 2))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("hover names a state and where it is declared",
          value.startswith("**state** `Poland`") and ("declared at %s:2:16" % states_path) in value, value)
    check("hover lists its memberships on the date",
          ("on %s" % AT) in value and "member of Club since 2010-01-01" in value, value)
    check("hover lists the obligations behind it with their place",
          "Club: collective_defence" in value and "main.treaty:7:3" in value, value)
    check("but not those of its organisations that do not bind or protect it", "France owes" not in value, value)
    check("hover's range is the name", (r or {}).get("result", {}).get("range") ==
          {"start": position(MAIN_GOOD, 5, "Poland"), "end": position(MAIN_GOOD, 5, "Poland", 6)}, r)
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 2, "France"))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("hover shows the display name", '**state** `France` "French Republic"' in value and
          "member of Pact since 2000-01-01" in value, value)
    check("hover lists an obligation that names it", "- Trio: France owes consultation to Germany" in value, value)
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 3, "Club"))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("hover of an organisation: kind and members", value.startswith("**organisation** `Club`") and
          "kind: alliance" in value and "members: Poland (1)" in value, value)
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 8, "big"))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("hover of a rule shows it", "**rule** `big`" in value and "rule big(x) = x in members(Pact);" in value,
          value)
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 4, "alliance"))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("hover of a kind", value.startswith("**kind** `alliance`: the kind of 2 declarations"), value)
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 8, "x in"))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("hover of a rule's parameter", value.startswith("**parameter** `x` of rule `big`"), value)
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 10, "population"))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("hover of a measure", value.startswith("**measure** `population`: measured in 2 declarations, the first at "
                                                 + states_path + ":3:23"), value)
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 3, "organisation"))
    check("hover of a keyword is null", r is not None and r.get("result", 1) is None, r)
    r = s.request("textDocument/hover", at(main_uri, MAIN_GOOD, 2, "Pacte"))
    check("hover inside a string is null", r is not None and r.get("result", 1) is None, r)
    r = s.request("textDocument/hover", dict(doc(main_uri), position={"line": 99, "character": 0}))
    check("hover past the end is null", r is not None and r.get("result", 1) is None, r)
    r = s.request("textDocument/hover", doc(main_uri))
    check("hover without a position is invalid params", error_code(r) == -32602, r)
    r = s.request("textDocument/hover", dict(doc("file:///nowhere.treaty"), position={"line": 0, "character": 0}))
    check("hover in a document that is not open is invalid params", error_code(r) == -32602, r)


def definition_and_references(s, main_uri, states_uri):
    ctx = {"includeDeclaration": True}
    r = s.request("textDocument/definition", at(main_uri, MAIN_GOOD, 2, "Germany", 3))
    res = (r or {}).get("result") or [{}]
    check("definition of a state in an imported file", len(res) == 1 and res[0].get("uri") == states_uri and
          res[0].get("range") == {"start": {"line": 1, "character": 6}, "end": {"line": 1, "character": 13}}, r)
    r = s.request("textDocument/definition", at(main_uri, MAIN_GOOD, 8, "Pact"))
    res = (r or {}).get("result") or [{}]
    check("definition of an organisation", res[0].get("uri") == main_uri and
          res[0].get("range", {}).get("start") == position(MAIN_GOOD, 2, "Pact "), r)
    r = s.request("textDocument/definition", at(main_uri, MAIN_GOOD, 4, "alliance"))
    res = (r or {}).get("result") or []
    check("definition of a kind: where organisations take it", len(res) == 2, r)
    r = s.request("textDocument/definition", at(main_uri, MAIN_GOOD, 10, "population"))
    res = (r or {}).get("result") or []
    check("definition of a measure: where states are measured by it",
          [(x["uri"], x["range"]["start"]["line"]) for x in res] == [(states_uri, 2), (states_uri, 3)], r)
    r = s.request("textDocument/definition", at(main_uri, MAIN_GOOD, 8, "x in"))
    res = (r or {}).get("result") or [{}]
    check("definition of a parameter", res[0].get("range", {}).get("start") == position(MAIN_GOOD, 8, "x)"), r)
    r = s.request("textDocument/references", dict(at(main_uri, MAIN_GOOD, 8, "x)"), context=ctx))
    res = (r or {}).get("result") or []
    check("references of a parameter stay in its rule", sorted(x["range"]["start"]["character"] for x in res) ==
          [position(MAIN_GOOD, 8, "x)")["character"], position(MAIN_GOOD, 8, "x in")["character"]], r)
    r = s.request("textDocument/references", dict(at(main_uri, MAIN_GOOD, 10, "population"), context=ctx))
    res = (r or {}).get("result") or []
    check("references of a measure", sorted((x["uri"], x["range"]["start"]["line"]) for x in res) ==
          sorted([(states_uri, 2), (states_uri, 3), (main_uri, 10)]), r)
    r = s.request("textDocument/references", dict(at(main_uri, MAIN_GOOD, 8, "Pact"), context=ctx))
    res = (r or {}).get("result") or []
    got = sorted((x["range"]["start"]["line"], x["range"]["start"]["character"]) for x in res)
    want = [(2, position(MAIN_GOOD, 2, "Pact ")["character"]), (8, position(MAIN_GOOD, 8, "Pact)")["character"]),
            (9, position(MAIN_GOOD, 9, "Pact:")["character"])]
    check("references with the declaration", got == want, [got, want])
    r = s.request("textDocument/references", dict(at(main_uri, MAIN_GOOD, 8, "Pact"),
                                                  context={"includeDeclaration": False}))
    res = (r or {}).get("result") or []
    check("references without the declaration", sorted(x["range"]["start"]["line"] for x in res) == [8, 9], r)
    r = s.request("textDocument/references", dict(at(main_uri, MAIN_GOOD, 2, "France"), context=ctx))
    res = (r or {}).get("result") or []
    check("references across files", sorted((x["uri"], x["range"]["start"]["line"]) for x in res) ==
          sorted([(main_uri, 2), (main_uri, 12), (main_uri, 12), (states_uri, 0)]), r)


def variables(s):
    """A quantifier's variable: its own name, hiding a parameter of the same name."""
    uri = "untitled:q"
    text = ('state A;\nstate B;\n'
            'organisation Club { member A since 2000; admission { require all m in members(Club): m != applicant; } }\n'
            'rule none_is(s, y) = all y in s: y != A;\n'
            'rule any(s) = some y in s: y == B;\n')
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "treaty", "version": 1, "text": text}})
    p = s.diagnostics(uri)
    check("the quantifiers' document loads", p is not None and p.get("diagnostics") == [], p)
    r = s.request("textDocument/hover", at(uri, text, 3, "y !="))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("hover of a quantifier's variable", value.startswith("**variable** `y`\n\ndeclared at untitled:q:4:26"), value)
    r = s.request("textDocument/definition", at(uri, text, 3, "y !="))
    res = (r or {}).get("result") or [{}]
    check("definition of a variable is where the quantifier binds it",
          res[0].get("range", {}).get("start") == position(text, 3, "y in"), r)
    r = s.request("textDocument/references", dict(at(uri, text, 3, "y in"), context={"includeDeclaration": True}))
    res = (r or {}).get("result") or []
    check("references of a variable stay in its quantifier",
          sorted((x["range"]["start"]["line"], x["range"]["start"]["character"]) for x in res) ==
          [(3, position(text, 3, "y in")["character"]), (3, position(text, 3, "y !=")["character"])], r)
    r = s.request("textDocument/hover", at(uri, text, 3, "y)"))
    value = (r or {}).get("result", {}).get("contents", {}).get("value", "")
    check("the parameter it hides is still a parameter", value.startswith("**parameter** `y` of rule `none_is`"), value)
    r = s.request("textDocument/definition", at(uri, text, 2, "m !="))
    res = (r or {}).get("result") or [{}]
    check("a variable in an admission requirement", res[0].get("range", {}).get("start") == position(text, 2, "m in"), r)
    s.notify("textDocument/didClose", doc(uri))


def completion(s, main_uri):
    r = s.request("textDocument/completion", at(main_uri, MAIN_GOOD, 5, "Poland", 2))
    items = (r or {}).get("result", {}).get("items", [])
    check("completion of a declared name", {"label": "Poland", "kind": 21, "detail": "state"} in items and
          all(i["label"].startswith("Po") for i in items), items)
    r = s.request("textDocument/completion", at(main_uri, MAIN_GOOD, 3, "organisation", 4))
    labels = [i["label"] for i in (r or {}).get("result", {}).get("items", [])]
    check("completion of keywords", "organisation" in labels and "organization" in labels and
          "organisations" in labels and all(x.startswith("orga") for x in labels), labels)
    r = s.request("textDocument/completion", dict(doc(main_uri), position={"line": 1, "character": 0}))
    labels = [i["label"] for i in (r or {}).get("result", {}).get("items", [])]
    check("completion with nothing typed: keywords and names, no REPL commands",
          "state" in labels and "Germany" in labels and "Club" in labels and "alliance" in labels and
          "big" in labels and "population" in labels and "undo" not in labels, labels)


def symbols(s, main_uri):
    r = s.request("textDocument/documentSymbol", doc(main_uri))
    res = (r or {}).get("result") or []
    check("document symbols", [(x["name"], x["kind"]) for x in res] ==
          [("states.treaty", 1), ("Pact", 2), ("Club", 2), ("big", 12), ("Pact is small", 7), ("Union", 2), ("small", 12), ("Trio", 2)], r)
    club = [x for x in res if x["name"] == "Club"]
    check("a symbol's selection is its name", club and club[0]["selectionRange"] ==
          {"start": {"line": 3, "character": 13}, "end": {"line": 3, "character": 17}}, club)


MESSY = "state   A;state B;\norganisation  Pact {member A,B;   # the two\n}\n"
NO_FINAL_NEWLINE = "state A;\n# \U0001F600 x"      # the last line: 6 UTF-16 units, 8 bytes


def formatting(s, treaty, tmp):
    """textDocument/formatting: one edit, the text `treaty fmt -` gives."""
    want = subprocess.run([treaty, "fmt", "-"], input=MESSY, capture_output=True, text=True).stdout
    uri = "file://" + os.path.join(tmp, "messy.treaty")
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "treaty", "version": 1, "text": MESSY}})
    s.diagnostics(uri)
    r = s.request("textDocument/formatting", dict(doc(uri), options={"tabSize": 2, "insertSpaces": True}))
    edits = (r or {}).get("result")
    check("formatting gives one edit over the whole text, as treaty fmt lays it out",
          isinstance(edits, list) and len(edits) == 1 and edits[0]["newText"] == want and want and
          edits[0]["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}, r)
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"text": want}]})
    s.diagnostics(uri)
    r = s.request("textDocument/formatting", doc(uri))
    check("a text already laid out gets no edit", (r or {}).get("result") == [], r)
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                        "contentChanges": [{"text": "state A\n# no end"}]})
    s.diagnostics(uri)
    r = s.request("textDocument/formatting", doc(uri))
    check("a text that does not parse gets null", r is not None and "result" in r and r["result"] is None, r)
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                        "contentChanges": [{"text": NO_FINAL_NEWLINE}]})
    s.diagnostics(uri)
    r = s.request("textDocument/formatting", doc(uri))
    edits = (r or {}).get("result") or [{}]
    check("the edit ends after the last character, in UTF-16 units",
          edits[0].get("range", {}).get("end") == {"line": 1, "character": 6}, r)
    s.notify("textDocument/didClose", doc(uri))
    s.diagnostics(uri)


def bad_input(s):
    r = s.request("textDocument/rename", doc("file:///x.treaty"))
    check("an unknown request is MethodNotFound", error_code(r) == -32601, r)
    s.notify("$/unknownNotification", {})
    s.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")
    r = s.read()
    check("a frame without Content-Length", error_code(r) == -32700 and r.get("id", 1) is None, r)
    s.send_raw(b"Content-Length: 9\r\n\r\n{\"id\": 1,")
    r = s.read()
    check("invalid JSON is a parse error", error_code(r) == -32700 and "invalid JSON" in r["error"]["message"], r)
    s.send_raw(b"no colon here\r\nContent-Length: 2\r\n\r\n{}")
    r = s.read()
    check("a malformed header line", error_code(r) == -32700 and "header" in r["error"]["message"], r)
    s.send_raw(b"Content-Length: twelve\r\n\r\n")
    r = s.read()
    check("a Content-Length that is not a number", error_code(r) == -32700, r)
    big = 16 * 1024 * 1024 + 1
    s.send_raw(b"Content-Length: %d\r\n\r\n" % big + b" " * big)
    r = s.read()
    check("a message past 16 MiB is skipped with an error",
          error_code(r) == -32700 and "16 MiB" in r["error"]["message"], r)
    s.send_raw(b"X: " + b"y" * 5000 + b"\r\nContent-Length: 2\r\n\r\n{}")
    r = s.read()
    check("a header line too long", error_code(r) == -32700, r)
    s.send_raw(b"Content-Length: 3\r\n\r\n[1]")
    r = s.read()
    check("JSON that is not an object is an invalid request", error_code(r) == -32600, r)
    s.send({"id": {"not": "an id"}, "method": "shutdown"})
    r = s.read()
    check("an id that is not a number or string", error_code(r) == -32600 and r.get("id", 1) is None, r)
    s.send({"id": 77, "method": 5})
    r = s.read()
    check("a method that is not a string", error_code(r) == -32600 and r.get("id") == 77, r)
    s.send({"id": 78, "result": None})
    s.send({"id": 79, "method": "textDocument/documentSymbol", "params": 3})
    r = s.read()
    check("a response from the client is not answered; scalar params are invalid",
          r is not None and r.get("id") == 79 and error_code(r) == -32602, r)
    r = s.request("textDocument/documentSymbol", doc("file:///not/open.treaty"))
    check("the server still answers after bad input", error_code(r) == -32602, r)


def shutdown(s):
    r = s.request("shutdown")
    check("shutdown answers null", r is not None and "result" in r and r["result"] is None, r)
    r = s.request("textDocument/hover", {})
    check("a request after shutdown is refused", error_code(r) == -32600, r)
    s.notify("exit")
    check("exit after shutdown: status 0", s.finish() == 0)


def main():
    treaty = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/treaty")
    signal.alarm(120)          # a server that stops answering fails the suite instead of hanging it
    with tempfile.TemporaryDirectory() as tmp:
        tmp = os.path.realpath(tmp)
        with open(os.path.join(tmp, "states.treaty"), "w", encoding="utf-8") as f:
            f.write(STATES)
        main_path = os.path.join(tmp, "main.treaty")
        with open(main_path, "w", encoding="utf-8") as f:
            f.write(MAIN_GOOD)     # the editor's text (with the typo) wins over the disk's
        main_uri = "file://" + main_path
        states_uri = "file://" + os.path.join(tmp, "states.treaty")
        s = Session(treaty, tmp)
        life_cycle(s)
        diagnostics(s, main_uri, states_uri)
        hover(s, main_uri, os.path.join(tmp, "states.treaty"))
        definition_and_references(s, main_uri, states_uri)
        variables(s)
        completion(s, main_uri)
        symbols(s, main_uri)
        formatting(s, treaty, tmp)
        bad_input(s)
        shutdown(s)

        # positions in UTF-8, when the client offers them
        s = Session(treaty, tmp)
        r = s.request("initialize", {"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}})
        check("UTF-8 positions when the client offers them",
              (r or {}).get("result", {}).get("capabilities", {}).get("positionEncoding") == "utf-8", r)
        s.notify("initialized", {})
        s.notify("textDocument/didOpen", {"textDocument": {"uri": main_uri, "languageId": "treaty", "version": 1,
                                                          "text": MAIN_BAD}})
        p = s.diagnostics(main_uri)
        ds = (p or {}).get("diagnostics", [{}])
        line = MAIN_BAD.split("\n")[2]
        col = len(line[:line.index("Germny")].encode("utf-8"))
        check("a UTF-8 column is the byte column", ds and ds[0].get("range", {}).get("start") ==
              {"line": 2, "character": col}, p)
        s.notify("exit")
        check("exit without shutdown: status 1", s.finish() == 1)

        # the limits: completion items, open documents
        s = Session(treaty, tmp)
        s.request("initialize", {"capabilities": {}})
        text = "".join("state S%d;\n" % i for i in range(250)) + "state Z;\n"
        s.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:many", "languageId": "treaty",
                                                          "version": 1, "text": text}})
        r = s.request("textDocument/completion", dict(doc("untitled:many"), position={"line": 0, "character": 7}))
        res = (r or {}).get("result", {})
        check("at most 200 completion items, and the list says it is incomplete",
              len(res.get("items", [])) == 200 and res.get("isIncomplete") is True, [len(res.get("items", [])), r])
        s.pending = []
        for i in range(1, 1025):   # each answered before the next, so that neither side waits on a full pipe
            s.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:%d" % i, "languageId": "treaty",
                                                              "version": 1, "text": "state A;\n"}})
            s.pending.append(s.read() or {"method": "end of output"})
        shown = [m for m in s.pending if m["method"] == "window/showMessage"]
        published = [m for m in s.pending if m["method"] == "textDocument/publishDiagnostics"]
        check("the document past 1,024 open is refused, and the editor told",
              len(published) == 1023 and len(shown) == 1 and "too many open documents" in
              shown[0]["params"]["message"], [len(published), shown])
        s.pending = []
        s.notify("textDocument/didClose", doc("untitled:1"))
        s.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:1024", "languageId": "treaty",
                                                          "version": 1, "text": "state A;\n"}})
        p = s.diagnostics("untitled:1024")
        check("a document can be opened once another is closed", p is not None and p.get("diagnostics") == [], p)
        s.notify("exit")
        s.finish()

        # the end of the input ends the server
        s = Session(treaty, tmp)
        s.send_raw(b"Content-Length: 40\r\n\r\n{\"jsonrpc\":")
        check("input that ends inside a frame: status 1", s.finish() == 1)

        # a path with characters a URI escapes
        odd = os.path.join(tmp, "a dir \u00e9")
        os.mkdir(odd)
        with open(os.path.join(odd, "s.treaty"), "w", encoding="utf-8") as f:
            f.write(STATES)
        s = Session(treaty, tmp)
        s.request("initialize", {"capabilities": {}})
        uri = "file://" + odd.replace(" ", "%20").replace("\u00e9", "%C3%A9") + "/m.treaty"
        text = 'import "s.treaty";\norganisation O { member France since 2000; }\n'
        s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "treaty", "version": 1,
                                                          "text": text}})
        p = s.diagnostics(uri)
        check("a file not yet saved imports from its folder", p is not None and p.get("diagnostics") == [], p)
        r = s.request("textDocument/definition", at(uri, text, 1, "France"))
        res = (r or {}).get("result") or [{}]
        check("locations in other files are escaped URIs",
              res[0].get("uri") == "file://" + odd.replace(" ", "%20").replace("\u00e9", "%C3%A9") + "/s.treaty", r)
        s.request("shutdown")
        s.notify("exit")
        check("exit: status 0", s.finish() == 0)
    print("lsp: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
