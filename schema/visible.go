package schema

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Characters a clerk cannot see do not belong in a report: a terminal
// acts on control characters (ESC starts a command), and bidirectional
// formatting characters reorder what is shown (U+202E makes 5001 read
// 1005). Templates may not hold them, answers holding them are not
// valid values, and messages quoting someone else's text show them as
// <U+202E>.

// unsafeRune reports the runes that must not pass unseen: C0 controls
// but tab, newline and carriage return; DEL; C1 controls; and the
// bidirectional marks, embeddings, overrides and isolates.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// StripUnsafe returns s without the runes a template may not hold (see
// unsafeRune), for text taken from elsewhere into a template: a report
// being imported, a file name.
func StripUnsafe(s string) string {
	if firstUnsafe(s) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}

// Visible returns s with every unsafe rune written as <U+XXXX>, for
// messages that quote text from a file.
func Visible(s string) string {
	if firstUnsafe(s) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			fmt.Fprintf(&b, "<U+%04X>", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// firstUnsafe is the byte index of the first unsafe rune in s, or -1.
// It looks at the UTF-8 bytes, since it reads every text of every
// template loaded: the unsafe runes above U+007F all begin with C2, D8
// or E2.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' {
				return i
			}
		case c == 0x7f:
			return i
		case c == 0xc2: // C1 controls: C2 80 to C2 9F
			if i+1 < len(s) && s[i+1] <= 0x9f {
				return i
			}
		case c == 0xd8: // U+061C: D8 9C
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i
			}
		case c == 0xe2: // U+200E–200F, U+202A–202E, U+2066–2069
			if i+2 < len(s) {
				b1, b2 := s[i+1], s[i+2]
				if b1 == 0x80 && (b2 == 0x8e || b2 == 0x8f || b2 >= 0xaa && b2 <= 0xae) || b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9 {
					return i
				}
			}
		}
	}
	return -1
}

// unsafeText says which unsafe character s holds, or "" when none.
func unsafeText(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	what := "不可见的控制字符"
	if r == 0x061c || r >= 0x200e {
		what = "改变文字显示顺序的控制字符"
	}
	return fmt.Sprintf("含有%s U+%04X，请删去", what, r)
}

// refuseUnsafe reports every scalar (key or value) of a template or
// library that holds an unsafe character, at its position.
func refuseUnsafe(name string, n *yaml.Node, errs *ErrorList) {
	if n.Kind == yaml.ScalarNode {
		if msg := unsafeText(n.Value); msg != "" {
			errs.add(Pos{File: name, Line: n.Line, Col: n.Column}, "%s", msg)
		}
		return
	}
	for _, c := range n.Content {
		refuseUnsafe(name, c, errs)
	}
}
