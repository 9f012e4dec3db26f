package tui

import (
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// TestUndo: Ctrl+Z puts back the field changed last as it was before
// that edit, goes to it and saves; again, the one before; a deleted list
// item comes back; Ctrl+Y redoes until a new edit.
func TestUndo(t *testing.T) {
	ans := copyAnswers(t)
	m := newModel(t, Options{Template: templates.Default, AnswersPath: ans}, 100, 30)
	f := formOf(m)
	get := func(id string) schema.Raw { r, _ := m.s.st.a.Get(id); return r }

	if !jump(m, "单位") {
		t.Fatal("no 单位")
	}
	typeText(m, "乡")
	press(m, "backspace", "backspace") // one edit, many keys
	typeText(m, "街道")
	press(m, "tab")
	typeText(m, "9")
	if get("单位").Text != "归义街道" || get("年度").Text != "20229" {
		t.Fatalf("before undo: %q %q", get("单位").Text, get("年度").Text)
	}
	if !jump(m, "问题清单") {
		t.Fatal("no 问题清单")
	}
	items := get("问题清单").List
	press(m, "ctrl+x")
	if len(get("问题清单").List) != len(items)-1 {
		t.Fatalf("ctrl+x: %v", get("问题清单").List)
	}

	press(m, "ctrl+z")
	if got := get("问题清单").List; strings.Join(got, "|") != strings.Join(items, "|") {
		t.Errorf("the list after undo: %v, want %v", got, items)
	}
	press(m, "ctrl+z")
	if get("年度").Text != "2022" || f.focused().field.ID != "年度" {
		t.Errorf("second undo: 年度 %q, focus %s", get("年度").Text, f.focused().field.ID)
	}
	if f.focused().ed.String() != "2022" {
		t.Errorf("the box shows %q", f.focused().ed.String())
	}
	press(m, "ctrl+z")
	if get("单位").Text != "归义镇" {
		t.Errorf("third undo: 单位 %q", get("单位").Text)
	}
	a, err := schema.LoadAnswersFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := a.Get("单位"); r.Text != "归义镇" {
		t.Errorf("saved 单位 %q after undo", r.Text)
	}
	press(m, "ctrl+z") // nothing left: nothing changes
	if get("单位").Text != "归义镇" || get("年度").Text != "2022" {
		t.Error("an empty undo changed something")
	}

	// Ctrl+Y takes the undos back, newest first
	press(m, "ctrl+y")
	if get("单位").Text != "归义街道" || f.focused().field.ID != "单位" {
		t.Errorf("redo: 单位 %q, focus %s", get("单位").Text, f.focused().field.ID)
	}
	press(m, "ctrl+y")
	if get("年度").Text != "20229" {
		t.Errorf("second redo: 年度 %q", get("年度").Text)
	}
	press(m, "ctrl+z")
	if get("年度").Text != "2022" {
		t.Errorf("undo after redo: 年度 %q", get("年度").Text)
	}
	// a new edit ends what can be redone
	typeText(m, "3")
	press(m, "ctrl+y")
	if get("年度").Text != "20223" || len(get("问题清单").List) != len(items) {
		t.Errorf("redo after a new edit changed something: 年度 %q, %d items", get("年度").Text, len(get("问题清单").List))
	}
}

// TestUndoNewAnswer: undoing the first answer of a field removes it.
func TestUndoNewAnswer(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: t.TempDir() + "/a.yaml"}, 100, 30)
	if !jump(m, "单位") {
		t.Fatal("no 单位")
	}
	typeText(m, "某镇")
	press(m, "ctrl+z")
	if r, ok := m.s.st.a.Get("单位"); ok && !r.IsEmpty() {
		t.Errorf("单位 after undo: %+v", r)
	}
}
