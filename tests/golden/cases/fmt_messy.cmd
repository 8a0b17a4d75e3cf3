treaty fmt tests/golden/inputs/fmt/messy.treaty
