treaty test tests/golden/inputs/crlf.treaty
