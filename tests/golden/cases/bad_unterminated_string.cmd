treaty check tests/golden/inputs/unterminated_string.treaty
