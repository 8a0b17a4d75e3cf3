printf "members of SCO;\\nat 2018;\\nmembers of SCO;\\n" | treaty repl --at 2010 examples/seed
