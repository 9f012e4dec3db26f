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

// FuzzTypeset: any text, invalid UTF-8 included, typesets to valid UTF-8
// with no space beside a Chinese character, no half-width comma or
// semicolon after one, and no doubled mark.
func FuzzTypeset(f *testing.F) {
	for _, s := range []string{
		"", "a b", "中 文", "1,000 和 10:30", "好.", "3.5", `"引"'x'`, "it's",
		"，。", "。，", "、；", "A　B", "中　文", "中\u3000 文", "\xff中,", "中\uE000文",
		"（甲）乙 (b) ?!", "x\u00a0y", "。\xe3\x80", "end ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Typeset(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Typeset(%q) = %q: not UTF-8", s, out)
		}
		rs := []rune(out)
		for i := 1; i < len(rs); i++ {
			a, b := rs[i-1], rs[i]
			if unicode.Is(unicode.Han, a) && (b == ' ' || b == ',' || b == ';') || a == ' ' && unicode.Is(unicode.Han, b) {
				t.Fatalf("Typeset(%q) = %q: %q next to Chinese", s, out, string([]rune{a, b}))
			}
			if strength(a) > 0 && strength(b) > 0 {
				t.Fatalf("Typeset(%q) = %q: doubled mark", s, out)
			}
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
