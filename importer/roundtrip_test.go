package importer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// samplesDir holds the team's sample reports, beside the repository.
var samplesDir = filepath.Join("..", "..", "shared", "samples")

// roundTrip imports a report, renders template + answers as text and
// returns the draft.
func roundTrip(t testing.TB, name string, data []byte) (*Result, *schema.Template, string) {
	t.Helper()
	c, err := ImportChecked(name, data, nil, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var buf bytes.Buffer
	if err := render.WriteText(&buf, render.Build(c.Template.Evaluate(c.Answers))); err != nil {
		t.Fatal(err)
	}
	return c.Result, c.Template, buf.String()
}

var (
	reMarker      = regexp.MustCompile(`【待填:[^】]*】`)
	rePlaceholder = regexp.MustCompile(`[xXＸｘ×]+(?:[.．][xXＸｘ×]+)?`)
)

// normalize makes a text comparable: typography as render applies it,
// no whitespace, and every placeholder (X, xx, 【待填:…】) the same X.
func normalize(s string) string {
	s = reMarker.ReplaceAllString(s, "X")
	s = render.Typeset(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return rePlaceholder.ReplaceAllString(s, "X")
}

// similarity is 2·LCS/(len a + len b) over runes (difflib's ratio),
// with the LCS found by Myers' O(ND) diff.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra)+len(rb) == 0 {
		return 1
	}
	d := editDistance(ra, rb) // insertions + deletions
	lcs := (len(ra) + len(rb) - d) / 2
	return 2 * float64(lcs) / float64(len(ra)+len(rb))
}

// editDistance is the number of insertions and deletions turning a into b
// (Myers 1986).
func editDistance(a, b []rune) int {
	n, m := len(a), len(b)
	max := n + m
	v := make([]int, 2*max+2)
	for d := 0; d <= max; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[max+k-1] < v[max+k+1] {
				x = v[max+k+1]
			} else {
				x = v[max+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[max+k] = x
			if x >= n && y >= m {
				return d
			}
		}
	}
	return max
}

// figuresWithUnits counts statistics in a text, independently of the
// importer's scanner: a number with a unit of measure (and 万/亿, 余/多),
// not an ordinal (第3次), a rule (每月1次), a range (0-14岁) or inside a
// document title or number (《…》, 〔…〕).
var reFigure = regexp.MustCompile(`[0-9][0-9,]*(?:\.[0-9]+)?(?:余|多)?(?:万|亿)?(?:余|多)?(?:万元|亿元|元|万亩|亩|万平方米|平方米|㎡|公里|千米|吨|万吨|户|人次|人|名|个|家|次|起|件|处|栋|座|份|场|条|篇|期|项|%|％)`)

// rules, caps and thresholds are no statistics: 不少于10场, 最高2000万元,
// 30元/人, 48小时内, 100万元以上的项目, 4个村集体经济收入超10万元
var (
	reRuleBefore = regexp.MustCompile(`(不少于|不低于|不超过|不得超过|至少|最高|最多)$`)
	reRuleAfter  = regexp.MustCompile(`^(/|／|内|以内)`)
	// the bar the things just counted clear: 4个村集体经济收入超10万元 (in a
	// template, the count is a slot: a line break)
	reBarOfCount = regexp.MustCompile(`[0-9\n][个名家户所座][^，,。；;：:、0-9]{2,16}(超|逾)$`)
	reAmount     = regexp.MustCompile(`(元|亩|米|㎡|吨|%|％)$`)
)

func countFigures(s string) int {
	n := 0
	rs := []rune(s)
	prot := protectedRanges(rs)
	for _, loc := range reFigure.FindAllStringIndex(s, -1) {
		i := len([]rune(s[:loc[0]]))
		prev := at(rs, i-1)
		if isDigit(prev) || isLatinLetter(prev) || strings.ContainsRune(".-—~～/+第", prev) || prot[i] {
			continue
		}
		if strings.HasPrefix(s[loc[1]:], "-") {
			continue
		}
		ctx := string(rs[max(0, i-6):i])
		if j := strings.LastIndexAny(ctx, delims); j >= 0 {
			ctx = ctx[j:]
		}
		if strings.ContainsAny(ctx, "每第") || reRuleBefore.MatchString(ctx) || reRuleAfter.MatchString(s[loc[1]:]) {
			continue
		}
		if reBarOfCount.MatchString(string(rs[max(0, i-20):i])) && reAmount.MatchString(s[loc[0]:loc[1]]) {
			continue
		}
		// 个人, 名单 … are words, not units
		if w := s[loc[0]:]; regexp.MustCompile(`^[0-9.]+(个人|名单|人员|家庭|天然)`).MatchString(w) {
			continue
		}
		n++
	}
	return n
}

// templateProse collects the literal text of a template's prose: the
// figures left in it were not made fields.
func templateProse(t *schema.Template) string {
	var b strings.Builder
	lit := func(p schema.Prose) {
		for _, s := range p.Segs {
			if s.Slot == nil {
				b.WriteString(s.Text)
			}
			b.WriteString("\n")
		}
	}
	lit(t.Title)
	for _, p := range t.Opening {
		lit(p.Text)
	}
	var walk func(ps []*schema.Part)
	walk = func(ps []*schema.Part) {
		for _, p := range ps {
			for _, h := range p.Headings {
				lit(h)
			}
			for _, q := range p.Paragraphs {
				lit(q.Text)
			}
			walk(p.Parts)
		}
	}
	walk(t.Sections)
	for _, p := range t.Closing {
		lit(p.Text)
	}
	return b.String()
}

type sampleRow struct {
	name                    string
	chars                   int
	removed                 int
	sim                     float64
	figures, captured       int
	fields, placeholders    int
	headings, years, levels int
}

func checkSample(t *testing.T, name string, data []byte) sampleRow {
	paras, prep, err := Paragraphs(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	res, tpl, draft := roundTrip(t, name, data)
	want := normalize(strings.Join(paras, "\n"))
	got := normalize(draft)
	row := sampleRow{name: name, chars: len([]rune(want)), sim: similarity(want, got), fields: res.Report.Fields,
		placeholders: res.Report.Placeholders, headings: res.Report.Headings, years: res.Report.Years}
	for _, r := range prep.Removed {
		row.removed += len([]rune(r))
	}
	row.figures = countFigures(strings.Join(paras, "\n"))
	left := countFigures(templateProse(tpl))
	row.captured = row.figures - left
	return row
}

func TestSamplesRoundTrip(t *testing.T) {
	files := sampleFiles(t)
	var rows []sampleRow
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		row := checkSample(t, filepath.Base(f), data)
		rows = append(rows, row)
		if row.sim < 0.99 {
			t.Errorf("%s: similarity %.4f < 0.99", row.name, row.sim)
		}
		if row.figures > 0 && float64(row.captured) < 0.97*float64(row.figures) {
			t.Errorf("%s: %d of %d figures captured (< 97%%)", row.name, row.captured, row.figures)
		}
	}
	var b strings.Builder
	fmt.Fprintln(&b, "| sample | chars | furniture removed | similarity | figures with units | captured | fields | of which X | headings | years |")
	fmt.Fprintln(&b, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		pct := 100.0
		if r.figures > 0 {
			pct = 100 * float64(r.captured) / float64(r.figures)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.2f%% | %d | %d (%.1f%%) | %d | %d | %d | %d |\n",
			r.name, r.chars, r.removed, 100*r.sim, r.figures, r.captured, pct, r.fields, r.placeholders, r.headings, r.years)
	}
	t.Log("\n" + b.String())
}
