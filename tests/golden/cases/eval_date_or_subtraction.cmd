treaty query --at 2020-01-01 tests/golden/inputs/export_segments.treaty -e "eval 1949 - 4 - 4" -e "eval 1949-4" -e "eval 1949-4-4"
