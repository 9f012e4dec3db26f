package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/nigao/nigao/templates"
)

func click(m *Model, x, y int) {
	m.Update(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	m.View()
}

func wheel(m *Model, x, y int, b tea.MouseButton) {
	m.Update(tea.MouseWheelMsg{X: x, Y: y, Button: b})
	m.View()
}

// screenRow is the screen row (0-based) where text first shows, -1 if
// it does not.
func screenRow(m *Model, text string) int { return screenRowIn(m, text, 0, 1<<20) }

// screenRowIn is screenRow within the columns [x0, x1).
func screenRowIn(m *Model, text string, x0, x1 int) int {
	for i, l := range strings.Split(screenText(m), "\n") {
		if strings.Contains(ansi.Cut(l, x0, x1), text) {
			return i
		}
	}
	return -1
}

func TestMouseView(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	if v := m.View(); v.MouseMode != tea.MouseModeCellMotion {
		t.Errorf("mouse mode %v, want cell motion", v.MouseMode)
	}
	m = newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t), NoMouse: true}, 100, 30)
	if v := m.View(); v.MouseMode != tea.MouseModeNone {
		t.Errorf("--no-mouse: mouse mode %v", v.MouseMode)
	}
}

// TestMouseForm: a click on a section's name opens it, a click on a
// field focuses it, the wheel scrolls the preview until a key is pressed.
func TestMouseForm(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, size[0], size[1])
		f := formOf(m)
		m.View()
		target := f.secs[3]
		y := screenRow(m, target.name)
		if y < 0 {
			t.Fatalf("%v: %s not on screen:\n%s", size, target.name, screenText(m))
		}
		click(m, 3, y)
		if f.section() != target {
			t.Fatalf("%v: click on %s opened %s", size, target.name, f.section().name)
		}

		// a field further down the section
		var wi int
		for i, w := range f.section().widgets {
			if i > f.focus+1 && w.kind == wField && w.focusable() {
				wi = i
				break
			}
		}
		w := f.section().widgets[wi]
		y = screenRowIn(m, m.s.label(w.field.ID), f.layout.sw+1, f.layout.sw+1+f.layout.fw)
		if y < 0 {
			t.Fatalf("%v: field %s not on screen", size, w.field.ID)
		}
		click(m, f.layout.sw+4, y)
		if f.focus != wi {
			t.Fatalf("%v: click on %s focused widget %d, want %d", size, w.field.ID, f.focus, wi)
		}
		// the click leaves the field it came from saved, as Tab does
		if m.s.st.dirty {
			t.Errorf("%v: answers not saved after the click", size)
		}

		// wheel over the preview
		px, py := f.layout.sw+f.layout.fw+4, 3
		if f.layout.narrow {
			px, py = f.layout.sw+4, f.layout.fh+3
		}
		before := f.previewScroll
		wheel(m, px, py, tea.MouseWheelDown)
		wheel(m, px, py, tea.MouseWheelDown)
		if f.previewScroll <= before {
			t.Errorf("%v: wheel did not scroll the preview (%d → %d)", size, before, f.previewScroll)
		}
		scrolled := f.previewScroll
		m.View()
		if f.previewScroll != scrolled {
			t.Errorf("%v: the next frame undid the wheel (%d → %d)", size, scrolled, f.previewScroll)
		}
		// typing brings the preview back to the field being filled
		press(m, "left")
		m.View()
		if f.wheeled {
			t.Errorf("%v: a key did not end the wheel scroll", size)
		}
	}
}

// TestMousePickerAndReview: a click selects, a second click opens, as
// Enter does.
func TestMousePickerAndReview(t *testing.T) {
	m := newModel(t, Options{}, 100, 30)
	m.View()
	items := pickerOf(m).items()
	// a template next to the selected one: the list may scroll to show
	// the selection, so one far from it may be off screen
	want := -1
	for _, i := range []int{pickerOf(m).sel - 1, pickerOf(m).sel + 1} {
		if i >= 0 && i < len(items) && items[i].entry != nil {
			want = i
			break
		}
	}
	y := screenRow(m, items[want].entry.Name)
	click(m, 4, y)
	if pickerOf(m).sel != want || screen(m) != "picker" {
		t.Fatalf("first click: sel %d (want %d), screen %v", pickerOf(m).sel, want, screen(m))
	}
	click(m, 4, y+1) // the description line belongs to the item too
	if screen(m) != "form" || m.s.t.ID != items[want].entry.ID {
		t.Fatalf("second click did not open %s", items[want].entry.ID)
	}

	press(m, "ctrl+r")
	m.View()
	r := onTop[*reviewPage](m)
	row := -1
	for i, rw := range r.rows {
		if rw.field != "" && i != r.sel && i-r.scroll+reviewTitleLines+1 < 27 {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatalf("no second row to pick on the review page of %s:\n%s", m.s.t.ID, screenText(m))
	}
	y = row - r.scroll + reviewTitleLines + 1
	click(m, 4, y)
	if r.sel != row || screen(m) != "review" {
		t.Fatalf("review click: sel %d (want %d)", r.sel, row)
	}
	click(m, 4, y)
	if screen(m) != "form" || formOf(m).focused() == nil || formOf(m).focused().field == nil || formOf(m).focused().field.ID != r.rows[row].field {
		t.Fatalf("second click did not jump to %s", r.rows[row].field)
	}
}

// TestMouseCaretAndOptions: a click in a text box puts the caret on the
// character clicked (a wide one by its halves), and a click on an
// option picks it.
func TestMouseCaretAndOptions(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 120, 40)
	f := formOf(m)
	m.View()
	r, _ := m.s.st.a.Get("单位")
	if r.Text != "归义镇" {
		t.Fatalf("单位 is %q in the test answers", r.Text)
	}
	y := screenRowIn(m, "单位名称", f.layout.sw+1, f.layout.sw+1+f.layout.fw) + 1
	boxX := f.layout.sw + 2 + 3
	for _, c := range []struct{ col, pos int }{{0, 0}, {1, 1}, {2, 1}, {3, 2}, {5, 3}, {30, 3}} {
		click(m, boxX+c.col, y)
		if w := f.focused(); w.field.ID != "单位" || w.ed.pos != c.pos {
			t.Errorf("click at cell %d: field %s, caret %d, want 单位 at %d", c.col, w.field.ID, w.ed.pos, c.pos)
		}
	}
	click(m, boxX+2, y)
	typeText(m, "乡")
	if got := f.focused().ed.String(); got != "归乡义镇" {
		t.Errorf("typed after the click: %q", got)
	}
	if cur := m.View().Cursor; cur == nil || cur.X != boxX+4 || cur.Y != y {
		t.Errorf("terminal cursor %+v, want at %d,%d", cur, boxX+4, y)
	}

	m = newModel(t, Options{Template: "../testdata/render/full.yaml", AutosaveDir: t.TempDir()}, 120, 40)
	f = formOf(m)
	at, ok := f.byField["有疫情"]
	if !ok {
		t.Fatal("no 有疫情 in full.yaml")
	}
	f.setSection(at[0], true)
	m.View()
	w := f.section().widgets[at[1]]
	y = screenRowIn(m, m.s.label("有疫情"), f.layout.sw+1, f.layout.sw+1+f.layout.fw) + 1
	// "  [是]  否  不适用": 否 starts after "  ", " 是 " and a space
	click(m, f.layout.sw+2+2+strWidth(w.opts[0])+2+1+1, y)
	if w.sel != 1 {
		t.Fatalf("click on %s: selected %d", w.opts[1], w.sel)
	}
	if r, _ := m.s.st.a.Get("有疫情"); r.Text != w.opts[1] {
		t.Errorf("answer %q, want %q", r.Text, w.opts[1])
	}
}

// TestMouseWheelHelp: the wheel scrolls the help page.
func TestMouseWheelHelp(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 80, 24)
	press(m, "f1")
	wheel(m, 10, 10, tea.MouseWheelDown)
	if onTop[*helpPage](m) == nil || onTop[*helpPage](m).scroll != wheelStep {
		t.Fatalf("help scroll after a notch down: %+v", onTop[*helpPage](m))
	}
	wheel(m, 10, 10, tea.MouseWheelUp)
	if onTop[*helpPage](m).scroll != 0 {
		t.Errorf("help scroll after a notch back: %d", onTop[*helpPage](m).scroll)
	}
}

func TestPosAtCell(t *testing.T) {
	e := newEditor("第一行\n第二行很长很长很长", true)
	// width 8: a row holds 3 wide characters (one cell stays free)
	for _, c := range []struct{ row, col, want int }{
		{0, 0, 0}, {0, 2, 1}, {0, 3, 2}, {0, 20, 3}, // past the end of row 0: before the line break
		{1, 0, 4}, {1, 4, 6}, {2, 0, 7}, {2, 2, 8}, {3, 0, 10}, {9, 0, 13},
	} {
		if got := e.posAtCell(8, c.row, c.col); got != c.want {
			t.Errorf("row %d col %d: %d, want %d", c.row, c.col, got, c.want)
		}
	}
	// every position comes back from where visualLines shows it
	for p := 0; p <= len(e.value); p++ {
		e.pos = p
		_, r, c := e.visualLines(8)
		if got := e.posAtCell(8, r, c); got != p {
			t.Errorf("caret %d shown at %d,%d maps back to %d", p, r, c, got)
		}
	}
}

// TestMouseTextArea: a click in a multi-line box puts the caret on the
// row and character clicked.
func TestMouseTextArea(t *testing.T) {
	m := newModel(t, Options{Template: controlsTemplate(t), AutosaveDir: t.TempDir()}, 120, 40)
	f := formOf(m)
	if !jump(m, "思路") {
		t.Fatal("no 思路")
	}
	w := f.focused()
	if w.ed == nil || !w.ed.multiline {
		t.Fatal("思路 is not a multi-line box")
	}
	typeText(m, "第一行")
	press(m, "enter")
	typeText(m, "第二行")
	m.View()
	y := screenRowIn(m, "[第二行", f.layout.sw+1, f.layout.sw+1+f.layout.fw)
	if y < 0 {
		t.Fatalf("the box is not on screen:\n%s", screenText(m))
	}
	click(m, f.layout.sw+2+3+2, y) // on 二
	if w.ed.pos != 5 {
		t.Errorf("caret %d after a click on 二, want 5", w.ed.pos)
	}
	click(m, f.layout.sw+2+3+1, y-1) // right half of 第 on the first row
	if w.ed.pos != 1 {
		t.Errorf("caret %d after a click on 第's right half, want 1", w.ed.pos)
	}
}
