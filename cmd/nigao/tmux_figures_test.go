package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestFigureDialogInTmux: 加一句带数字的话 in a real terminal. The
// sentence is typed in Chinese with the real cursor right after it (a
// pinyin IME's window follows it); once the figures are found, the
// cursor is at the end of the first figure's name; Enter adds the
// sentence, the form shows the figure as a field and the answers file
// keeps it under figures:.
func TestFigureDialogInTmux(t *testing.T) {
	dir, bin := tmuxBinary(t)
	start, err := os.ReadFile("../../testdata/figures/统计局2024-开始.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ans := filepath.Join(dir, "统计局.yaml")
	if err := os.WriteFile(ans, start, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := fmt.Sprintf("exec env HOME=%s XDG_CONFIG_HOME=%s TERM=xterm-256color %s fill -t dept-annual -a %s",
		dir, filepath.Join(dir, "cfg"), bin, ans)
	s := &tmuxSession{t: t, name: fmt.Sprintf("nigao-figures-%d", os.Getpid())}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })
	s.start(100, 30, dir, cmd)

	s.waitText("部门名称")
	s.keys("C-f")
	s.waitText("查找字段")
	s.text("第一项业务工作标题")
	s.keys("Enter")
	s.waitText("＋ 加一句带数字的话")
	s.keys("Tab", "Enter")
	s.waitText("加一句带数字的话")
	s.waitText("句子：[")
	x0, y0 := s.cursor()
	sentence := "开展统计执法检查31家"
	s.text(sentence)
	if x, y := s.waitCursor(x0 + ansi.StringWidth(sentence)); y != y0 {
		t.Errorf("cursor left the sentence's row: %d,%d → %d,%d", x0, y0, x, y)
	}
	s.keys("Enter")
	scr := s.waitText("找到 1 个数字")
	// the cursor sits right after the proposed name, in its box
	_, y := s.cursor()
	line := strings.Split(scr, "\n")[y]
	i := strings.Index(line, "名称：[")
	if i < 0 {
		t.Fatalf("cursor row %d is not the name's:\n%s", y, scr)
	}
	name := strings.TrimRight(strings.SplitN(line[i+len("名称：["):], "]", 2)[0], " ")
	s.waitCursor(ansi.StringWidth(line[:i]+"名称：[") + ansi.StringWidth(name))
	s.keys("Enter")
	s.waitText("已加入这句话")
	s.waitText(name)
	src, err := os.ReadFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "figures:") || !strings.Contains(string(src), "{"+name+"}家") {
		t.Errorf("answers file lacks the sentence:\n%s", src)
	}
}
