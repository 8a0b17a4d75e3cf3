treaty check --color always tests/golden/inputs/unknown_names.treaty 2>&1 | sed -n 1,3p | od -c | sed -n 1,6p
