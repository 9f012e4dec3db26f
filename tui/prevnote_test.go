package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreviousNoteKeepsBox: last year's value never squeezes the clerk's
// box. A title as long as last year's shows whole, from its first
// character, focused or not, with 上年 on the line under it; a short
// number keeps 上年 beside its box.
func TestPreviousNoteKeepsBox(t *testing.T) {
	dir := t.TempDir()
	write := func(name, values string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("template: {id: dept-annual, version: 2}\nvalues:\n"+values), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	prev := write("2025.yaml", "  业务一标题: 食品安全监管扎实有效\n  单位: 某县市场监管局\n")
	for _, size := range [][2]int{{120, 40}, {80, 24}, {100, 30}} {
		ans := write("2026.yaml", "  业务一标题: 食品安全监管扎实有效\n  单位: 某县市场监管局\n")
		m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans, Previous: prev}, size[0], size[1])
		jump(m, "业务一标题")
		for _, focused := range []bool{true, false} {
			if !focused {
				press(m, "tab")
			}
			s := screenText(m)
			box, note := -1, -1
			for i, l := range strings.Split(s, "\n") {
				if strings.Contains(l, "[食品安全监管扎实有效") {
					box = i
				}
				if strings.Contains(l, "上年 食品安全监管扎实有效") {
					note = i
				}
			}
			if box < 0 || note != box+1 {
				t.Errorf("%dx%d focused %v: the value is not whole in its box (line %d) with 上年 under it (line %d):\n%s", size[0], size[1], focused, box, note, s)
			}
		}
	}
	// a short value keeps its note beside the box
	ans := write("2026.yaml", "  单位: 某县市场监管局\n")
	prev = write("2025.yaml", "  单位: 某县市场监管局\n  业务一标题: 监管有效\n")
	m := newModel(t, Options{Template: "dept-annual", AnswersPath: ans, Previous: prev}, 120, 40)
	jump(m, "业务一标题")
	if s := screenText(m); !strings.Contains(s, "]  上年 监管有效") {
		t.Errorf("上年 of a short title is not beside its box:\n%s", s)
	}
}

// TestTextAreaRows: ↑/↓ in a multi-line box go by the rows it shows. A
// text that just fills one row is one row: ↑ leaves the field.
func TestTextAreaRows(t *testing.T) {
	for _, width := range []int{120, 80} {
		m := newModel(t, Options{Template: controlsTemplate(t), AutosaveDir: t.TempDir()}, width, 30)
		f := formOf(m)
		jump(m, "思路")
		w := f.focused()
		m.View()
		typeText(m, strings.Repeat("a", w.areaW-1))
		m.View()
		if rows, _, _ := w.ed.visualLines(w.areaW); len(rows) != 1 {
			t.Fatalf("%d: %d rows shown, want 1", width, len(rows))
		}
		press(m, "up")
		if f.focused() == w {
			t.Errorf("%d: ↑ on the only row shown stayed in the box (caret %d)", width, w.ed.pos)
		}
	}
}
