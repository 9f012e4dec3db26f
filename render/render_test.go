package render

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files: testdata/render, testdata/docx and docx/skeleton.docx")

const testdataDir = "../testdata/render"

func loadFull(t testing.TB) (*schema.Template, *schema.Answers) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(testdataDir, "full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := schema.Load("full.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := schema.LoadAnswersFile(filepath.Join(testdataDir, "full-answers.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return tpl, a
}

func buildFull(t testing.TB) (*schema.Template, *schema.Answers, *Document) {
	tpl, a := loadFull(t)
	return tpl, a, buildPrev(t, tpl, a)
}

// buildPrev builds with last year's answers, as --previous does.
func buildPrev(t testing.TB, tpl *schema.Template, a *schema.Answers) *Document {
	vs := tpl.Evaluate(a)
	prev, err := schema.LoadAnswersFile(filepath.Join(testdataDir, "previous.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	vs.Prev = tpl.Evaluate(prev)
	return Build(vs)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join(testdataDir, name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden (go test ./render -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestGoldenMarkdownAndText(t *testing.T) {
	_, _, doc := buildFull(t)
	var md, txt bytes.Buffer
	if err := WriteMarkdown(&md, doc); err != nil {
		t.Fatal(err)
	}
	if err := WriteText(&txt, doc); err != nil {
		t.Fatal(err)
	}
	golden(t, "full.md", md.Bytes())
	golden(t, "full.txt", txt.Bytes())
	if len(doc.Missing) != 0 {
		t.Errorf("missing = %+v", doc.Missing)
	}
}

func TestNumberingFollowsWhatIsIncluded(t *testing.T) {
	tpl, a := loadFull(t)
	headings := func(doc *Document) string {
		var out []string
		for _, p := range doc.Paras {
			if p.Level > 0 {
				out = append(out, p.Number+PlainText(p.Heading))
			}
		}
		return strings.Join(out, "|")
	}
	doc := Build(tpl.Evaluate(a))
	// 工业项目 is the only 1. under （二）: a list of one is not numbered
	want := "一、聚焦经济发展，在项目建设上求突破|（一）财政收入。|（二）项目建设|工业项目|（1）新开工项目|（2）续建项目|二、党的建设|三、明年工作计划"
	if got := headings(doc); got != want {
		t.Errorf("headings:\n got %s\nwant %s", got, want)
	}
	a.SetOmitted("经济", true)
	a.Set("有疫情", schema.Raw{Text: "是"})
	a.Set("亮点", schema.Raw{IsList: true, List: []string{"建成便民服务中心"}})
	a.SetHeading("经济", 0)
	want = "一、党的建设|二、特色亮点|三、疫情防控|四、明年工作计划"
	if got := headings(Build(tpl.Evaluate(a))); got != want {
		t.Errorf("after omitting 经济 and filling optional parts:\n got %s\nwant %s", got, want)
	}
	a.SetOmitted("经济", false)
	a.SetOmitted("经济.财政", true)
	if got := headings(Build(tpl.Evaluate(a))); !strings.HasPrefix(got, "一、经济发展稳中有进|项目建设|工业项目|（1）新开工项目") {
		t.Errorf("after omitting an item: %s", got)
	}
}

func TestMissingFigure(t *testing.T) {
	tpl, a := loadFull(t)
	a.Delete("发展党员")
	doc := buildPrev(t, tpl, a)
	var md bytes.Buffer
	WriteMarkdown(&md, doc)
	s := md.String()
	if n := strings.Count(s, "【待填:发展党员】"); n != 2 { // 发展党员 itself and the inline sum that uses it
		t.Errorf("markers = %d, want 2:\n%s", n, s)
	}
	if !strings.Contains(s, "发展党员【待填:发展党员】名") {
		t.Errorf("marker not in place:\n%s", s)
	}
	if len(doc.Missing) != 1 || doc.Missing[0].Field != "发展党员" || doc.Missing[0].Section != "党建" {
		t.Errorf("missing = %+v, want exactly 发展党员 in 党建", doc.Missing)
	}
	// A computed figure waiting for an input lists the input, not itself.
	a.Delete("目标")
	doc = buildPrev(t, tpl, a)
	if !strings.Contains(PlainText(doc.Paras[2].Body), "【待填:完成率】") {
		t.Errorf("computed marker missing: %s", PlainText(doc.Paras[2].Body))
	}
	var ids []string
	for _, m := range doc.Missing {
		ids = append(ids, m.Field)
	}
	if strings.Join(ids, ",") != "目标,发展党员" {
		t.Errorf("missing ids = %v", ids)
	}
}

func TestNotApplicableDropsSentence(t *testing.T) {
	tpl, a := loadFull(t)
	doc := Build(tpl.Evaluate(a))
	text := allText(doc)
	if strings.Contains(text, "志愿者") {
		t.Errorf("sentence with 不适用 field kept: %s", text)
	}
	if !strings.Contains(text, "全镇共有党员1024名。") {
		t.Errorf("neighbouring sentence lost or not closed with 。: %s", text)
	}
	// All sentences of a paragraph not applicable: the paragraph goes.
	a.Set("投资", schema.Raw{Text: "不适用"})
	a.Set("项目数", schema.Raw{Text: "不适用"})
	doc = Build(tpl.Evaluate(a))
	for _, p := range doc.Paras {
		if p.Part == "经济.项目" && len(p.Body) > 0 {
			t.Errorf("paragraph kept: %s", PlainText(p.Body))
		}
	}
}

func allText(doc *Document) string {
	var b strings.Builder
	for _, p := range doc.Paras {
		b.WriteString(PlainText(p.Heading) + PlainText(p.Body) + "\n")
	}
	return b.String()
}

func TestTypeset(t *testing.T) {
	tests := []struct{ in, want string }{
		{"共 300 家", "共300家"},
		{"完成, 整改", "完成，整改"},
		{"1,000元", "1,000元"},
		{"10:30召开", "10:30召开"},
		{"如下:", "如下："},
		{"完成.", "完成。"},
		{"1.2万", "1.2万"},
		{`开展"打非治违"行动`, "开展“打非治违”行动"},
		{"(一)标题", "（一）标题"},
		{"任务;二是", "任务；二是"},
		{"完成任务。。", "完成任务。"},
		{"完成任务，。", "完成任务。"},
		{"Windows 10 系统", "Windows 10系统"},
		{"GDP 增长 6.5 %", "GDP增长6.5%"},
		{"真的吗?好!", "真的吗？好！"},
		{"don't", "don't"},
		{"甲　乙", "甲　乙"},
		{"甲 乙", "甲乙"},
	}
	for _, tt := range tests {
		if got := Typeset(tt.in); got != tt.want {
			t.Errorf("Typeset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTidySpaces: the white space of a typed sentence is made what the
// draft writes, and nothing else changes; the draft of a sentence tidied
// is the draft of the sentence.
func TestTidySpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"举办非遗展演活动\t3场", "举办非遗展演活动3场"},
		{" 共 300 家, 其中 5G 基站 12 个 ", "共300家,其中5G基站12个"},
		{"Windows \t 10 系统", "Windows 10系统"},
		{"甲　乙", "甲　乙"},
		{"甲\u00a0\r\n乙", "甲乙"},
		{"完成.", "完成."},
	}
	for _, tt := range tests {
		if got := TidySpaces(tt.in); got != tt.want {
			t.Errorf("TidySpaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if a, b := Typeset(TidySpaces(tt.in)), Typeset(tt.in); a != b {
			t.Errorf("Typeset(TidySpaces(%q)) = %q, Typeset = %q", tt.in, a, b)
		}
	}
}

func TestChinese(t *testing.T) {
	tests := map[int]string{0: "零", 1: "一", 10: "十", 12: "十二", 20: "二十", 21: "二十一", 100: "一百", 105: "一百零五", 110: "一百一十", 1001: "一千零一", 2024: "二千零二十四"}
	for n, want := range tests {
		if got := Chinese(n); got != want {
			t.Errorf("Chinese(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFilters(t *testing.T) {
	f := func(typ schema.FieldType, unit string) *schema.Field {
		return &schema.Field{ID: "x", Label: "x", Type: typ, Unit: unit}
	}
	num := func(s string) schema.Value {
		q, err := schema.ParseQuantity(s, "")
		if err != nil {
			t.Fatal(err)
		}
		return schema.Value{State: schema.Set, Num: q, Text: q.String()}
	}
	list := schema.Value{State: schema.Set, List: []string{"建立台账。", "开展培训", "强化督查；"}}
	tests := []struct {
		f       *schema.Field
		v       schema.Value
		filters []string
		want    string
	}{
		{f(schema.Money, "元"), num("12345678"), []string{"万元"}, "1234.57万元"},
		{f(schema.Money, "万元"), num("12345"), []string{"亿元"}, "1.23亿元"},
		{f(schema.Money, "元"), num("约1.2亿"), []string{"万元"}, "约12000万元"},
		{f(schema.Integer, "人"), num("12000"), []string{"万"}, "1.2万"},
		{f(schema.Integer, "人"), num("300余"), []string{"单位"}, "300余人"},
		{f(schema.Percent, ""), num("95.5"), nil, "95.5%"},
		{f(schema.Number, ""), num("95.456"), []string{"1位小数", "%"}, "95.5%"},
		{f(schema.Integer, ""), num("3"), []string{"中文"}, "三"},
		{f(schema.Percent, ""), num("5.6"), []string{"增减"}, "增长5.6%"},
		{f(schema.Percent, ""), num("-3.2"), []string{"增减"}, "下降3.2%"},
		{f(schema.Percent, ""), num("0"), []string{"增减"}, "持平"},
		{f(schema.Number, "个百分点"), num("-1.5"), []string{"增减", "单位"}, "降低1.5个百分点"},
		{f(schema.Integer, "家"), num("约-12"), []string{"增减", "单位"}, "减少约12家"},
		{f(schema.Integer, "家"), num("12"), []string{"增减"}, "增加12家"},
		{f(schema.Money, "万元"), num("1200"), []string{"增减"}, "增加1200万元"},
		{f(schema.Number, "个百分点"), num("0"), []string{"增减"}, "持平"},
		{f(schema.Percent, ""), num("5.6左右"), []string{"增减"}, "增长5.6%左右"},
		{f(schema.Percent, ""), num("5.6左右"), nil, "5.6%左右"},
		{f(schema.Integer, "家"), num("300余"), []string{"单位"}, "300余家"},
		{f(schema.Integer, "家"), num("300以上"), []string{"单位"}, "300家以上"},
		{f(schema.List, ""), list, nil, "建立台账、开展培训和强化督查"},
		{f(schema.List, ""), list, []string{"一是"}, "一是建立台账；二是开展培训；三是强化督查"},
		{f(schema.List, ""), list, []string{"或"}, "建立台账、开展培训或强化督查"},
		{f(schema.List, ""), list, []string{"分号"}, "建立台账；开展培训；强化督查"},
	}
	for _, tt := range tests {
		got, err := formatValue(tt.f, tt.v, tt.filters, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s %v|%v = %q, %v; want %q", tt.f.Type, tt.v.Text, tt.filters, got, err, tt.want)
		}
	}
	if _, err := formatValue(f(schema.Text, ""), schema.Value{State: schema.Set, Text: "a"}, []string{"万"}, nil); err == nil {
		t.Error("万 on text: want error")
	}
	if _, err := formatValue(f(schema.Money, ""), num("1"), []string{"同比"}, nil); err == nil {
		t.Error("同比 without previous values: want error")
	}
}

func TestMarkdownEscapes(t *testing.T) {
	doc := &Document{Title: "标题*加粗*", Paras: []Para{{Body: []Span{{Text: "1. 不是列表 <b> [链接]"}}}, {Level: 1, Number: "一、", Heading: []Span{{Text: "#号"}}}}}
	var b bytes.Buffer
	WriteMarkdown(&b, doc)
	want := "# 标题\\*加粗\\*\n\n1\\. 不是列表 \\<b\\> \\[链接\\]\n\n## 一、\\#号\n\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func BenchmarkBuildMarkdown(b *testing.B) {
	tpl, a := loadFull(b)
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteMarkdown(&buf, Build(tpl.Evaluate(a))); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDraftingDetails(t *testing.T) {
	src := `id: d
name: d
title: t
sections:
  - id: 生产
    heading: 粮食生产
    fields:
      - {id: 产量, type: number, unit: 吨}
      - {id: 面积, type: number, unit: 亩}
      - {id: 做法, type: list}
      - {id: 日子, type: date}
    text: 全年产粮{产量}吨，种植{面积}亩，{做法|一是}。{日子|月日}召开现场会。
  - id: 环保
    heading: 生态环保
    fields:
      - {id: 整治, type: integer, unit: 家}
    text: 整治{整治}家。
  - id: 亮点
    heading: 特色亮点
    optional: true
    fields:
      - {id: 亮点说明, type: text, default: 亮点纷呈}
    text: "{亮点说明}。"
`
	tpl, err := schema.Load("d.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := schema.NewAnswers(tpl)
	a.Set("产量", schema.Raw{Text: "18左右"})
	a.Set("面积", schema.Raw{Text: "300以上"})
	a.Set("做法", schema.Raw{IsList: true, List: []string{"推广稻油轮作。"}})
	a.Set("日子", schema.Raw{Text: "2022-04-15"})
	a.Set("整治", schema.Raw{Text: schema.NotApplicable})
	text := allText(Build(tpl.Evaluate(a)))
	want := "粮食生产\n全年产粮18吨左右，种植300亩以上，推广稻油轮作。4月15日召开现场会。\n"
	if text != want {
		t.Errorf("got\n%s\nwant\n%s(the all-不适用 part and the optional part with only a default must vanish)", text, want)
	}
}

func TestJoinedConditionalSentence(t *testing.T) {
	src := `id: j
name: j
title: t
sections:
  - id: 项目
    heading: 项目建设
    fields:
      - {id: 新建项目, type: integer, unit: 个}
      - {id: 投资, type: number, unit: 亿元}
    paragraphs:
      - 全年实施项目{新建项目}个。
      - {text: "完成投资{投资}亿元。", when: "投资 > 0", join: true}
      - 另起一段。
`
	tpl, err := schema.Load("j.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := schema.NewAnswers(tpl)
	a.Set("新建项目", schema.Raw{Text: "5"})
	a.Set("投资", schema.Raw{Text: "3.2"})
	if got, want := allText(Build(tpl.Evaluate(a))), "项目建设\n全年实施项目5个。完成投资3.2亿元。\n另起一段。\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	a.Set("投资", schema.Raw{Text: "0"})
	if got, want := allText(Build(tpl.Evaluate(a))), "项目建设\n全年实施项目5个。\n另起一段。\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestUnreadableValueStays: a figure the clerk typed that cannot be read
// (一千五百 for a number) keeps its sentence and its optional part, shows
// 【待填】 and is listed as missing — whatever the condition on it says —
// instead of the sentence going unseen.
func TestUnreadableValueStays(t *testing.T) {
	src := `id: u
name: u
title: t
sections:
  - id: 安全
    heading: 安全生产
    optional: true
    fields:
      - {id: 检查企业, type: integer, unit: 家}
      - {id: 发现隐患, type: integer, unit: 处}
    paragraphs:
      - {text: "共检查企业{检查企业}家。", when: "检查企业 != nil"}
      - {text: "发现隐患{发现隐患}处。", when: "发现隐患 > 0"}
`
	tpl, err := schema.Load("u.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ field, value, want string }{
		{"检查企业", "一千五百", "安全生产\n共检查企业【待填:检查企业】家。\n"},
		{"发现隐患", "三百", "安全生产\n发现隐患【待填:发现隐患】处。\n"},
		{"检查企业", "1500", "安全生产\n共检查企业1500家。\n"},
	} {
		a := schema.NewAnswers(tpl)
		a.Set(tc.field, schema.Raw{Text: tc.value})
		doc := Build(tpl.Evaluate(a))
		if got := allText(doc); got != tc.want {
			t.Errorf("%s: %s: got %q, want %q", tc.field, tc.value, got, tc.want)
		}
		if bad := tc.value != "1500"; bad && (len(doc.Missing) != 1 || doc.Missing[0].Field != tc.field) {
			t.Errorf("%s: %s: missing = %+v, want it listed", tc.field, tc.value, doc.Missing)
		}
	}
}

// TestNumberingSkipsALevel: numbering: "1." under 一、 gives 1. 2. items
// with the level-3 look, and theirs are （1）; without it, （一）.
func TestNumberingSkipsALevel(t *testing.T) {
	src := `id: n
name: n
title: t
sections:
  - id: 问题
    heading: 存在的问题
    numbering: "1."
    items:
      - heading: 发展不平衡
        items:
          - {heading: 产业单一, text: 产业结构单一。}
          - {heading: 后劲不足, text: 发展后劲不足。}
      - {heading: 基础薄弱, text: 基础设施薄弱。, runin: true}
  - id: 计划
    heading: 工作计划
    items:
      - {heading: 抓党建, text: 抓好党建。}
      - {heading: 抓发展, text: 抓好发展。}
`
	tpl, err := schema.Load("n.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	doc := Build(tpl.Evaluate(nil))
	var got []string
	for _, p := range doc.Paras {
		if p.Number != "" {
			got = append(got, fmt.Sprintf("%d %s%s", p.Level, p.Number, PlainText(p.Heading)))
		}
	}
	want := []string{"1 一、存在的问题", "3 1.发展不平衡", "4 （1）产业单一", "4 （2）后劲不足", "3 2.基础薄弱。", "1 二、工作计划", "2 （一）抓党建", "2 （二）抓发展"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// the Word draft gives the 1. items the level-3 style
	parts := writeDocx(t, doc, DocxOptions{})
	if !strings.Contains(parts["word/document.xml"], `<w:pStyle w:val="Heading3"/>`) {
		t.Error("no Heading3 paragraph for the 1. items")
	}
}

// TestYearOnYearBadPrevious: last year's answer that is no number makes
// 同比 say so, with its place in last year's file, not 缺上年数据.
func TestYearOnYearBadPrevious(t *testing.T) {
	tpl, err := schema.Load("y.yaml", []byte("id: y\nname: y\ntitle: y\nsections:\n  - heading: 一\n    fields: [{id: x, type: integer, unit: 家}]\n    text: 检查{x}家，{x|同比}。\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	load := func(name, src string) *schema.Answers {
		a, err := schema.LoadAnswers(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	vs := tpl.Evaluate(load("a.yaml", "values:\n  x: 5\n"))
	vs.Prev = tpl.Evaluate(load("prev.yaml", "values:\n  x: 很多\n"))
	var md bytes.Buffer
	if err := WriteMarkdown(&md, Build(vs)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "上年答案 prev.yaml:2:6 的值“很多”不对") {
		t.Errorf("draft:\n%s", md.String())
	}
}

// TestYearOnYearPercent: 同比 of a percentage compares by points
// (报销比例 80% → 85% is 同比提高5个百分点), not by a growth of the rate.
func TestYearOnYearPercent(t *testing.T) {
	tpl, err := schema.Load("y.yaml", []byte("id: y\nname: y\ntitle: y\nsections:\n  - heading: 一\n    fields: [{id: x, type: percent}]\n    text: 比例达到{x}，{x|同比}。\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ now, then, want string }{
		{"85", "80", "比例达到85%，同比提高5.0个百分点。"},
		{"97.2", "97.8", "比例达到97.2%，同比下降0.6个百分点。"},
		{"90", "90", "比例达到90%，与上年持平。"},
	} {
		a, _ := schema.LoadAnswers("a.yaml", []byte("values:\n  x: "+tc.now+"\n"))
		p, _ := schema.LoadAnswers("p.yaml", []byte("values:\n  x: "+tc.then+"\n"))
		vs := tpl.Evaluate(a)
		vs.Prev = tpl.Evaluate(p)
		var md bytes.Buffer
		if err := WriteMarkdown(&md, Build(vs)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(md.String(), tc.want) {
			t.Errorf("%s after %s:\n%s\nwant %s", tc.now, tc.then, md.String(), tc.want)
		}
	}
}

// TestSentenceItems: numbered sentences with nothing under them (a plan's
// 1.新建助餐点5个。) are body paragraphs with their number run in and
// their 。 kept — not headings that Word keeps with the next paragraph,
// which pushed a run of them and the closing onto the next page.
func TestSentenceItems(t *testing.T) {
	src := `id: s
name: s
title: s
sections:
  - heading: 工作计划
    items:
      - {heading: 力争新增就业2200人, runin: true}
      - {heading: 新建助餐点5个, runin: true}
`
	tpl, err := schema.Load("s.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	doc := Build(tpl.Evaluate(nil))
	items := 0
	for _, p := range doc.Paras {
		if p.Level == 2 {
			if !p.Item || p.IsHeading() || !strings.HasSuffix(PlainText(p.Heading), "。") {
				t.Errorf("%q: item %v heading %v", PlainText(p.Heading), p.Item, p.IsHeading())
			}
			items++
		}
	}
	if items != 2 {
		t.Fatalf("%d items", items)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "**（二）新建助餐点5个。**") {
		t.Errorf("markdown:\n%s", md.String())
	}
	var out bytes.Buffer
	if err := WriteDocx(&out, doc, DocxOptions{}); err != nil {
		t.Fatal(err)
	}
	body := docxParts(t, out.Bytes())["word/document.xml"]
	if strings.Count(body, `<w:pStyle w:val="Heading`) != 1 { // 工作计划 alone
		t.Errorf("items written as headings:\n%s", body)
	}
}

// A 不适用 figure after a sentence's first comma takes only its clause;
// in the first clause, or when what is left says no figure, the sentence.
func TestNotApplicableTakesItsClause(t *testing.T) {
	tpl, err := schema.Load("t.yaml", []byte(`id: t
name: t
title: t
sections:
  - id: s
    heading: 一
    fields:
      - {id: a, type: integer, unit: 件}
      - {id: b, type: integer, unit: 件}
      - {id: c, type: integer, unit: 件}
      - {id: w, type: text}
    text: 收到交办件{a}件，其中退转{b}件，已办结{c}件。目前，在办{b}件。全年共办结{c}件，同比多{b}件。
  - id: t
    heading: 二
    fields:
      - {id: d, type: integer, unit: 次}
      - {id: e, type: integer, unit: 处}
      - {id: f, type: integer, unit: 处}
    text: 今年以来，组织拆违{d}次，拆除违建{e}处，其中存量违建{f}处，群众反映良好。排查隐患{e}处。其中重大隐患{f}处。在{w}的领导下，完成拆违{d}次。
  - id: u
    heading: 三
    fields:
      - {id: g, type: integer, unit: 起}
      - {id: h, type: integer, unit: 起}
    paragraphs:
      - text: 排查纠纷{g}起。
      - {text: '调解{h}起。', when: h != nil, join: true}
      - {text: '其中重大纠纷{f}起。', join: true}
      - {text: '化解积案{d}件。', join: true}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ values, want string }{
		{"a: 20\n  b: 不适用\n  c: 18", "收到交办件20件，已办结18件。全年共办结18件。"},
		{"a: 不适用\n  b: 2\n  c: 18", "目前，在办2件。全年共办结18件，同比多2件。"},
		{"a: 20\n  b: 2\n  c: 不适用", "收到交办件20件，其中退转2件。目前，在办2件。"},
		// the 其中 clause goes with its whole, the words after it stay
		{"d: 105\n  e: 不适用\n  f: 82\n  w: 县委", "今年以来，组织拆违105次，群众反映良好。在县委的领导下，完成拆违105次。"},
		// a 不适用 in the head clause (after 今年以来) takes the sentence,
		// and the 其中 sentence after it; the word slot is no figure
		{"d: 不适用\n  e: 3\n  f: 1\n  w: 县委", "## 二、二\n\n排查隐患3处。其中重大隐患1处。\n"},
		// a 其中 paragraph goes with the one its figure is part of, even
		// past one whose condition did not hold; one after it stays
		{"d: 5\n  e: 3\n  f: 1\n  g: 不适用", "## 三、三\n\n化解积案5件。"},
		{"d: 5\n  e: 3\n  f: 1\n  g: 9", "## 三、三\n\n排查纠纷9起。其中重大纠纷1起。化解积案5件。"},
	} {
		a, err := schema.LoadAnswers("a.yaml", []byte("values:\n  "+tc.values+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		var md bytes.Buffer
		if err := WriteMarkdown(&md, Build(tpl.Evaluate(a))); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(md.String(), tc.want) {
			t.Errorf("%q:\n%s\nwant %s", tc.values, md.String(), tc.want)
		}
	}
}
