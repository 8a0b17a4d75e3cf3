treaty check tests/golden/inputs/decision_rules_errors.treaty
