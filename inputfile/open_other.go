//go:build !unix

package inputfile

import "os"

// open opens path; on Windows opening does not wait on a pipe.
func open(path string) (*os.File, error) { return os.Open(path) }
