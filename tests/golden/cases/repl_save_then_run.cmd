mkdir -p build/golden && rm -f build/golden/saved.treaty && treaty repl examples/seed < tests/golden/inputs/repl/save.txt && treaty run build/golden/saved.treaty | sed -n 1,12p
