treaty export dyad-years --from 1999 --to 2010 tests/golden/inputs/export_segments.treaty
