d=$(mktemp -d) && cd "$d" && printf 'state A;\nstate A;\n' > "$(printf 'caf\351.treaty')" && treaty check --format json caf*.treaty; s=$?; rm -rf "$d"; exit $s
