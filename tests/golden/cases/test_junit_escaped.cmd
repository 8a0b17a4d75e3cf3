treaty test --format junit tests/golden/inputs/junit_hostile.treaty | sed -E 's/time="[0-9.]+"/time="T"/g'
