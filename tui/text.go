package tui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/clipperhouse/displaywidth"
)

// Display widths. Everything on screen is measured in terminal cells:
// a Chinese character takes two, so the layout, the wrapping and the
// real cursor are all computed from cell widths, never from rune counts.

// runeWidth is the number of cells r takes (CJK 2, combining marks 0).
func runeWidth(r rune) int {
	if r < 0x80 {
		if r < 0x20 || r == 0x7f {
			return 0
		}
		return 1
	}
	return displaywidth.Rune(r)
}

// runesWidth is the cell width of rs.
func runesWidth(rs []rune) int {
	w := 0
	for _, r := range rs {
		w += runeWidth(r)
	}
	return w
}

// strWidth is the cell width of s, ANSI sequences ignored.
func strWidth(s string) int { return ansi.StringWidth(s) }

// fit truncates s (which may hold ANSI styles) to w cells and pads it
// with spaces to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := strWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = strWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// truncate shortens plain or styled s to at most w cells, ending in "…".
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if strWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// padRight pads s to w cells (no truncation).
func padRight(s string, w int) string {
	if sw := strWidth(s); sw < w {
		return s + strings.Repeat(" ", w-sw)
	}
	return s
}

// centre places s in the middle of w cells.
func centre(s string, w int) string {
	sw := strWidth(s)
	if sw >= w {
		return truncate(s, w)
	}
	left := (w - sw) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-sw-left)
}

// cleanInput keeps what can be typed into a field: control characters
// go (tabs become spaces); newlines are kept only when multiline.
func cleanInput(s string, multiline bool) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			if multiline {
				b.WriteRune(r)
			}
		case r == '\t':
			b.WriteRune(' ')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// A span is a run of text in one style, the unit the wrapper works on.
type span struct {
	text  string
	style int // index into the caller's style table; 0 = plain
}

// Characters that may not begin a line (行首禁则) and may not end one.
const (
	noLineStart = "，。、；：？！”’）》」』】〕…—%‰,.;:?!)]}"
	noLineEnd   = "“‘（《「『【〔([{"
)

type token struct {
	text  string
	width int
	style int
}

// tokenize splits spans into wrapping units: a run of ASCII letters and
// digits (a number must not be split), or a single other character.
func tokenize(spans []span) []token {
	var toks []token
	for _, sp := range spans {
		s := sp.text
		for i := 0; i < len(s); {
			r, size := rune(s[i]), 1
			if r >= 0x80 {
				r, size = decodeRune(s[i:])
			}
			if isWordRune(r) {
				j := i
				for j < len(s) && s[j] < 0x80 && isWordRune(rune(s[j])) {
					j++
				}
				toks = append(toks, token{s[i:j], j - i, sp.style})
				i = j
				continue
			}
			if r == '\n' {
				toks = append(toks, token{"\n", 0, sp.style})
			} else {
				toks = append(toks, token{s[i : i+size], runeWidth(r), sp.style})
			}
			i += size
		}
	}
	return toks
}

func decodeRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 1
}

func isWordRune(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '%' || r == '_' || r == '-')
}

// wrapSpans breaks styled text into lines of at most width cells, the
// first line after indent cells. Chinese breaks between any two
// characters, except that closing punctuation never starts a line and
// opening punctuation never ends one; ASCII words and numbers stay whole
// unless longer than a line. Each line is a list of spans.
func wrapSpans(spans []span, width, indent int) [][]span {
	if width < 2 {
		width = 2
	}
	toks := glueWords(tokenize(spans), width)
	var lines [][]token
	var cur []token
	w := indent
	flush := func() {
		for len(cur) > 0 && cur[len(cur)-1].text == " " {
			cur = cur[:len(cur)-1] // the space a line breaks at is not shown
		}
		lines = append(lines, cur)
		cur = nil
		w = 0
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.text == "\n" {
			flush()
			continue
		}
		if t.width > width {
			// a very long ASCII run: cut it by cells
			rs := []rune(t.text)
			for len(rs) > 0 {
				room := width - w
				if room <= 0 {
					flush()
					room = width
				}
				n := 0
				for n < len(rs) && n+1 <= room {
					n++
				}
				cur = append(cur, token{string(rs[:n]), n, t.style})
				w += n
				rs = rs[n:]
			}
			continue
		}
		if w+t.width <= width {
			cur = append(cur, t)
			w += t.width
			continue
		}
		if t.text == " " {
			flush()
			continue
		}
		// t does not fit: start a new line, moving characters down so
		// that the new line does not begin with closing punctuation and
		// the old one does not end with opening punctuation.
		var carry []token
		if strings.Contains(noLineStart, t.text) {
			// carry the character before it, and before a run of closing
			// marks (“）；”) the one before them all
			for len(cur) > 1 {
				last := cur[len(cur)-1]
				cur = cur[:len(cur)-1]
				carry = append([]token{last}, carry...)
				if !strings.Contains(noLineStart, last.text) {
					break
				}
			}
		}
		for len(cur) > 1 && strings.Contains(noLineEnd, cur[len(cur)-1].text) {
			carry = append([]token{cur[len(cur)-1]}, carry...)
			cur = cur[:len(cur)-1]
		}
		flush()
		for _, c := range carry {
			cur = append(cur, c)
			w += c.width
		}
		cur = append(cur, t)
		w += t.width
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	out := make([][]span, len(lines))
	for i, l := range lines {
		var sps []span
		for _, t := range l {
			if n := len(sps); n > 0 && sps[n-1].style == t.style {
				sps[n-1].text += t.text
			} else {
				sps = append(sps, span{t.text, t.style})
			}
		}
		out[i] = sps
	}
	return out
}

// wrapText wraps plain text; see wrapSpans.
func wrapText(s string, width int) []string {
	lines := wrapSpans([]span{{text: s}}, width, 0)
	out := make([]string, len(lines))
	for i, l := range lines {
		var b strings.Builder
		for _, sp := range l {
			b.WriteString(sp.text)
		}
		out[i] = b.String()
	}
	return out
}
