// Package fileerr says in Chinese what went wrong with a file a command
// reads or writes: not found, not allowed, a folder, a full disk, a
// folder that does not exist. The operating system's English and the
// names of temporary files (.x.docx.4014946906.tmp) stay out of it; the
// original error is kept underneath for errors.Is.
package fileerr

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Op is what was being done to the file.
type Op int

const (
	Read    Op = iota // reading a file
	Write             // writing (or replacing) a file
	MakeDir           // making a folder
)

// Error is a file error said in Chinese.
type Error struct {
	Op   Op
	Path string
	Msg  string
	Err  error // what the system said
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Explain turns err, met while doing op to path, into a Chinese sentence
// naming the file: what says what the file is to the clerk (答案文件,
// 模板, Word 模板; "" for 文件). An error already explained, and nil, are
// returned as they are.
func Explain(op Op, what, path string, err error) error {
	var done *Error
	if err == nil || errors.As(err, &done) {
		return err
	}
	if what == "" {
		what = "文件"
		if op == MakeDir {
			what = "文件夹"
		}
	}
	if what[0] < 0x80 {
		what = " " + what // 找不到 Word 模板: a space between Chinese and Latin
	}
	name := what + " " + path
	verb := [...]string{Read: "读取", Write: "写入", MakeDir: "建立"}[op]
	msg := ""
	fi, statErr := os.Stat(path)
	switch {
	case op != MakeDir && statErr == nil && fi.IsDir():
		msg = strings.TrimSpace(name) + " 是一个文件夹，不是文件：请写出文件夹里的文件名"
	case op == MakeDir && statErr == nil && !fi.IsDir():
		msg = "不能建立文件夹 " + path + "：已经有一个同名的文件"
	case isDiskFull(err):
		msg = "磁盘空间不足，" + strings.TrimSpace(name) + " 没有写成"
		if op == Write {
			msg += "（原来的文件没有改动）"
		}
		msg += "：请腾出空间，或换一个磁盘"
	case errors.Is(err, syscall.EROFS):
		msg = "不能" + verb + name + "：这个磁盘是只读的（光盘，或打开了写保护的 U 盘）"
	case isInUse(err):
		msg = "不能" + verb + name + "：它正被别的程序打开（如 Word、WPS），请关掉后再试"
	case errors.Is(err, fs.ErrPermission):
		msg = "没有权限" + verb + name
		if op != Read {
			msg += "（文件或文件夹是只读的，或正被 Word、WPS 等程序打开）"
		}
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		msg = notFound(op, verb, what, path)
	case errors.Is(err, syscall.ENAMETOOLONG):
		msg = "不能" + verb + name + "：文件名太长"
	case isBadName(err):
		msg = "不能" + verb + name + "：文件名里有不允许的字符（\\ / : * ? \" < > |）"
	default:
		msg = verb + name + " 时出错：" + systemText(err)
	}
	return &Error{Op: op, Path: path, Msg: msg, Err: err}
}

// notFound names what is missing: the file itself, or the first folder
// on its path that does not exist (or is a file).
func notFound(op Op, verb, what, path string) string {
	missing := ""
	for d := filepath.Dir(path); d != "." && d != filepath.Dir(d); d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err == nil && fi.IsDir() {
			break
		}
		if err == nil {
			return "不能" + verb + what + " " + path + "：" + d + " 是一个文件，不是文件夹"
		}
		missing = d
	}
	switch {
	case missing != "" && op == Read:
		return "找不到" + what + " " + path + "：文件夹 " + missing + " 不存在"
	case missing != "":
		return "不能" + verb + what + " " + path + "：文件夹 " + missing + " 不存在（请先建好它，或换一个位置）"
	case op == Read:
		return "找不到" + what + " " + path + "（请检查文件名和所在的文件夹）"
	}
	return "不能" + verb + what + " " + path + "：找不到它所在的文件夹"
}

// systemText is what the system said, without the path (which may be a
// temporary file's).
func systemText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

func isDiskFull(err error) bool { return anyErrno(err, diskFull) }
func isInUse(err error) bool    { return anyErrno(err, inUse) }
func isBadName(err error) bool  { return anyErrno(err, badName) }

func anyErrno(err error, list []syscall.Errno) bool {
	for _, e := range list {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
