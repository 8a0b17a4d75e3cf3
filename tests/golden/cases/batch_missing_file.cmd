treaty query examples/real/nato.treaty -f tests/golden/inputs/no-such-file.txt --format tsv
