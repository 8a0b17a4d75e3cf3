treaty repl examples/seed < tests/golden/inputs/repl/errors.txt
