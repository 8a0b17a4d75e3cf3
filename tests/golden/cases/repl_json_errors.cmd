treaty repl examples/seed < tests/golden/inputs/repl/json_errors.txt
