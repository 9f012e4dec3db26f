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

// A read-only file is not replaced, though renaming over it would work.
func TestReadOnlyNotReplaced(t *testing.T) {
	p := filepath.Join(t.TempDir(), "红头.docx")
	os.WriteFile(p, []byte("old"), 0o444)
	err := WriteFile(p, []byte("new"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "是只读的，没有覆盖") || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("got %v", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Errorf("content = %q", got)
	}
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	tpl, ans := filepath.Join(dir, "t.yaml"), filepath.Join(dir, "t.answers.yaml")
	files := []File{{tpl, []byte("template"), 0o644}, {ans, []byte("answers"), 0o644}}
	left := func() []string {
		var names []string
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}

	// the second cannot be written: neither is
	if err := WriteAll([]File{files[0], {filepath.Join(dir, "no", "a.yaml"), nil, 0o644}}); err == nil {
		t.Fatal("want an error")
	}
	if got := left(); len(got) != 0 {
		t.Fatalf("left behind: %v", got)
	}

	if err := WriteAll(files); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(left(), " "); got != "t.answers.yaml t.yaml" {
		t.Fatalf("files: %s", got)
	}

	// the second rename fails: the first file is put back as it was
	renames := 0
	rename = func(from, to string) error {
		if renames++; renames == 4 { // t.yaml aside, in; t.answers.yaml aside, in
			return &fs.PathError{Op: "rename", Path: to, Err: syscall.EIO}
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	err := WriteAll([]File{{tpl, []byte("template 2"), 0o644}, {ans, []byte("answers 2"), 0o644}})
	if err == nil {
		t.Fatal("want an error")
	}
	for p, want := range map[string]string{tpl: "template", ans: "answers"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s = %q, want %q", filepath.Base(p), got, want)
		}
	}
	if got := strings.Join(left(), " "); got != "t.answers.yaml t.yaml" {
		t.Errorf("files: %s", got)
	}
}
