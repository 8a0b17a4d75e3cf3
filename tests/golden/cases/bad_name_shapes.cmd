treaty check tests/golden/inputs/name_shapes.treaty
