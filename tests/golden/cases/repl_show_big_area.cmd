printf 'show Big;\n' | treaty repl --at 2020-01-01 tests/golden/inputs/big_area.treaty
