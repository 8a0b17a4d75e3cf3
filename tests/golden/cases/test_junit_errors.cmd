treaty test --format junit tests/golden/inputs/runtime_error_in_rules.treaty tests/golden/inputs/junit_query_error.treaty | python3 tests/golden/junit_check.py
