treaty test tests/golden/inputs/runtime_error_in_rules.treaty
