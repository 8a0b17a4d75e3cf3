treaty test --format junit tests/golden/inputs/junit_query_error.treaty > /dev/null
