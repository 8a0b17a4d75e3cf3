treaty repl examples/seed < tests/golden/inputs/repl/json.txt
