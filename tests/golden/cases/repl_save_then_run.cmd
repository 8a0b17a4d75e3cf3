mkdir -p build/golden && treaty repl examples/seed < tests/golden/inputs/repl/save.txt && treaty run build/golden/saved.treaty | sed -n 1,12p
