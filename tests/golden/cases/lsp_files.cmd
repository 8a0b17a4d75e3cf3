treaty lsp examples/seed
