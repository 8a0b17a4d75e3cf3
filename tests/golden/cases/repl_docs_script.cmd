treaty repl examples/seed < tests/golden/inputs/repl/docs_script.txt
