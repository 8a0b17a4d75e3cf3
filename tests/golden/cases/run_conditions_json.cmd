treaty run --format json tests/golden/inputs/conditions.treaty
