//go:build unix

package inputfile

import (
	"os"
	"syscall"
)

// open opens path without waiting: a named pipe opened for reading would
// otherwise wait for a writer. O_NONBLOCK changes nothing for a regular
// file, the only kind then read.
func open(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
