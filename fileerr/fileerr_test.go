package fileerr

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"
)

func TestExplain(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("file.yaml", []byte("x"), 0o644)
	os.Mkdir("folder", 0o755)
	_, notExist := os.ReadFile("nofile.yaml")
	_, inMissingDir := os.ReadFile("nodir/a.yaml")
	_, isDir := os.ReadFile("folder")
	tmp := func(e syscall.Errno) error {
		return &fs.PathError{Op: "write", Path: "out/.x.docx.4014946906.tmp", Err: e}
	}
	tests := []struct {
		op   Op
		what string
		path string
		err  error
		want string
	}{
		{Read, "答案文件", "nofile.yaml", notExist, "找不到答案文件 nofile.yaml（请检查文件名和所在的文件夹）"},
		{Read, "答案文件", "nodir/a.yaml", inMissingDir, "找不到答案文件 nodir/a.yaml：文件夹 nodir 不存在"},
		{Read, "答案文件", "folder", isDir, "答案文件 folder 是一个文件夹，不是文件：请写出文件夹里的文件名"},
		{Read, "模板", "file.yaml", &fs.PathError{Op: "open", Path: "file.yaml", Err: syscall.EACCES}, "没有权限读取模板 file.yaml"},
		{Write, "", "nodir/x.docx", tmp(syscall.ENOENT), "不能写入文件 nodir/x.docx：文件夹 nodir 不存在（请先建好它，或换一个位置）"},
		{Write, "", "file.yaml/x.docx", tmp(syscall.ENOTDIR), "不能写入文件 file.yaml/x.docx：file.yaml 是一个文件，不是文件夹"},
		{Write, "", "x.docx", tmp(syscall.ENOSPC), "磁盘空间不足，文件 x.docx 没有写成（原来的文件没有改动）：请腾出空间，或换一个磁盘"},
		{Write, "", "x.docx", tmp(syscall.EACCES), "没有权限写入文件 x.docx（文件或文件夹是只读的，或正被 Word、WPS 等程序打开）"},
		{Write, "", "x.docx", tmp(syscall.EROFS), "不能写入文件 x.docx：这个磁盘是只读的（光盘，或打开了写保护的 U 盘）"},
		{Write, "", "folder", tmp(syscall.EISDIR), "文件 folder 是一个文件夹，不是文件：请写出文件夹里的文件名"},
		{MakeDir, "", "file.yaml", &fs.PathError{Op: "mkdir", Path: "file.yaml", Err: syscall.EEXIST}, "不能建立文件夹 file.yaml：已经有一个同名的文件"},
		{Write, "", "x.docx", tmp(syscall.EIO), "写入文件 x.docx 时出错：input/output error"},
	}
	for _, tt := range tests {
		got := Explain(tt.op, tt.what, tt.path, tt.err)
		if got.Error() != tt.want {
			t.Errorf("Explain(%v, %q, %v):\n got %s\nwant %s", tt.op, tt.path, tt.err, got, tt.want)
		}
		if strings.Contains(got.Error(), ".tmp") {
			t.Errorf("temporary file named: %s", got)
		}
		if !errors.Is(got, tt.err) {
			t.Errorf("%v does not wrap %v", got, tt.err)
		}
		if again := Explain(Read, "别的", "y", got); again != got {
			t.Errorf("explained twice: %v", again)
		}
	}
	if Explain(Read, "", "x", nil) != nil {
		t.Error("nil explained")
	}
}

func TestExplainLatinName(t *testing.T) {
	t.Chdir(t.TempDir())
	os.Mkdir("d", 0o755)
	_, err := os.Open("no.docx")
	if got := Explain(Read, "Word 模板", "no.docx", err).Error(); got != "找不到 Word 模板 no.docx（请检查文件名和所在的文件夹）" {
		t.Errorf("got %s", got)
	}
	if got := Explain(Read, "Word 模板", "d", err).Error(); !strings.HasPrefix(got, "Word 模板 d 是一个文件夹") {
		t.Errorf("got %s", got)
	}
}
