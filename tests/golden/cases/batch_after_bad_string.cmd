treaty query examples/real/nato.treaty -f tests/golden/inputs/batch_after_bad_string.txt --format tsv --reasons none
