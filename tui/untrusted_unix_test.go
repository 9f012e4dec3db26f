//go:build unix

package tui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A letterhead that is a named pipe: exporting says so at once, and the
// wizard goes on.
func TestWizardExportLetterheadPipe(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "红头.docx")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	tm, waitScreen := runWizard(t, Options{Template: "township-halfyear", AnswersPath: filepath.Join(dir, "a.yaml"), DocxTemplate: pipe, Out: filepath.Join(dir, "稿子.docx")})
	waitScreen("基本信息")
	tm.Send(keyMsg("ctrl+e"))
	waitScreen("导出稿子")
	tm.Send(keyMsg("enter"))
	waitScreen("不是普通文件")
	if _, err := os.Stat(filepath.Join(dir, "稿子.docx")); err == nil {
		t.Error("exported with a letterhead that is no file")
	}
	quit(t, tm)
}

// -a naming a named pipe: the wizard does not start, and says why at once.
func TestWizardAnswersPipe(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "a.yaml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	_, err := New(Options{Template: "township-halfyear", AnswersPath: pipe, AutosaveDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "不是普通文件，而是命名管道（FIFO）") {
		t.Errorf("got %v", err)
	}
}
