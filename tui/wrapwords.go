package tui

// glueWords joins tokens a line must not be broken between into one:
// first a run of ASCII without spaces (Ctrl+S, ~/.config/nigao), then a
// Latin word or number with what stands next to it across one space
// (每行 28 字, nigao render), so that a line breaks between words, not
// inside a phrase. Joining across a space stops short of a line's width:
// a longer phrase breaks at its spaces.
func glueWords(toks []token, width int) []token {
	ascii := func(t, next token, _ []token) int {
		if isASCIIPiece(t.text) && isASCIIPiece(next.text) {
			return 1
		}
		return 0
	}
	spaced := func(t, next token, after []token) int {
		if next.text == " " && len(after) > 0 && after[0].text != " " && after[0].text != "\n" &&
			(endsWord(t.text) || startsWord(after[0].text)) && t.width+1+after[0].width <= width {
			return 2
		}
		return 0
	}
	return glue(glue(toks, ascii), spaced)
}

// glue joins each token with the n tokens after it while join says so
// and their style is the same.
func glue(toks []token, join func(t, next token, after []token) int) []token {
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		for i+1 < len(toks) {
			n := join(t, toks[i+1], toks[i+2:])
			if n == 0 {
				break
			}
			add := toks[i+1 : i+1+n]
			for _, a := range add {
				if a.style != t.style {
					n = 0
				}
			}
			if n == 0 {
				break
			}
			for _, a := range add {
				t.text += a.text
				t.width += a.width
			}
			i += n
		}
		out = append(out, t)
	}
	return out
}

// isASCIIPiece: text of ASCII only, no space or line break.
func isASCIIPiece(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == ' ' || s[i] == '\n' {
			return false
		}
	}
	return s != ""
}

func startsWord(s string) bool { return s != "" && isWordRune(rune(s[0])) }

func endsWord(s string) bool { return s != "" && isWordRune(rune(s[len(s)-1])) }
