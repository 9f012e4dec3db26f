// Package inputfile reads the files a command is given — templates,
// answers files, letterheads, reports to import — which anyone may have
// named: a colleague's answers file names its previous: and
// docx_template: itself. Only a regular file is read; a folder, a named
// pipe, a device or a socket is refused with a message saying what it is,
// without waiting on it (opening a named pipe would wait for a writer,
// reading /dev/zero would never end). A file is read through its limit,
// never whole first.
package inputfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"syscall"

	"github.com/nigao/nigao/fileerr"
)

// Read returns the content of the regular file at path, at most limit
// bytes; what names it in messages (答案文件, 模板, Word 模板, 报告).
func Read(path, what string, limit int64) ([]byte, error) {
	f, err := open(path)
	if err != nil {
		return nil, fileerr.Explain(fileerr.Read, what, path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fileerr.Explain(fileerr.Read, what, path, err)
	}
	if err := regular(fi, what, path); err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, TooLarge(what, path, limit)
	}
	// sized from the file (which may still grow while it is read)
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fileerr.Explain(fileerr.Read, what, path, err)
	}
	if int64(buf.Len()) > limit {
		return nil, TooLarge(what, path, limit)
	}
	return buf.Bytes(), nil
}

// TooLarge is the error of a file over its limit.
func TooLarge(what, path string, limit int64) error {
	return &fileerr.Error{Op: fileerr.Read, Path: path, Err: errTooLarge,
		Msg: fmt.Sprintf("%s %s 过大（上限 %s），不像是 nigao 要读的文件", what, path, size(limit))}
}

var errTooLarge = errors.New("file too large")

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n/1e6)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// regular refuses what is not a regular file, saying what it is.
func regular(fi fs.FileInfo, what, path string) error {
	m := fi.Mode()
	kind := ""
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return fileerr.Explain(fileerr.Read, what, path, syscall.EISDIR)
	case m&fs.ModeNamedPipe != 0:
		kind = "命名管道（FIFO）"
	case m&fs.ModeSocket != 0:
		kind = "套接字"
	case m&fs.ModeDevice != 0:
		kind = "设备"
	default:
		kind = "特殊文件"
	}
	return &fileerr.Error{Op: fileerr.Read, Path: path, Err: errNotRegular,
		Msg: fmt.Sprintf("%s %s 不是普通文件，而是%s：nigao 只读普通文件", what, path, kind)}
}

var errNotRegular = errors.New("not a regular file")
