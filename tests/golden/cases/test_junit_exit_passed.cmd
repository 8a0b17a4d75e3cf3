treaty test --format junit tests/golden/inputs/crlf.treaty | python3 tests/golden/junit_check.py && treaty test --format junit tests/golden/inputs/crlf.treaty > /dev/null
