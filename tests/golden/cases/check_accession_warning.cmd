treaty check tests/golden/inputs/accession_warning.treaty
