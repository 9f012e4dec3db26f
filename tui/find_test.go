package tui

import (
	"strings"
	"testing"

	"github.com/nigao/nigao/templates"
)

// TestFind: Ctrl+F lists fields matching every word typed — by name,
// section or value — and Enter goes to the one chosen, in its section.
func TestFind(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(m, "ctrl+f")
	if m.find == nil {
		t.Fatal("ctrl+f did not open the find page")
	}
	all := len(m.find.hits)
	if all < 100 {
		t.Fatalf("%d fields listed with no query", all)
	}
	typeText(m, "党费")
	if n := len(m.find.hits); n == 0 || n >= all {
		t.Fatalf("党费: %d hits of %d", n, all)
	}
	for _, h := range m.find.hits {
		if !strings.Contains(h.text, "党费") {
			t.Errorf("hit %s does not mention 党费", h.label)
		}
	}
	// two words narrow further; a value is found too
	typeText(m, " 二季度")
	if len(m.find.hits) != 1 {
		t.Fatalf("党费 二季度: %d hits: %v", len(m.find.hits), m.find.hits)
	}
	want := m.find.hits[0].id
	scr := screenText(m)
	if !strings.Contains(scr, "查找字段") || !strings.Contains(scr, m.find.hits[0].label) || !strings.Contains(scr, "58192") {
		t.Errorf("find page:\n%s", scr)
	}
	press(m, "enter")
	if m.find != nil || m.scr != scrForm {
		t.Fatal("enter did not close the find page")
	}
	if w := m.form.focused(); w == nil || w.field == nil || w.field.ID != want {
		t.Fatalf("focus after the jump: %+v, want %s", w, want)
	}

	// by value, from the review page; Esc goes back without moving
	press(m, "ctrl+r", "ctrl+f")
	typeText(m, "253")
	if len(m.find.hits) == 0 || !strings.Contains(m.find.hits[0].shown, "253") {
		t.Fatalf("253: %v", m.find.hits)
	}
	press(m, "esc")
	if m.find != nil || m.scr != scrReview {
		t.Errorf("esc: find %v, screen %v", m.find != nil, m.scr)
	}

	press(m, "ctrl+f")
	typeText(m, "没有这种字段")
	if len(m.find.hits) != 0 || !strings.Contains(screenText(m), "没有符合的字段") {
		t.Error("no hits: no message")
	}
	press(m, "enter") // nothing to go to: stays
	if m.find == nil {
		t.Error("enter with no hits closed the page")
	}
}

// TestFindMouse: a click picks a hit, a second click goes there.
func TestFindMouse(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(m, "ctrl+f")
	typeText(m, "党费")
	m.View()
	h := m.find.hits[1]
	y := screenRow(m, h.label)
	click(m, 6, y)
	if m.find == nil || m.find.sel != 1 {
		t.Fatalf("first click: sel %d", m.find.sel)
	}
	click(m, 6, y)
	if m.find != nil || m.form.focused().field.ID != h.id {
		t.Fatalf("second click did not go to %s", h.id)
	}
}
