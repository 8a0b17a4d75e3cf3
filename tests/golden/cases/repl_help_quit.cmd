treaty repl < tests/golden/inputs/repl/help.txt
