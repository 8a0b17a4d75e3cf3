treaty export dyad-years examples/real/anzus.treaty --from 1986 --to 1987 --suppositions tests/golden/inputs/export_layer.treaty
