treaty test --help
