treaty test --format junit tests/golden/inputs/crlf.treaty tests/golden/inputs/failing_expect.treaty > /dev/null
