package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// markerRune stands in for a missing-figure marker while a paragraph is
// typeset, so the rules see "something Chinese" there and leave the
// marker itself alone.
const markerRune = '\uE000'

const markerText = string(markerRune)

// typesetter holds the scratch buffers typeset reuses from paragraph to
// paragraph, so a draft costs one string per paragraph, not several.
type typesetter struct {
	in, out []byte
}

// typeset applies Chinese typography to a paragraph's spans: merges plain
// spans, then Typeset on the whole text with markers held aside.
func (ts *typesetter) typeset(spans []Span) []Span {
	in := ts.in[:0]
	markers := 0
	for _, s := range spans {
		if s.Missing != nil {
			in = utf8.AppendRune(in, markerRune)
			markers++
			continue
		}
		text := s.Text
		for {
			// a marker rune in the text itself would be taken for a marker
			before, after, found := strings.Cut(text, markerText)
			in = append(in, before...)
			if !found {
				break
			}
			text = after
		}
	}
	ts.in = in
	ts.out = appendTypeset(ts.out[:0], in)
	if len(ts.out) == 0 {
		return nil
	}
	text := string(ts.out)
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
	return string(appendTypeset(make([]byte, 0, len(s)+8), []byte(s)))
}

// appendTypeset appends src typeset to dst. It walks the UTF-8 bytes
// directly; invalid bytes come out as U+FFFD, as a []rune round trip
// would write them.
func appendTypeset(dst, src []byte) []byte {
	// prev is the input rune before the current one, last the rune dst
	// ends with (0 for none: no rule treats NUL as Latin, wide or a mark).
	var prev, last rune
	dq, sq := false, false
	next := func(i int) rune { // the input rune starting at byte i
		if i >= len(src) {
			return 0
		}
		if c := src[i]; c < utf8.RuneSelf {
			return rune(c)
		}
		r, _ := utf8.DecodeRune(src[i:])
		return r
	}
	pending := 0 // src[pending:i] passes through unchanged, not yet copied
	for i := 0; i < len(src); {
		r, size := rune(src[i]), 1
		if r >= utf8.RuneSelf {
			r, size = decodeRune(src[i:])
		}
		if passes(r, size) {
			// most text: copied later in one piece
			prev, last = r, r
			i += size
			continue
		}
		dst = append(dst, src[pending:i]...)
		in := r // the input rune, before any substitution
		switch r {
		case '\u3000':
			// a full-width space between Chinese phrases is deliberate
			// (口号“风雨同归　义行天下”, two unit names in a signature)
			if isWide(last) && isWide(next(i+size)) {
				break
			}
			fallthrough
		case ' ', '\t', '\u00a0', '\n', '\r':
			j := i
			for j < len(src) {
				r, n := utf8.DecodeRune(src[j:])
				if !isSpace(r) {
					break
				}
				prev = r
				j += n
			}
			if isLatin(last) && isLatin(next(j)) {
				dst = append(dst, ' ')
				last = ' '
			}
			i, pending = j, j
			continue
		case ',':
			if isDigit(prev) && isDigit(next(i+size)) {
				break
			}
			r = '，'
		case ':':
			if isDigit(prev) && isDigit(next(i+size)) {
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
			if isWide(prev) && !isDigit(next(i+size)) {
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
			if isLatin(prev) && isLatin(next(i+size)) {
				break // an apostrophe
			}
			if sq {
				r = '’'
			} else {
				r = '‘'
			}
			sq = !sq
		}
		prev = in
		if pw, cw := strength(last), strength(r); pw > 0 && cw > 0 {
			if cw > pw {
				dst = utf8.AppendRune(dst[:len(dst)-utf8.RuneLen(last)], r)
				last = r
			}
			i += size
			pending = i
			continue
		}
		dst = utf8.AppendRune(dst, r)
		i += size
		pending = i
		last = r
	}
	return append(dst, src[pending:]...)
}

// decodeRune is utf8.DecodeRune with the three-byte case, all of Chinese,
// done inline.
func decodeRune(p []byte) (rune, int) {
	if len(p) >= 3 && p[0]&0xf0 == 0xe0 && p[1]&0xc0 == 0x80 && p[2]&0xc0 == 0x80 {
		r := rune(p[0]&0x0f)<<12 | rune(p[1]&0x3f)<<6 | rune(p[2]&0x3f)
		if r >= 0x800 && (r < 0xd800 || r > 0xdfff) { // not overlong, not a surrogate
			return r, 3
		}
	}
	return utf8.DecodeRune(p)
}

// special marks the ASCII characters a rule of Typeset looks at.
var special = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, ',': true, ':': true, ';': true, '?': true, '!': true, '(': true, ')': true, '.': true, '"': true, '\'': true}

// passes reports a rune that no rule of Typeset changes or looks back
// at, and that is valid UTF-8 (an invalid byte becomes U+FFFD).
func passes(r rune, size int) bool {
	if r < utf8.RuneSelf {
		return !special[r]
	}
	return r != '\u3000' && r != '\u00a0' && strength(r) == 0 && (r != utf8.RuneError || size > 1)
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
