package importer

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite this package's golden files (the coverage table in docs/templates.md)")

// coverageGoal is the share of a township sample's figures (numbers with
// a unit) that must have a field in the template that matches it.
const coverageGoal = 2.0 / 3

// A coverage map says, for one sample report, which field of which
// built-in template holds each of its figures: field id → the figure as
// the sample writes it with a few characters before it (or a list of
// them, for a field the sample gives twice). The figures of a sample no
// entry names have no field.
type coverageMap struct {
	Sample   string         `yaml:"sample"`
	Template string         `yaml:"template"`
	Figures  map[string]any `yaml:"figures"`
}

// A sample figure and the field that holds it ("" when none).
type sampleFigure struct {
	figure
	field string
}

// sampleText is a report as the importer reads it, without whitespace,
// one paragraph a line, and its figures with a unit, in order.
func sampleText(t *testing.T, path string) ([]rune, []*sampleFigure) {
	t.Helper()
	name := filepath.Base(path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	paras, _, err := Paragraphs(name, data)
	if err != nil {
		t.Fatal(err)
	}
	var text []rune
	var figs []*sampleFigure
	for _, p := range paras {
		rs := []rune(squashSpace(p))
		for _, f := range scanFigures(rs, 0) {
			if f.unit == "" || f.date || f.isYear {
				continue
			}
			f.start += len(text)
			f.end += len(text)
			figs = append(figs, &sampleFigure{figure: f})
		}
		text = append(append(text, rs...), '\n')
	}
	return text, figs
}

func squashSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// unitFits reports whether a field holds a figure of the sample's unit:
// the same unit, a percent for %, money for money, or a unit reports use
// for the same thing (名/人, 起/件/宗 for cases, 场/场次/次 for events,
// 处/条/项/个 for hazards and problems, ㎡/平方米), which the draft then
// writes in the field's unit; a unit with 万 (万亩) fits the field in the
// plain unit, where the clerk types 2万.
func unitFits(f *schema.Field, unit string) bool {
	same := map[string]string{"名": "人", "起": "件", "宗": "件", "场": "次", "场次": "次", "条": "处", "项": "处", "个": "处", "批次": "批", "㎡": "平方米", "m²": "平方米", "m2": "平方米", "％": "%"}
	norm := func(u string) string {
		if s, ok := same[u]; ok {
			return s
		}
		return u
	}
	switch {
	case norm(unit) == "%":
		return f.Type == schema.Percent || f.Unit == "%"
	case units[unit] == kindMoney:
		return f.Type == schema.Money || units[f.Unit] == kindMoney
	}
	// 2万亩 goes into a field in 亩 as 2万
	return norm(f.Unit) == norm(unit) || norm(f.Unit) == norm(strings.TrimPrefix(unit, "万"))
}

type coverageRow struct {
	sample, template string
	figures, held    int
}

// TestTownshipCoverage measures, for each township sample, how many of
// its figures have a field in the matching built-in template
// (testdata/coverage/*.yaml), checks each named field exists with the
// sample's unit, and keeps the table in docs/templates.md current.
func TestTownshipCoverage(t *testing.T) {
	sampleFiles(t)
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	maps, _ := filepath.Glob(filepath.Join("..", "testdata", "coverage", "*.yaml"))
	if len(maps) == 0 {
		t.Fatal("no coverage maps in testdata/coverage")
	}
	var rows []coverageRow
	for _, mf := range maps {
		row := measureMap(t, set, mf, samplesDir)
		if float64(row.held) < coverageGoal*float64(row.figures) {
			t.Errorf("%s: %d of %d figures have a field in %s, want at least two thirds", row.sample, row.held, row.figures, row.template)
		}
		rows = append(rows, row)
	}
	table := coverageTable(rows)
	t.Log("\n" + table)
	checkDocTable(t, table)
}

// measureMap reads one coverage map, checks each field it names exists
// with the report's unit, and counts the report's figures that have one;
// the report is the map's sample, in dir.
func measureMap(t *testing.T, set *templates.Set, mf, dir string) coverageRow {
	t.Helper()
	src, err := os.ReadFile(mf)
	if err != nil {
		t.Fatal(err)
	}
	var cm coverageMap
	if err := yaml.Unmarshal(src, &cm); err != nil {
		t.Fatalf("%s: %v", mf, err)
	}
	tpl, err := set.Load(cm.Template)
	if err != nil {
		t.Fatalf("%s: %v", mf, err)
	}
	text, figs := sampleText(t, filepath.Join(dir, cm.Sample))
	ids := make([]string, 0, len(cm.Figures))
	for id := range cm.Figures {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		f := tpl.Field(id)
		if f == nil {
			t.Errorf("%s: %s has no field %q", mf, cm.Template, id)
			continue
		}
		var anchors []string
		switch v := cm.Figures[id].(type) {
		case string:
			anchors = []string{v}
		case []any:
			for _, a := range v {
				anchors = append(anchors, fmt.Sprint(a))
			}
		default:
			t.Errorf("%s: %s: want the figure as the sample writes it, got %v", mf, id, v)
		}
		for _, a := range anchors {
			fig := holdFigure(text, figs, []rune(squashSpace(render.Typeset(a))), id)
			switch {
			case fig == nil:
				t.Errorf("%s: %s: %q is not in %s, or holds no figure not yet held", mf, id, a, cm.Sample)
			case !unitFits(f, fig.unit):
				fig.field = ""
				t.Errorf("%s: %s: the sample writes %q in %s, the field's unit is %q", mf, id, a, fig.unit, f.Unit)
			}
		}
	}
	row := coverageRow{sample: cm.Sample, template: cm.Template, figures: len(figs)}
	for _, f := range figs {
		if f.field != "" {
			row.held++
		}
	}
	if testing.Verbose() {
		for _, f := range figs {
			if f.field == "" {
				t.Logf("%s: no field: %s", cm.Sample, string(text[max(0, f.start-14):min(len(text), f.end+len([]rune(f.unit)))]))
			}
		}
	}
	return row
}

// TestHeldOutCoverage measures reports kept outside the repo (their text
// may not be copied into it): NIGAO_COVERAGE_DIR names a folder of
// reports and coverage maps of the same form as testdata/coverage, and
// the test logs their table. It has no goal: the reports are whatever
// the one measuring brought. Run it with -count=1: the test cache does
// not see a changed map.
func TestHeldOutCoverage(t *testing.T) {
	dir := os.Getenv("NIGAO_COVERAGE_DIR")
	if dir == "" {
		t.Skip("NIGAO_COVERAGE_DIR names no folder of reports and coverage maps")
	}
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	maps, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(maps) == 0 {
		t.Fatalf("no coverage maps (*.yaml) in %s", dir)
	}
	var rows []coverageRow
	for _, mf := range maps {
		rows = append(rows, measureMap(t, set, mf, dir))
	}
	t.Log("\n" + coverageTable(rows))
}

// holdFigure finds anchor in the text where it contains a figure not yet
// held, and gives the last such figure (an anchor ends with its figure)
// to field; nil when there is none.
func holdFigure(text []rune, figs []*sampleFigure, anchor []rune, field string) *sampleFigure {
	for i := 0; i+len(anchor) <= len(text); i++ {
		if string(text[i:i+len(anchor)]) != string(anchor) {
			continue
		}
		var last *sampleFigure
		for _, f := range figs {
			if f.field == "" && f.start >= i && f.start < i+len(anchor) {
				last = f
			}
		}
		if last != nil {
			last.field = field
			return last
		}
	}
	return nil
}

func coverageTable(rows []coverageRow) string {
	var b strings.Builder
	b.WriteString("| 样稿 | 模板 | 带单位的数字 | 有字段的 | 占比 |\n|---|---|---|---|---|\n")
	var all, held int
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | `%s` | %d | %d | %.0f%% |\n", r.sample, r.template, r.figures, r.held, 100*float64(r.held)/float64(r.figures))
		all += r.figures
		held += r.held
	}
	fmt.Fprintf(&b, "| 合计 | | %d | %d | %.0f%% |\n", all, held, 100*float64(held)/float64(all))
	return b.String()
}

// The table lives in docs/templates.md between these lines.
const (
	tableStart = "<!-- coverage: go test ./importer -run TestTownshipCoverage -update -->\n"
	tableEnd   = "<!-- /coverage -->\n"
)

func checkDocTable(t *testing.T, table string) {
	t.Helper()
	doc := filepath.Join("..", "docs", "templates.md")
	src, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i, j := strings.Index(s, tableStart), strings.Index(s, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("docs/templates.md has no coverage table between %q and %q", tableStart, tableEnd)
	}
	have := s[i+len(tableStart) : j]
	if have == table {
		return
	}
	if *update {
		if err := os.WriteFile(doc, []byte(s[:i+len(tableStart)]+table+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the coverage table in docs/templates.md is not current (go test ./importer -run TestTownshipCoverage -update):\n%s", table)
}
