d=$(mktemp -d) && "$TREATY" check --at 2016-01-01 "$d" >"$d.out" 2>&1; s=$?; sed "s#$d#DIR#g" "$d.out"; rm -rf "$d" "$d.out"; exit $s
