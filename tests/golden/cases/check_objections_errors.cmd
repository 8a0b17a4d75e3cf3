treaty check tests/golden/inputs/objections_errors.treaty
