treaty check tests/golden/inputs/weights_syntax.treaty
