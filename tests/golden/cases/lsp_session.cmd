python3 tests/lsp/session.py | treaty lsp --at 2024-06-01
