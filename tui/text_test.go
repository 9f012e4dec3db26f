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

// TestEditorFillsBox: a text that just fills its box shows whole, from
// its first character, with the caret on the box's edge (the figure
// dialog's name box lost 开 of 开展校园食品安全专项检查); everywhere the
// caret and the character under it show, and no wide character is cut.
func TestEditorFillsBox(t *testing.T) {
	for _, tc := range []struct {
		value string
		pos   int // -1: at the end
		width int
		text  string
		caret int
	}{
		{"开展校园食品安全专项检查", -1, 24, "开展校园食品安全专项检查", 24},
		{"abcdefghij", -1, 10, "abcdefghij", 10},
		{"开展校园食品安全专项检查", -1, 23, "展校园食品安全专项检查 ", 22},
		{"开展校园食品安全专项检查a", -1, 24, "展校园食品安全专项检查a ", 23},
		{"开展校园食品安全专项检查", 11, 22, "展校园食品安全专项检查", 20},
		{"开展校园食品安全专项检查", 0, 10, "开展校园食", 0},
	} {
		e := newEditor(tc.value, false)
		if tc.pos >= 0 {
			e.pos = tc.pos
		}
		text, x := e.viewLine(tc.width)
		if text != tc.text || x != tc.caret {
			t.Errorf("%s at %d in %d: %q caret %d, want %q caret %d", tc.value, tc.pos, tc.width, text, x, tc.text, tc.caret)
		}
	}
	// every value, caret and width: the caret and what is under it show
	rs := []rune("开a展校b园食品安全cd专项检查")
	for n := 0; n <= len(rs); n++ {
		for width := 1; width <= 2+runesWidth(rs[:n]); width++ {
			for pos := 0; pos <= n; pos++ {
				for _, from := range []int{0, pos, n} {
					e := newEditor(string(rs[:n]), false)
					e.pos, e.scroll = pos, min(from, n)
					text, x := e.viewLine(width)
					if strWidth(text) != width {
						t.Fatalf("%q at %d in %d: %q is %d cells", string(rs[:n]), pos, width, text, strWidth(text))
					}
					under := 1
					if pos < n {
						under = runeWidth(rs[pos])
					} else if e.scroll == 0 && runesWidth(rs[:n]) == width {
						under = 0 // on the box's edge
					}
					if width >= 2 && x+under > width {
						t.Errorf("%q at %d in %d (from %d): caret %d, %d under it, past the box %q", string(rs[:n]), pos, width, from, x, under, text)
					}
					if runesWidth(rs[:n]) <= width && e.scroll != 0 && (pos < n || runesWidth(rs[:n]) < width) {
						t.Errorf("%q at %d in %d: fits, yet scrolled to %d", string(rs[:n]), pos, width, e.scroll)
					}
				}
			}
		}
	}
}
