// Package atomicfile writes files so that readers see either the old
// content or the new, never a half-written file: a crash, a full disk or
// kill -9 mid-write leaves the previous file intact.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/nigao/nigao/fileerr"
)

// WriteFile writes data to path through a temporary file in the same
// directory, synced and renamed over path. An existing file's permission
// bits are kept; a new file gets perm.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write is WriteFile for content produced by a function; if fn fails,
// path is left untouched.
func Write(path string, perm os.FileMode, fn func(w io.Writer) error) (err error) {
	if fi, statErr := os.Stat(path); statErr == nil {
		if fi.IsDir() {
			return fileerr.Explain(fileerr.Write, "", path, syscall.EISDIR)
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("不能写入 %s：它不是普通文件（是设备或管道）", path)
		}
		perm = fi.Mode().Perm()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fileerr.Explain(fileerr.Write, "", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = fn(f); err != nil {
		if isSystem(err) {
			return fileerr.Explain(fileerr.Write, "", path, err)
		}
		return fmt.Errorf("写入 %s: %w", path, err)
	}
	if err = f.Chmod(perm); err == nil {
		if err = f.Sync(); err == nil {
			if err = f.Close(); err == nil {
				err = os.Rename(tmp, path)
			}
		}
	}
	if err != nil {
		return fileerr.Explain(fileerr.Write, "", path, err)
	}
	// Sync the directory so the rename itself survives a power cut.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// isSystem tells an error of the file system (a full disk while fn
// writes) from fn's own (a draft that could not be built).
func isSystem(err error) bool {
	var pe *fs.PathError
	var errno syscall.Errno
	return errors.As(err, &pe) || errors.As(err, &errno)
}
