treaty repl tests/golden/inputs/dup.treaty < tests/golden/inputs/repl/json.txt
