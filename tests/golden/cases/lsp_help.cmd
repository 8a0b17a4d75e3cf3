treaty lsp --help
