package tui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/templates"
)

// TestOverlayStack: pages open over one another and Esc goes back the
// way it came; a key sent right after the one that opens a page goes to
// that page.
func TestOverlayStack(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	var seen []string
	step := func(k string) {
		press(m, k)
		seen = append(seen, screen(m))
	}
	for _, k := range []string{"ctrl+r", "ctrl+f", "ctrl+p", "esc", "esc", "ctrl+e", "esc", "esc"} {
		step(k)
	}
	want := "review find draft find review export review form"
	if got := strings.Join(seen, " "); got != want {
		t.Errorf("pages: %s\nwant:  %s", got, want)
	}

	jump(m, "单位")
	press(m, "ctrl+u") // 单位 missing: a second row to choose on the review
	press(m, "ctrl+r")
	sel := onTop[*reviewPage](m).sel
	press(m, "down") // in the same batch of input as Ctrl+R
	if r := onTop[*reviewPage](m); r == nil || r.sel == sel {
		t.Errorf("the key after Ctrl+R did not move the review's choice")
	}
	// a jump closes every overlay
	press(m, "ctrl+f")
	typeText(m, "党费")
	press(m, "enter")
	if len(m.overlays) != 0 || screen(m) != "form" {
		t.Errorf("after a jump: %d overlays, %s on top", len(m.overlays), screen(m))
	}
}

// TestCloseNamesThePage: closeMsg takes away the page it names, even
// when another was opened over it meanwhile.
func TestCloseNamesThePage(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(m, "ctrl+r")
	r := onTop[*reviewPage](m)
	press(m, "ctrl+e")
	m.Update(closeMsg{r})
	if len(m.overlays) != 1 || screen(m) != "export" {
		t.Errorf("closing the review under the export page left %d overlays, %s on top", len(m.overlays), screen(m))
	}
}

// TestPasteGoesToTop: a paste goes to the page on top only.
func TestPasteGoesToTop(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 100, 30)
	for _, k := range []string{"f1", "ctrl+p", "ctrl+r"} {
		press(m, k)
		m.Update(tea.PasteMsg{Content: "粘贴"})
		press(m, "esc")
		if r, _ := m.s.st.a.Get("单位"); r.Text != "" {
			t.Fatalf("a paste over %s went into the form: 单位 %q", k, r.Text)
		}
	}
	m.Update(tea.PasteMsg{Content: "粘贴"})
	if r, _ := m.s.st.a.Get("单位"); r.Text != "粘贴" {
		t.Errorf("a paste on the form: 单位 %q", r.Text)
	}
}

// TestGlobalKeys: F1 opens the help over any page but a dialog; in the
// help any key closes it and Ctrl+C still quits; in a dialog Ctrl+C is
// its Esc.
func TestGlobalKeys(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default}, 100, 30)
	typeText(m, "归义镇") // only in the autosave: quitting asks
	press(m, "ctrl+f", "f1")
	if screen(m) != "help" {
		t.Fatalf("F1 over the find page: %s", screen(m))
	}
	press(m, "ctrl+c")
	if d := onTop[*dialog](m); d == nil || d.title != "退出拟稿？" {
		t.Fatalf("Ctrl+C in the help: %s on top", screen(m))
	}
	press(m, "f1") // a dialog takes F1 as nothing
	if screen(m) != "dialog" {
		t.Fatalf("F1 in a dialog: %s", screen(m))
	}
	press(m, "ctrl+c") // N 返回
	if screen(m) != "help" || m.quit {
		t.Fatalf("Ctrl+C in the dialog: %s on top, quit %v", screen(m), m.quit)
	}
	press(m, "x")
	if screen(m) != "find" {
		t.Errorf("a key in the help went back to %s, want find", screen(m))
	}
}

// TestTooSmallKeys: while the terminal is too small to draw in, keys
// reach no page (not even a dialog the clerk cannot see); Esc quits.
func TestTooSmallKeys(t *testing.T) {
	dir := t.TempDir()
	m := newModel(t, Options{Template: templates.Default, AutosaveDir: dir}, 100, 30)
	typeText(m, "归义镇")
	press(m, "tab")
	m = newModel(t, Options{Template: templates.Default, AutosaveDir: dir}, 60, 15)
	if onTop[*dialog](m) == nil {
		t.Fatal("no offer to resume the draft")
	}
	press(m, "n") // would start afresh
	if onTop[*dialog](m) == nil {
		t.Fatal("a key reached the dialog on a too-small terminal")
	}
	press(m, "esc")
	if !m.quit {
		t.Error("Esc on a too-small terminal did not quit")
	}
}
