treaty check tests/golden/inputs/control_chars.treaty
