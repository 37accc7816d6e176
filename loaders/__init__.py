"""Reading articles in, writing graphs out."""
