//go:build unix

package inputfile

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	os.WriteFile(file, []byte("values: {}\n"), 0o644)
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, make([]byte, 2000), 0o644)
	if data, err := Read(file, "答案文件", 100); err != nil || string(data) != "values: {}\n" {
		t.Errorf("Read = %q, %v", data, err)
	}
	if data, err := Read(big, "答案文件", 2000); err != nil || len(data) != 2000 {
		t.Errorf("a file of exactly the limit: %d bytes, %v", len(data), err)
	}
	tests := []struct{ path, want string }{
		{big, "答案文件 " + big + " 过大（上限 1 KiB），不像是 nigao 要读的文件"},
		{dir, "答案文件 " + dir + " 是一个文件夹，不是文件：请写出文件夹里的文件名"},
		{filepath.Join(dir, "no.yaml"), "找不到答案文件 " + filepath.Join(dir, "no.yaml")},
	}
	if runtime.GOOS != "windows" {
		fifo := filepath.Join(dir, "fifo.yaml")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
		tests = append(tests,
			struct{ path, want string }{fifo, "答案文件 " + fifo + " 不是普通文件，而是命名管道（FIFO）：nigao 只读普通文件"},
			struct{ path, want string }{"/dev/zero", "答案文件 /dev/zero 不是普通文件，而是设备：nigao 只读普通文件"},
		)
	}
	for _, tt := range tests {
		_, err := Read(tt.path, "答案文件", 1024)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Read(%s) = %v\nwant %s", tt.path, err, tt.want)
		}
	}
}
