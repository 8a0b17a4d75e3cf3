treaty query examples/real/nato.treaty -f tests/golden/inputs/batch_queries.txt
