treaty --version
