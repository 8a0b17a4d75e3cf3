treaty export dyad-years --from 1896 --to 1905 --on 02-29 tests/golden/inputs/export_edges.treaty
