treaty check tests/golden/inputs/conditions_syntax.treaty
