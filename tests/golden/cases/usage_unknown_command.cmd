treaty frobnicate x.treaty
