treaty fmt --check tests/golden/inputs/fmt/clean.treaty examples/seed && echo nothing to change
