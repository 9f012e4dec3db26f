package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// editOutside changes the answers file as Notepad would: another value
// for 单位 — of the same size, and with the file's time put back, so
// only its content tells.
func editOutside(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "单位: 归义镇", "单位: 记事镇", 1)
	if s == string(b) || len(s) != len(b) {
		t.Fatalf("no 单位: 归义镇 in\n%s", b)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, fi.ModTime(), fi.ModTime())
}

func fileValue(t *testing.T, path, id string) string {
	t.Helper()
	a, err := schema.LoadAnswersFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := a.Get(id)
	return r.Text
}

// TestChangedOutside: a save never overwrites an answers file changed
// outside the wizard; the clerk chooses to read it in, to overwrite it,
// or to decide later (autosaving pauses, Ctrl+S and quitting ask again).
func TestChangedOutside(t *testing.T) {
	start := func(t *testing.T) (*Model, string) {
		ans := copyAnswers(t)
		m := newModel(t, Options{Template: templates.Default, AnswersPath: ans}, 100, 30)
		if !jump(m, "年度") {
			t.Fatal("no 年度")
		}
		editOutside(t, ans)
		typeText(m, "9") // 20229
		pressDo(m, "tab")
		if onTop[*dialog](m) == nil || onTop[*dialog](m).title != "答案文件在向导之外被改过" {
			t.Fatalf("no question after the save; status %q", m.status)
		}
		if got := fileValue(t, ans, "单位"); got != "记事镇" {
			t.Fatalf("the outside change was overwritten: 单位 %q", got)
		}
		return m, ans
	}

	t.Run("read it in", func(t *testing.T) {
		m, ans := start(t)
		pressDo(m, "r")
		if r, _ := m.s.st.a.Get("单位"); r.Text != "记事镇" {
			t.Errorf("after reading in, 单位 %q", r.Text)
		}
		if formOf(m).cur.part != nil || onTop[*dialog](m) != nil {
			t.Errorf("node %s, dialog %v", formOf(m).cur.name(m.s), onTop[*dialog](m) != nil)
		}
		// the wizard goes on saving to it
		jump(m, "年度")
		typeText(m, "8")
		pressDo(m, "tab")
		if got := fileValue(t, ans, "年度"); got != "20228" || fileValue(t, ans, "单位") != "记事镇" {
			t.Errorf("after going on: 年度 %q", got)
		}
	})

	t.Run("overwrite", func(t *testing.T) {
		m, ans := start(t)
		pressDo(m, "y")
		if got := fileValue(t, ans, "年度"); got != "20229" || fileValue(t, ans, "单位") != "归义镇" {
			t.Errorf("after overwriting: 年度 %q 单位 %q", got, fileValue(t, ans, "单位"))
		}
	})

	t.Run("later", func(t *testing.T) {
		m, ans := start(t)
		pressDo(m, "esc")
		if !m.s.st.paused || !strings.Contains(screenText(m), "暂停保存") {
			t.Errorf("not paused:\n%s", screenText(m))
		}
		typeText(m, "7")
		pressDo(m, "tab")
		if onTop[*dialog](m) != nil || fileValue(t, ans, "单位") != "记事镇" {
			t.Error("a paused wizard asked again or wrote the file")
		}
		pressDo(m, "esc") // quitting asks
		if onTop[*dialog](m) == nil || onTop[*dialog](m).title != "答案文件在向导之外被改过" || m.quit {
			t.Fatal("quitting with unsaved changes over a changed file did not ask")
		}
		pressDo(m, "esc")
		pressDo(m, "ctrl+s") // Ctrl+S asks too
		if onTop[*dialog](m) == nil {
			t.Fatal("ctrl+s did not ask")
		}
	})
}
