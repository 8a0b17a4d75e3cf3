treaty test -v tests/golden/inputs/crlf.treaty
