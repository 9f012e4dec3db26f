package tui

import (
	"strings"
	"testing"

	"github.com/nigao/nigao/templates"
)

// TestReviewLeftOut: the review says which parts are not in the draft
// and why; Enter on one goes to its first field.
func TestReviewLeftOut(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 120, 40)
	f := formOf(m)
	// leave 安全生产 out by hand
	f.setNode(f.tree.byPart["安全生产"], true)
	f.focus = 0
	press(m, "ctrl+o")
	press(m, "ctrl+r")
	scr := screenText(m)
	for _, want := range []string{"不写入稿子的部分（2 个）", "二、经济发展：一个数字都还没填", "三、安全生产：选了不写入", "个可选的小节一个数字都没填"} {
		if !strings.Contains(scr, want) {
			t.Errorf("review lacks %q:\n%s", want, scr)
		}
	}
	r := onTop[*reviewPage](m)
	row := -1
	for i, rw := range r.rows {
		if strings.Contains(rw.text, "安全生产：选了不写入") {
			row = i
		}
	}
	if row < 0 || !r.rows[row].jumps() {
		t.Fatalf("the 安全生产 row cannot be jumped from: %+v", r.rows)
	}
	r.sel = row
	press(m, "enter")
	if screen(m) != "form" || f.cur != f.tree.byPart["安全生产"] || f.focused().kind != wInclude {
		t.Errorf("enter went to %s, widget %d", f.cur.name(m.s), f.focus)
	}
}
