treaty check --at 2020-01-01 tests/golden/inputs/warn_exclusive_kind.treaty
