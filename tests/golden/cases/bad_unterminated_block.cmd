treaty check tests/golden/inputs/unterminated_block.treaty
