printf 'show Bria;\nshow Aland;\nshow Cora;\n' | treaty repl --at 2000-01-01 tests/golden/inputs/show_state.treaty
