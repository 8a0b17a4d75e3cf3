treaty fmt --help && treaty help fmt
