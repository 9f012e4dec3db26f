package tui

import (
	"strings"
	"testing"
)

func TestWrapKinsoku(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width int
	}{
		{"退出（有没保存的内容时先询问）；在对话框中", 28},
		{"上半年共缴纳党费122583元，发展党员40名。", 10},
		{"一二三四五六七八九，十", 18},
		{"一二三四五六七八询问）；在对话框中", 20},
	} {
		lines := wrapText(tc.s, tc.width)
		if strings.Join(lines, "") != tc.s {
			t.Errorf("%q: text changed: %q", tc.s, lines)
		}
		for i, l := range lines {
			if strWidth(l) > tc.width {
				t.Errorf("%q: line %q wider than %d", tc.s, l, tc.width)
			}
			if i > 0 && l != "" && strings.ContainsRune(noLineStart, []rune(l)[0]) {
				t.Errorf("%q: line %d starts with closing punctuation: %q", tc.s, i, lines)
			}
			if strings.Contains(l, "12258") && !strings.Contains(l, "122583") {
				t.Errorf("number split: %q", lines)
			}
		}
	}
}

func TestEditorWidth(t *testing.T) {
	e := newEditor("归义镇abc", false)
	text, x := e.viewLine(20)
	if x != 9 || strWidth(text) != 20 {
		t.Errorf("caret %d, width %d", x, strWidth(text))
	}
	e.setValue(strings.Repeat("镇", 30))
	text, x = e.viewLine(11)
	if strWidth(text) != 11 || x > 10 {
		t.Errorf("scrolled: %q caret %d", text, x)
	}
}
