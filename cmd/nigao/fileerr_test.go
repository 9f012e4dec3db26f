package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/templates"
)

// Every file a command reads or writes that is not there, is a folder or
// sits in a folder that does not exist is named in Chinese, without the
// system's English or nigao's temporary files.
func TestFileErrorsInChinese(t *testing.T) {
	atRoot(t)
	tmp := t.TempDir()
	blocker := filepath.Join(tmp, "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render", "-t", templates.Default, "-a", "no-such.yaml"}, "找不到答案文件 no-such.yaml"},
		{[]string{"render", "-t", templates.Default, "-a", "testdata"}, "答案文件 testdata 是一个文件夹，不是文件"},
		{[]string{"render", "-t", templates.Default, "-a", example, "-o", "nodir/x.docx"}, "不能写入文件 nodir/x.docx：文件夹 nodir 不存在"},
		{[]string{"render", "-t", templates.Default, "-a", example, "-o", "nodir/deeper/x.md"}, "文件夹 nodir 不存在"},
		{[]string{"render", "-t", templates.Default, "-a", example, "-o", "testdata", "--format", "md"}, "文件 testdata 是一个文件夹"},
		{[]string{"render", "-t", templates.Default, "-a", example, "--previous", "no-prev.yaml"}, "找不到答案文件 no-prev.yaml"},
		{[]string{"render", "-t", templates.Default, "-a", example, "--docx-template", "no.docx", "-o", filepath.Join(tmp, "x.docx")}, "找不到 Word 模板 no.docx"},
		{[]string{"render", "-t", "nodir/t.yaml"}, "找不到模板 nodir/t.yaml：文件夹 nodir 不存在"},
		{[]string{"lint", "no-such.yaml"}, "找不到文件 no-such.yaml"},
		{[]string{"import", "no-such.docx"}, "找不到报告 no-such.docx"},
		{[]string{"template", "copy", templates.Default, filepath.Join(blocker, "sub")}, "不能建立模板文件夹 " + filepath.Join(blocker, "sub") + "：" + blocker + " 是一个文件，不是文件夹"},
	}
	for _, tt := range tests {
		out, e, code := nigao(t, tt.args...)
		msg := out + e
		if code != exitFailure || !strings.Contains(msg, tt.want) {
			t.Errorf("nigao %s: exit %d\n%s\nwant %q", strings.Join(tt.args, " "), code, msg, tt.want)
		}
		for _, leak := range []string{".tmp", "no such file", "is a directory", "not a directory", "open ", "mkdir "} {
			if strings.Contains(msg, leak) {
				t.Errorf("nigao %s: %q in %s", strings.Join(tt.args, " "), leak, msg)
			}
		}
	}
}
