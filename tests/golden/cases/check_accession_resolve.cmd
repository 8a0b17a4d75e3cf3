treaty check tests/golden/inputs/accession_resolve.treaty
