// The Treaty extension: the grammar highlights .treaty files (package.json
// declares it); this file starts `treaty lsp` as the language server, over
// standard input and output, for every .treaty document.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

// A client of `treaty lsp`, with the settings treaty.path and treaty.at.
function startClient() {
  const config = vscode.workspace.getConfiguration("treaty");
  const args = ["lsp"];
  if (config.get("at")) args.push("--at", config.get("at"));
  const server = { command: config.get("path") || "treaty", args, transport: TransportKind.stdio };
  const documents = [{ scheme: "file", language: "treaty" }, { scheme: "untitled", language: "treaty" }];
  client = new LanguageClient("treaty", "Treaty", server, { documentSelector: documents });
  return client.start();
}

function activate(context) {
  startClient();
  // a changed path or date takes effect with a new server
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!e.affectsConfiguration("treaty")) return;
    if (client) await client.stop();
    await startClient();
  }));
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
