treaty repl examples/seed < tests/golden/inputs/repl/readme.txt
