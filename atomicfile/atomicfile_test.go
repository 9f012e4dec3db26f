package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteKeepsOldContentOnFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	if err := WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Write(p, 0o644, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("want error")
	}
	got, _ := os.ReadFile(p)
	if string(got) != "old" {
		t.Fatalf("content = %q, want old", got)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("temp file left behind: %v", ents)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("perm = %v", fi.Mode().Perm())
	}
	if err := WriteFile(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "new" {
		t.Fatalf("content = %q", got)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Fatalf("perm changed to %v", fi.Mode().Perm())
	}
}

// A write that fails says why in Chinese and names the file asked for,
// never the temporary one beside it.
func TestWriteErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("old.docx", []byte("old"), 0o644)
	os.Mkdir("folder", 0o755)
	full := func(w io.Writer) error {
		f := w.(*os.File)
		return &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	ok := func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }
	tests := []struct {
		path string
		fn   func(io.Writer) error
		want string
	}{
		{"nodir/x.docx", ok, "不能写入文件 nodir/x.docx：文件夹 nodir 不存在"},
		{"old.docx/x.docx", ok, "old.docx 是一个文件，不是文件夹"},
		{"folder", ok, "文件 folder 是一个文件夹，不是文件"},
		{"old.docx", full, "磁盘空间不足，文件 old.docx 没有写成（原来的文件没有改动）"},
		{"old.docx", func(io.Writer) error { return errors.New("稿子有错") }, "写入 old.docx: 稿子有错"},
	}
	for _, tt := range tests {
		err := Write(tt.path, 0o644, tt.fn)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("Write(%s) = %v, want %q", tt.path, err, tt.want)
		}
	}
	if b, _ := os.ReadFile("old.docx"); string(b) != "old" {
		t.Errorf("old.docx = %q after failed writes", b)
	}
	if ents, _ := os.ReadDir("."); len(ents) != 2 {
		t.Errorf("left behind: %v", ents)
	}
}
