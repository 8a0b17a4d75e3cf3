treaty fmt --diff tests/golden/inputs/fmt/messy.treaty tests/golden/inputs/fmt/clean.treaty
