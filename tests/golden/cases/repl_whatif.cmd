treaty repl examples/seed < tests/golden/inputs/repl/whatif.txt
