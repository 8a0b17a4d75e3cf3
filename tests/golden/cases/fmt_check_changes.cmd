treaty fmt --check tests/golden/inputs/fmt/messy.treaty tests/golden/inputs/fmt/clean.treaty tests/golden/inputs/fmt/dir
