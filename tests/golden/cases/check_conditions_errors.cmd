treaty check tests/golden/inputs/conditions_errors.treaty
