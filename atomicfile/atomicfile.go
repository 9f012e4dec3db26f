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
	"strings"
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
func Write(path string, perm os.FileMode, fn func(w io.Writer) error) error {
	tmp, err := prepare(path, perm, fn)
	if err != nil {
		return err
	}
	if err := rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fileerr.Explain(fileerr.Write, "", path, err)
	}
	syncDir(path)
	return nil
}

// prepare writes what fn produces to a temporary file beside path,
// synced and with path's permissions (perm for a new file), and returns
// its name: all of Write but the rename. It refuses to replace a folder,
// a device or pipe, or a read-only file.
func prepare(path string, perm os.FileMode, fn func(w io.Writer) error) (_ string, err error) {
	if fi, statErr := os.Stat(path); statErr == nil {
		if fi.IsDir() {
			return "", fileerr.Explain(fileerr.Write, "", path, syscall.EISDIR)
		}
		if !fi.Mode().IsRegular() {
			return "", fmt.Errorf("不能写入 %s：它不是普通文件（是设备或管道）", path)
		}
		if fi.Mode().Perm()&0o222 == 0 {
			// renaming over it would succeed: a read-only file is its
			// owner saying it is not to be changed
			return "", &fileerr.Error{Op: fileerr.Write, Path: path, Err: fs.ErrPermission,
				Msg: "文件 " + path + " 是只读的，没有覆盖（确要改写它，请先去掉只读属性）"}
		}
		perm = fi.Mode().Perm()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return "", fileerr.Explain(fileerr.Write, "", path, err)
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
			return "", fileerr.Explain(fileerr.Write, "", path, err)
		}
		return "", fmt.Errorf("写入 %s: %w", path, err)
	}
	if err = f.Chmod(perm); err == nil {
		if err = f.Sync(); err == nil {
			err = f.Close()
		}
	}
	if err != nil {
		return "", fileerr.Explain(fileerr.Write, "", path, err)
	}
	return tmp, nil
}

// rename is os.Rename; tests make it fail.
var rename = os.Rename

// syncDir syncs the folder of path so a rename into it survives a power
// cut.
func syncDir(path string) {
	dir := filepath.Dir(path)
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// A File is one file for WriteAll.
type File struct {
	Path string
	Data []byte
	Perm os.FileMode // for a new file
}

// WriteAll writes files so that either every one is written or none is:
// all are first written to temporary files beside them, and only then
// renamed into place. Should a rename fail, the files renamed so far are
// taken back (an existing file is moved aside first, and back again).
func WriteAll(files []File) error {
	tmps := make([]string, 0, len(files))
	removeTmps := func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	for _, f := range files {
		tmp, err := prepare(f.Path, f.Perm, func(w io.Writer) error {
			_, err := w.Write(f.Data)
			return err
		})
		if err != nil {
			removeTmps()
			return err
		}
		tmps = append(tmps, tmp)
	}
	type placed struct{ path, old string } // old: where the file it replaced waits
	var done []placed
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			os.Remove(done[i].path)
			if done[i].old != "" {
				rename(done[i].old, done[i].path)
			}
		}
	}
	for i, f := range files {
		old := ""
		if _, err := os.Lstat(f.Path); err == nil {
			old = strings.TrimSuffix(tmps[i], ".tmp") + ".old"
			if err := rename(f.Path, old); err != nil {
				undo()
				removeTmps()
				return fileerr.Explain(fileerr.Write, "", f.Path, err)
			}
		}
		if err := rename(tmps[i], f.Path); err != nil {
			if old != "" {
				rename(old, f.Path)
			}
			undo()
			removeTmps()
			return fileerr.Explain(fileerr.Write, "", f.Path, err)
		}
		done = append(done, placed{f.Path, old})
	}
	for _, d := range done {
		if d.old != "" {
			os.Remove(d.old)
		}
		syncDir(d.path)
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
