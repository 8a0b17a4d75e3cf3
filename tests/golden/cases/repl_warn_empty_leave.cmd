printf 'at 2016-09-01;\nsuppose China leaves CSTO;\nsuppose China joins CSTO;\nsuppose China leaves CSTO;\nmembers of CSTO;\n' | treaty repl examples/seed
