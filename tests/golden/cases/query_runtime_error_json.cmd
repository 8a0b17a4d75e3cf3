treaty query --format json tests/golden/inputs/runtime_error_in_rules.treaty -e 'can A join O' --at 2001
