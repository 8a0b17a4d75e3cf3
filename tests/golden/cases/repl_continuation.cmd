treaty repl examples/seed < tests/golden/inputs/repl/continuation.txt
