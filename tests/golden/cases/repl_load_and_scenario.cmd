treaty repl < tests/golden/inputs/repl/load_scenario.txt
