treaty check tests/golden/inputs/accession_errors.treaty
