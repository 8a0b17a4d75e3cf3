treaty check tests/golden/inputs/accession_expect.treaty
