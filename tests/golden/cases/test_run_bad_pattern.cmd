treaty test --run '(unclosed' tests/golden/inputs/crlf.treaty
