treaty --help
