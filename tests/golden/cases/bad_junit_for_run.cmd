treaty run --format junit tests/golden/inputs/crlf.treaty
