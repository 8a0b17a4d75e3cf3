printf 'at 2005;\nshow EU;\n' | treaty repl tests/golden/inputs/principle_periods.treaty
