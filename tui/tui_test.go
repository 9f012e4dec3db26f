package tui

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// updateGolden reports -update: rewrite this package's golden files, the
// screens in testdata/tui. The flag is registered by teatest's golden
// package (whose own golden files the tests do not use).
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "f1":
		return tea.KeyPressMsg{Code: tea.KeyF1}
	case "f2":
		return tea.KeyPressMsg{Code: tea.KeyF2}
	case "f3":
		return tea.KeyPressMsg{Code: tea.KeyF3}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	if strings.HasPrefix(s, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(s[5]), Mod: tea.ModCtrl}
	}
	if strings.HasPrefix(s, "alt+") {
		k := keyMsg(s[4:])
		k.Mod |= tea.ModAlt
		return k
	}
	if r := []rune(s); len(r) == 1 {
		return tea.KeyPressMsg{Code: r[0], Text: s}
	}
	panic("key " + s)
}

// typeText sends text the way a terminal delivers typed characters.
func typeText(m tea.Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func press(m tea.Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

// controlsTemplate writes a template of the form's controls, apart from
// the built-in ones, and returns its path: a section with two headings,
// a figure and a multi-line box.
func controlsTemplate(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "controls.yaml")
	err := os.WriteFile(p, []byte(`id: controls-test
name: 控件测试
title: "{单位}工作总结"
info:
  - {id: 单位, type: text}
sections:
  - id: 第一部分
    headings: [第一种标题, 第二种标题]
    fields:
      - {id: 数字, type: integer, unit: 个}
      - {id: 思路, type: textarea}
    text: 完成{数字}个。{思路}
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// jump goes to field id as the review and find pages do; false when
// the form has no such field.
func jump(m *Model, id string) bool {
	if _, ok := formOf(m).byField[id]; !ok {
		return false
	}
	m.Update(jumpToFieldMsg{id: id})
	return true
}

// formOf is the form, under whatever is open over it.
func formOf(m *Model) *formPage { f, _ := m.base.(*formPage); return f }

func pickerOf(m *Model) *pickerPage { p, _ := m.base.(*pickerPage); return p }

// onTop is the page on top if it is a P, else nil.
func onTop[P page](m *Model) P { p, _ := m.top().(P); return p }

// screen names the page on top.
func screen(m *Model) string {
	switch m.top().(type) {
	case *pickerPage:
		return "picker"
	case *formPage:
		return "form"
	case *reviewPage:
		return "review"
	case *exportPage:
		return "export"
	case *findPage:
		return "find"
	case *draftPage:
		return "draft"
	case *helpPage:
		return "help"
	case *dialog:
		return "dialog"
	case *sendPage:
		return "send"
	case *takePage:
		return "take"
	}
	return "?"
}

func screenText(m *Model) string { return ansi.Strip(m.View().Content) }

func copyAnswers(t *testing.T) string { t.Helper(); return copyAnswersOf(t, "township-halfyear") }

// copyAnswersOf copies the example answers of a built-in template.
func copyAnswersOf(t *testing.T, id string) string {
	t.Helper()
	src, err := os.ReadFile("../testdata/answers/" + id + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "answers.yaml")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func newModel(t testing.TB, opt Options, w, h int) *Model {
	t.Helper()
	if opt.AutosaveDir == "" {
		opt.AutosaveDir = t.TempDir()
	}
	m, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// The whole way through, as a clerk goes: pick the template, fill
// figures in two sections, review, export Word and Markdown; the
// exported draft holds the figures typed.
func TestPickFillReviewExport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	m, err := New(Options{AutosaveDir: filepath.Join(dir, "autosave")})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitScreen := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return strings.Contains(ansi.Strip(string(b)), what)
		}, teatest.WithDuration(5*time.Second))
	}
	waitScreen("选择要写的稿子")
	tm.Type("半年")
	tm.Send(keyMsg("enter"))
	// the form opens on 单位, ready to type
	tm.Type("归义镇")
	tm.Send(keyMsg("tab"))
	tm.Type("2022")
	tm.Send(keyMsg("pgdown")) // 党建
	tm.Type("9")
	tm.Send(keyMsg("enter"))
	tm.Type("253")
	tm.Send(keyMsg("enter"))
	tm.Type("140")
	tm.Send(keyMsg("pgdown")) // the next section
	tm.Send(keyMsg("ctrl+r"))
	waitScreen("检查稿子")
	tm.Send(keyMsg("esc"))
	tm.Send(keyMsg("ctrl+e"))
	waitScreen("导出稿子")
	tm.Send(keyMsg("tab")) // the folder
	tm.Send(keyMsg("ctrl+u"))
	tm.Type(out)
	tm.Send(keyMsg("enter"))
	docx := filepath.Join(out, "归义镇2022年上半年工作总结.docx")
	md := filepath.Join(out, "归义镇2022年上半年工作总结.md")
	waitFile(t, md)
	waitFile(t, docx)
	// exporting again asks before overwriting
	tm.Send(keyMsg("ctrl+e"))
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("ctrl+u"))
	tm.Type(out)
	tm.Send(keyMsg("enter"))
	waitScreen("覆盖")
	tm.Send(keyMsg("y"))
	tm.Send(keyMsg("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"归义镇2022年上半年工作总结", "9个党群服务驿站", "微网格253个", "140名党员志愿者"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("Markdown lacks %q:\n%s", want, b)
		}
	}
	checkDocx(t, docx, "归义镇", "253")
	// the answers were autosaved
	a, err := schema.LoadAnswersFile(filepath.Join(dir, "autosave", templates.Default+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Get("微网格"); r.Text != "253" {
		t.Errorf("autosave 微网格 = %q", r.Text)
	}
}

func waitFile(t *testing.T, p string) {
	t.Helper()
	for i := 0; i < 100; i++ {
		if fi, err := os.Stat(p); err == nil && fi.Size() > 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s was not written", p)
}

// checkDocx opens a .docx and looks for text in its body.
func checkDocx(t *testing.T, p string, want ...string) {
	t.Helper()
	text := documentText(t, p)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", p, w)
		}
	}
}

// Golden screens of the form (ANSI stripped), at the two sizes that
// matter: 100×30 (three columns) and 80×24 (preview below).
func TestGoldenForm(t *testing.T) {
	for _, sz := range [][2]int{{100, 30}, {80, 24}} {
		ans := copyAnswers(t)
		m := newModel(t, Options{Template: templates.Default, AnswersPath: ans}, sz[0], sz[1])
		press(m, "pgdown", "down", "down", "down", "down") // into 党建
		typeText(m, "12")
		got := screenText(m)
		name := filepath.Join("..", "testdata", "tui", fmt.Sprintf("form-%dx%d.golden", sz[0], sz[1]))
		if updateGolden() {
			os.MkdirAll(filepath.Dir(name), 0o755)
			if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("%v (run go test ./tui -run Golden -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs (go test ./tui -run Golden -update to accept):\n%s", name, got)
		}
		for i, l := range strings.Split(got, "\n") {
			if w := strWidth(l); w > sz[0] {
				t.Errorf("%dx%d line %d is %d cells wide: %q", sz[0], sz[1], i, w, l)
			}
		}
		if n := len(strings.Split(got, "\n")); n != sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], n)
		}
	}
}

// The real cursor sits right after the typed text, counted in cells.
func TestCursorAfterChinese(t *testing.T) {
	for _, w := range []int{120, 100, 80} {
		m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, w, 30)
		c0 := m.View().Cursor
		if c0 == nil {
			t.Fatal("no cursor on the first field")
		}
		typeText(m, "归义镇")
		c1 := m.View().Cursor
		if c1.X != c0.X+6 || c1.Y != c0.Y {
			t.Errorf("width %d: after 归义镇 cursor %v, started at %v (want +6 cells)", w, c1.Position, c0.Position)
		}
		typeText(m, "1a")
		if c2 := m.View().Cursor; c2.X != c0.X+8 {
			t.Errorf("width %d: after 归义镇1a cursor x %d, want %d", w, c2.X, c0.X+8)
		}
		press(m, "left", "left", "left")
		if c3 := m.View().Cursor; c3.X != c0.X+4 {
			t.Errorf("width %d: after three ← cursor x %d, want %d", w, c3.X, c0.X+4)
		}
		// the cell under the caret on screen is the text's
		lines := strings.Split(screenText(m), "\n")
		c := m.View().Cursor
		line := lines[c.Y]
		if got := ansi.Cut(line, c.X-4, c.X); got != "归义" {
			t.Errorf("width %d: text before caret %q", w, got)
		}
	}
}

// A long Chinese value scrolls inside its box without breaking the row.
func TestLongChineseValue(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 80, 24)
	long := strings.Repeat("中共归义镇委员会", 12)
	m.Update(tea.PasteMsg{Content: long})
	s := screenText(m)
	for i, l := range strings.Split(s, "\n") {
		if strWidth(l) > 80 {
			t.Errorf("line %d too wide (%d): %q", i, strWidth(l), l)
		}
	}
	c := m.View().Cursor
	lines := strings.Split(s, "\n")
	if before := ansi.Cut(lines[c.Y], c.X-4, c.X); before != "员会" {
		t.Errorf("text before caret %q, want 员会", before)
	}
	if r, _ := m.s.st.a.Get("单位"); r.Text != long {
		t.Errorf("pasted value not kept: %q", r.Text)
	}
}

// Every built-in template opens, every section renders at the smallest
// supported size, and the draft exports to every format.
func TestEveryBuiltinTemplate(t *testing.T) {
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range set.Entries() {
		if !e.Builtin {
			continue
		}
		t.Run(e.ID, func(t *testing.T) {
			m := newModel(t, Options{Set: set, Template: e.ID, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 80, 20)
			f := formOf(m)
			for _, n := range f.tree.nodes {
				f.setNode(n, true)
				s := screenText(m)
				if strings.Count(s, "\n") != 19 {
					t.Fatalf("%s: %d lines", n.name(m.s), strings.Count(s, "\n")+1)
				}
				// walk through every widget of the node
				for j := 0; j < len(f.widgets); j++ {
					press(m, "down")
					screenText(m)
					if f.cur != n {
						break
					}
				}
			}
			press(m, "ctrl+r")
			if !strings.Contains(screenText(m), "检查稿子") {
				t.Fatal("no review page")
			}
			press(m, "ctrl+e")
			out := t.TempDir()
			onTop[*exportPage](m).dir.setValue(out)
			for i := range onTop[*exportPage](m).on {
				onTop[*exportPage](m).on[i] = true
			}
			press(m, "enter")
			ents, _ := os.ReadDir(out)
			if len(ents) != len(render.Formats) {
				t.Fatalf("exported %d files, want %d: %s", len(ents), len(render.Formats), m.status)
			}
		})
	}
}

// Lists: add, edit, reorder and delete items.
func TestListField(t *testing.T) {
	ans := filepath.Join(t.TempDir(), "a.yaml")
	m := newModel(t, Options{Template: templates.Default, AnswersPath: ans}, 100, 30)
	if !jump(m, "问题清单") {
		t.Fatal("no 问题清单")
	}
	typeText(m, "甲")
	press(m, "enter")
	typeText(m, "乙")
	press(m, "enter")
	typeText(m, "丙")
	press(m, "alt+up") // 甲 丙 乙
	press(m, "up", "ctrl+x")
	r, _ := m.s.st.a.Get("问题清单")
	if strings.Join(r.List, ",") != "丙,乙" {
		t.Errorf("list = %v, want [丙 乙]", r.List)
	}
	m.Update(tea.PasteMsg{Content: "丁\n戊\n"})
	r, _ = m.s.st.a.Get("问题清单")
	if strings.Join(r.List, ",") != "丙丁,戊,乙" {
		t.Errorf("after paste list = %v", r.List)
	}
	press(m, "tab") // leaving saves
	a, err := schema.LoadAnswersFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Get("问题清单"); len(r.List) != 3 {
		t.Errorf("saved list %v", r.List)
	}
}

// Validation as you type keeps what was typed.
func TestValidation(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 100, 30)
	press(m, "tab") // 年度
	typeText(m, "二〇二二x")
	s := screenText(m)
	if !strings.Contains(s, "有误") {
		t.Errorf("no error shown for a bad year:\n%s", s)
	}
	if r, _ := m.s.st.a.Get("年度"); r.Text != "二〇二二x" {
		t.Errorf("typed text lost: %q", r.Text)
	}
	press(m, "shift+tab")
	press(m, "tab") // left 单位 empty: required
	if !strings.Contains(screenText(m), "必填") {
		t.Error("required field left empty says nothing")
	}
}

// Small terminals get a message, not a broken layout.
func TestTooSmall(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 60, 15)
	s := screenText(m)
	if !strings.Contains(s, "请把窗口放大到至少 80×20") {
		t.Errorf("no enlarge message:\n%s", s)
	}
	if m.View().Cursor != nil {
		t.Error("cursor shown on the too-small screen")
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 20})
	if !strings.Contains(screenText(m), "单位名称") {
		t.Error("form not back after enlarging")
	}
}

// Without -a the answers go to the autosave; starting again offers to
// resume them.
func TestAutosaveResume(t *testing.T) {
	dir := t.TempDir()
	m := newModel(t, Options{Template: templates.Default, AutosaveDir: dir}, 100, 30)
	typeText(m, "归义镇")
	press(m, "tab")
	m2 := newModel(t, Options{Template: templates.Default, AutosaveDir: dir}, 100, 30)
	if !strings.Contains(screenText(m2), "接着填上次的稿子") {
		t.Fatalf("no resume offer:\n%s", screenText(m2))
	}
	press(m2, "enter")
	if r, _ := m2.s.st.a.Get("单位"); r.Text != "归义镇" {
		t.Errorf("resumed 单位 = %q", r.Text)
	}
	// starting afresh keeps the old draft as .bak
	m3 := newModel(t, Options{Template: templates.Default, AutosaveDir: dir}, 100, 30)
	m3.Update(tea.KeyPressMsg{Code: 'n', Text: "n"})
	if r, ok := m3.s.st.a.Get("单位"); ok && r.Text != "" {
		t.Errorf("fresh start kept 单位 = %q", r.Text)
	}
	if _, err := os.Stat(filepath.Join(dir, templates.Default+".yaml.bak")); err != nil {
		t.Error(err)
	}
}

// Quitting with answers only in the autosave asks first.
func TestQuitAsks(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default}, 100, 30)
	typeText(m, "归义镇")
	_, cmd := m.Update(keyMsg("esc"))
	if cmd != nil || onTop[*dialog](m) == nil {
		t.Fatal("quit did not ask")
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if cmd == nil || !m.quit {
		t.Fatal("Y did not quit")
	}
	// with -a everything is saved: quit at once
	m = newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 100, 30)
	typeText(m, "归义镇")
	if _, cmd = m.Update(keyMsg("esc")); cmd == nil || onTop[*dialog](m) != nil {
		t.Fatal("quit with -a asked")
	}
}

// Section controls: leave a section out, pick another heading.
func TestSectionControls(t *testing.T) {
	m := newModel(t, Options{Template: controlsTemplate(t), AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 100, 30)
	press(m, "pgdown")
	typeText(m, "5") // 数字: the section is in the draft
	id := formOf(m).cur.part.ID
	if !slices.ContainsFunc(m.s.doc.Paras, func(p render.Para) bool { return p.Section == id }) {
		t.Fatalf("section %s not in the draft", id)
	}
	formOf(m).focus = 0 // 写入稿子, outside any sub-part
	press(m, "ctrl+o")
	if !m.s.st.a.Omitted(id) {
		t.Fatal("ctrl+o did not leave the section out")
	}
	for _, p := range m.s.doc.Paras {
		if p.Section == id {
			t.Fatal("omitted section still in the draft")
		}
	}
	press(m, "ctrl+o")
	formOf(m).focus = 1 // the heading choice
	if formOf(m).focused().kind != wHeading {
		t.Fatalf("widget 1 is %v, not the heading choice", formOf(m).focused().kind)
	}
	press(m, "right")
	if m.s.st.a.Heading(id) != 1 {
		t.Errorf("heading = %d", m.s.st.a.Heading(id))
	}
}

// TestSubPartOmit: Ctrl+O inside a sub-part leaves just that sub-part
// out (the section stays), says so over its fields, and brings it back.
func TestSubPartOmit(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(m, "pgdown")
	f := formOf(m)
	f.folds[f.tree.byPart["党建"]] = false // folded: its page holds its sub-parts
	f.setNode(f.tree.byPart["党建"], true)
	sec := f.cur.part.ID
	wi := -1
	for i, w := range f.widgets {
		if w.owner != nil && w.owner != f.cur.part && w.focusable() {
			wi = i
			break
		}
	}
	if wi < 0 {
		t.Fatal("the first section has no sub-part with a heading")
	}
	sub := f.widgets[wi].owner
	heading := render.HeadingText(m.s.vs, sub)
	inDraft := func() bool {
		for _, p := range m.s.doc.Paras {
			if p.Part == sub.ID {
				return true
			}
		}
		return false
	}
	if !inDraft() {
		t.Fatalf("sub-part %s is not in the draft to begin with", sub.ID)
	}
	f.focus = wi
	press(m, "ctrl+o")
	if !m.s.st.a.Omitted(sub.ID) || m.s.st.a.Omitted(sec) {
		t.Fatalf("ctrl+o in %s: omitted sub-part %v, section %v", sub.ID, m.s.st.a.Omitted(sub.ID), m.s.st.a.Omitted(sec))
	}
	if inDraft() {
		t.Fatal("omitted sub-part still in the draft")
	}
	if scr := screenText(m); !strings.Contains(scr, "这一小节不写入稿子") || !strings.Contains(scr, heading) {
		t.Errorf("the form does not say the sub-part is left out:\n%s", scr)
	}
	press(m, "ctrl+o")
	if m.s.st.a.Omitted(sub.ID) || !inDraft() {
		t.Fatal("second ctrl+o did not bring the sub-part back")
	}
}

func TestHelpPage(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 100, 30)
	press(m, "f1")
	s := screenText(m)
	for _, want := range []string{"按键说明", "Ctrl+S", "PgDn", "Ctrl+E"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	press(m, "esc")
	if onTop[*helpPage](m) != nil {
		t.Error("help did not close")
	}
}

func TestPrevious(t *testing.T) {
	prev := copyAnswers(t)
	m := newModel(t, Options{Template: templates.Default, AnswersPath: filepath.Join(t.TempDir(), "a.yaml"), Previous: prev}, 120, 40)
	jump(m, "微网格")
	if !strings.Contains(screenText(m), "上年 253") {
		t.Errorf("no 上年 value:\n%s", screenText(m))
	}
}

// A choice the template defaults or requires (单位类型) offers no 不适用:
// picking it would empty every sentence saying 全镇 or 镇村两级. An
// optional choice without a default keeps it.
func TestChoiceNotApplicable(t *testing.T) {
	tests := []struct {
		field schema.Field
		want  string
	}{
		{schema.Field{ID: "单位类型", Type: schema.Choice, Choices: []string{"乡", "镇", "街道"}, Default: "镇"}, "乡,镇,街道"},
		{schema.Field{ID: "级别", Type: schema.Choice, Choices: []string{"省级", "市级"}, Required: true}, "省级,市级"},
		{schema.Field{ID: "有无疫情", Type: schema.Choice, Choices: []string{"有", "无"}}, "有,无,不适用"},
		{schema.Field{ID: "是否达标", Type: schema.Bool}, "是,否,不适用"},
	}
	for _, tt := range tests {
		w := newFieldWidget(&tt.field, schema.NewAnswers(nil))
		if got := strings.Join(w.opts, ","); got != tt.want {
			t.Errorf("%s offers %s, want %s", tt.field.ID, got, tt.want)
		}
	}
}

// TestUnitTypeFollowsName: 单位类型 left unchosen shows the type the
// unit's name says ([乡] for 归义乡) and ←/→ move from there; what the
// clerk picks is saved and wins over the name.
func TestUnitTypeFollowsName(t *testing.T) {
	ans := filepath.Join(t.TempDir(), "a.yaml")
	m := newModel(t, Options{Template: "township-annual", AnswersPath: ans}, 120, 40)
	typeText(m, "归义乡")
	if !jump(m, "单位类型") {
		t.Fatal("no 单位类型")
	}
	if s := screenText(m); !strings.Contains(s, "[乡]  镇   街道") || !strings.Contains(s, "没选时按单位名称：乡") {
		t.Fatalf("单位类型 does not show 乡 in effect:\n%s", s)
	}
	if got := m.s.vs.Value("两级").Text; got != "乡村两级" {
		t.Errorf("两级 = %s, want 乡村两级", got)
	}
	press(m, "right")
	if r, _ := m.s.st.a.Get("单位类型"); r.Text != "镇" {
		t.Errorf("→ from 乡 chose %q, want 镇", r.Text)
	}
	press(m, "right")
	if r, _ := m.s.st.a.Get("单位类型"); r.Text != "街道" {
		t.Errorf("→ again chose %q, want 街道", r.Text)
	}
	if got := m.s.vs.Value("两级").Text; got != "街道社区两级" {
		t.Errorf("两级 = %s after choosing 街道", got)
	}
	// chosen, the hint still says what the name says, not the default
	if s := screenText(m); !strings.Contains(s, "没选时按单位名称：乡") || strings.Contains(s, "默认：镇") {
		t.Errorf("after a choice the hint is not the name's:\n%s", s)
	}
}
