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
	if onTop[*findPage](m) == nil {
		t.Fatal("ctrl+f did not open the find page")
	}
	all := len(onTop[*findPage](m).hits)
	if all < 100 {
		t.Fatalf("%d fields listed with no query", all)
	}
	typeText(m, "党费")
	if n := len(onTop[*findPage](m).hits); n == 0 || n >= all {
		t.Fatalf("党费: %d hits of %d", n, all)
	}
	for _, h := range onTop[*findPage](m).hits {
		if !strings.Contains(h.text, "党费") {
			t.Errorf("hit %s does not mention 党费", h.label)
		}
	}
	// two words narrow further; a value is found too
	typeText(m, " 二季度")
	if len(onTop[*findPage](m).hits) != 1 {
		t.Fatalf("党费 二季度: %d hits: %v", len(onTop[*findPage](m).hits), onTop[*findPage](m).hits)
	}
	want := onTop[*findPage](m).hits[0].id
	scr := screenText(m)
	if !strings.Contains(scr, "查找字段") || !strings.Contains(scr, onTop[*findPage](m).hits[0].label) || !strings.Contains(scr, "58192") {
		t.Errorf("find page:\n%s", scr)
	}
	press(m, "enter")
	if onTop[*findPage](m) != nil || screen(m) != "form" {
		t.Fatal("enter did not close the find page")
	}
	if w := formOf(m).focused(); w == nil || w.field == nil || w.field.ID != want {
		t.Fatalf("focus after the jump: %+v, want %s", w, want)
	}

	// by value, from the review page; Esc goes back without moving
	press(m, "ctrl+r", "ctrl+f")
	typeText(m, "253")
	if len(onTop[*findPage](m).hits) == 0 || !strings.Contains(onTop[*findPage](m).hits[0].shown, "253") {
		t.Fatalf("253: %v", onTop[*findPage](m).hits)
	}
	press(m, "esc")
	if onTop[*findPage](m) != nil || screen(m) != "review" {
		t.Errorf("esc: find %v, screen %v", onTop[*findPage](m) != nil, screen(m))
	}

	press(m, "ctrl+f")
	typeText(m, "没有这种字段")
	if len(onTop[*findPage](m).hits) != 0 || !strings.Contains(screenText(m), "没有符合的字段") {
		t.Error("no hits: no message")
	}
	press(m, "enter") // nothing to go to: stays
	if onTop[*findPage](m) == nil {
		t.Error("enter with no hits closed the page")
	}
}

// TestFindMouse: a click picks a hit, a second click goes there.
func TestFindMouse(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(m, "ctrl+f")
	typeText(m, "党费")
	m.View()
	h := onTop[*findPage](m).hits[1]
	y := screenRow(m, h.label)
	click(m, 6, y)
	if onTop[*findPage](m) == nil || onTop[*findPage](m).sel != 1 {
		t.Fatalf("first click: sel %d", onTop[*findPage](m).sel)
	}
	click(m, 6, y)
	if onTop[*findPage](m) != nil || formOf(m).focused().field.ID != h.id {
		t.Fatalf("second click did not go to %s", h.id)
	}
}
