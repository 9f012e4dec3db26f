// Package atomicfile writes files so that readers see either the old
// content or the new, never a half-written file: a crash, a full disk or
// kill -9 mid-write leaves the previous file intact.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
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
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("写入 %s: 不是普通文件", path)
		}
		perm = fi.Mode().Perm()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("写入 %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = fn(f); err != nil {
		return fmt.Errorf("写入 %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("写入 %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("写入 %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("写入 %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("写入 %s: %w", path, err)
	}
	// Sync the directory so the rename itself survives a power cut.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
