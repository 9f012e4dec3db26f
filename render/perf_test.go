package render

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// BenchmarkBuildDefault is Build + WriteMarkdown on the default template
// and its example answers, without loading either: the render path alone.
func BenchmarkBuildDefault(b *testing.B) {
	b.Chdir("..")
	set, err := templates.Open(nil)
	if err != nil {
		b.Fatal(err)
	}
	tpl, err := set.Load(templates.Default)
	if err != nil {
		b.Fatal(err)
	}
	name := "testdata/answers/" + templates.Default + ".yaml"
	src, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	a, err := schema.LoadAnswers(name, src)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteMarkdown(&buf, Build(tpl.Evaluate(a))); err != nil {
			b.Fatal(err)
		}
	}
}

// typesetRef is the original rune-slice Typeset, kept to check the
// byte-wise one against.
func typesetRef(s string) string {
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
		switch r {
		case '\u3000':
			if len(out) > 0 && isWide(out[len(out)-1]) && isWide(at(i+1)) {
				break
			}
			fallthrough
		case ' ', '\t', '\u00a0', '\n', '\r':
			j := i
			for j < len(rs) && isSpace(rs[j]) {
				j++
			}
			var prev rune
			if len(out) > 0 {
				prev = out[len(out)-1]
			}
			if isLatin(prev) && isLatin(at(j)) {
				out = append(out, ' ')
			}
			i = j - 1
			continue
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

// FuzzTypeset checks Typeset against the original rune-slice version,
// invalid UTF-8 included.
func FuzzTypeset(f *testing.F) {
	for _, s := range []string{
		"", "a b", "中 文", "1,000 和 10:30", "好.", "3.5", `"引"'x'`, "it's",
		"，。", "。，", "、；", "A　B", "中　文", "中\u3000 文", "\xff中,", "中\uE000文",
		"（甲）乙 (b) ?!", "x\u00a0y", "。\xe3\x80", "end ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Typeset(s), typesetRef(s); got != want {
			t.Fatalf("Typeset(%q) = %q, want %q", s, got, want)
		}
		if !utf8.ValidString(s) {
			return
		}
	})
}

func TestIsLatinASCII(t *testing.T) {
	for r := rune(0); r < 0x3100; r++ {
		old := r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if isLatin(r) != old {
			t.Errorf("isLatin(%q)", r)
		}
		oldWide := r == markerRune || unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == '”' || r == '’'
		if isWide(r) != oldWide {
			t.Errorf("isWide(%q)", r)
		}
	}
}

func TestFormatNumberFmt(t *testing.T) {
	xs := []float64{0, -0.0, 1, -1, 0.004, -0.004, 0.005, 1.005, 12345.678, -2.5e-9, 1e21, 1e300, 123456789.125, math.Inf(1), math.Inf(-1), math.NaN()}
	for _, x := range xs {
		for d := 0; d <= 3; d++ {
			if got, want := strconv.FormatFloat(x, 'f', d, 64), fmt.Sprintf("%.*f", d, x); got != want && !math.IsInf(x, 0) {
				t.Errorf("%v %d: %q vs %q", x, d, got, want)
			}
		}
	}
}

// writeMarkdownRef is the original string-building WriteMarkdown.
func writeMarkdownRef(doc *Document) string {
	var b strings.Builder
	mdSpans := func(spans []Span) string {
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(mdEscaper.Replace(s.Text))
		}
		return b.String()
	}
	lineStart := func(s string) string {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
			return s[:i] + `\` + s[i:]
		}
		if len(s) > 1 && (s[0] == '-' || s[0] == '+') && s[1] == ' ' {
			return `\` + s
		}
		return s
	}
	if doc.Title != "" {
		b.WriteString("# " + mdEscaper.Replace(doc.Title) + "\n\n")
	}
	for _, p := range doc.Paras {
		switch {
		case p.IsHeading():
			b.WriteString(strings.Repeat("#", p.Level+1) + " " + p.Number + mdSpans(p.Heading) + "\n\n")
		case p.Level > 0:
			b.WriteString("**" + p.Number + mdSpans(p.Heading) + "**" + mdSpans(p.Body) + "\n\n")
		default:
			b.WriteString(lineStart(mdSpans(p.Body)) + "\n\n")
		}
	}
	if doc.Signature.Unit != "" || doc.Signature.Date != "" {
		var lines []string
		for _, s := range []string{doc.Signature.Unit, doc.Signature.Date} {
			if s != "" {
				lines = append(lines, mdEscaper.Replace(s))
			}
		}
		b.WriteString(strings.Join(lines, "  \n") + "\n")
	}
	return b.String()
}

// FuzzWriteMarkdown checks WriteMarkdown against the original version.
func FuzzWriteMarkdown(f *testing.F) {
	f.Add("标题#", "1. 第一", "- x", "a*b_c", "", 0)
	f.Add("", "12) y", "\\[x]", "单位", "2024年", 2)
	f.Add("t", "+ z", "<b>|`", "", "日期", 1)
	f.Fuzz(func(t *testing.T, title, a, b, unit, date string, level int) {
		if level < 0 || level > 4 {
			return
		}
		doc := &Document{Title: title, Signature: Signature{Unit: unit, Date: date}}
		doc.Paras = []Para{
			{Body: []Span{{Text: a}, {Text: b}}},
			{Body: []Span{{Text: b}}},
			{Level: level, Number: "1.", Heading: []Span{{Text: a}}},
			{Level: level, Number: "（一）", Heading: []Span{{Text: b}}, Body: []Span{{Text: a}}},
		}
		var buf bytes.Buffer
		if err := WriteMarkdown(&buf, doc); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), writeMarkdownRef(doc); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
}

func FuzzSentenceEnd(f *testing.F) {
	for _, s := range []string{"", "甲。乙", "a;b", "好！", "吗？", "一；二", "\xf0。", "\xef\xbc", "；", "!?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := sentenceEnd(s), strings.IndexAny(s, "。！？；;!?"); got != want {
			t.Fatalf("sentenceEnd(%q) = %d, want %d", s, got, want)
		}
	})
}

func BenchmarkTypeset(b *testing.B) {
	s := strings.Repeat("全镇上下坚持以习近平新时代中国特色社会主义思想为指导, 完成GDP 12,000万元 (同比增长5.2%)。“三农”工作扎实推进；", 40)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Typeset(s)
	}
}

func FuzzDecodeRune(f *testing.F) {
	for _, s := range []string{"中", "\xe0\x80\x80", "\xed\xa0\x80", "\xef\xbf\xbd", "\xe3\x80", "a"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		r, n := decodeRune(p)
		wr, wn := utf8.DecodeRune(p)
		if r != wr || n != wn {
			t.Fatalf("decodeRune(%q) = %q %d, want %q %d", p, r, n, wr, wn)
		}
	})
}
