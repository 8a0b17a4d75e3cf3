treaty repl examples/seed < tests/golden/inputs/repl/docs_session.txt
