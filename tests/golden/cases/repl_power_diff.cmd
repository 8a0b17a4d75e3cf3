treaty repl tests/scenarios/compound_rules.treaty --at 2010-01-01 < tests/golden/inputs/repl/power.txt
