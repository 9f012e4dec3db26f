package render

import (
	"strings"
	"unicode"
)

// markerRune stands in for a missing-figure marker while a paragraph is
// typeset, so the rules see "something Chinese" there and leave the
// marker itself alone.
const markerRune = '\uE000'

const markerText = string(markerRune)

// typesetSpans applies Chinese typography to a paragraph's spans: merges
// plain spans, then Typeset on the whole text with markers held aside.
func typesetSpans(spans []Span) []Span {
	var in strings.Builder
	markers := 0
	for _, s := range spans {
		if s.Missing != nil {
			in.WriteRune(markerRune)
			markers++
			continue
		}
		// a marker rune in the text itself would be taken for a marker
		in.WriteString(strings.ReplaceAll(s.Text, markerText, ""))
	}
	text := Typeset(in.String())
	if text == "" {
		return nil
	}
	if markers == 0 {
		return []Span{{Text: text}}
	}
	out := make([]Span, 0, 2*markers+1)
	for _, s := range spans {
		if s.Missing == nil {
			continue
		}
		i := strings.Index(text, markerText)
		if i > 0 {
			out = append(out, Span{Text: text[:i]})
		}
		out = append(out, s)
		text = text[i+len(markerText):]
	}
	if text != "" {
		out = append(out, Span{Text: text})
	}
	return out
}

// Typeset applies the typography rules of Chinese official prose:
//   - no spaces next to Chinese characters or full-width punctuation
//     (a space stays only between two Latin words or numbers);
//   - ASCII , ; : ? ! ( ) become full-width, except a comma or colon
//     between digits (1,000 and 10:30);
//   - a full stop after a Chinese character becomes 。;
//   - straight quotes become “ ” and ‘ ’;
//   - doubled punctuation (，。 or 。。) keeps only the stronger mark.
func Typeset(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	dq, sq := false, false
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isSpace(r) {
			if o, j, ok := spaces(out, rs, i); ok {
				out, i = o, j
				continue
			}
		}
		switch r {
		case ',':
			if isDigit(at(i-1)) && isDigit(at(i+1)) {
				break
			}
			r = '，'
		case ':':
			if isDigit(at(i-1)) && isDigit(at(i+1)) {
				break
			}
			r = '：'
		case ';':
			r = '；'
		case '?':
			r = '？'
		case '!':
			r = '！'
		case '(':
			r = '（'
		case ')':
			r = '）'
		case '.':
			if isWide(at(i-1)) && !isDigit(at(i+1)) {
				r = '。'
			}
		case '"':
			if dq {
				r = '”'
			} else {
				r = '“'
			}
			dq = !dq
		case '\'':
			if isLatin(at(i-1)) && isLatin(at(i+1)) {
				break
			}
			if sq {
				r = '’'
			} else {
				r = '‘'
			}
			sq = !sq
		}
		if len(out) > 0 {
			prev := out[len(out)-1]
			if pw, cw := strength(prev), strength(r); pw > 0 && cw > 0 {
				if cw > pw {
					out[len(out)-1] = r
				}
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// TidySpaces is s with its white space as the draft has it (Typeset's
// first rule, alone): none next to Chinese characters, one space between
// two Latin words or numbers. A sentence the clerk types or pastes (with
// a Tab in it) is kept so.
func TidySpaces(s string) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		if isSpace(rs[i]) {
			if o, j, ok := spaces(out, rs, i); ok {
				out, i = o, j
				continue
			}
		}
		out = append(out, rs[i])
	}
	return string(out)
}

// spaces takes the run of white space at rs[i], when there is one, onto
// out as the draft writes it: one space between two Latin words or
// numbers, else nothing; ok is false when rs[i] (white space) is an
// ideographic space between two Chinese characters, which stays. j is
// the run's last index.
func spaces(out, rs []rune, i int) (_ []rune, j int, ok bool) {
	var prev rune
	if len(out) > 0 {
		prev = out[len(out)-1]
	}
	if rs[i] == '\u3000' && isWide(prev) && i+1 < len(rs) && isWide(rs[i+1]) {
		return out, i, false
	}
	j = i
	for j < len(rs) && isSpace(rs[j]) {
		j++
	}
	if j < len(rs) && isLatin(prev) && isLatin(rs[j]) {
		out = append(out, ' ')
	}
	return out, j - 1, true
}

// strength ranks the marks that must not stand doubled.
func strength(r rune) int {
	if r < '、' || r > '；' {
		return 0
	}
	switch r {
	case '、':
		return 1
	case '，':
		return 2
	case '：':
		return 3
	case '；':
		return 4
	case '。':
		return 5
	}
	return 0
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\n' || r == '\r'
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isLatin reports an ASCII letter or digit.
func isLatin(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
}

// isWide reports a Chinese character or full-width mark (or a marker).
func isWide(r rune) bool {
	if r < 0x2e80 { // below the first Han block: skip the table lookup
		return r == '”' || r == '’'
	}
	return r == markerRune || unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == '”' || r == '’'
}
