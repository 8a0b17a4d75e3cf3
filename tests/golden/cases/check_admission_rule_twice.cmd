treaty check tests/golden/inputs/admission_rule_twice.treaty
