package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tmuxSession drives the real binary in a detached tmux session.
type tmuxSession struct {
	t    *testing.T
	name string
}

// tmuxBinary skips the test without tmux (or with -short), else builds
// nigao into a fresh folder, which it returns with the binary's path.
func tmuxBinary(t *testing.T) (dir, bin string) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "nigao")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir, bin
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (s *tmuxSession) start(w, h int, dir, cmd string) {
	s.t.Helper()
	s.tmux("new-session", "-d", "-s", s.name, "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), "-c", dir, cmd)
}

func (s *tmuxSession) keys(keys ...string) {
	s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

// text types literally (Chinese included), as an IME commits it.
func (s *tmuxSession) text(t string) { s.tmux("send-keys", "-t", s.name, "-l", t) }

// click sends a left click at cell x, y (0-based) as the terminal reports
// it in SGR mouse mode: press, then release.
func (s *tmuxSession) click(x, y int) {
	s.text(fmt.Sprintf("\x1b[<0;%d;%dM\x1b[<0;%d;%dm", x+1, y+1, x+1, y+1))
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", s.name) }

func (s *tmuxSession) cursor() (int, int) {
	s.t.Helper()
	var x, y int
	fmt.Sscanf(s.tmux("display", "-p", "-t", s.name, "#{cursor_x} #{cursor_y}"), "%d %d", &x, &y)
	return x, y
}

// waitFor polls the screen until cond holds.
func (s *tmuxSession) waitFor(what string, cond func(screen string) bool) string {
	s.t.Helper()
	var scr string
	for i := 0; i < 100; i++ {
		scr = s.screen()
		if cond(scr) {
			return scr
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
	return ""
}

func (s *tmuxSession) waitText(want string) string {
	s.t.Helper()
	return s.waitFor(want, func(scr string) bool { return strings.Contains(scr, want) })
}

// waitCursor polls until the cursor is at x (the last keys drawn).
func (s *tmuxSession) waitCursor(x int) (int, int) {
	s.t.Helper()
	var cx, cy int
	for i := 0; i < 60; i++ {
		if cx, cy = s.cursor(); cx == x {
			return cx, cy
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Errorf("cursor at x=%d, want %d; screen:\n%s", cx, x, s.screen())
	return cx, cy
}

func (s *tmuxSession) panePID() int {
	s.t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(s.tmux("display", "-p", "-t", s.name, "#{pane_pid}")))
	if err != nil {
		s.t.Fatal(err)
	}
	return pid
}

// TestWizardInTmux drives the real binary in a terminal: Chinese and
// digits typed into fields with the real cursor right after them
// (a Chinese character is two cells), sections changed, a .docx
// exported; then the process is killed with SIGKILL mid-field and every
// completed field is back after a restart.
func TestWizardInTmux(t *testing.T) {
	dir, bin := tmuxBinary(t)
	ans := filepath.Join(dir, "归义镇.yaml")
	outDir := filepath.Join(dir, "稿子")
	cmd := fmt.Sprintf("exec env HOME=%s XDG_CONFIG_HOME=%s TERM=xterm-256color %s fill -t township-halfyear -a %s",
		dir, filepath.Join(dir, "cfg"), bin, ans)
	s := &tmuxSession{t: t, name: fmt.Sprintf("nigao-test-%d", os.Getpid())}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })
	s.start(100, 30, dir, cmd)

	s.waitText("单位名称")
	x0, y0 := s.cursor()
	s.text("归义镇")
	s.waitText("归义镇")
	if x, y := s.waitCursor(x0 + 6); y != y0 {
		t.Errorf("cursor row moved: %d,%d → %d,%d", x0, y0, x, y)
	}
	s.keys("Tab")
	s.waitFor("年度 focused", func(string) bool { _, y := s.cursor(); return y > y0 })
	x1, _ := s.cursor()
	s.text("2022")
	s.waitCursor(x1 + 4)
	s.keys("Tab")
	// 上级 has a default; replace it with Chinese and digits mixed
	s.waitFor("上级 focused", func(string) bool { _, y := s.cursor(); return y > y0+2 })
	x2, _ := s.cursor()
	s.text("市委、市政府2")
	s.waitCursor(x2 + 12 + 1)
	s.keys("BSpace", "Tab")

	// the next part: 党建's first item (not numbered while it is the
	// only one in the draft)
	s.keys("PgDn")
	s.waitText(">   组织建设")
	px, _ := s.cursor()
	s.text("9")
	s.waitCursor(px + 1)
	s.keys("Enter")
	s.text("253")
	s.keys("Enter")
	s.text("140")
	s.keys("Tab")
	s.waitFor("140 entered", func(scr string) bool { return strings.Contains(scr, "[140") })
	// a section further on and back
	s.keys("PgDn", "PgDn", "PgUp")

	// export a .docx
	s.keys("C-e")
	s.waitText("导出稿子")
	s.keys("Tab", "C-u")
	s.text(outDir)
	s.keys("Enter")
	docx := filepath.Join(outDir, "归义镇2022年上半年工作总结.docx")
	s.waitText("已导出")
	checkDocxText(t, docx, "归义镇", "253", "市委、市政府")

	// a completed field, then one being typed when the process dies
	s.keys("PgUp")
	s.waitText(">   组织建设")
	s.keys("Down", "Down", "Down", "Down")
	s.text("8")
	s.keys("Tab")
	time.Sleep(300 * time.Millisecond)
	s.text("12345")
	pid := s.panePID()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		if syscall.Kill(pid, 0) != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	exec.Command("tmux", "kill-session", "-t", s.name).Run()

	// restart: everything completed is there
	s.start(100, 30, dir, cmd)
	scr := s.waitText("单位名称")
	for _, want := range []string{"归义镇", "2022", "市委、市政府"} {
		if !strings.Contains(scr, want) {
			t.Errorf("after restart the info page lacks %q:\n%s", want, scr)
		}
	}
	b, err := os.ReadFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"单位: 归义镇", "年度: 2022", "上级: 市委、市政府", "党群服务驿站: 9", "微网格: 253", "党员志愿者: 140", ": 8\n"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("answers file after restart lacks %q:\n%s", want, b)
		}
	}
	s.keys("PgDn")
	scr = s.waitText("253")
	if !strings.Contains(scr, "140") {
		t.Errorf("党建 after restart:\n%s", scr)
	}

	// the mouse: a click on a part's name in the outline opens it
	row := -1
	for i, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "   隐患排查") {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("安全生产's 隐患排查 not in the outline:\n%s", scr)
	}
	s.click(6, row)
	s.waitFor("隐患排查 opened by a click", func(scr string) bool {
		return strings.Contains(scr, ">   隐患排查")
	})

	// Ctrl+Z reaches the wizard (the terminal does not suspend it) and
	// undoes the edit
	s.text("7")
	s.waitText("已填")
	s.keys("C-z")
	s.waitText("已撤销对")
	s.keys("C-c")
}

func checkDocxText(t *testing.T, p string, want ...string) {
	t.Helper()
	body := docxBody(t, p)
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", p, w)
		}
	}
}

// TestTwoWizardsOneFile: two wizards on one answers file do not overwrite
// each other's work: the second to save finds the file changed and asks.
func TestTwoWizardsOneFile(t *testing.T) {
	dir, bin := tmuxBinary(t)
	ans := filepath.Join(dir, "归义镇.yaml")
	if err := os.WriteFile(ans, []byte("template: {id: township-halfyear, version: 1}\nvalues:\n  单位: 归义镇\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := fmt.Sprintf("exec env HOME=%s XDG_CONFIG_HOME=%s TERM=xterm-256color %s fill -a %s", dir, filepath.Join(dir, "cfg"), bin, ans)
	a := &tmuxSession{t: t, name: fmt.Sprintf("nigao-a-%d", os.Getpid())}
	b := &tmuxSession{t: t, name: fmt.Sprintf("nigao-b-%d", os.Getpid())}
	t.Cleanup(func() {
		exec.Command("tmux", "kill-session", "-t", a.name).Run()
		exec.Command("tmux", "kill-session", "-t", b.name).Run()
	})
	a.start(100, 30, dir, cmd)
	b.start(100, 30, dir, cmd)
	a.waitText("[归义镇")
	b.waitText("[归义镇")

	a.text("甲")
	a.keys("Tab")
	a.waitText("[归义镇甲")
	for i := 0; i < 100; i++ { // the first wizard's save is on disk
		if body, _ := os.ReadFile(ans); strings.Contains(string(body), "归义镇甲") {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	b.text("乙")
	b.keys("Tab")
	b.waitText("答案文件在向导之外被改过")
	if body, _ := os.ReadFile(ans); !strings.Contains(string(body), "单位: 归义镇甲") {
		t.Fatalf("the second wizard overwrote the first one's work:\n%s", body)
	}
	b.keys("r") // read it in: the first wizard's 甲 shows
	b.waitText("[归义镇甲")
}

// TestOutlineInTmux: the real binary on township-annual, whose one 一、
// holds the year's work under （一）（二）…: the outline shows them, PgDn
// from the first lands on the second, Ctrl+F names each result's place
// and the preview is on the field's part as soon as Enter jumps there.
func TestOutlineInTmux(t *testing.T) {
	dir, bin := tmuxBinary(t)
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "answers", "township-annual.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ans := filepath.Join(dir, "六横镇.yaml")
	if err := os.WriteFile(ans, src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := fmt.Sprintf("exec env HOME=%s XDG_CONFIG_HOME=%s TERM=xterm-256color %s fill -t township-annual -a %s",
		dir, filepath.Join(dir, "cfg"), bin, ans)
	s := &tmuxSession{t: t, name: fmt.Sprintf("nigao-outline-%d", os.Getpid())}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", s.name).Run() })
	s.start(80, 24, dir, cmd)

	scr := s.waitText("单位名称")
	for _, want := range []string{"-一、年度总结", "+（一）党建", "+（二）经济发展", "+（三）安全生产"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the outline lacks %q:\n%s", want, scr)
		}
	}
	s.keys("PgDn")
	s.waitText(">  +（一）党建")
	s.keys("PgDn")
	scr = s.waitText(">  +（二）经济发展")
	if !strings.Contains(scr, "（二）坚持项目为王") {
		t.Errorf("the second （一） item's page:\n%s", scr)
	}

	s.keys("C-f")
	s.waitText("查找字段")
	s.text("处分")
	scr = s.waitText("给予党纪政务处分")
	if !strings.Contains(scr, "一、年度总结 › （一）党建 › ") || !strings.Contains(scr, ".党风廉政") {
		t.Errorf("the result line has no path:\n%s", scr)
	}
	s.keys("Enter")
	scr = s.waitText(">  +（一）党建")
	// the preview, at once: the part of the field, not 经济发展's
	if !strings.Contains(scr, "严格正风肃纪") || strings.Contains(scr, "坚持项目为王") {
		t.Errorf("the preview does not follow the jump:\n%s", scr)
	}
	s.keys("C-c")
}
