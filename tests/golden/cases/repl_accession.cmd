printf 'show Pact;\naccession of X to Pact at 2021-10-01;\nwhy;\naccession of Y to Duo;\n' | treaty repl --at 2021-06-01 tests/scenarios/accession.treaty
