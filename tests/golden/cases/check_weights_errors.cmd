treaty check tests/golden/inputs/weights_errors.treaty
