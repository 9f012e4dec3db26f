package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/templates"
)

// TestDraftPage: Ctrl+P shows the whole draft, 28 characters a line,
// from the title down to the signature; it scrolls by keys and wheel,
// Ctrl+E exports from it, Esc goes back.
func TestDraftPage(t *testing.T) {
	m := newModel(t, Options{Template: templates.Default, AnswersPath: copyAnswers(t)}, 100, 30)
	press(m, "ctrl+p")
	if onTop[*draftPage](m) == nil {
		t.Fatal("ctrl+p did not open the draft")
	}
	scr := screenText(m)
	for _, want := range []string{"全文预览", "归义镇2022年上半年工作总结", "今年以来，在市委、市政府的坚强领导下，归义镇坚持稳中"} {
		if !strings.Contains(scr, want) {
			t.Errorf("first page lacks %q:\n%s", want, scr)
		}
	}
	// a GB/T line: 2 characters of indent, then 26 (the rest 28)
	second := ""
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "求进工作总基调") {
			second = strings.TrimRight(l, " ")
		}
	}
	if second != strings.Repeat(" ", (100-draftMeasure)/2)+"求进工作总基调，围绕年初确定的目标任务，一手抓党的建设和" {
		t.Errorf("the second line is not 28 characters, centred: %q", second)
	}
	press(m, "pgdown")
	if onTop[*draftPage](m).scroll == 0 {
		t.Error("pgdown did not scroll")
	}
	press(m, "end")
	if scr := screenText(m); !strings.Contains(scr, "2022年8月29日") {
		t.Errorf("the end lacks the signature:\n%s", scr)
	}
	press(m, "home")
	wheel(m, 50, 10, tea.MouseWheelDown)
	if onTop[*draftPage](m).scroll != wheelStep {
		t.Errorf("wheel: scroll %d", onTop[*draftPage](m).scroll)
	}
	press(m, "esc")
	if onTop[*draftPage](m) != nil || screen(m) != "form" {
		t.Error("esc did not go back to the form")
	}
	press(m, "ctrl+p", "ctrl+e")
	if onTop[*draftPage](m) != nil || screen(m) != "export" {
		t.Errorf("ctrl+e from the draft: screen %v", screen(m))
	}
}
