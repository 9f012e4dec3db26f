package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// editor is the text-entry component of every field: one line, or
// several for textarea fields. It is ours rather than bubbles'
// textinput because the wizard shows the terminal's real cursor (so a
// pinyin IME's candidate window follows the caret) and must place it by
// display width: textinput's Cursor() counts runes (bubbles issue #906)
// and its horizontal scroll offset is not exported, so a CJK line puts
// the caret in the middle of the text. Here every position on screen is
// a cell count.
type editor struct {
	value     []rune
	pos       int // caret, in runes
	multiline bool

	// single line: first visible rune; multi-line: first visible row
	scroll int
}

func newEditor(s string, multiline bool) *editor {
	e := &editor{multiline: multiline}
	e.setValue(s)
	return e
}

func (e *editor) String() string { return string(e.value) }

func (e *editor) setValue(s string) {
	e.value = []rune(cleanInput(s, e.multiline))
	e.pos = len(e.value)
	e.scroll = 0
}

func (e *editor) insert(s string) {
	s = cleanInput(s, e.multiline)
	if s == "" {
		return
	}
	rs := []rune(s)
	v := make([]rune, 0, len(e.value)+len(rs))
	v = append(v, e.value[:e.pos]...)
	v = append(v, rs...)
	v = append(v, e.value[e.pos:]...)
	e.value = v
	e.pos += len(rs)
}

// editResult says what a key did to an editor.
type editResult int

const (
	editIgnored editResult = iota // not an editing key
	editMoved                     // caret moved, text unchanged
	editChanged                   // text changed
)

// handleKey applies an editing key. Keys that leave the field (Tab,
// Enter on a single line, ↑/↓ at the edge) are ignored here.
func (e *editor) handleKey(k tea.KeyPressMsg) editResult {
	key := k.Key()
	switch k.String() {
	case "left", "ctrl+b":
		if e.pos > 0 {
			e.pos--
		}
		return editMoved
	case "right", "ctrl+f":
		if e.pos < len(e.value) {
			e.pos++
		}
		return editMoved
	case "home", "ctrl+a":
		e.pos = e.lineStart(e.pos)
		return editMoved
	case "end":
		e.pos = e.lineEnd(e.pos)
		return editMoved
	case "backspace", "ctrl+h":
		if e.pos == 0 {
			return editMoved
		}
		e.value = append(e.value[:e.pos-1], e.value[e.pos:]...)
		e.pos--
		return editChanged
	case "delete", "ctrl+d":
		if e.pos >= len(e.value) {
			return editMoved
		}
		e.value = append(e.value[:e.pos], e.value[e.pos+1:]...)
		return editChanged
	case "ctrl+u":
		st := e.lineStart(e.pos)
		e.value = append(e.value[:st], e.value[e.pos:]...)
		e.pos = st
		return editChanged
	case "ctrl+k":
		en := e.lineEnd(e.pos)
		e.value = append(e.value[:e.pos], e.value[en:]...)
		return editChanged
	case "ctrl+w", "alt+backspace":
		st := e.pos
		for st > 0 && e.value[st-1] == ' ' {
			st--
		}
		for st > 0 && e.value[st-1] != ' ' && e.value[st-1] != '\n' {
			st--
		}
		e.value = append(e.value[:st], e.value[e.pos:]...)
		e.pos = st
		return editChanged
	case "enter":
		if e.multiline {
			e.insert("\n")
			return editChanged
		}
		return editIgnored
	case "space":
		e.insert(" ")
		return editChanged
	}
	if key.Text != "" && key.Mod&^(tea.ModShift|tea.ModCapsLock|tea.ModNumLock) == 0 {
		e.insert(key.Text)
		return editChanged
	}
	return editIgnored
}

func (e *editor) lineStart(p int) int {
	for p > 0 && e.value[p-1] != '\n' {
		p--
	}
	return p
}

func (e *editor) lineEnd(p int) int {
	for p < len(e.value) && e.value[p] != '\n' {
		p++
	}
	return p
}

// viewLine renders a single-line editor in exactly width cells and
// returns the caret's cell offset within it. The visible window scrolls
// by cells so the caret and the character under it always show, wide
// characters never straddle the edge. At the end of the text the caret
// takes one more cell, except when the whole text just fills the box:
// then the caret sits on the box's closing edge rather than the first
// character (two cells of a Chinese one) scrolling out of sight.
func (e *editor) viewLine(width int) (string, int) {
	if width < 1 {
		return "", 0
	}
	// cells is the width runes from..to take with the caret: the
	// character under it, or a cell of its own after the text
	cells := func(from, to int) int {
		w := runesWidth(e.value[from:to])
		switch {
		case to > e.pos:
		case e.pos < len(e.value):
			w += max(1, runeWidth(e.value[e.pos]))
		case from > 0 || w < width:
			w++
		}
		return w
	}
	e.scroll = min(e.scroll, e.pos)
	for e.scroll < e.pos && cells(e.scroll, e.pos) > width {
		e.scroll++
	}
	// deleted at the end: scroll back while all the rest still shows
	for e.scroll > 0 && cells(e.scroll-1, len(e.value)) <= width {
		e.scroll--
	}
	var b strings.Builder
	w := 0
	for _, r := range e.value[e.scroll:] {
		rw := runeWidth(r)
		if w+rw > width {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	if w < width {
		b.WriteString(strings.Repeat(" ", width-w))
	}
	return b.String(), runesWidth(e.value[e.scroll:e.pos])
}

// posAt is the caret position for a click col cells into a one-line
// box showing the text from rune start: before the character clicked,
// after it for the right half of a wide one, at the end past the text.
func (e *editor) posAt(start, col int) int {
	if col < 0 {
		return start
	}
	w := 0
	for i := start; i < len(e.value); i++ {
		rw := runeWidth(e.value[i])
		if col < w+rw {
			if col > w {
				return i + 1
			}
			return i
		}
		w += rw
	}
	return len(e.value)
}

// posAtCell is posAt for a multi-line box width cells wide: the caret
// position for a click on visual row row (as visualLines lays the text
// out), col cells in; past the end of a row it is that row's end.
func (e *editor) posAtCell(width, row, col int) int {
	if width < 2 {
		width = 2
	}
	r, w := 0, 0
	for i, ch := range e.value {
		if ch == '\n' {
			if r == row {
				return i
			}
			r, w = r+1, 0
			continue
		}
		rw := runeWidth(ch)
		if w+rw > width-1 && w > 0 {
			if r == row {
				return i
			}
			r, w = r+1, 0
		}
		if r == row && col < w+rw {
			if col > w {
				return i + 1
			}
			return i
		}
		w += rw
	}
	return len(e.value)
}

// visualLines lays the multi-line text out in rows of width cells and
// returns the rows and the caret's row and cell column.
func (e *editor) visualLines(width int) (rows []string, crow, ccol int) {
	if width < 2 {
		width = 2
	}
	var cur []rune
	w := 0
	for i := 0; i <= len(e.value); i++ {
		if i == e.pos {
			crow, ccol = len(rows), w
		}
		if i == len(e.value) {
			break
		}
		r := e.value[i]
		if r == '\n' {
			rows = append(rows, string(cur))
			cur, w = nil, 0
			continue
		}
		rw := runeWidth(r)
		if w+rw > width-1 && w > 0 {
			rows = append(rows, string(cur))
			cur, w = nil, 0
			if i == e.pos {
				crow, ccol = len(rows), 0
			}
		}
		cur = append(cur, r)
		w += rw
	}
	rows = append(rows, string(cur))
	return rows, crow, ccol
}

// caretRow reports the caret's visual row and the number of rows, for
// ↑/↓ leaving a multi-line field at its edges.
func (e *editor) caretRow(width int) (row, n int) {
	rows, r, _ := e.visualLines(width)
	return r, len(rows)
}

// moveRow moves the caret one visual row up or down, keeping its column.
func (e *editor) moveRow(width, d int) {
	rows, r, c := e.visualLines(width)
	target := r + d
	if target < 0 || target >= len(rows) {
		return
	}
	// walk the text to find the rune at (target, c)
	best := -1
	for p := 0; p <= len(e.value); p++ {
		save := e.pos
		e.pos = p
		_, rr, cc := e.visualLines(width)
		e.pos = save
		if rr == target && cc <= c {
			best = p
		}
		if rr > target {
			break
		}
	}
	if best >= 0 {
		e.pos = best
	}
}

// viewArea renders a multi-line editor as height rows of width cells,
// scrolled so the caret shows, and returns the caret's row and column.
func (e *editor) viewArea(width, height int) ([]string, int, int) {
	rows, cr, cc := e.visualLines(width)
	if cr < e.scroll {
		e.scroll = cr
	}
	if cr >= e.scroll+height {
		e.scroll = cr - height + 1
	}
	if e.scroll > len(rows)-1 {
		e.scroll = max(0, len(rows)-1)
	}
	out := make([]string, height)
	for i := range out {
		if j := e.scroll + i; j < len(rows) {
			out[i] = fit(rows[j], width)
		} else {
			out[i] = strings.Repeat(" ", width)
		}
	}
	return out, cr - e.scroll, cc
}
