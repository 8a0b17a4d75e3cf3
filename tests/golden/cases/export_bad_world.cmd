treaty export dyad-years tests/golden/inputs/compound_syntax.treaty
