treaty check --version
